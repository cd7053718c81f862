"""Pelican reader: a seed transcript file becomes an article carrying its :class:`Episode`.

One reader for every seed format (``.txt``, ``.vtt``, ``.srt``, ``.json``): the core picks
the format by the file's suffix.  Registered for those extensions, Pelican hands it every
such file under ``ARTICLE_PATHS`` instead of ignoring it.
"""

import itertools
import logging
import os
from html import escape
from pathlib import Path

from pelican.readers import BaseReader
from pelican.utils import slugify

from ..core.errors import TranscriptError
from ..core.seeds.files import SEED_SUFFIXES, load_episode, relative_name

logger = logging.getLogger(__name__)


def is_seed(path, settings):
    """True for files under ``ARTICLE_PATHS``: a ``.txt`` (or ``.json``…) anywhere else is
    not an episode."""
    root = Path(os.path.abspath(settings["PATH"]))
    path = Path(os.path.abspath(path))  # a link is judged where it is, not where it leads
    for folder in settings["ARTICLE_PATHS"]:
        base = Path(os.path.abspath(root / folder))
        if path.is_relative_to(base):
            return True
    return False


def notes_html(notes):
    """Plain show notes → escaped HTML paragraphs, one per line."""
    return "\n".join(f"<p>{escape(line)}</p>" for line in notes.splitlines() if line.strip())


def episode_slug(episode, settings):
    """The sidecar's slug, else one from the title, else the stem (titles of only symbols)."""
    if episode.slug:
        return episode.slug
    slug = slugify(
        episode.title,
        regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"],
        preserve_case=False,
        use_unicode=settings["SLUGIFY_USE_UNICODE"],
    )
    return slug or slugify(episode.stem, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])


def every_casing(suffix):
    """``txt``, ``TXT``, ``Txt``…: Pelican matches suffixes exactly, and a transcript saved as
    ``x.TXT`` (as Windows tools do) must not be silently left out."""
    return tuple(
        "".join(letters) for letters in itertools.product(*((c, c.upper()) for c in suffix))
    )


class TranscriptReader(BaseReader):
    """Reads seed transcripts (any casing of their suffixes); files of those types outside
    the seeds are skipped."""

    enabled = True
    file_extensions = tuple(
        casing for suffix in SEED_SUFFIXES for casing in every_casing(suffix.removeprefix("."))
    )

    def read(self, source_path):
        if not is_seed(source_path, self.settings):
            logger.debug("%s is not under ARTICLE_PATHS: not an episode", source_path)
            return "", {"status": "skip"}
        try:
            episode = load_episode(
                source_path,
                self.settings["PATH"],
                self.settings["PODCAST_OPENING_SECONDS"],
                srt_speakers=self.settings["PODCAST_SRT_SPEAKERS"],
            )
        except OSError as exc:
            error = TranscriptError(
                relative_name(source_path, self.settings["PATH"]), None, exc.strerror
            )
            logger.error("%s", error)
            raise error from None
        except TranscriptError as error:
            logger.error("%s", error)
            raise
        metadata = {
            "title": escape(episode.title, quote=False),
            "date": self.process_metadata("date", episode.air_date.isoformat()),
            "summary": notes_html(episode.notes),
            "slug": episode_slug(episode, self.settings),
            "episode": episode,
        }
        # The transcript HTML is made when the page is rendered (the ``transcript_html``
        # filter), not kept as the content of every article for the whole build.
        return "", metadata
