"""Site search: Pagefind indexes the episodes of a real build, and the search page finds them."""

import json
import logging
import re
import shutil

import pytest

from transcript_podcast.shell.search import pagefind_executable

from .conftest import SEEDS, build, file_bytes, launched_chromium, make_project, require, serving

PHRASE = "broadcasting was inhumane"
STAMP = re.compile(r"^(\d\d:\d\d:\d\d): (.*)$")


def indexed_pages(output):
    """``{chunk: page count}`` of the chunks ``chunks.json`` lists, in its order."""
    bundle = output / "pagefind"
    listed = json.loads((bundle / "chunks.json").read_text())["chunks"]
    counts = {}
    for chunk in listed:
        entry = json.loads((bundle / chunk / "pagefind-entry.json").read_text())
        counts[chunk] = sum(language["page_count"] for language in entry["languages"].values())
    return counts


def test_only_the_episodes_are_indexed(seed_site):
    assert indexed_pages(seed_site) == {"2026": len(SEEDS)}
    assert sorted(p.name for p in (seed_site / "pagefind").iterdir()) == ["2026", "chunks.json"]


def move_to_2025(project, seed):
    """Give ``seed`` (in ``project``) an air date in 2025 through its sidecar."""
    (project / "seeds" / seed.with_suffix(".toml").name).write_text('date = "2025-12-31"\n')


def test_each_air_date_year_is_indexed_into_its_own_chunk_newest_first(project):
    move_to_2025(project, SEEDS[1])
    output = build(project)
    assert indexed_pages(output) == {"2026": len(SEEDS) - 1, "2025": 1}


def test_two_builds_write_identical_search_indexes(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = build(make_project(tmp_path / "one"))
    second = build(make_project(tmp_path / "two"))
    assert file_bytes(first / "pagefind")
    assert file_bytes(first / "pagefind") == file_bytes(second / "pagefind")


def chunk_files(output, chunk):
    return {k: v for k, v in file_bytes(output / "pagefind").items() if k.split("/")[0] == chunk}


def written_at(output, chunk):
    """When each file of a chunk's bundle was written (Pagefind rewrites all it indexes)."""
    bundle = output / "pagefind" / chunk
    return {p.relative_to(bundle): p.stat().st_mtime_ns for p in bundle.rglob("*")}


def test_a_rebuild_reindexes_only_the_chunks_whose_pages_changed(project):
    move_to_2025(project, SEEDS[1])
    output = build(project)
    first = file_bytes(output / "pagefind")
    stamps = {chunk: written_at(output, chunk) for chunk in ("2025", "2026")}
    build(project)
    assert file_bytes(output / "pagefind") == first
    assert {chunk: written_at(output, chunk) for chunk in stamps} == stamps

    seed = project / "seeds" / SEEDS[1].name
    seed.write_text(seed.read_text(encoding="utf-8-sig").replace(" the ", " the very "))
    build(project)
    assert written_at(output, "2026") == stamps["2026"]
    assert chunk_files(output, "2026") == {k: v for k, v in first.items() if k.startswith("2026/")}
    assert chunk_files(output, "2025") != {k: v for k, v in first.items() if k.startswith("2025/")}


def test_a_chunk_no_episode_is_in_any_more_is_removed(project):
    move_to_2025(project, SEEDS[1])
    output = build(project)
    (project / "seeds" / SEEDS[1].with_suffix(".toml").name).unlink()
    build(project)
    assert indexed_pages(output) == {"2026": len(SEEDS)}
    assert not (output / "pagefind" / "2025").exists()


def test_without_pagefind_the_build_warns_and_writes_the_site(tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="transcript_podcast")
    output = build(make_project(tmp_path), PODCAST_PAGEFIND="no-such-pagefind")
    assert "Pagefind was not found" in caplog.text
    assert len(list((output / "episodes").glob("*/index.html"))) == len(SEEDS)
    assert not (output / "pagefind").exists()


def test_a_failing_pagefind_is_reported_and_the_site_still_written(tmp_path, caplog):
    failing = shutil.which("false")
    require(failing, "the false command", "apt-get install coreutils")
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


def chunked_site(folder, aired_2025):
    """The seeds built with ``aired_2025`` (seeds) in an older chunk than the others."""
    project = make_project(folder)
    for seed in aired_2025:
        move_to_2025(project, seed)
    return build(project)


@pytest.fixture(scope="module")
def older_chunk_site(tmp_path_factory):
    """The episode that says PHRASE alone in the older chunk, merged into the newest."""
    return chunked_site(tmp_path_factory.mktemp("older-chunk"), [said_once(PHRASE)[0]])


@pytest.fixture(scope="module")
def newer_chunk_site(tmp_path_factory):
    """The episode that says PHRASE in the newer chunk, with one other; three in the older."""
    others = [seed for seed in SEEDS if seed != said_once(PHRASE)[0]]
    return chunked_site(tmp_path_factory.mktemp("newer-chunk"), others[1:])


SITES = {
    "one chunk": "seed_site",
    "older chunk": "older_chunk_site",
    "newer chunk": "newer_chunk_site",
}


@pytest.fixture(params=list(SITES))
def served(request):
    """A built seed site over HTTP on 127.0.0.1, as a browser sees it.

    All in one index chunk, and in two chunks (the search page merges the older into the
    newest) with the episode the tests look for in the older or in the newer one.
    """
    with serving(request.getfixturevalue(SITES[request.param])) as base:
        yield base


@pytest.fixture
def page(served):
    with launched_chromium() as browser:
        page = browser.new_page()
        page.base_url = served
        yield page


def test_the_chunks_are_as_the_browser_tests_say(older_chunk_site, newer_chunk_site):
    """The two-chunk sites the browser tests search hold the chunks their names say."""
    assert indexed_pages(older_chunk_site) == {"2026": len(SEEDS) - 1, "2025": 1}
    assert indexed_pages(newer_chunk_site) == {"2026": 2, "2025": len(SEEDS) - 2}


@pytest.mark.browser
@pytest.mark.parametrize("query", [PHRASE, "Broadcasting, was INHUMANE!"])
def test_a_phrase_said_in_one_episode_finds_it_first_and_opens_at_the_moment(page, query):
    """First in every layout of the index, though each chunk scores words by its own rarity."""
    seed, stamp = said_once(PHRASE)
    title = seed.read_text(encoding="utf-8-sig").splitlines()[0]
    page.goto(f"{page.base_url}/")
    page.get_by_role("searchbox", name="Search episodes").fill(query)
    page.keyboard.press("Enter")
    page.locator(".search-result").first.wait_for()
    first = page.locator(".search-result").first
    assert first.get_by_role("heading").inner_text() == title
    assert page.get_by_role("link", name=title, exact=True).count() == 1
    assert "inhumane" in " ".join(first.locator("mark").all_inner_texts()).lower()

    first.get_by_role("link").focus()
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


@pytest.mark.browser
def test_a_word_every_episode_says_finds_every_episode_of_every_chunk(page):
    assert all("synthesizer" in seed.read_text(encoding="utf-8-sig").lower() for seed in SEEDS)
    page.goto(f"{page.base_url}/search/?q=synthesizer")
    status = page.get_by_role("status")
    status.filter(has_text="match").wait_for()
    assert status.inner_text() == f"{len(SEEDS)} episodes match “synthesizer”."
    assert page.locator(".search-result").count() == len(SEEDS)


@pytest.mark.browser
def test_a_result_names_the_chapter_the_words_were_said_in(page, seed_site):
    """The chapter headings (``id="chapter-N"``) are anchors Pagefind records."""
    seed, stamp = said_once(PHRASE)
    seconds = sum(int(part) * 60**i for i, part in enumerate(reversed(stamp.split(":"))))
    feed = (seed_site / "feed.xml").read_text()
    title = seed.read_text(encoding="utf-8-sig").splitlines()[0]
    slug = next(
        p.name
        for p in (seed_site / "episodes").iterdir()
        if title in (p / "index.html").read_text()
    )
    assert f"episodes/{slug}/chapters.json" in feed
    chapters = json.loads((seed_site / "episodes" / slug / "chapters.json").read_text())["chapters"]
    heard = [c["title"] for c in chapters if c["startTime"] <= seconds][-1]
    page.goto(f"{page.base_url}/search/?q={PHRASE.replace(' ', '+')}")
    first = page.locator(".search-result").first
    first.wait_for()
    assert f"in the chapter “{heard}”" in first.locator(".search-facts").inner_text()


@pytest.fixture
def watched_page(seed_site):
    """A search page's browser tab on the one-chunk site, with its uncaught errors recorded."""
    with serving(seed_site) as base, launched_chromium() as browser:
        page = browser.new_page()
        page.base_url = base
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        yield page


@pytest.mark.browser
def test_a_search_whose_index_cannot_be_loaded_says_so(watched_page):
    """The results' fragments fail to load: the page says so instead of "Searching…"."""
    page = watched_page
    page.route(re.compile(r"/pagefind/.*\.pf_fragment$"), lambda route: route.abort())
    page.goto(f"{page.base_url}/search/?q=synthesizer")
    status = page.get_by_role("status")
    status.filter(has_text="Search failed").wait_for()
    assert "Reload the page" in status.inner_text()
    assert page.locator(".search-result").count() == 0
    assert page.errors == []


@pytest.mark.browser
def test_a_site_without_a_search_index_says_so(watched_page):
    page = watched_page
    page.route("**/pagefind/chunks.json", lambda route: route.fulfill(status=404))
    page.goto(f"{page.base_url}/search/?q=synthesizer")
    page.get_by_role("status").filter(has_text="its index was not built").wait_for()
    assert page.errors == []


def test_the_same_pagefind_at_another_path_and_time_keeps_every_bundle(project, tmp_path):
    """CI's fresh .venv installs the same Pagefind anew: nothing is re-indexed for that."""
    output = build(project)
    stamps = written_at(output, "2026")
    copy = tmp_path / "fresh-venv" / "pagefind"
    copy.parent.mkdir()
    shutil.copy(pagefind_executable(None), copy)  # a new path and a new file time
    build(project, PODCAST_PAGEFIND=str(copy))
    assert written_at(output, "2026") == stamps


def test_another_pagefind_version_reindexes(project, tmp_path):
    output = build(project)
    first = file_bytes(output / "pagefind")
    stamps = written_at(output, "2026")
    other = tmp_path / "pagefind-next"
    other.write_text(
        '#!/bin/sh\n[ "$1" = --version ] && { echo "pagefind 99.0.0"; exit 0; }\n'
        f'exec "{pagefind_executable(None)}" "$@"\n'
    )
    other.chmod(0o755)
    build(project, PODCAST_PAGEFIND=str(other))
    assert written_at(output, "2026") != stamps
    assert file_bytes(output / "pagefind") == first
