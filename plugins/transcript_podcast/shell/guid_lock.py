"""The GUID lock in a build: published GUIDs never change or vanish unnoticed."""

import logging
from pathlib import Path

from ..core.errors import TranscriptError
from ..core.incremental.guid_lock import compare, format_lock, read_lock
from .articles import episode_articles
from .build import failed_seeds
from .stop import stop

logger = logging.getLogger(__name__)


def check_guid_lock(generator):
    """Refuse (strict) or warn about changed and dropped GUIDs; record new ones (strict)."""
    settings = generator.settings
    if not settings["PODCAST_GUID_LOCK"]:
        return
    strict = settings["PODCAST_STRICT"]
    lock_path = Path(settings["PATH"], settings["PODCAST_GUID_LOCK"])
    try:
        text = lock_path.read_text(encoding="utf-8") if lock_path.is_file() else ""
        locked = read_lock(text, settings["PODCAST_GUID_LOCK"])
    except (TranscriptError, UnicodeDecodeError) as error:
        logger.error("%s", error)
        if strict:
            stop(f"{settings['PODCAST_GUID_LOCK']} cannot be read")
        return
    episodes = [article.episode_build.episode for article in episode_articles(generator)]
    current = {episode.stem: episode.guid for episode in episodes}
    skipped = {Path(path).stem for path in failed_seeds(generator)}
    result = compare(locked, current, skipped)
    problems = result.problems()
    for problem in problems:
        (logger.error if strict else logger.warning)("%s", problem)
    if problems and strict:
        stop(f"{len(problems)} published GUID(s) would change; nothing was published")
    if strict and result.added:
        lock_path.write_text(format_lock({**locked, **result.added}), encoding="utf-8")
        logger.info(
            "%s: locked the GUIDs of %s", settings["PODCAST_GUID_LOCK"], ", ".join(result.added)
        )
