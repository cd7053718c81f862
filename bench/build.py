"""Benchmark: what a build of N episodes costs, against plain Pelican on the same text.

    python3 bench/build.py --episodes 1000 [--repeats 3] [--json bench-1000.json]

The script makes N synthetic episodes from the five seeds (distinct titles and stems, one air
date per day spoken in the opening with its correct weekday, the seeds' real bodies) in a
temporary folder, then measures, alternating the three builds in every round:

(a) full     our site, cold: no output folder, no cache;
(b) plain    plain Pelican (no plugin, default theme, default settings) on the same text
             written as N Markdown articles;
(c) update   our site after adding one new transcript, with Pelican's content cache loaded;

each in its own ``pelican`` process, whose peak RSS is read from ``wait4``.  Narration is
turned off for the timed builds (an unknown setting is ignored by Pelican); if the plugin has
``PODCAST_NARRATION``, its cost per episode is measured separately.  Prints the medians, the
spread of the rounds and the ratios a/b and c/a, and writes everything as JSON.

The builds run the real ``pelican`` of the project's ``.venv`` (made by ``tasks.py``), so the
benchmark measures whatever the plugin, theme and settings do today.
"""

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PROJECT_PARTS = ("pelicanconf.py", "publishconf.py", "plugins", "theme", "content")
VENV_PYTHON = ROOT / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
NEWEST_AIR_DATE = date(2026, 5, 17)
OPENING_SKIPPED = 20  # seconds of each seed's own opening (with its own date) left out

# Settings every timed build of our site gets: narration off, nothing from the environment.
OUR_OVERRIDES = {"PODCAST_NARRATION": False}
# The content cache as publishconf.py sets it.
CACHE_OVERRIDES = {
    "LOAD_CONTENT_CACHE": True,
    "CACHE_CONTENT": True,
    "CONTENT_CACHING_LAYER": "reader",
    "CHECK_MODIFIED_METHOD": "sha256",
    "GZIP_CACHE": False,
}

PLAIN_PELICANCONF = '''"""Plain Pelican: default theme, default settings, no plugin."""

AUTHOR = "The Daily Synthesizer"
SITENAME = "The Daily Synthesizer"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
'''

UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
ORDINAL_UNITS = [
    "_",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
]
ORDINAL_TEENS = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
ORDINAL_TENS = {20: "twentieth", 30: "thirtieth"}
TIMED_LINE = re.compile(r"^(\d+):(\d{2}):(\d{2}):(.*)$")


# --- Spoken dates ---------------------------------------------------------------------------


def cardinal(number):
    """1–99 in words, the way the hosts say them: ``twenty-two``."""
    if number < 10:
        return UNITS[number]
    if number < 20:
        return TEENS[number - 10]
    tens, unit = divmod(number, 10)
    return TENS[tens] + (f"-{UNITS[unit]}" if unit else "")


def ordinal(number):
    """1–31 as an ordinal in words: ``twenty-second``."""
    if number < 10:
        return ORDINAL_UNITS[number]
    if number < 20:
        return ORDINAL_TEENS[number - 10]
    tens, unit = divmod(number, 10)
    return ORDINAL_TENS[number] if not unit else f"{TENS[tens]}-{ORDINAL_UNITS[unit]}"


def spoken_year(year):
    """``twenty-twenty six``, ``twenty oh five``, ``nineteen ninety-nine``, ``two thousand``."""
    if year == 2000:
        return "two thousand"
    century, rest = divmod(year, 100)
    if rest == 0:
        return f"{cardinal(century)} hundred"
    if rest < 10:
        return f"{cardinal(century)} oh {UNITS[rest]}"
    if rest % 10 and rest > 20:
        tens, unit = divmod(rest, 10)
        return f"{cardinal(century)}-{TENS[tens]} {UNITS[unit]}"
    return f"{cardinal(century)} {cardinal(rest)}"


def spoken_date(day, use_ordinal):
    """``Sunday, May seventeen twenty-twenty six`` for 2026-05-17."""
    said_day = ordinal(day.day) if use_ordinal else cardinal(day.day)
    return f"{day:%A}, {day:%B} {said_day} {spoken_year(day.year)}"


# --- Synthetic episodes ---------------------------------------------------------------------


def read_seed(path):
    """A seed's title, notes and timed lines as ``(seconds, text)``."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    notes_at = next(i for i, line in enumerate(lines) if line.strip().lower() == "show notes")
    body_at = next(i for i, line in enumerate(lines) if line.strip().lower() == "show transcript")
    timed = []
    for line in lines[body_at + 1 :]:
        match = TIMED_LINE.match(line)
        if match:
            hours, minutes, seconds, text = match.groups()
            timed.append((int(hours) * 3600 + int(minutes) * 60 + int(seconds), text.strip()))
    notes = "\n".join(line for line in lines[notes_at + 1 : body_at] if line.strip())
    return {"title": lines[0].strip(), "notes": notes, "timed": timed}


def synthetic_episode(seeds, index, count):
    """Episode ``index`` of ``count``: a seed's body behind a new opening with its own date."""
    seed = seeds[index % len(seeds)]
    air_date = NEWEST_AIR_DATE - timedelta(days=count - 1 - index)
    number = index + 1
    opening = [
        (0, "This is your daily synthesizer."),
        (2, f"{spoken_date(air_date, index % 2)} we've got a packed show today."),
    ]
    body = [(start, text) for start, text in seed["timed"] if start >= OPENING_SKIPPED]
    digest = hashlib.sha256(f"{number}:{seed['title']}".encode()).hexdigest()[:16]
    return {
        "stem": f"{number:05d}_{digest}",
        "title": f"{seed['title']} (episode {number})",
        "slug": f"episode-{number}",
        "notes": seed["notes"],
        "air_date": air_date,
        "timed": opening + body,
    }


def stamp(seconds):
    hours, rest = divmod(seconds, 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def seed_text(episode):
    """The episode in the seed layout our reader takes."""
    notes = episode["notes"] + (f"\nTake {episode['round']}." if "round" in episode else "")
    lines = [episode["title"], "Show notes", notes, "Show transcript"]
    lines += [f"{stamp(start)}: {text}" for start, text in episode["timed"]]
    return "\n".join(lines) + "\n"


def markdown_text(episode):
    """The same episode as a Markdown article for plain Pelican: one paragraph per line."""
    header = [
        f"Title: {episode['title']}",
        f"Date: {episode['air_date'].isoformat()}",
        f"Slug: {episode['slug']}",
        f"Summary: {' '.join(episode['notes'].splitlines())}",
    ]
    paragraphs = [f"{stamp(start)} {text}" for start, text in episode["timed"]]
    return "\n".join(header) + "\n\n" + "\n\n".join(paragraphs) + "\n"


def make_projects(folder, count):
    """Our project and the plain Pelican one, each holding ``count`` episodes."""
    seeds = [read_seed(path) for path in SEEDS]
    ours, plain = folder / "ours", folder / "plain"
    ours.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, ours / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy(source, ours / part)
    (ours / "seeds").mkdir()
    (plain / "content").mkdir(parents=True)
    (plain / "pelicanconf.py").write_text(PLAIN_PELICANCONF)
    for index in range(count):
        episode = synthetic_episode(seeds, index, count + 1)
        (ours / "seeds" / f"{episode['stem']}.txt").write_text(seed_text(episode))
        (plain / "content" / f"{episode['stem']}.md").write_text(markdown_text(episode))
    newcomer = synthetic_episode(seeds, count, count + 1)
    return ours, plain, newcomer


# --- Running builds -------------------------------------------------------------------------


def pelican(project, output, overrides, settings_file="pelicanconf.py"):
    """Run one ``pelican`` process; returns (wall seconds, CPU seconds, peak RSS in bytes).

    CPU time (user + system, from ``wait4``) is what the build itself costs; wall time also
    counts waiting for a core that other work on the machine holds.
    """
    python = VENV_PYTHON if VENV_PYTHON.exists() else Path(sys.executable)
    command = [str(python), "-m", "pelican", "-s", settings_file, "-o", str(output)]
    command += ["--log-handler", "plain", "-q"]
    if overrides:
        command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode or "ERROR" in errors or "CRITICAL" in errors:
        sys.exit(f"pelican failed in {project} (exit {process.returncode}):\n{errors}")
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return seconds, usage.ru_utime + usage.ru_stime, peak


def clean(*folders):
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def full_build(ours, work):
    output, cache = work / "out-full", work / "cache-full"
    clean(output, cache)
    return pelican(ours, output, {**OUR_OVERRIDES, "CACHE_PATH": str(cache)})


def plain_build(plain, work):
    output = work / "out-plain"
    clean(output)
    return pelican(plain, output, {"CACHE_PATH": str(work / "cache-plain")})


def incremental_build(ours, work, newcomer):
    """Add one transcript to an already built and cached site, then build it again.

    Each round's newcomer says something new in its notes, so no round finds it in the cache.
    """
    output, cache = work / "out-update", work / "cache-update"
    overrides = {**OUR_OVERRIDES, **CACHE_OVERRIDES, "CACHE_PATH": str(cache)}
    new_seed = ours / "seeds" / f"{newcomer['stem']}.txt"
    new_seed.unlink(missing_ok=True)
    if not cache.exists():
        pelican(ours, output, overrides)
    newcomer["round"] = newcomer.get("round", 0) + 1
    new_seed.write_text(seed_text(newcomer))
    try:
        return pelican(ours, output, overrides)
    finally:
        new_seed.unlink()


def narration_cost(ours, work, count):
    """Seconds of narration per episode, or None when the plugin has no narration."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from transcript_podcast.core.settings import SETTINGS  # noqa: PLC0415

    if "PODCAST_NARRATION" not in {setting.name for setting in SETTINGS}:
        return None
    small = work / "narration"
    # Only the project's own seeds/ folder: a name pattern would also drop core/seeds/.
    shutil.copytree(ours, small, ignore=lambda folder, _: ["seeds"] if folder == str(ours) else [])
    (small / "seeds").mkdir()
    for seed in sorted((ours / "seeds").glob("*.txt"))[:count]:
        shutil.copy(seed, small / "seeds" / seed.name)
    timings = {}
    for narration in (False, True):
        output = work / f"out-narration-{narration}"
        clean(output)
        overrides = {"PODCAST_NARRATION": narration, "CACHE_PATH": str(work / "cache-n")}
        timings[narration] = pelican(small, output, overrides)[1]
    return (timings[True] - timings[False]) / count


# --- Checks and sizes -----------------------------------------------------------------------


def folder_bytes(folder):
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def files_differing(left, right):
    """Relative paths whose bytes differ between two output folders (or exist in one only)."""
    names = {p.relative_to(left) for p in left.rglob("*") if p.is_file()}
    names |= {p.relative_to(right) for p in right.rglob("*") if p.is_file()}
    return sorted(
        str(name)
        for name in names
        if not (left / name).is_file()
        or not (right / name).is_file()
        or (left / name).read_bytes() != (right / name).read_bytes()
    )


def episode_pages(output):
    return len(list((output / "episodes").glob("*/index.html")))


def same_as_cold_build(ours, work, newcomer):
    """The cached update must equal a cold build of the same seeds, byte for byte."""
    new_seed = ours / "seeds" / f"{newcomer['stem']}.txt"
    new_seed.write_text(seed_text(newcomer))
    try:
        cold = work / "out-cold"
        clean(cold)
        pelican(ours, cold, {**OUR_OVERRIDES, "CACHE_PATH": str(work / "cache-cold")})
    finally:
        new_seed.unlink()
    return files_differing(cold, work / "out-update")


# --- Reporting ------------------------------------------------------------------------------


def summary(samples):
    values = sorted(samples)
    median = statistics.median(values)
    return {
        "median": round(median, 3),
        "min": round(values[0], 3),
        "max": round(values[-1], 3),
        "spread": round((values[-1] - values[0]) / median, 3) if median else 0.0,
        "runs": [round(value, 3) for value in samples],
    }


def machine():
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return {
        "cpus": os.cpu_count(),
        "memory_gb": round(memory / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def report(results):
    n = results["episodes"]
    print(f"\n{n} episodes, {results['repeats']} alternating rounds on {results['machine']}")
    print(
        f"{'build':<8} {'wall s':>8} {'min':>7} {'max':>7} {'spread':>7} "
        f"{'CPU s':>7} {'spread':>7} {'peak RSS MB':>12}"
    )
    for name in ("full", "plain", "update"):
        wall, used = results["seconds"][name], results["cpu_seconds"][name]
        rss = results["peak_rss_mb"][name]
        print(
            f"{name:<8} {wall['median']:>8.2f} {wall['min']:>7.2f} {wall['max']:>7.2f} "
            f"{wall['spread']:>7.0%} {used['median']:>7.2f} {used['spread']:>7.0%} "
            f"{rss['max']:>12.0f}"
        )
    ratios = results["ratios"]
    print(
        f"full / plain  = {ratios['full_over_plain']:.2f} wall, "
        f"{ratios['cpu_full_over_plain']:.2f} CPU  (target ≤ 1.0)"
    )
    print(
        f"update / full = {ratios['update_over_full']:.2f} wall, "
        f"{ratios['cpu_update_over_full']:.2f} CPU  (target ≤ 0.25)"
    )
    sizes = results["output"]
    print(
        f"output: {sizes['bytes_per_episode'] / 1024:.0f} KiB per episode "
        f"({sizes['total_bytes'] / 2**20:.0f} MiB in all; plain Pelican "
        f"{sizes['plain_bytes_per_episode'] / 1024:.0f} KiB per episode)"
    )
    if results["narration_seconds_per_episode"] is None:
        print("narration: not in the plugin; nothing to measure")
    else:
        print(f"narration: {results['narration_seconds_per_episode']:.2f} s per episode")
    differing = results["update_differs_from_cold_build"]
    print(f"cached update equals a cold build: {'yes' if not differing else differing[:5]}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3, help="alternating rounds")
    parser.add_argument("--narration-episodes", type=int, default=3)
    parser.add_argument("--json", type=Path, help="where to write the results")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="podcast-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        print(f"Generating {args.episodes} episodes in {work} …", flush=True)
        ours, plain, newcomer = make_projects(work, args.episodes)
        builds = {
            "full": lambda: full_build(ours, work),
            "plain": lambda: plain_build(plain, work),
            "update": lambda: incremental_build(ours, work, newcomer),
        }
        seconds = {name: [] for name in builds}
        cpu = {name: [] for name in builds}
        peaks = {name: [] for name in builds}
        order = list(builds)
        for round_ in range(args.repeats):
            for name in order:
                elapsed, used, peak = builds[name]()
                seconds[name].append(elapsed)
                cpu[name].append(used)
                peaks[name].append(peak / 2**20)
                print(
                    f"round {round_ + 1}: {name:<6} {elapsed:7.2f} s wall {used:7.2f} s CPU "
                    f"{peak / 2**20:7.0f} MB",
                    flush=True,
                )
            order = order[1:] + order[:1]

        pages = episode_pages(work / "out-full")
        if pages != args.episodes:
            sys.exit(f"the full build published {pages} of {args.episodes} episodes")
        total = folder_bytes(work / "out-full")
        times = {name: summary(values) for name, values in seconds.items()}
        cpu_times = {name: summary(values) for name, values in cpu.items()}
        results = {
            "episodes": args.episodes,
            "repeats": args.repeats,
            "machine": machine(),
            "seconds": times,
            "cpu_seconds": cpu_times,
            "peak_rss_mb": {name: summary(values) for name, values in peaks.items()},
            "ratios": {
                "full_over_plain": round(times["full"]["median"] / times["plain"]["median"], 3),
                "update_over_full": round(times["update"]["median"] / times["full"]["median"], 3),
                "cpu_full_over_plain": round(
                    cpu_times["full"]["median"] / cpu_times["plain"]["median"], 3
                ),
                "cpu_update_over_full": round(
                    cpu_times["update"]["median"] / cpu_times["full"]["median"], 3
                ),
            },
            "output": {
                "total_bytes": total,
                "bytes_per_episode": round(total / args.episodes),
                "plain_bytes_per_episode": round(folder_bytes(work / "out-plain") / args.episodes),
            },
            "narration_seconds_per_episode": narration_cost(
                ours, work, min(args.narration_episodes, args.episodes)
            ),
            "update_differs_from_cold_build": same_as_cold_build(ours, work, newcomer),
        }
        report(results)
        if args.json:
            args.json.write_text(json.dumps(results, indent=2) + "\n")
            print(f"wrote {args.json}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
