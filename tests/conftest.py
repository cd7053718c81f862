"""Shared fixtures: the real seeds, and real Pelican builds in temporary project folders."""

import json
import os
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from transcript_podcast.check.site import check_site
from transcript_podcast.core.standards import ITUNES_NS, PODCAST_NS
from transcript_podcast.tools.preview_server import make_server

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
IN_CI = bool(os.environ.get("CI"))
PROJECT_PARTS = ("pelicanconf.py", "publishconf.py", "plugins", "theme", "content")
NARRATION_CACHE = "cache/narration"  # pelicanconf.py's PODCAST_NARRATION_CACHE
SHARED = {}  # per session: the folder factory, the narration pool, the narrated real seeds


@pytest.fixture(scope="session", autouse=True)
def narration_pool(tmp_path_factory):
    """One pool of narrations for the session's test projects, so each is narrated once.

    Narrations are keyed by everything that shapes their bytes, so sharing them between
    projects changes no output.  Tests of the narration cache opt out (``share_narrations``).
    """
    SHARED.update(folders=tmp_path_factory, pool=tmp_path_factory.mktemp("narrations"))
    SHARED["sharing"] = set()
    yield SHARED["pool"]
    SHARED.clear()


def narrated_seeds():
    """(project, output) of the real seeds built once, narration on (development settings)."""
    if "seeds" not in SHARED:
        folder = make_project(SHARED["folders"].mktemp("seed-site"), share_narrations=False)
        SHARED["sharing"].add(folder)
        SHARED["seeds"] = folder, build(folder)
    return SHARED["seeds"]


def link_narrations(source, target):
    """Hard-link (or copy) the narrations in ``source`` missing from ``target``.

    Not a symbolic link: the feed rightly refuses audio whose real path leaves the project.
    """
    target.mkdir(parents=True, exist_ok=True)
    for path in source.iterdir():
        if path.suffix in (".mp3", ".json") and not (target / path.name).exists():
            try:
                os.link(path, target / path.name)
            except OSError:
                shutil.copyfile(path, target / path.name)


def pool_narrations(project):
    """Add the narrations a sharing project's build made to the session's pool."""
    made = project / NARRATION_CACHE
    if project in SHARED.get("sharing", ()) and made.is_dir():
        link_narrations(made, SHARED["pool"])


# Appended to a test project's publishconf.py unless it asks for Piper: narrating the five
# seeds with Piper takes minutes of CPU, eSpeak NG seconds.  Piper's own builds use short texts.
ESPEAK_IN_PRODUCTION = """
PODCAST_NARRATION_ENGINE = "espeak"
PODCAST_NARRATION_VOICE = "en-us"
"""


def make_project(folder, seeds=SEEDS, share_narrations=True, piper=False):
    """A copy of this project in ``folder`` whose ``seeds/`` holds ``seeds``.

    Its narration cache starts with the session's pool (the real seeds narrated first when
    ``seeds`` include them) unless ``share_narrations`` is False: a test that narrates itself.
    Its ``publishconf.py`` narrates with eSpeak NG unless ``piper`` is True.
    """
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(
                source, folder / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
            )
        else:
            shutil.copy(source, folder / part)
    if not piper:
        with (folder / "publishconf.py").open("a") as conf:
            conf.write(ESPEAK_IN_PRODUCTION)
    (folder / "seeds").mkdir()
    for seed in seeds:
        shutil.copy(seed, folder / "seeds" / Path(seed).name)
    if share_narrations and "pool" in SHARED:
        if set(map(Path, seeds)) & set(SEEDS) and "seeds" not in SHARED:
            narrated_seeds()
        SHARED["sharing"].add(folder)
        link_narrations(SHARED["pool"], folder / NARRATION_CACHE)
    return folder


def build(project, settings_file="pelicanconf.py", **overrides):
    """Build ``project`` in this process with real Pelican; returns the output folder."""
    settings = read_settings(str(project / settings_file), override=overrides)
    try:
        Pelican(settings).run()
    finally:
        pool_narrations(project)
    return Path(settings["OUTPUT_PATH"])


def run_pelican(project, settings_file="pelicanconf.py", *extra):
    """Build ``project`` the way a podcaster does, in a separate ``pelican`` process.

    ``extra`` are ``NAME=json`` settings for ``pelican -e``.
    """
    command = [sys.executable, "-m", "pelican", "-s", settings_file, "--log-handler", "plain"]
    if extra:
        command += ["-e", *extra]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    pool_narrations(project)
    return result


def file_bytes(folder):
    """``{"relative/posix/path": bytes}`` of every file under ``folder``: two trees compare
    equal only when they hold the same files with the same bytes."""
    folder = Path(folder)
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@contextmanager
def serving(folder):
    """``folder`` served over HTTP on 127.0.0.1 by the project's preview server (it answers
    Range requests, as static hosts do); yields the base URL, without a trailing slash."""
    server = make_server(folder, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


@pytest.fixture(scope="session")
def seed_site():
    """The real seeds built once with the development settings (narration on)."""
    return narrated_seeds()[1]


NS = {"itunes": ITUNES_NS, "podcast": PODCAST_NS}  # prefixes for lxml finds in a feed
NPM_CI = "Node.js, then npm ci in the project"
# How each npm feed parser the tests run is called on a feed's text.
NODE_FEED_PARSERS = {
    "podcast-partytime": 'require("podcast-partytime").parseFeed',
    "feedsmith": 'require("feedsmith").parseRssFeed',
}
MISSING = {}  # skip reason → (tool, how to install it), for the summary line


def require(available, what, install):
    """Skip a test whose outside tool is missing on a developer's machine; fail it in CI.

    CI (``CI`` set) installs every tool in ``.ci/run``, so there a missing tool is a defect.
    ``install`` says how to get it; the run ends with one line naming what was skipped.
    """
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI (.ci/run installs it)")
    reason = f"{what} is not installed ({install})"
    MISSING[reason] = (what, install)
    pytest.skip(reason)


def feed_check_problems_after(output, folder, old, new):
    """The feed check's problems for a copy of the built ``output`` (which it passes) in
    ``folder`` whose feed has its first ``old`` replaced by ``new``."""
    assert check_site(output) == []
    site = Path(folder) / "site"
    shutil.copytree(output, site)
    feed = site / "feed.xml"
    text = feed.read_text()
    assert old in text
    feed.write_text(text.replace(old, new, 1))
    return check_site(site)


def parsed_by_node(package, feed, expression):
    """``expression`` (JavaScript over ``feed``, the parsed feed) as Python data, with the
    feed file parsed by the npm ``package``'s own parser in Node.js."""
    node = shutil.which("node")
    require(node and (ROOT / "node_modules" / package).is_dir(), package, NPM_CI)
    script = (
        f"const feed = {NODE_FEED_PARSERS[package]}("
        'require("fs").readFileSync(process.argv[1], "utf8"));'
        f"console.log(JSON.stringify({expression}));"
    )
    result = subprocess.run(
        [node, "-e", script, str(feed)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.splitlines()[-1])


def pytest_unconfigure(config):
    """The run's last line, after pytest's counts: which tests were skipped for a missing
    tool, and how to install it (nothing when none was)."""
    terminalreporter = config.pluginmanager.get_plugin("terminalreporter")
    if terminalreporter is None:
        return
    counts = {}
    for report in terminalreporter.stats.get("skipped", ()):
        skipped = report.longrepr if isinstance(report.longrepr, tuple) else (None, None, "")
        reason = skipped[2].removeprefix("Skipped: ")
        if reason in MISSING:
            counts[MISSING[reason]] = counts.get(MISSING[reason], 0) + 1
    if counts:
        groups = ", ".join(
            f"{count} test(s) need {what} ({install})" for (what, install), count in counts.items()
        )
        terminalreporter.write_line(f"Skipped for missing tools: {groups}; .ci/run installs all.")


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@contextmanager
def launched_chromium():
    """The system's Chromium (Debian's ``chromium`` package) driven by Playwright.

    Playwright never downloads a browser here; without Chromium the test is skipped on a
    laptop and fails in CI (see ``require``).
    """
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    require(executable, "Chromium", "apt-get install chromium")
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (only browser tests need it)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
