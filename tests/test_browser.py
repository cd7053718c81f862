"""The built site in headless Chromium (the system's, driven by Playwright).

The site is built with a short generated recording and served by the project's own preview
server, which answers Range requests as static hosts do: Chromium needs them to seek in MP3.
"""

import json
from urllib.parse import urlsplit

import pytest
from lxml import html

from .audio_samples import write_mp3
from .conftest import SEEDS, build, launched_chromium, make_project, serving

pytestmark = pytest.mark.browser

TITLE = "Tones & </script><script>alert('title')</script> tests"
SEED = f"""{TITLE}
Show notes
A generated tone, to test the player. <b>not bold</b>
Show transcript
00:00:00: This is your daily synthesizer, Sunday, May seventeen twenty-twenty six.
00:00:12: Here is the second moment of the show.
00:00:24: And this is the third moment, at twenty-four seconds.
00:00:36: The last words of the test.
"""
THIRD = 24
CHAPTERS = """\
[[chapters]]
start = "00:00:00"
title = "Welcome"

[[chapters]]
start = "00:00:24"
title = "The third moment"
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The tone episode (with audio) and the longest real seed, served on 127.0.0.1."""
    longest = max(SEEDS, key=lambda seed: seed.stat().st_size)
    project = make_project(tmp_path_factory.mktemp("browser-site"), [longest])
    (project / "seeds" / "tone.txt").write_text(SEED)
    (project / "seeds" / "tone.toml").write_text(CHAPTERS)
    write_mp3(project / "seeds" / "tone.mp3", seconds=45)
    output = build(project)
    # The real seed has audio too (its narration); the tone is the episode under test.
    (episode,) = (p for p in (output / "episodes").iterdir() if p.name.startswith("tones"))
    assert list(episode.glob("*.mp3"))
    with serving(output) as base:
        yield base, f"/episodes/{episode.name}/"


@pytest.fixture(scope="module")
def browser():
    with launched_chromium() as browser:
        yield browser


class Watched:
    """A page whose console errors, uncaught exceptions and requested hosts are recorded."""

    def __init__(self, context):
        self.page = context.new_page()
        self.errors, self.hosts = [], set()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", self.saw_request)

    def saw_request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https"):
            self.hosts.add(parts.netloc)


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


def audio_time(page):
    return page.evaluate("document.getElementById('episode-audio').currentTime")


def reached(page, seconds):
    """Wait until the player has played to (or been sought to) ``seconds``."""
    page.wait_for_function(f"document.getElementById('episode-audio').currentTime >= {seconds}")


def opened(context, url):
    """A watched tab showing ``url``."""
    watched = Watched(context)
    watched.page.goto(url)
    return watched, watched.page


def test_clicking_the_third_timestamp_plays_from_that_segment(site, context):
    base, episode = site
    watched, page = opened(context, base + episode)
    third = page.locator(".transcript a.timestamp").nth(2)
    assert third.inner_text() == "00:00:24"
    third.click()
    reached(page, THIRD)
    assert THIRD <= audio_time(page) < THIRD + 3
    assert page.evaluate("location.hash") == "#t=00:00:24"
    current = page.locator(".segment[aria-current='true']")
    assert current.get_attribute("data-start") == str(THIRD)
    assert watched.errors == []


def test_clicking_a_chapter_plays_from_its_start_and_names_it(site, context):
    base, episode = site
    watched, page = opened(context, base + episode)
    chapter = page.locator(".chapter-list a.chapter-link").nth(1)
    assert chapter.inner_text() == "00:00:24 The third moment"
    chapter.click()
    reached(page, THIRD)
    assert THIRD <= audio_time(page) < THIRD + 3
    assert page.evaluate("location.hash") == "#t=00:00:24"
    assert page.locator("#current-chapter").inner_text() == "Chapter: The third moment"
    assert page.locator(".chapter-list li[aria-current='true']").inner_text().endswith("moment")
    page.wait_for_function("document.querySelector('audio track').readyState === 2")
    cues = page.evaluate(
        "Array.from(document.querySelector('audio track').track.cues, c => [c.startTime, c.text])"
    )
    assert cues == [[0, "Welcome"], [THIRD, "The third moment"]]
    assert watched.errors == []


def test_a_timestamp_works_from_the_keyboard(site, context):
    base, episode = site
    page = Watched(context).page
    page.goto(base + episode)
    page.locator(".transcript a.timestamp").nth(3).focus()
    page.keyboard.press("Enter")
    reached(page, 36)
    assert 36 <= audio_time(page) < 39


@pytest.mark.parametrize(
    ("fragment", "seconds", "segment"),
    [("#t=00:00:36", 36, 36), ("#t=00:00:30", 30, 24), ("#t=0:12", 12, 12)],
)
def test_opening_a_moment_link_seeks_and_highlights_it(site, context, fragment, seconds, segment):
    base, episode = site
    watched, page = opened(context, base + episode + fragment)
    page.wait_for_function(f"document.getElementById('episode-audio').currentTime === {seconds}")
    current = page.locator(".segment.is-current")
    assert current.get_attribute("data-start") == str(segment)
    assert current.is_visible()
    assert watched.errors == []


def test_copy_link_to_this_moment(site, browser):
    base, episode = site
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(base + episode)
        page.locator(".transcript a.timestamp").nth(2).click()
        reached(page, THIRD)
        page.get_by_role("button", name="Copy link to this moment").click()
        status = page.locator("#moment-status")
        status.filter(has_text="copied").wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == f"{base}{episode}#t=00:00:24"
    finally:
        context.close()


def test_pages_make_no_errors_and_no_requests_to_other_hosts(site, context):
    base, episode = site
    watched = Watched(context)
    for path in ("/", episode, "/about/"):
        watched.page.goto(base + path)
        watched.page.wait_for_load_state("networkidle")
    assert watched.errors == []
    assert watched.hosts == {urlsplit(base).netloc}


def structured_data(page):
    return [
        json.loads(text)
        for text in page.locator('script[type="application/ld+json"]').all_text_contents()
    ]


def test_json_ld_parses_and_markup_in_a_title_stays_inside_it(site, context):
    base, episode = site
    page = Watched(context).page
    page.goto(base + episode)
    (data,) = structured_data(page)
    assert data["@type"] == "PodcastEpisode"
    assert data["name"] == TITLE
    assert data["datePublished"] == "2026-05-17"
    assert data["associatedMedia"]["contentUrl"].startswith(episode)
    assert data["associatedMedia"]["contentUrl"].endswith(".mp3")
    assert data["associatedMedia"]["duration"] == "PT45S"
    assert "third moment" in data["transcript"]
    assert page.locator("script").count() == 2  # site.js and the JSON-LD: nothing broke out
    assert page.locator("h1").inner_text() == TITLE
    page.goto(base + "/")
    (series,) = structured_data(page)
    assert series["@type"] == "PodcastSeries"
    assert series["webFeed"].endswith("/feed.xml")


def test_without_javascript_the_transcript_and_its_anchors_work(site, browser):
    base, episode = site
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + episode)
        assert page.locator(".transcript-tools").is_hidden()
        assert page.locator(".transcript .segment").count() == 4
        page.locator(".transcript a.timestamp").nth(2).click()
        page.wait_for_url(f"**{episode}#t=00:00:24")
        target = page.locator(":target")
        assert target.get_attribute("data-start") == str(THIRD)
        assert target.is_visible()
        page.goto(base + episode + "#t=00:00:36")
        assert page.locator(":target").get_attribute("data-start") == "36"
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/", "episode"])
def test_pages_fit_a_320_pixel_screen(site, browser, path):
    base, episode = site
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(base + (episode if path == "episode" else path))
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()


def test_the_segment_being_heard_is_highlighted_as_it_plays(site, context):
    base, episode = site
    watched, page = opened(context, base + episode)
    page.locator(".transcript a.timestamp").nth(1).click()
    page.evaluate("document.getElementById('episode-audio').playbackRate = 4")
    page.wait_for_function(
        "document.querySelector('.segment[aria-current=\"true\"]').dataset.start === '24'",
        timeout=15000,
    )
    assert page.locator(".segment[aria-current='true']").count() == 1
    assert not page.evaluate("document.getElementById('episode-audio').paused")
    assert page.locator("#follow-along").is_checked()
    assert watched.errors == []


def without(context, path, xpath):
    """Serve ``path`` to ``context`` with the elements ``xpath`` finds removed."""

    def strip(route):
        tree = html.fromstring(route.fetch().body())
        removed = tree.xpath(xpath)
        assert removed, f"{xpath} is not on {path}"
        for element in removed:
            element.drop_tree()
        route.fulfill(body=html.tostring(tree, doctype="<!DOCTYPE html>"), content_type="text/html")

    context.route(f"**{path}", strip)


@pytest.mark.parametrize(
    "missing",
    [
        '//div[@class="transcript-tools"]',
        '//label[@class="follow"]',
        '//button[@id="copy-moment"]',
        '//span[@class="chapter-title"]',
        '//p[@id="current-chapter"]',
    ],
)
def test_an_episode_page_missing_an_element_still_plays_without_errors(site, context, missing):
    """site.js works with what the page has: a theme may leave out any of these."""
    base, episode = site
    without(context, episode, missing)
    watched, page = opened(context, base + episode)
    page.locator(".transcript a.timestamp").nth(1).click()
    reached(page, 12)
    assert page.locator(".segment[aria-current='true']").get_attribute("data-start") == "12"
    page.locator(".chapter-list a.chapter-link").nth(1).click()
    reached(page, THIRD)
    assert page.locator(".chapter-list li[aria-current='true']").count() == 1
    page.wait_for_timeout(500)  # timeupdate events while it plays
    assert watched.errors == []


def test_a_copy_button_whose_field_is_missing_stays_hidden(site, context):
    base, _episode = site
    without(context, "/", '//input[@id="feed-url"]')
    watched = Watched(context)
    watched.page.goto(base + "/")
    watched.page.wait_for_load_state("load")
    assert watched.page.locator(".copy-button").is_hidden()
    assert watched.errors == []


def test_with_javascript_the_transcript_tools_are_shown(site, context):
    base, episode = site
    page = Watched(context).page
    page.goto(base + episode)
    assert page.get_by_role("button", name="Copy link to this moment").is_visible()
    assert page.locator("#follow-along").is_visible()
