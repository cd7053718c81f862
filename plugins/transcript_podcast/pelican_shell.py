"""The thin Pelican side: signal receivers that connect the pure core to a build."""

import logging
from pathlib import Path

from .episode import TranscriptLink
from .identity import duplicate_stems, unique_slugs
from .reader import TranscriptReader, is_seed
from .settings import SettingsError, with_defaults
from .transcript_formats import FORMATS

logger = logging.getLogger(__name__)


class BuildStopped(SystemExit):
    """Ends ``pelican`` with exit status 1 and a one-line reason, without a traceback."""

    def __init__(self, reason):
        super().__init__(1)
        self.reason = reason

    def __str__(self):
        return self.reason


def check_settings(pelican):
    try:
        with_defaults(pelican.settings)
    except SettingsError as exc:
        logger.critical("%s", exc)
        raise BuildStopped(str(exc)) from None


def add_reader(readers):
    readers.reader_classes["txt"] = TranscriptReader


def episode_articles(generator):
    return [a for a in generator.articles if "episode" in a.metadata]


def settle_identities(generator):
    """Drop episodes whose stem another seed file also claims; make every slug unique."""
    duplicates = duplicate_stems(a.metadata["episode"] for a in episode_articles(generator))
    for stem, paths in sorted(duplicates.items()):
        logger.error(
            "%s: the file name %s is used by %s too: an episode's file name is its identity",
            paths[0],
            stem,
            ", ".join(paths[1:]),
        )
    for article in list(generator.articles):
        episode = article.metadata.get("episode")
        if episode and episode.stem in duplicates:
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
        article.transcripts = transcript_links(article)


def transcript_links(article):
    """Where each transcript format of ``article`` is published, relative to SITEURL."""
    url = article.url  # computed by Pelican from its settings on every access: read it once
    return [TranscriptLink(f.label, f"{url}{f.filename}", f.mime_type, f.timed) for f in FORMATS]


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
        reason = f"{len(failed)} bad transcript(s): {', '.join(failed)}; nothing was published"
        logger.critical("%s", reason)
        raise BuildStopped(reason)
    for path in failed:
        logger.warning("%s was skipped; every other episode is published", path)
