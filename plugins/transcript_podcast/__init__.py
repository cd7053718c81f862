"""Pelican plugin: publish a podcast from its transcripts.

``register()`` only connects module-level receivers (blinker keeps weak references); the
work lives in the pure core modules, and the ``*_output``/``*_shell`` modules adapt it to
Pelican.
"""

from pelican import signals

from . import (
    feed_output,
    narration_output,
    output_writer,
    pelican_shell,
    publishing,
    search_index,
    theme_shell,
    transcript_output,
)


def register():
    """Connect the receivers in the order a build runs them (order matters within a signal)."""
    # Start-up: settings, the content cache's folder, the reader, the writer, the filters.
    signals.initialized.connect(pelican_shell.check_settings)
    signals.initialized.connect(feed_output.check_feed_settings)
    signals.initialized.connect(publishing.key_content_cache)
    signals.readers_init.connect(pelican_shell.add_reader)
    signals.get_writer.connect(output_writer.changed_only_writer)
    signals.generator_init.connect(theme_shell.add_template_filters)
    # Every seed read: settle identities, refuse bad input, then give each episode its audio
    # (narration first, so the feed's enclosures see it) and its neighbours.
    signals.article_generator_pretaxonomy.connect(pelican_shell.settle_identities)
    signals.article_generator_finalized.connect(pelican_shell.stop_on_bad_transcripts)
    signals.article_generator_finalized.connect(publishing.check_guid_lock)
    signals.article_generator_finalized.connect(narration_output.add_narrations)
    signals.article_generator_finalized.connect(feed_output.attach_enclosures)
    signals.article_generator_finalized.connect(theme_shell.link_neighbours)
    signals.all_generators_finalized.connect(publishing.write_sitemap)
    # Episode pages written: transcript files, the feed, the render record, the search index.
    signals.article_writer_finalized.connect(transcript_output.write_transcripts)
    signals.article_writer_finalized.connect(feed_output.write_feed)
    signals.article_writer_finalized.connect(output_writer.save_render_record)
    signals.article_writer_finalized.connect(search_index.index_site)
