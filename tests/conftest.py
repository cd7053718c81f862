"""Shared fixtures: the real seeds, and real Pelican builds in temporary project folders."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
IN_CI = bool(os.environ.get("CI"))
PROJECT_PARTS = ("pelicanconf.py", "publishconf.py", "plugins", "theme", "content")
SHARED = {}  # the session's shared folders, filled in by the ``shared_narrations`` fixture


@pytest.fixture(scope="session", autouse=True)
def shared_narrations(tmp_path_factory):
    """One narration cache for every test project, so the real seeds are narrated once.

    Narrations are keyed by their content, so sharing them between projects is safe.
    """
    SHARED["narrations"] = tmp_path_factory.mktemp("narrations")
    yield SHARED["narrations"]
    SHARED.pop("narrations")


def make_project(folder, seeds=SEEDS, share_narrations=True):
    """A copy of this project in ``folder`` whose ``seeds/`` holds ``seeds``.

    Its ``cache/narration`` links to the session's shared narrations unless
    ``share_narrations`` is False (for tests of the narration cache itself).
    """
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(
                source, folder / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
            )
        else:
            shutil.copy(source, folder / part)
    (folder / "seeds").mkdir()
    for seed in seeds:
        shutil.copy(seed, folder / "seeds" / Path(seed).name)
    if share_narrations and "narrations" in SHARED:
        (folder / "cache").mkdir()
        (folder / "cache" / "narration").symlink_to(SHARED["narrations"], target_is_directory=True)
    return folder


def build(project, settings_file="pelicanconf.py", **overrides):
    """Build ``project`` in this process with real Pelican; returns the output folder."""
    settings = read_settings(str(project / settings_file), override=overrides)
    Pelican(settings).run()
    return Path(settings["OUTPUT_PATH"])


def run_pelican(project, settings_file="pelicanconf.py"):
    """Build ``project`` the way a podcaster does, in a separate ``pelican`` process."""
    return subprocess.run(
        [sys.executable, "-m", "pelican", "-s", settings_file, "--log-handler", "plain"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory):
    """The real seeds built once with the development settings."""
    folder = make_project(tmp_path_factory.mktemp("seed-site"))
    return build(folder)


def require(available, what):
    """Skip a test whose outside tool is missing on a developer's machine; fail it in CI.

    CI (``CI`` set) installs every tool in ``.ci/run``, so there a missing tool is a defect.
    """
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI (.ci/run installs it)")
    pytest.skip(f"{what} is not installed (see the README's test section)")
