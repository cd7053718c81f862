"""The Pelican side of narration: give episodes without a recording a synthesized one.

Runs on ``article_generator_finalized`` before the enclosures are filled, so the feed and the
page treat the narration like any supplied audio file (the record's ``episode.audio``).
Episodes are narrated in parallel threads: eSpeak NG speaks for one at a time while LAME
encodes the others.
"""

import dataclasses
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..core.model import AudioSource, Narrated
from ..core.narration.cache import cached_narration
from ..core.narration.espeak import VoiceError
from ..core.narration.speech import NARRATION_NOTE, NarrationSettings, NarrationTags
from ..core.standards import AUDIO_TYPES
from .articles import episode_articles
from .stop import stop

logger = logging.getLogger(__name__)


def narration_settings(settings):
    return NarrationSettings(
        voice=settings["PODCAST_NARRATION_VOICE"],
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
    folder, how = narration_folder(settings), narration_settings(settings)

    def narrated(record):
        episode = record.episode
        tags = NarrationTags(episode.title, settings["SITENAME"], episode.air_date.isoformat())
        return cached_narration(folder, episode.segments, how, tags)

    try:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            made = list(pool.map(narrated, silent))
    except VoiceError as exc:
        stop(f"PODCAST_NARRATION_VOICE: {exc}")
    except (OSError, RuntimeError) as exc:
        stop(f"narration failed: {exc}")

    for record, narration in zip(silent, made, strict=True):
        episode = record.episode
        audio = AudioSource(
            path=os.path.relpath(narration.path, settings["PATH"]).replace(os.sep, "/"),
            mime_type=AUDIO_TYPES[narration.path.suffix],
        )
        record.episode = dataclasses.replace(episode, audio=audio)
        record.narration = Narrated(NARRATION_NOTE, tuple(narration.spoken_ends))
        if narration.late:
            logger.info(
                "%s: %d passage(s) of the narration start late: too many words for their gap",
                episode.source_path,
                narration.late,
            )
    fresh = sum(n.made_now for n in made)
    logger.info("Narration: %d episode(s) synthesized, %d reused", fresh, len(made) - fresh)
