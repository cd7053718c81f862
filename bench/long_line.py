"""What one pathological transcript line costs a build: a seed whose one timed line holds
``--megabytes`` of words, beside the five real seeds.

    python3 bench/long_line.py --megabytes 50

Runs the development build (narration off: it would speak every word) in its own process and
prints its exit status, wall and CPU seconds (user + system, from ``wait4``), peak RSS, and
what the build said about the seed.  The README's "Limits" section quotes the figures.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
PROJECT_PARTS = ("pelicanconf.py", "publishconf.py", "plugins", "theme", "content", "seeds")
OPENING = "00:00:00: Welcome.\n00:00:02: Sunday, May seventeen twenty-twenty six.\n"


def make_project(folder, megabytes):
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.lock")
            shutil.copytree(source, folder / part, ignore=ignore)
        else:
            shutil.copy(source, folder / part)
    words = "all work and no play makes a very long line "
    line = words * (megabytes * 1_000_000 // len(words))
    (folder / "seeds" / "long-line.txt").write_text(
        f"One very long line\nShow notes\nA stress test.\nShow transcript\n{OPENING}"
        f"00:00:05: {line}\n"
    )


def run(project):
    python = VENV_PYTHON if VENV_PYTHON.exists() else Path(sys.executable)
    command = [str(python), "-m", "pelican", "-s", "pelicanconf.py", "--log-handler", "plain"]
    command += ["-e", "PODCAST_NARRATION=false"]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    return {
        "exit": os.waitstatus_to_exitcode(status),
        "wall_s": round(time.perf_counter() - started, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "said": [line for line in errors.splitlines() if "long-line" in line][:3],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=50)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        make_project(project, options.megabytes)
        result = run(project)
    print(json.dumps({"megabytes": options.megabytes, **result}, indent=2))


if __name__ == "__main__":
    main()
