"""Which receiver runs on which Pelican signal, in the order a build runs them.

Receivers are module-level functions (blinker keeps weak references); within a signal they
run in the order they are connected here, and that order is part of the design: each stage
fills its own fields of the episode's :class:`~..core.model.EpisodeBuild`, and a stage that
reads a field before the stage that fills it has run fails loudly.
"""

from pelican import signals

from . import (
    build,
    chapters,
    content_cache,
    content_links,
    feed,
    guid_lock,
    narration,
    search,
    sitemap,
    theme,
    writer,
)


def connect():
    # Start-up: settings, the content cache's folder, the reader, the writer, the filters.
    signals.initialized.connect(build.check_settings)
    signals.initialized.connect(feed.check_feed_settings)
    signals.initialized.connect(narration.check_narration_voice)
    signals.initialized.connect(content_links.refuse_bad_links)
    signals.initialized.connect(content_cache.key_content_cache)
    signals.initialized.connect(guid_lock.forget_unwritten_lock)
    signals.readers_init.connect(build.add_reader)
    signals.get_writer.connect(writer.changed_only_writer)
    signals.generator_init.connect(theme.add_template_filters)
    # Every seed read: refuse bad input, settle identities against the GUID lock (a strict
    # build with any bad seed stops here), then give each episode its audio (narration
    # first), its chapters (which may tag that audio, so before the feed's enclosures
    # measure it) and its neighbours.
    signals.article_generator_pretaxonomy.connect(build.settle_identities)
    signals.article_generator_finalized.connect(narration.add_narrations)
    signals.article_generator_finalized.connect(chapters.add_chapters)
    signals.article_generator_finalized.connect(feed.attach_enclosures)
    signals.article_generator_finalized.connect(theme.link_neighbours)
    signals.page_generator_finalized.connect(content_links.drop_outside_pages)
    signals.static_generator_finalized.connect(content_links.drop_outside_static_files)
    signals.static_generator_finalized.connect(writer.note_static_files)
    signals.all_generators_finalized.connect(sitemap.write_sitemap)
    # Episode pages written: transcript and chapter files, the feed, the render record, the
    # search index.
    signals.article_writer_finalized.connect(writer.write_remaining_transcripts)
    signals.article_writer_finalized.connect(chapters.write_chapter_files)
    signals.article_writer_finalized.connect(feed.write_feed)
    signals.article_writer_finalized.connect(writer.save_render_record)
    signals.article_writer_finalized.connect(search.index_site)
    # Every output written: only now may the GUID lock record this build's episodes.
    signals.finalized.connect(guid_lock.write_guid_lock)
    signals.finalized.connect(writer.remove_unmade_files)
