"""The project's commands, runnable with nothing but Python 3.11+.

    python3 tasks.py build   # the production site from seeds/ into output/
    python3 tasks.py test    # the whole test suite
    python3 tasks.py serve   # a development build, previewed at http://127.0.0.1:8000/

Each command first makes sure ``.venv/`` exists and holds what ``pyproject.toml`` asks for
(installing it only when ``pyproject.toml`` changed), then runs inside it.
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed-from"


def ensure_environment():
    """Create ``.venv`` and install the project with its test extra when out of date."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.is_file() and STAMP.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        print("Creating .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Installing dependencies into .venv …", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "--editable", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)


def run(*command):
    """Run a command from the project root and exit with its status."""
    sys.exit(subprocess.run(command, cwd=ROOT, check=False).returncode)


def build(*args):
    """Build the production site (strict: any bad transcript fails the build)."""
    run(str(PYTHON), "-m", "pelican", "-s", "publishconf.py", "--log-handler", "plain", *args)


def test(*args):
    """Run the whole test suite."""
    run(str(PYTHON), "-m", "pytest", *args)


def serve(*args):
    """Build the development site and preview it with a server that can seek in audio."""
    built = subprocess.run(
        [str(PYTHON), "-m", "pelican", "-s", "pelicanconf.py", "--log-handler", "plain"],
        cwd=ROOT,
        check=False,
    )
    if built.returncode:
        sys.exit(built.returncode)
    run(str(PYTHON), "-m", "transcript_podcast.tools.preview_server", "output", *args)


COMMANDS = {"build": build, "test": test, "serve": serve}


def main(argv):
    if not argv or argv[0] not in COMMANDS:
        print(__doc__.strip())
        return 2
    ensure_environment()
    COMMANDS[argv[0]](*argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
