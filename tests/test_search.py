"""Site search: Pagefind indexes the episodes of a real build, and the search page finds them."""

import functools
import json
import logging
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .conftest import SEEDS, build, make_project, require

PHRASE = "broadcasting was inhumane"
STAMP = re.compile(r"^(\d\d:\d\d:\d\d): (.*)$")


def bundle_files(output):
    bundle = output / "pagefind"
    return {p.relative_to(bundle): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}


def test_only_the_episodes_are_indexed(seed_site):
    entry = json.loads((seed_site / "pagefind" / "pagefind-entry.json").read_text())
    assert [language["page_count"] for language in entry["languages"].values()] == [len(SEEDS)]


def test_two_builds_write_identical_search_indexes(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = build(make_project(tmp_path / "one"))
    second = build(make_project(tmp_path / "two"))
    assert bundle_files(first)
    assert bundle_files(first) == bundle_files(second)


def test_a_rebuild_reindexes_only_when_an_indexed_page_changed(project, caplog):
    caplog.set_level(logging.INFO, logger="transcript_podcast")
    output = build(project)
    first = bundle_files(output)
    caplog.clear()
    build(project)
    assert "No indexed page changed" in caplog.text
    assert bundle_files(output) == first

    seed = project / "seeds" / SEEDS[0].name
    seed.write_text(seed.read_text(encoding="utf-8-sig").replace("tomorrow.", "tomorrow, friends."))
    caplog.clear()
    build(project)
    assert "No indexed page changed" not in caplog.text
    assert bundle_files(output) != first


def test_without_pagefind_the_build_warns_and_writes_the_site(tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="transcript_podcast")
    output = build(make_project(tmp_path), PODCAST_PAGEFIND="no-such-pagefind")
    assert "Pagefind was not found" in caplog.text
    assert len(list((output / "episodes").glob("*/index.html"))) == len(SEEDS)
    assert not (output / "pagefind").exists()


def test_a_failing_pagefind_is_reported_and_the_site_still_written(tmp_path, caplog):
    failing = shutil.which("false")
    require(failing, "the false command")
    output = build(make_project(tmp_path), PODCAST_PAGEFIND=failing)
    assert "Pagefind could not index" in caplog.text
    assert (output / "index.html").is_file()


def test_search_turned_off_leaves_no_box_and_no_index(tmp_path):
    output = build(make_project(tmp_path), PODCAST_SEARCH=False)
    assert 'role="search"' not in (output / "index.html").read_text()
    assert not (output / "pagefind").exists()


def said_once(phrase):
    """The one seed whose transcript says ``phrase``, and the stamp of that line."""
    found = [
        (seed, match.group(1))
        for seed in SEEDS
        for line in seed.read_text(encoding="utf-8-sig").splitlines()
        if (match := STAMP.match(line)) and phrase in match.group(2)
    ]
    assert len(found) == 1, f"{phrase!r} must be said exactly once in the seeds"
    return found[0]


@pytest.fixture
def served(seed_site):
    """The built seed site over HTTP on 127.0.0.1, as a browser sees it."""
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(seed_site))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(served):
    chromium = shutil.which("chromium")
    require(chromium, "Chromium")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        page = browser.new_page()
        page.base_url = served
        yield page
        browser.close()


@pytest.mark.browser
def test_a_phrase_finds_its_episode_first_and_opens_at_the_moment(page):
    seed, stamp = said_once(PHRASE)
    title = seed.read_text(encoding="utf-8-sig").splitlines()[0]
    page.goto(f"{page.base_url}/")
    page.get_by_role("searchbox", name="Search episodes").fill(PHRASE)
    page.keyboard.press("Enter")
    first = page.locator(".search-result").first
    first.wait_for()
    link = first.get_by_role("link")
    assert link.inner_text() == title
    assert "inhumane" in " ".join(first.locator("mark").all_inner_texts()).lower()

    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/episodes/[^/]+/#t="))
    assert page.locator("h1").inner_text() == title
    moment = page.evaluate("decodeURIComponent(location.hash.slice(1))")
    assert moment == f"t={stamp}"
    assert page.locator(f'[id="{moment}"]').is_visible()


@pytest.mark.browser
def test_nonsense_says_no_episode_matches(page):
    page.goto(f"{page.base_url}/search/?q=zqxvbnwrtk")
    status = page.get_by_role("status")
    status.filter(has_text="No episodes match").wait_for()
    assert "zqxvbnwrtk" in status.inner_text()
    assert page.locator(".search-result").count() == 0
