"""The GUID lock in a build: published GUIDs and URLs never change, move or go to another
episode, and the lock grows only when a whole production build has succeeded.

The lock is read once the seeds are read (:func:`read_locked`), its promises are checked
(:func:`lock_problems`), and the episodes this build publishes are noted
(:func:`note_published`); the file itself is written only on Pelican's ``finalized`` signal
(:func:`write_guid_lock`), which is sent only after every generator has written its output.
A build stopped by any check on the way never sends it, so it appends nothing.
"""

import logging
from pathlib import Path

from ..core.errors import TranscriptError
from ..core.incremental.guid_lock import Locked, compare, format_lock, read_lock, updated
from .articles import episode_articles, failed_seeds

logger = logging.getLogger(__name__)

# The lock a production build will write once it has finished, by its settings object (a
# build's generators share the Pelican object's settings dict): {id(settings): (path, text)}.
PENDING = {}


def lock_path(settings):
    return Path(settings["PATH"], settings["PODCAST_GUID_LOCK"])


def read_locked(settings):
    """``({stem: Locked}, problem)``: the lock's entries, or ``{}`` and why it is unreadable."""
    if not settings["PODCAST_GUID_LOCK"]:
        return {}, None
    path = lock_path(settings)
    try:
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        return read_lock(text, settings["PODCAST_GUID_LOCK"]), None
    except UnicodeDecodeError:
        return {}, f"{settings['PODCAST_GUID_LOCK']}: not UTF-8 text"
    except TranscriptError as error:
        return {}, str(error)


def lock_problems(generator, locked, unreadable=None):
    """Every broken promise of the lock, logged (errors when strict, else warnings)."""
    episodes = [article.metadata["episode"] for article in episode_articles(generator)]
    skipped = {Path(path).stem for path in failed_seeds(generator)}
    result = compare(
        locked,
        {episode.stem: episode.guid for episode in episodes},
        {episode.stem: episode.slug for episode in episodes if episode.slug},
        skipped,
    )
    problems = ([unreadable] if unreadable else []) + result.problems()
    log = logger.error if generator.settings["PODCAST_STRICT"] else logger.warning
    for problem in problems:
        log("%s", problem)
    return problems


def note_published(generator, locked):
    """Keep the lock this production build will write if it finishes (development builds
    never write it)."""
    settings = generator.settings
    PENDING.pop(id(settings), None)
    if not settings["PODCAST_GUID_LOCK"] or not settings["PODCAST_STRICT"]:
        return
    episodes = [(a.episode_build.episode, a.slug) for a in episode_articles(generator)]
    published = {episode.stem: Locked(episode.guid, slug) for episode, slug in episodes}
    entries = updated(locked, published)
    if entries != locked or not lock_path(settings).is_file():
        added = sorted(set(entries) - set(locked))
        PENDING[id(settings)] = (lock_path(settings), format_lock(entries), added)


def forget_unwritten_lock(pelican):
    """A new build starts: a lock noted by a build that then stopped is never written."""
    PENDING.pop(id(pelican.settings), None)


def write_guid_lock(pelican):
    """The build has finished: write the lock it noted."""
    pending = PENDING.pop(id(pelican.settings), None)
    if pending is None:
        return
    path, text, added = pending
    path.parent.mkdir(parents=True, exist_ok=True)
    written = path.with_name(f"{path.name}.new")
    written.write_text(text, encoding="utf-8")
    written.replace(path)  # whole or not at all, even if the machine stops mid-write
    logger.info(
        "%s: locked %s", pelican.settings["PODCAST_GUID_LOCK"], ", ".join(added) or "the slugs"
    )
