"""How much Pagefind adds to a build: the five seeds, and 1,000 synthetic episodes.

    .venv/bin/python bench/search.py [--episodes 1000] [--repeat 3]

Each synthetic episode is a seed with its own stem, title and spoken air date (one day apart),
so the site has 1,000 distinct pages.  For each site the script times a full Pelican build
without search and with search (and a rebuild in which no page changed, where the index is
kept), times Pagefind alone on the built output, and reports the
index size (the whole ``pagefind/`` bundle, and its index data without the bundled UI code).
"""

import argparse
import logging
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

from transcript_podcast.shell.search import pagefind_executable, run_pagefind

EPISODE_PAGES = "episodes/*/index.html"

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("pelicanconf.py", "plugins", "theme", "content")
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
FIRST_DAY = date(2020, 1, 1)


def make_site(folder, episodes):
    """A copy of the project with the real seeds, or with ``episodes`` synthetic ones."""
    for part in PARTS:
        source = ROOT / part
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, folder / part)
    seeds = folder / "seeds"
    seeds.mkdir()
    if not episodes:
        for seed in SEEDS:
            shutil.copy(seed, seeds / seed.name)
        return folder
    for number in range(episodes):
        seed = SEEDS[number % len(SEEDS)]
        title, *rest = seed.read_text(encoding="utf-8-sig").splitlines()
        aired = FIRST_DAY + timedelta(days=number)
        opening = rest.index("Show transcript") + 1
        # The first date said in the opening is the air date: say a new one before the rest.
        rest.insert(opening, f"00:00:00: Recorded for {aired:%B} {aired.day}, {aired.year}.")
        text = "\n".join([f"{title} (take {number})", *rest]) + "\n"
        (seeds / f"{number:04d}_{seed.stem}.txt").write_text(text, encoding="utf-8")
    return folder


def timed_build(site, search, fresh=True):
    """Seconds for a full build; ``fresh`` forgets the last index, so Pagefind really runs."""
    if fresh:
        shutil.rmtree(site / "cache", ignore_errors=True)
    settings = read_settings(str(site / "pelicanconf.py"), override={"PODCAST_SEARCH": search})
    started = time.perf_counter()
    Pelican(settings).run()
    return time.perf_counter() - started


def folder_bytes(folder, pattern="**/*"):
    return sum(p.stat().st_size for p in folder.glob(pattern) if p.is_file())


def measure(label, episodes, repeat):
    with tempfile.TemporaryDirectory() as temp:
        site = make_site(Path(temp), episodes)
        plain = [timed_build(site, search=False) for _ in range(repeat)]
        searched = [timed_build(site, search=True) for _ in range(repeat)]
        unchanged = [timed_build(site, search=True, fresh=False) for _ in range(repeat)]
        output = site / "output"
        executable = pagefind_executable(None)
        alone = []
        for _ in range(repeat):
            started = time.perf_counter()
            run_pagefind(executable, output, EPISODE_PAGES).check_returncode()
            alone.append(time.perf_counter() - started)
        bundle = output / "pagefind"
        data = sum(folder_bytes(bundle, p) for p in ("index/*", "fragment/*", "*.pf_meta"))
        pages = len(list((output / "episodes").glob("*/index.html")))
        print(
            f"{label}: {pages} episode pages; build without search "
            f"{statistics.median(plain):.2f} s, with search {statistics.median(searched):.2f} s, "
            f"rebuild with no page changed {statistics.median(unchanged):.2f} s; "
            f"Pagefind alone {statistics.median(alone):.2f} s (median of {repeat}); "
            f"bundle {folder_bytes(bundle) / 1024:.0f} KiB, index data {data / 1024:.0f} KiB "
            f"in {len(list(bundle.glob('fragment/*')))} fragments, "
            f"{len(list(bundle.glob('index/*')))} index chunks"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    if pagefind_executable(None) is None:
        sys.exit("Pagefind is not installed: pip install pagefind-bin")
    measure("seeds", 0, args.repeat)
    measure("synthetic", args.episodes, args.repeat)


if __name__ == "__main__":
    main()
