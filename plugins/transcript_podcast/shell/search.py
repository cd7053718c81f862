"""Site search: once the episode pages are written, Pagefind indexes them, a year at a time.

Pagefind reads the written HTML, and only what the theme marks ``data-pagefind-body`` (the
episode article): navigation, footers, the index and the search page stay out of the index.

Pagefind holds a whole index in memory (about 1 GB per 1,000 episodes) and always indexes
every page it is given.  So the episodes are indexed in chunks, one per air-date year, each
into its own bundle ``pagefind/<year>/``: no Pagefind process holds more than a year of
episodes, and a chunk whose pages did not change keeps its bundle (a fingerprint per chunk),
so adding today's episode re-indexes this year only.  ``pagefind/chunks.json`` lists the
chunks, newest first; the search page loads the first and merges the others into it with
Pagefind's ``mergeIndex``, which ranks the results of all chunks together.  Bundle file
names are hashes of their contents, so two builds write identical bundles.
"""

import functools
import hashlib
import json
import logging
import re
import shutil
import subprocess
from contextlib import suppress
from pathlib import Path

try:
    from pagefind_bin import get_executable as bundled_pagefind
except ImportError:  # a dependency, but a site may remove it and run Pagefind from its PATH
    bundled_pagefind = None

from .articles import episode_articles
from .writer import ChangedOnlyWriter

logger = logging.getLogger(__name__)

BUNDLE = "pagefind"
MANIFEST = "chunks.json"
# Every transcript line starts with a timestamp link: indexed, they would clutter excerpts.
NOT_INDEXED = ".transcript .timestamp"
GLOB_SPECIAL = re.compile(r"([\\*?\[\]{},])")


def pagefind_executable(configured):
    """The Pagefind binary: the configured one, else the ``pagefind-bin`` wheel's, else PATH's."""
    if configured:
        return shutil.which(configured)
    if bundled_pagefind is not None:
        with suppress(FileNotFoundError):
            return str(bundled_pagefind())
    return shutil.which("pagefind")


def chunks(pages):
    """``(year, output path)`` of every episode page → ``{year: sorted paths}``, newest first."""
    grouped = {}
    for year, path in pages:
        grouped.setdefault(str(year), []).append(path)
    return {year: sorted(grouped[year]) for year in sorted(grouped, reverse=True)}


def pages_glob(paths):
    """One glob matching exactly ``paths`` (site-relative, ``/``-separated)."""
    escaped = [GLOB_SPECIAL.sub(r"\\\1", path) for path in paths]
    return escaped[0] if len(escaped) == 1 else "{" + ",".join(escaped) + "}"


def pagefind_identity(executable):
    """What Pagefind is: its version line, else a digest of the binary.

    Not where it lies or when it was installed: CI's fresh ``.venv`` gives the same Pagefind a
    new path and file time, and must not re-index every chunk for that.  (The file's time only
    tells a long-running process, such as ``pelican --autoreload``, when to ask again.)
    """
    binary = Path(executable).stat()
    return asked_identity(executable, binary.st_size, binary.st_mtime_ns)


@functools.cache
def asked_identity(executable, _size, _mtime_ns):
    finished = subprocess.run(
        [executable, "--version"], capture_output=True, text=True, check=False
    )
    version = finished.stdout.strip() if finished.returncode == 0 else ""
    return version or hashlib.sha256(Path(executable).read_bytes()).hexdigest()


def chunk_fingerprint(site, executable, paths, known=None):
    """A digest of every page of a chunk, and of which Pagefind reads them and how.

    ``known`` maps pages to the digests of their bytes when the Writer has them (it checked
    or wrote every episode page in this build); other pages are read.
    """
    digest = hashlib.sha256(pagefind_identity(executable).encode())
    digest.update(NOT_INDEXED.encode())
    known = known or {}
    for path in paths:
        page = known.get(path) or hashlib.sha256(Path(site, path).read_bytes()).hexdigest()
        digest.update(f"\0{path}\0{page}".encode())
    return digest.hexdigest()


def bundle_digest(folder):
    """A digest of every file of a bundle as it is on disk: a bundle another build wrote over
    it (a development preview into the same output) no longer matches its stamp."""
    digest = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            digest.update(f"\0{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def run_pagefind(executable, site, pages, bundle=BUNDLE):
    """Index the ``pages`` (a glob) of the built ``site`` into ``site/<bundle>/``."""
    shutil.rmtree(Path(site) / bundle, ignore_errors=True)
    command = [executable, "--site", str(site), "--glob", pages, "--output-subdir", bundle]
    command += ["--exclude-selectors", NOT_INDEXED, "--quiet"]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def index_chunk(executable, site, chunk, paths, stamps, *, known=None):
    """(Re)index one chunk unless its stamp shows that the bundle on disk is the one indexed
    from these very pages; True if ok."""
    bundle = f"{BUNDLE}/{chunk}"
    fingerprint = chunk_fingerprint(site, executable, paths, known)
    stamp = stamps / f"{chunk}.sha256"
    entry = Path(site, bundle, "pagefind-entry.json")
    if (
        entry.is_file()
        and stamp.is_file()
        and stamp.read_text() == f"{fingerprint} {bundle_digest(Path(site, bundle))}"
    ):
        logger.debug("search index %s: no page changed, kept", chunk)
        return True
    finished = run_pagefind(executable, site, pages_glob(paths), bundle)
    if finished.returncode != 0:
        logger.error(
            "Pagefind could not index %s, the site has no search: %s",
            site,
            (finished.stderr or finished.stdout).strip(),
        )
        return False
    stamp.write_text(f"{fingerprint} {bundle_digest(Path(site, bundle))}")
    logger.info("search index %s: %d episode page(s) indexed", chunk, len(paths))
    return True


def remove_other_bundles(site, wanted):
    """Leave in ``pagefind/`` only the current chunks (and no bundle of an older layout)."""
    bundle = Path(site, BUNDLE)
    for path in sorted(bundle.iterdir()) if bundle.is_dir() else ():
        if path.name in wanted:
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def index_site(generator, writer=None):
    """Receiver for ``article_writer_finalized``: a searchable site, or a warning without."""
    settings = generator.settings
    if not settings["PODCAST_SEARCH"]:
        return
    executable = pagefind_executable(settings["PODCAST_PAGEFIND"])
    if executable is None:
        logger.warning(
            "Pagefind was not found (install pagefind-bin, or set PODCAST_PAGEFIND): "
            "the site is written without a search index"
        )
        return
    site = generator.output_path
    by_year = chunks(
        (a.episode_build.episode.air_date.year, Path(a.save_as).as_posix())
        for a in episode_articles(generator)
    )
    remove_other_bundles(site, set(by_year))
    stamps = Path(settings["CACHE_PATH"], "search-index")
    stamps.mkdir(parents=True, exist_ok=True)
    known = writer.page_digests() if isinstance(writer, ChangedOnlyWriter) else {}
    for chunk, paths in by_year.items():
        if not index_chunk(executable, site, chunk, paths, stamps, known=known):
            shutil.rmtree(Path(site, BUNDLE), ignore_errors=True)
            return
    if by_year:
        manifest = json.dumps({"chunks": list(by_year)}, indent=1) + "\n"
        Path(site, BUNDLE, MANIFEST).write_text(manifest, encoding="utf-8")
