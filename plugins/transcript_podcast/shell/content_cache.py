"""Pelican's content cache, filed under a key of everything its file stamps miss."""

import logging
import os

from ..core.incremental.cache_key import cache_key
from .writer import PLUGIN_FOLDER, UNKEYED

logger = logging.getLogger(__name__)


def key_content_cache(pelican):
    """Keep the content cache in a folder named by the sidecars, audio, code and settings."""
    settings = pelican.settings
    if not (settings["CACHE_CONTENT"] or settings["LOAD_CONTENT_CACHE"]):
        return
    folders = [os.path.join(settings["PATH"], folder) for folder in settings["ARTICLE_PATHS"]]
    key = cache_key(folders, PLUGIN_FOLDER, settings)
    settings[UNKEYED] = settings["CACHE_PATH"]  # where the records every build sees live
    settings["CACHE_PATH"] = os.path.join(settings["CACHE_PATH"], key)
    logger.debug("content cache: %s", settings["CACHE_PATH"])
