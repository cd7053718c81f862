"""The Pelican side of chapters: each episode's chapters, MP3s tagged with them, and the
chapter files next to each page.

``add_chapters`` runs on ``article_generator_finalized`` after narration (whose MP3 it may
tag) and before the enclosures (which then measure the tagged copy).  Authored chapters
(the sidecar's ``[[chapters]]``) always win; otherwise, with ``PODCAST_CHAPTERS_FIND``, the
chapters are found in the transcript.  An authored chapter that starts after the audio
ends is refused with its sidecar line.
"""

import dataclasses
import logging
import os
from pathlib import Path

from ..core.chapters.cache import cached_found_chapters, tagged_copy
from ..core.chapters.formats import FILES, render
from ..core.errors import TranscriptError
from ..core.feed.enclosures import local_audio_file, where_named
from ..core.incremental.render_record import fingerprint
from ..core.incremental.unchanged_files import write_if_changed
from ..core.model import Chapters
from ..core.seeds.files import sidecar_of
from ..core.seeds.layout import format_stamp
from ..core.seeds.referenced import audio_facts
from ..core.timing import estimated_duration
from .articles import episode_articles
from .stop import stop
from .writer import ChangedOnlyWriter

logger = logging.getLogger(__name__)


def audio_duration(episode, root):
    """The episode's length in seconds: its audio file's, the sidecar's, else estimated.

    Unusable audio (the enclosures stage reports it) counts as none here.
    """
    try:
        path = local_audio_file(episode, root)
        if path is not None:
            return audio_facts(path, episode.audio.path, where_named(episode))[1]
    except TranscriptError:
        return estimated_duration(episode.spoken_segments)
    if episode.audio is not None and episode.audio.duration:
        return episode.audio.duration
    return estimated_duration(episode.spoken_segments)


def check_within(episode, duration):
    """Refuse an authored chapter that starts at or after the end of the audio."""
    for chapter in episode.chapters:
        if chapter.start >= duration:
            raise TranscriptError(
                sidecar_of(episode.source_path),
                chapter.line,
                f"chapter {chapter.title!r} starts at {format_stamp(int(chapter.start))}, "
                f"not before the end of the episode ({format_stamp(int(duration))})",
            )


def episode_chapters(episode, duration, settings, folder):
    """The episode's :class:`Chapters`, or None when it has none (or only one)."""
    if episode.chapters:
        check_within(episode, duration)
        return Chapters(episode.chapters, found=False)
    if not settings["PODCAST_CHAPTERS_FIND"]:
        return None
    found = cached_found_chapters(
        folder,
        episode.segments,
        settings["PODCAST_CHAPTERS_MIN_SECONDS"],
        settings["PODCAST_CHAPTERS_MAX_SECONDS"],
        end=duration,
        show_name=settings["SITENAME"],
        hosts=[
            host if isinstance(host, str) else host["name"] for host in settings["PODCAST_HOSTS"]
        ],
    )
    return Chapters(found, found=True) if len(found) > 1 else None


def tags_audio(record, settings):
    """Whether the published MP3 gets ID3 chapters: narrations always, a supplied
    recording only with ``PODCAST_CHAPTERS_IN_RECORDINGS``."""
    audio = record.episode.audio
    if record.chapters is None or audio is None or audio.path is None:
        return False
    try:
        local_audio_file(record.episode, settings["PATH"])
    except TranscriptError:
        return False  # reported by the enclosures
    if not audio.path.lower().endswith(".mp3"):
        return False
    return record.narration is not None or settings["PODCAST_CHAPTERS_IN_RECORDINGS"]


def add_chapters(generator):
    """Fill every episode's ``chapters``; tag its MP3 copy with them where it should."""
    settings, root = generator.settings, generator.settings["PATH"]
    folder = Path(root, settings["PODCAST_CHAPTERS_CACHE"])
    refused = []
    for article in episode_articles(generator):
        record = article.episode_build
        episode = record.episode
        duration = audio_duration(episode, root)
        try:
            record.chapters = episode_chapters(episode, duration, settings, folder)
        except TranscriptError as error:
            logger.error("%s", error)
            refused.append(article)
            record.chapters = None
            continue
        if tags_audio(record, settings):
            source = local_audio_file(episode, root)
            copy = tagged_copy(source, record.chapters.chapters, duration, folder)
            path = os.path.relpath(copy, root).replace(os.sep, "/")
            record.episode = dataclasses.replace(
                episode, audio=dataclasses.replace(episode.audio, path=path)
            )
    if refused and settings["PODCAST_STRICT"]:
        names = ", ".join(sorted(a.episode_build.episode.source_path for a in refused))
        stop(f"{len(refused)} episode(s) with refused chapters: {names}")
    for article in refused:
        logger.warning("%s was skipped; every other episode is published", article.source_path)
        generator.articles.remove(article)
        generator._add_failed_source_path(article.relative_source_path)


def chapter_inputs(writer, record, end):
    return fingerprint(writer.site, repr(record.chapters), repr(end), record.episode.title)


def chapter_end(record):
    """Where the last chapter ends: the audio's end when known, else the transcript's."""
    if record.enclosure is not None and record.enclosure.duration:
        return record.enclosure.duration
    return estimated_duration(record.episode.spoken_segments)


def write_chapter_files(generator, writer):
    """Receiver for ``article_writer_finalized``: ``chapters.json`` and ``chapters.vtt`` of
    every episode with chapters (skipped when made from the same inputs and still on disk)."""
    record_of_files = writer.record if isinstance(writer, ChangedOnlyWriter) else None
    name = generator.settings["SITENAME"]
    for article in sorted(episode_articles(generator), key=lambda a: a.url):
        record = article.episode_build
        if record.chapters is None:
            continue
        end = chapter_end(record)
        names = [f"{record.url}{f.filename}" for f in FILES]
        inputs = chapter_inputs(writer, record, end) if record_of_files else None
        if record_of_files is not None and record_of_files.unchanged(names, inputs):
            continue
        for chapter_file, output_name in zip(FILES, names, strict=True):
            text = render(chapter_file, record.chapters.chapters, end, record.episode.title, name)
            data = text.encode("utf-8")
            write_if_changed(Path(generator.output_path, output_name), data)
            if record_of_files is not None:
                record_of_files.made(output_name, inputs, data)
