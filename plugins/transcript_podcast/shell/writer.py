"""The Pelican side of unchanged output: a Writer that neither renders nor rewrites in vain.

Pelican renders and rewrites every page on every build.  This Writer (supplied through the
``get_writer`` signal) skips rendering an episode page whose inputs are those it was last
rendered from (see :mod:`.render_record`): the template sources, the settings, the plugin's
code, the site's page list, the article's own data and its neighbours' links.  Any other page
is rendered as Pelican does, and a page is written to disk only when its bytes differ from the
file already there.  An episode's transcript files are written right after its page (reusing
its transcript HTML); the same record lets them and the audio copies be skipped.

What an episode page may show is thereby fixed: its own article and episode, the previous and
next episode, the site's pages and settings.  A theme that shows more on episode pages (say,
the latest five episodes) must add it to :func:`page_inputs`.  A page not rendered again
sends no ``content_written`` signal.
"""

import json
import logging
import os
from dataclasses import fields
from pathlib import Path

from pelican import __version__ as pelican_version
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from ..core.incremental.render_record import RenderRecord, fingerprint
from ..core.incremental.unchanged_files import ChangedOnlyFile
from .articles import episode_articles, is_episode
from .transcripts import write_article_transcripts

logger = logging.getLogger(__name__)
THIS_BUILD = {}  # "writer" and "static" (names), for the ``finalized`` receiver Pelican
# passes neither
pelican_logger = logging.getLogger("pelican.writers")  # where Pelican's own Writer logs

PLUGIN_FOLDER = Path(__file__).parents[1]  # the whole plugin's code
RECORD = "render-record.json"
OUTPUT_RECORD = "output-record.json"
UNKEYED = "_PODCAST_RECORD_PATH"  # the cache folder before its key, set by content_cache


def record_folder(settings):
    """The cache folder under no key: what earlier builds made must be known to every build,
    whatever key its content cache has (a retraction changes the key)."""
    return settings.get(UNKEYED, settings["CACHE_PATH"])


def folder_sources(*folders):
    """Every file under ``folders``, as (relative name, bytes) parts in a stable order."""
    parts = []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")) if Path(folder).is_dir() else ():
            if path.is_file() and "__pycache__" not in path.parts:
                parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return parts


def site_inputs(settings):
    """What every episode page depends on besides its article: code, templates, settings."""
    templates = [Path(settings["THEME"], "templates")]
    templates += [Path(folder) for folder in settings.get("THEME_TEMPLATES_OVERRIDES", [])]
    plain = json.dumps(settings, sort_keys=True, default=lambda value: type(value).__name__)
    return fingerprint(
        pelican_version, *folder_sources(PLUGIN_FOLDER), *folder_sources(*templates), plain
    )


def episode_inputs(episode):
    """The fingerprint of an :class:`.Episode` (plain tuples: a dataclass ``repr`` of every
    segment took a second per 1,000 episodes)."""
    facts = [getattr(episode, f.name) for f in fields(episode) if f.name != "segments"]
    lines = [
        (s.start, s.text, s.line, s.speaker, s.start_ms, s.end_ms, s.words)
        for s in episode.segments
    ]
    return fingerprint(repr(facts), repr(lines))


def page_inputs(writer, article, context, name, relative_urls):
    """The fingerprint of everything an episode page is rendered from."""
    record = article.episode_build
    metadata = sorted((k, repr(v)) for k, v in article.metadata.items() if k != "episode")
    pages = [(page.url, page.title) for page in context.get("pages", ())]
    return fingerprint(
        writer.site,
        name,
        relative_urls,
        writer.episode_inputs(record.episode),
        repr(metadata),
        repr(pages),
        article.template,
        article.title,
        article.url,
        article.locale_date,
        article.summary,
        article.content,
        article.lang,
        repr(record.enclosure),
        repr(record.transcripts),
        repr(record.narration),
        repr(record.chapters),
        repr(record.previous),
        repr(record.next),
    )


class ChangedOnlyWriter(Writer):
    """Pelican's Writer, except that unchanged episode pages are not rendered again and a
    page with unchanged bytes is not written again."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.record = RenderRecord(Path(record_folder(self.settings), RECORD), output_path)
        self.site = site_inputs(self.settings)
        self.episodes = {}  # id(Episode) → its fingerprint, made once per build
        self.transcripts_written = set()  # id(article)
        self.pages = []  # the episode pages of this build, by output name
        THIS_BUILD["writer"] = self

    def episode_inputs(self, episode):
        if id(episode) not in self.episodes:
            self.episodes[id(episode)] = episode_inputs(episode)
        return self.episodes[id(episode)]

    def write_file(self, name, template, context, relative_urls=False, *args, **kwargs):
        article = kwargs.get("article")
        if not name or article is None or not is_episode(article):
            return super().write_file(name, template, context, relative_urls, *args, **kwargs)
        inputs = page_inputs(self, article, context, name, relative_urls)
        self.pages.append(name)
        if self.record.unchanged([name], inputs):
            self._written_files.add(sanitised_join(self.output_path, name))
        else:
            super().write_file(name, template, context, relative_urls, *args, **kwargs)
            self.record.made(name, inputs, Path(self.output_path, name).read_bytes())
        # Its transcript files now, while the transcript HTML of the page is at hand.
        write_article_transcripts(article, self.output_path, self)
        self.transcripts_written.add(id(article))
        return None

    def page_digests(self):
        """``{episode page: digest of its bytes}`` for the pages checked or written so far."""
        return self.record.digests(self.pages)

    def _open_w(self, filename, encoding, override=False):
        """Pelican's ``Writer._open_w``, except that the file is opened as a
        :class:`.ChangedOnlyFile`.

        A copy, because Pelican offers no way around it: both ``write_file`` and
        ``write_feed`` render straight into what this private method returns, and Pelican's
        version ends in ``open(filename, "w")``, which empties the file before a byte is
        compared.  Calling it and rewriting equal bytes would change every file's time stamp,
        the very thing this Writer avoids.  So its bookkeeping (written once, or once more
        with ``override``) is repeated here line for line, logs included, from Pelican 4.11
        and 4.12 (``pyproject.toml`` keeps Pelican below 5); ``test_changed_only_writer``
        checks both writers answer every sequence of writes alike.
        """
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
            pelican_logger.info('Skipping "%s", not overwriting', filename)
            return open(os.devnull, "w", encoding=encoding)  # the caller closes it
        if filename in self._written_files:
            if not override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" as Pelican has already written to it '
                    "previously (set `override=True` if intended)"
                )
            pelican_logger.info('Overwriting "%s"', filename)
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return ChangedOnlyFile(filename, encoding)


def changed_only_writer(pelican):
    """Receiver for ``get_writer``."""
    return ChangedOnlyWriter


def write_remaining_transcripts(generator, writer):
    """Receiver for ``article_writer_finalized``: the transcript files of every episode that
    the Writer did not already write next to its page (all of them with Pelican's Writer)."""
    ours = isinstance(writer, ChangedOnlyWriter)
    done = writer.transcripts_written if ours else set()
    articles = [a for a in episode_articles(generator) if id(a) not in done]
    for article in sorted(articles, key=lambda a: a.url):
        write_article_transcripts(
            article, generator.settings["OUTPUT_PATH"], writer if ours else None
        )


def save_render_record(generator, writer):
    """Receiver for ``article_writer_finalized`` (after the transcript files and the feed):
    remove what gone episodes left in the output, and keep the record for the next build."""
    if not isinstance(writer, ChangedOnlyWriter):
        return
    record = writer.record
    stale = record.remove_stale()
    if stale:
        logger.info("Removed %d file(s) of episodes no longer published", len(stale))
    logger.info("%d episode page(s) and transcript file(s) were up to date", record.kept)
    record.save()


def made_files(pelican, writer):
    """The output names this build wrote or kept: Pelican's pages and feeds, the plugin's
    recorded files, the static files and the search bundle."""
    output = Path(pelican.output_path)
    names = {Path(f).relative_to(output).as_posix() for f in writer._written_files}
    names |= writer.record.seen
    bundle = Path(output, "pagefind")  # the search bundle, Pagefind's own files
    names |= {p.relative_to(output).as_posix() for p in bundle.rglob("*") if p.is_file()}
    return names | set(THIS_BUILD.get("static", ()))


def remove_unmade_files(pelican):
    """Receiver for ``finalized``: delete every file an earlier build of this project made
    that this build did not (old pagination, removed pages, old slugs, a development
    build's drafts), then the folders left empty, so the output is what a cold build makes."""
    writer = THIS_BUILD.get("writer")
    if not isinstance(writer, ChangedOnlyWriter):
        return
    output = Path(pelican.output_path)
    path = Path(record_folder(pelican.settings), OUTPUT_RECORD)
    try:
        before = set(json.loads(path.read_text(encoding="utf-8")))
    except (FileNotFoundError, ValueError):
        before = set()
    made = made_files(pelican, writer)
    gone = sorted(before - made)
    for name in gone:
        Path(output, name).unlink(missing_ok=True)
        for folder in Path(output, name).parents:
            if folder == output or not folder.is_dir() or any(folder.iterdir()):
                break
            folder.rmdir()
    if gone:
        logger.info("Removed %d file(s) no current source makes", len(gone))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(sorted(made), separators=(",", ":")), encoding="utf-8")


def note_static_files(generator):
    """Receiver for ``static_generator_finalized``."""
    THIS_BUILD["static"] = [f.save_as for f in generator.staticfiles]
