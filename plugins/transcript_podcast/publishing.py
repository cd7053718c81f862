"""The Pelican side of publishing: the GUID lock, the content cache key and the sitemap."""

import logging
import os
from pathlib import Path

from .content_cache import cache_key
from .errors import TranscriptError
from .guid_lock import compare, format_lock, read_lock
from .pelican_shell import BuildStopped, episode_articles, failed_seeds
from .sitemap import sitemap_xml

logger = logging.getLogger(__name__)


def key_content_cache(pelican):
    """Keep the content cache in a folder named by everything its file stamps miss."""
    settings = pelican.settings
    if not (settings["CACHE_CONTENT"] or settings["LOAD_CONTENT_CACHE"]):
        return
    folders = [os.path.join(settings["PATH"], folder) for folder in settings["ARTICLE_PATHS"]]
    key = cache_key(folders, Path(__file__).parent, settings)
    settings["CACHE_PATH"] = os.path.join(settings["CACHE_PATH"], key)
    logger.debug("content cache: %s", settings["CACHE_PATH"])


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
            raise BuildStopped(f"{settings['PODCAST_GUID_LOCK']} cannot be read") from None
        return
    current = {
        a.metadata["episode"].stem: a.metadata["episode"].guid for a in episode_articles(generator)
    }
    skipped = {Path(path).stem for path in failed_seeds(generator)}
    result = compare(locked, current, skipped)
    problems = result.problems()
    for problem in problems:
        (logger.error if strict else logger.warning)("%s", problem)
    if problems and strict:
        reason = f"{len(problems)} published GUID(s) would change; nothing was published"
        logger.critical("%s", reason)
        raise BuildStopped(reason)
    if strict and result.added:
        lock_path.write_text(format_lock({**locked, **result.added}), encoding="utf-8")
        logger.info(
            "%s: locked the GUIDs of %s", settings["PODCAST_GUID_LOCK"], ", ".join(result.added)
        )


def write_sitemap(generators):
    """sitemap.xml at the output root: the index, every episode and every page."""
    contents = [
        content
        for generator in generators
        for content in getattr(generator, "articles", []) + getattr(generator, "pages", [])
    ]
    settings = generators[0].settings
    site = settings["SITEURL"].rstrip("/")
    episode_dates = [c.metadata["episode"].air_date for c in contents if "episode" in c.metadata]
    entries = [(f"{site}/", max(episode_dates, default=None))]
    entries += [
        (
            f"{site}/{content.url}",
            content.metadata["episode"].air_date if "episode" in content.metadata else None,
        )
        for content in contents
    ]
    output = Path(generators[0].output_path)
    output.mkdir(parents=True, exist_ok=True)
    (output / "sitemap.xml").write_bytes(sitemap_xml(entries))
