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
NARRATION_CACHE = "cache/narration"  # pelicanconf.py's PODCAST_NARRATION_CACHE
SHARED = {}  # per session: the temporary folder factory, then the narrated real seeds


@pytest.fixture(scope="session", autouse=True)
def session_folders(tmp_path_factory):
    """Lets :func:`narrated_seeds` make its project once per session, when first needed."""
    SHARED["folders"] = tmp_path_factory
    yield
    SHARED.clear()


def narrated_seeds():
    """(project, output) of the real seeds built once, narration on (development settings).

    Every test project made with the real seeds gets hard links to these narrations, so the
    real seeds are narrated once per session, not once per project.
    """
    if "seeds" not in SHARED:
        folder = make_project(SHARED["folders"].mktemp("seed-site"), share_narrations=False)
        SHARED["seeds"] = folder, build(folder)
    return SHARED["seeds"]


def link_narrations(source, target):
    """Hard-link (or copy) the narrations in ``source`` into ``target``.

    Not a symbolic link: the feed rightly refuses audio whose real path leaves the project.
    Narrations are keyed by everything that shapes them, so sharing them changes no output.
    """
    target.mkdir(parents=True, exist_ok=True)
    for path in source.iterdir():
        try:
            os.link(path, target / path.name)
        except OSError:
            shutil.copyfile(path, target / path.name)


def make_project(folder, seeds=SEEDS, share_narrations=True):
    """A copy of this project in ``folder`` whose ``seeds/`` holds ``seeds``.

    When ``seeds`` include real ones, their narrations come from :func:`narrated_seeds`
    unless ``share_narrations`` is False (a test that narrates for itself).
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
    if share_narrations and set(map(Path, seeds)) & set(SEEDS):
        project, _ = narrated_seeds()
        link_narrations(project / NARRATION_CACHE, folder / NARRATION_CACHE)
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
def seed_site():
    """The real seeds built once with the development settings (narration on)."""
    return narrated_seeds()[1]


def require(available, what):
    """Skip a test whose outside tool is missing on a developer's machine; fail it in CI.

    CI (``CI`` set) installs every tool in ``.ci/run``, so there a missing tool is a defect.
    """
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI (.ci/run installs it)")
    pytest.skip(f"{what} is not installed (see the README's test section)")
