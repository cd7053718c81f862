"""Site search: once Pelican has written the site, Pagefind indexes the episode pages.

Pagefind reads the written HTML, and only what the theme marks ``data-pagefind-body`` (the
episode article): navigation, footers, the index and the search page stay out of the index.
The bundle is written afresh into ``pagefind/``, so no fragment of an earlier build lingers,
and its file names are hashes of their contents.  Pagefind always reindexes every page, so a
rebuild in which no page Pagefind reads has changed keeps the bundle instead of rerunning it.
"""

import hashlib
import logging
import os
import re
import shutil
import subprocess
from contextlib import suppress
from pathlib import Path

try:
    from pagefind_bin import get_executable as bundled_pagefind
except ImportError:  # a dependency, but a site may remove it and run Pagefind from its PATH
    bundled_pagefind = None

logger = logging.getLogger(__name__)

BUNDLE = "pagefind"
# Every transcript line starts with a timestamp link: indexed, they would clutter excerpts.
NOT_INDEXED = ".transcript .timestamp"


def pagefind_executable(configured):
    """The Pagefind binary: the configured one, else the ``pagefind-bin`` wheel's, else PATH's."""
    if configured:
        return shutil.which(configured)
    if bundled_pagefind is not None:
        with suppress(FileNotFoundError):
            return str(bundled_pagefind())
    return shutil.which("pagefind")


def episode_pages_glob(settings):
    """The episode pages as a glob (``ARTICLE_SAVE_AS`` with ``*`` for each placeholder).

    Only episode pages carry ``data-pagefind-body``; telling Pagefind to read just those
    spares it parsing every other page (the standalone transcript HTML above all), which
    it would read only to leave out, and which cost it a third of its time and memory.
    """
    return re.sub(r"\{[^}]*\}", "*", settings["ARTICLE_SAVE_AS"])


def site_fingerprint(site, executable, pages):
    """A digest of every page Pagefind reads, and of which Pagefind reads them and how."""
    site, binary = Path(site), os.stat(executable)
    digest = hashlib.sha256(f"{site}|{executable}|{binary.st_size}|{binary.st_mtime_ns}".encode())
    digest.update(f"{NOT_INDEXED}|{pages}".encode())
    for page in sorted(site.glob(pages)):
        relative = page.relative_to(site)
        if page.is_file() and relative.parts[0] != BUNDLE:
            digest.update(b"\0" + relative.as_posix().encode() + b"\0" + page.read_bytes())
    return digest.hexdigest()


def run_pagefind(executable, site, pages):
    """Index the ``pages`` (a glob) of the built ``site`` into ``site/pagefind/``."""
    shutil.rmtree(Path(site) / BUNDLE, ignore_errors=True)
    command = [executable, "--site", str(site), "--glob", pages, "--output-subdir", BUNDLE]
    command += ["--exclude-selectors", NOT_INDEXED, "--quiet"]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def index_site(pelican):
    """Receiver for ``finalized``: a searchable site, or a warning and a site without search."""
    settings = pelican.settings
    if not settings["PODCAST_SEARCH"]:
        return
    executable = pagefind_executable(settings["PODCAST_PAGEFIND"])
    if executable is None:
        logger.warning(
            "Pagefind was not found (install pagefind-bin, or set PODCAST_PAGEFIND): "
            "the site is written without a search index"
        )
        return
    pages = episode_pages_glob(settings)
    fingerprint = site_fingerprint(pelican.output_path, executable, pages)
    stamp = Path(settings["CACHE_PATH"], "search-index.sha256")
    entry = Path(pelican.output_path, BUNDLE, "pagefind-entry.json")
    if entry.is_file() and stamp.is_file() and stamp.read_text() == fingerprint:
        logger.info("No indexed page changed: the search index is kept")
        return
    finished = run_pagefind(executable, pelican.output_path, pages)
    if finished.returncode != 0:
        logger.error(
            "Pagefind could not index %s, the site has no search: %s",
            pelican.output_path,
            (finished.stderr or finished.stdout).strip(),
        )
        return
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint)
