"""The Pelican side of narration: give episodes without a recording a synthesized one.

Runs on ``article_generator_finalized`` before the enclosures are filled, so the feed and the
page treat the narration like any supplied audio file (the record's ``episode.audio``).
Cached narrations are reused; the others are spoken in parallel processes
(``PODCAST_NARRATION_WORKERS``), and the build prints a line as each episode is done, with
the time left, on Pelican's console (where it prints its own "Done" line).
"""

import dataclasses
import logging
import os
from pathlib import Path

from pelican.log import console

from ..core.model import AudioSource, Narrated
from ..core.narration.batch import Job, minutes, narrate_all
from ..core.narration.cache import cache_key, store_narration, stored_narration
from ..core.narration.engine import VoiceError
from ..core.narration.speech import (
    ESPEAK_DEFAULT,
    NarrationSettings,
    NarrationTags,
    narration_note,
)
from ..core.standards import AUDIO_TYPES
from ..core.timing import estimated_duration
from .articles import episode_articles
from .stop import stop

logger = logging.getLogger(__name__)


def chosen_voice(settings):
    """The voice the settings ask for, checked (and, for Piper, its files hashed)."""
    engine, voice = settings["PODCAST_NARRATION_ENGINE"], settings["PODCAST_NARRATION_VOICE"]
    if engine == "piper":
        from ..core.narration.piper import piper_voice  # noqa: PLC0415

        return piper_voice(voice, settings["PATH"])
    from ..core.narration.espeak import espeak_voice  # noqa: PLC0415

    return espeak_voice(voice or ESPEAK_DEFAULT.name)


def check_narration_voice(pelican):
    """Stop at start-up, naming the setting, when the narration's voice cannot be used."""
    if pelican.settings["PODCAST_NARRATION"]:
        try:
            chosen_voice(pelican.settings)
        except VoiceError as exc:
            stop(f"PODCAST_NARRATION_VOICE: {exc}")


def narration_settings(settings, voice):
    return NarrationSettings(
        voice=voice,
        rate=settings["PODCAST_NARRATION_RATE"],
        max_speedup=settings["PODCAST_NARRATION_MAX_SPEEDUP"],
        bit_rate=settings["PODCAST_NARRATION_BIT_RATE"],
    )


def narration_folder(settings):
    """``PODCAST_NARRATION_CACHE`` in the project, checked at start-up to stay inside it.

    Not under ``CACHE_PATH``: production builds key that folder by plugin code and settings,
    which would narrate every episode again after any change to either.
    """
    return Path(settings["PATH"], settings["PODCAST_NARRATION_CACHE"])


def worker_count(settings, jobs):
    wanted = settings["PODCAST_NARRATION_WORKERS"] or len(os.sched_getaffinity(0))
    return max(1, min(wanted, jobs))


def add_narrations(generator):
    """Narrate every episode that has no audio, or reuse its cached narration."""
    settings = generator.settings
    records = [a.episode_build for a in episode_articles(generator)]
    for record in records:
        record.narration = None
    if not settings["PODCAST_NARRATION"]:
        return
    silent = [record for record in records if record.episode.audio is None]
    if not silent:
        return
    folder = narration_folder(settings)
    try:
        voice = chosen_voice(settings)
    except VoiceError as exc:
        stop(f"PODCAST_NARRATION_VOICE: {exc}")
    how = narration_settings(settings, voice)
    jobs = []
    for record in silent:
        episode = record.episode
        tags = NarrationTags(episode.title, settings["SITENAME"], episode.air_date.isoformat())
        expected = estimated_duration(episode.segments)
        jobs.append(Job(episode.source_path, episode.segments, how, tags, expected))
    keys = [cache_key(job.segments, job.settings, job.tags) for job in jobs]
    found = [stored_narration(folder, key) for key in keys]
    missing = [index for index, narration in enumerate(found) if narration is None]
    if missing:
        to_make = [jobs[index] for index in missing]
        workers = worker_count(settings, len(to_make))
        expected = sum(job.expected_seconds for job in to_make)
        console.print(
            f"Narrating {len(to_make)} episode(s), about {minutes(expected)} of audio, with "
            f"{voice.label} in {workers} process(es); {len(jobs) - len(missing)} reused",
            highlight=False,
        )
        try:
            for index, made in narrate_all(to_make, workers, report):
                found[missing[index]] = store_narration(folder, keys[missing[index]], made)
        except VoiceError as exc:
            stop(f"PODCAST_NARRATION_VOICE: {exc}")
        except (OSError, RuntimeError) as exc:
            stop(f"narration failed: {exc}")

    note = narration_note(voice)
    for record, narration in zip(silent, found, strict=True):
        episode = record.episode
        audio = AudioSource(
            path=os.path.relpath(narration.path, settings["PATH"]).replace(os.sep, "/"),
            mime_type=AUDIO_TYPES[narration.path.suffix],
        )
        record.episode = dataclasses.replace(episode, audio=audio)
        record.narration = Narrated(note, tuple(narration.spoken_ends))
        if narration.late:
            logger.info(
                "%s: %d passage(s) of the narration start late: too many words for their gap",
                episode.source_path,
                narration.late,
            )
    reused = len(jobs) - len(missing)
    logger.info("Narration: %d episode(s) synthesized, %d reused", len(missing), reused)


def report(line):
    console.print(line, highlight=False)
