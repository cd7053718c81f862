"""Start-up and reading: settings checked, the reader added, identities settled, bad seeds
refused (strict) or named (development)."""

import logging
from pathlib import Path

from ..core.model import TranscriptLink
from ..core.seeds.identity import duplicate_stems, unique_slugs
from ..core.settings import SettingsError, with_defaults
from ..core.transcripts.formats import FORMATS
from .articles import episode_articles, start_record
from .reader import TranscriptReader, is_seed
from .stop import stop

logger = logging.getLogger(__name__)


def check_settings(pelican):
    try:
        with_defaults(pelican.settings)
    except SettingsError as exc:
        stop(str(exc))


def add_reader(readers):
    readers.reader_classes["txt"] = TranscriptReader


def settle_identities(generator):
    """Drop episodes whose stem another seed file also claims; make every slug unique; give
    each episode its build record with its URL and transcript links."""
    duplicates = duplicate_stems(a.metadata["episode"] for a in episode_articles(generator))
    for stem, paths in sorted(duplicates.items()):
        logger.error(
            "%s: the file name %s is used by %s too: an episode's file name is its identity",
            paths[0],
            stem,
            ", ".join(paths[1:]),
        )
    for article in episode_articles(generator):
        if article.metadata["episode"].stem in duplicates:
            generator.articles.remove(article)
            generator._add_failed_source_path(article.relative_source_path)

    articles = episode_articles(generator)
    slugs = unique_slugs(
        [
            (id(a), a.metadata["slug"], a.metadata["episode"].air_date, a.metadata["episode"].stem)
            for a in articles
        ]
    )
    for article in articles:
        wanted, final = article.metadata["slug"], slugs[id(article)]
        if final != wanted:
            logger.warning(
                "%s: another episode has the slug %s; publishing this one as %s",
                article.metadata["episode"].source_path,
                wanted,
                final,
            )
        article.slug = final
        record = start_record(article)
        record.url = article.url  # computed by Pelican on every access: read it once
        record.transcripts = transcript_links(record.url)


def transcript_links(url):
    """Where each transcript format of the episode at ``url`` is published (site-relative)."""
    return tuple(
        TranscriptLink(f.label, f"{url}{f.filename}", f.mime_type, f.timed) for f in FORMATS
    )


def failed_seeds(generator):
    """Seed files the reader could not turn into episodes (their errors are already logged)."""
    return sorted(
        path
        for path, content in generator.context["generated_content"].items()
        if content is None
        and path.endswith(".txt")
        and is_seed(Path(generator.path, path), generator.settings)
    )


def stop_on_bad_transcripts(generator):
    failed = failed_seeds(generator)
    if failed and generator.settings["PODCAST_STRICT"]:
        stop(f"{len(failed)} bad transcript(s): {', '.join(failed)}; nothing was published")
    for path in failed:
        logger.warning("%s was skipped; every other episode is published", path)
