"""What synthesized narration costs: per seed episode, and for a build of the five seeds.

    .venv/bin/python bench/narration.py [--rounds 3]

Per episode: eSpeak NG synthesis time (the aligned timeline, rate fitting included), LAME
encoding time, audio length and MP3 size per minute.  Per build (a real ``pelican`` process on
a copy of the project): narration off, on with an empty cache (cold), and on again (warm),
alternating over the rounds; medians of wall-clock and CPU seconds (CPU time is the figure
to trust on a busy machine).
"""

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from transcript_podcast.core.narration.speech import (
    NarrationSettings,
    NarrationTags,
    encode_mp3,
    speech_timeline,
    with_tags,
)
from transcript_podcast.core.seeds.files import load_episode

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("pelicanconf.py", "publishconf.py", "plugins", "theme", "content", "seeds")


def per_episode():
    settings = NarrationSettings()
    print("Per episode, in this process, one after another:")
    print(f"{'seed':28} {'audio':>8} {'synth s':>8} {'encode s':>9} {'MB':>6} {'kB/min':>7} late")
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        episode = load_episode(path, ROOT)
        started = time.perf_counter()
        timeline = speech_timeline(episode.segments, settings)
        synthesized = time.perf_counter()
        mp3 = encode_mp3(timeline.pcm, timeline.sample_rate, settings.bit_rate)
        mp3 = with_tags(mp3, NarrationTags(episode.title, "bench", "2026-01-01"), settings)
        encoded = time.perf_counter()
        minutes = len(timeline.pcm) / 2 / timeline.sample_rate / 60
        print(
            f"{path.stem:28} {minutes:6.1f}min {synthesized - started:8.2f} "
            f"{encoded - synthesized:9.2f} {len(mp3) / 1e6:6.2f} {len(mp3) / 1e3 / minutes:7.0f} "
            f"{timeline.late}"
        )


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(project, *extra):
    """Wall-clock and CPU seconds (all processes) of one ``pelican`` build."""
    command = [sys.executable, "-m", "pelican", "-s", "pelicanconf.py", "-q", *extra]
    cpu, started = children_cpu(), time.perf_counter()
    subprocess.run(command, cwd=project, check=True, stdout=subprocess.DEVNULL)
    return round(time.perf_counter() - started, 2), round(children_cpu() - cpu, 2)


def per_build(rounds):
    results = {"narration off": [], "cold": [], "warm": []}
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        for part in PARTS:
            source = ROOT / part
            if source.is_dir():
                shutil.copytree(
                    source, project / part, ignore=shutil.ignore_patterns("__pycache__")
                )
            else:
                shutil.copy(source, project / part)
        for _ in range(rounds):
            results["narration off"].append(timed_build(project, "-e", "PODCAST_NARRATION=false"))
            shutil.rmtree(project / "cache", ignore_errors=True)
            results["cold"].append(timed_build(project))
            results["warm"].append(timed_build(project))
    off = [statistics.median(run[i] for run in results["narration off"]) for i in (0, 1)]
    for name, runs in results.items():
        wall, cpu = (statistics.median(run[i] for run in runs) for i in (0, 1))
        print(
            f"build, {name:14} wall {wall:6.2f} s (+{wall - off[0]:5.2f})  "
            f"CPU {cpu:6.2f} s (+{cpu - off[1]:5.2f})  runs (wall, CPU) {runs}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    per_episode()
    per_build(args.rounds)


if __name__ == "__main__":
    main()
