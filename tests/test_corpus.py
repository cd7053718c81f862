"""Hostile and broken input never breaks the site or loses an episode (tests/corpus/)."""

import json
import re
import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html

from transcript_podcast.core.errors import TranscriptError
from transcript_podcast.core.safe_text import clean_text
from transcript_podcast.core.seeds.files import load_episode

from .conftest import SEEDS, build, make_project, run_pelican

CORPUS = Path(__file__).parent / "corpus"
BROKEN = {
    "backwards.txt": (8, "timestamp 00:02:59 goes back before 00:03:00 on line 7"),
    "binary.txt": (2, "not UTF-8 text"),
    "blank-lines-only.txt": (1, "file is empty"),
    "date-too-late.txt": (5, "no air date spoken in the first 60 seconds"),
    "date-without-year.txt": (5, "has no year"),
    "empty.txt": (1, "file is empty"),
    "impossible-minutes.txt": (7, "timestamp 00:75:00 is not a valid time"),
    "impossible-seconds.txt": (7, "timestamp 00:07:61 is not a valid time"),
    "latin1.txt": (1, "not UTF-8 text (byte 0xe9)"),
    "malformed-timestamp.txt": (7, "timestamp 0:5:00 is not in HH:MM:SS form"),
    "missing-show-notes.txt": (2, "expected a 'Show notes' line after the title"),
    "missing-show-transcript.txt": (4, "timestamped line before the 'Show transcript' line"),
    "misspelled-show-notes.txt": (2, "found 'Show nots'"),
    "misspelled-show-transcript.txt": (4, "looks like a misspelled 'Show transcript'"),
    "no-air-date.txt": (5, "no air date spoken"),
    "no-segments.txt": (4, "no 'HH:MM:SS: text' lines"),
    "sidecar-audio-outside.txt": (1, "'audio.path' must be a path inside the project"),
    "sidecar-bad-toml.txt": (2, "not valid TOML"),
    "sidecar-javascript-url.txt": (1, "'image' must be an http(s) URL"),
    "sidecar-unknown-key.txt": (1, "unknown key 'tittle'"),
    "sidecar-wrong-type.txt": (1, "'episode' must be a positive integer, not 'twelve'"),
    "stray-prose-in-transcript.txt": (7, "found 'This line has no timestamp.'"),
    "truncated-mid-character.txt": (7, "not UTF-8 text"),
    "truncated-mid-line.txt": (8, "malformed timestamp in '00:00:1'"),
    "weekday-contradicts.txt": (
        6,
        "the spoken weekday Tuesday does not match 2026-05-17, a Sunday",
    ),
}
ODD = sorted((CORPUS / "odd").glob("*.txt"))
HOSTILE = sorted((CORPUS / "hostile").glob("*.txt"))


def lines_of(path):
    """A seed's lines as the parser splits them (only CR/LF end a line)."""
    return re.split(r"\r\n|\r|\n", path.read_text(encoding="utf-8-sig"))


def reported_path(name):
    """Sidecar problems are reported against the sidecar, the rest against the transcript."""
    sidecar = (CORPUS / "broken" / name).with_suffix(".toml")
    return f"seeds/{sidecar.name if sidecar.exists() else name}"


def copy_corpus(project, *groups):
    for group in groups:
        for path in sorted((CORPUS / group).iterdir()):
            shutil.copy(path, project / "seeds" / path.name)


def test_corpus_manifest_covers_every_broken_file():
    assert sorted(p.name for p in (CORPUS / "broken").glob("*.txt")) == sorted(BROKEN)


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_broken_file_gets_its_message_and_line(tmp_path, name):
    (tmp_path / "seeds").mkdir()
    for path in (CORPUS / "broken").glob(Path(name).stem + ".*"):
        shutil.copy(path, tmp_path / "seeds" / path.name)
    with pytest.raises(TranscriptError) as caught:
        load_episode(tmp_path / "seeds" / name, tmp_path)
    line, words = BROKEN[name]
    assert str(caught.value).startswith(f"{reported_path(name)}:{line}: ")
    assert words in str(caught.value)


@pytest.fixture(scope="module")
def corpus_project(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("corpus"))
    copy_corpus(project, "broken", "odd", "hostile")
    return project


def test_production_build_names_every_bad_file_in_one_run(corpus_project):
    result = run_pelican(corpus_project, "publishconf.py")
    log = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in log
    for name, (line, _) in BROKEN.items():
        assert f"{reported_path(name)}:{line}: " in log, name
    assert f"{len(BROKEN)} bad transcript(s)" in log
    assert not (corpus_project / "output" / "index.html").exists()


@pytest.fixture(scope="module")
def corpus_site(corpus_project):
    result = run_pelican(corpus_project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return corpus_project / "output"


def page_titles(output):
    titles = {}
    for page in sorted((output / "episodes").glob("*/index.html")):
        tree = lxml_html.fromstring(page.read_bytes())
        titles[page.parent.name] = tree.xpath("string(//h1)")
    return titles


def test_development_build_publishes_every_good_episode_intact(corpus_site):
    titles = page_titles(corpus_site)
    expected = [lines_of(s)[0] for s in SEEDS]
    expected += [lines_of(p)[0] for p in ODD + HOSTILE]
    assert len(titles) == len(SEEDS) + len(ODD) + len(HOSTILE)
    assert sorted(titles.values()) == sorted(expected)


def shown_segments(page):
    """The words of every timed segment on an episode page, timestamps removed."""
    tree = lxml_html.fromstring(page.read_bytes())
    return [
        " ".join(re.sub(r"^\s*\d\d:\d\d:\d\d", "", node.text_content()).split())
        for node in tree.xpath("//span[@class='segment'][@data-start]")
    ]


def test_odd_but_valid_files_keep_every_line(corpus_site):
    titles = page_titles(corpus_site)
    for source in ODD + HOSTILE:
        title = lines_of(source)[0]
        pages = [
            corpus_site / "episodes" / p / "index.html" for p, t in titles.items() if t == title
        ]
        timed = [
            line.split(":", 3)[3].strip()
            for line in lines_of(source)
            if re.match(r"^\d\d:\d\d:\d\d:", line) and line.split(":", 3)[3].strip()
        ]
        # Characters HTML forbids are shown replaced (safe_text), the rest of the line kept.
        shown = [" ".join(clean_text(t).split()) for t in timed]
        assert shown in [shown_segments(p) for p in pages], source.name


def test_equal_titles_and_symbol_titles_get_their_own_pages(corpus_site):
    slugs = set(page_titles(corpus_site))
    assert {"same-title", "same-title-2", "symbols-only-title"} <= slugs


def test_hostile_markup_is_text_never_markup(corpus_site):
    for page in sorted(corpus_site.rglob("*.html")):
        tree = lxml_html.fromstring(page.read_bytes())
        for script in tree.xpath("//script"):
            if script.get("type") == "application/ld+json":
                # Structured data carries hostile text as JSON strings: data, never code.
                assert "<" not in script.text, page
                json.loads(script.text)
                continue
            assert "alert(" not in (script.text or ""), page
        for element in tree.iter():
            for name, value in element.attrib.items():
                assert not name.startswith("on"), (page, name)
                assert not value.strip().lower().startswith("javascript:"), (page, name, value)


def test_duplicate_stems_in_different_folders_are_both_refused(tmp_path):
    project = make_project(tmp_path, SEEDS[:2])
    for folder in ("2025", "2026"):
        (project / "seeds" / folder).mkdir()
        shutil.copy(SEEDS[2], project / "seeds" / folder / "same-id.txt")
    result = run_pelican(project, "publishconf.py")
    log = result.stdout + result.stderr
    assert result.returncode == 1
    assert (
        "seeds/2025/same-id.txt: the file name same-id is used by seeds/2026/same-id.txt too" in log
    )
    dev = run_pelican(project)
    assert dev.returncode == 0
    assert len(page_titles(project / "output")) == 2


def test_three_hour_transcript_with_thousands_of_lines(tmp_path):
    project = make_project(tmp_path, [])
    lines = ["00:00:00: Welcome back.", "00:00:02: Sunday, May seventeen twenty-twenty six."]
    lines += [
        f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}: line {s}" for s in range(5, 11000, 2)
    ]
    (project / "seeds" / "marathon.txt").write_text(
        "Marathon\nShow notes\nA long one.\nShow transcript\n" + "\n".join(lines) + "\n"
    )
    # Reading and showing it is the point; narrating three hours (30 s) is left to the bench.
    output = build(project, PODCAST_NARRATION=False)
    shown = shown_segments(output / "episodes" / "marathon" / "index.html")
    assert len(shown) == len(lines) == 5500
    assert shown[-1] == "line 10999"
