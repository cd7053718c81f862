"""Hostile and broken input never breaks the site or loses an episode (tests/corpus/).

``broken/`` seeds (and sidecars) are refused by the reader at their line; ``refused/`` ones
read but are refused by the build (their audio, artwork, GUID or a misnamed sidecar);
``odd/`` and ``hostile/`` ones are published whole.  Every group is built together: the
development build publishes every good episode and names every bad one, the production
build names them all in one run and exits 1.
"""

import json
import re
import shutil
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from transcript_podcast.check.site import check_site
from transcript_podcast.core.errors import TranscriptError
from transcript_podcast.core.safe_text import clean_text
from transcript_podcast.core.seeds.files import load_episode
from transcript_podcast.core.seeds.layout import LONGEST_LINE

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
    # Sidecar strings a feed cannot carry, numbers that are not finite, artwork not JPEG/PNG.
    "sidecar-guid-line-break.txt": (1, "'guid' contains a line break (U+000A)"),
    "sidecar-guid-line-separator.txt": (1, "'guid' contains a line separator (U+2028)"),
    "sidecar-guid-tab.txt": (1, "'guid' contains a tab (U+0009)"),
    "sidecar-person-role-control.txt": (3, "'people[0].role' contains a control character"),
    "sidecar-person-href-control.txt": (3, "'people[0].href' contains a control character"),
    "sidecar-audio-url-control.txt": (2, "'audio.url' contains a control character (U+001F)"),
    "sidecar-speaker-name-tab.txt": (3, "'speakers[0].name' contains a tab"),
    "sidecar-notes-control.txt": (1, "'notes' contains a control character (U+0085)"),
    "sidecar-type-trailing-newline.txt": (4, "'audio.type' contains a line break"),
    "sidecar-duration-inf.txt": (4, "'audio.duration' must be a positive number of seconds"),
    "sidecar-duration-nan.txt": (4, "'audio.duration' must be a positive number of seconds"),
    "sidecar-duration-huge.txt": (4, "'audio.duration' must be a positive number of seconds"),
    "sidecar-image-gif.txt": (1, "'image' must be a .jpg, .jpeg or .png URL"),
    "sidecar-date-out-of-range.txt": (1, "'date' must be a date like 2026-05-17 between 1900"),
    # Air dates that would be wrong if guessed.
    "date-impossible-leap-day.txt": (6, "February 29, 2027 is not a date: 2027 is not a leap"),
    "date-impossible-day-of-month.txt": (6, "April 31, 2026 is not a date: April has 30 days"),
    "date-invalid-day-said-first.txt": (6, "May 32, 2026 is not a date: May has 31 days"),
    "date-month-and-year-only.txt": (5, "no air date spoken in the first 60 seconds"),
    "date-ambiguous-day-or-year.txt": (6, "these words can be May 20, 2026 or May 2020"),
    "date-two-different.txt": (
        6,
        "the opening speaks 2 different dates: 1985-05-03 (line 6), 2026-05-17 (line 7)",
    ),
    "date-earlier-date-unmarked.txt": (
        6,
        "the opening speaks 2 different dates: 2026-05-10 (line 6), 2026-05-17 (line 7)",
    ),
}
# Read, then refused by the build: (where it is reported, what is said).
REFUSED = {
    "audio-not-audio.txt": (
        "seeds/audio-not-audio.toml:1",
        "audio seeds/audio-not-audio-recording.mp3 is not a readable audio file",
    ),
    "audio-beside-not-audio.txt": (
        "seeds/audio-beside-not-audio.txt",
        "audio seeds/audio-beside-not-audio.mp3 is not a",
    ),
    "image-missing-file.txt": (
        "seeds/image-missing-file.toml:2",
        "image file media/nowhere.png does not exist",
    ),
    "image-not-an-image.txt": (
        "seeds/image-not-an-image.toml:1",
        "image seeds/image-not-an-image-art.png is not a PNG or JPEG file",
    ),
    "guid-shared-first.txt": (
        "seeds/guid-shared-first.txt",
        "the GUID 'shared-guid' is also the GUID of seeds/guid-shared-second.txt",
    ),
    "guid-shared-second.txt": (
        "seeds/guid-shared-second.txt",
        "the GUID 'shared-guid' is also the GUID of seeds/guid-shared-first.txt",
    ),
    "misnamed-sidecar.txt": (
        "seeds/misnamed-sidecar.TOML",
        "a sidecar is read only when named misnamed-sidecar.toml",
    ),
}


def seeds_in(group):
    """The seed transcripts of a corpus group (``.txt`` in any case)."""
    return sorted(p for p in (CORPUS / group).iterdir() if p.suffix.lower() == ".txt")


ODD = seeds_in("odd")
HOSTILE = seeds_in("hostile")


def lines_of(path):
    """A seed's lines as the parser splits them (only CR/LF end a line)."""
    return re.split(r"\r\n|\r|\n", path.read_text(encoding="utf-8-sig"))


def reported_path(name):
    """Sidecar problems are reported against the sidecar, the rest against the transcript."""
    sidecar = (CORPUS / "broken" / name).with_suffix(".toml")
    return f"seeds/{sidecar.name if sidecar.exists() else name}"


def logged(log, start, words):
    """True when a line of ``log`` starts with ``start`` and says ``words``."""
    return any(line.startswith(start) and words in line for line in log.splitlines())


def copy_corpus(project, *groups):
    for group in groups:
        for path in sorted((CORPUS / group).iterdir()):
            shutil.copy(path, project / "seeds" / path.name)


def test_corpus_manifest_covers_every_broken_and_refused_file():
    assert [p.name for p in seeds_in("broken")] == sorted(BROKEN)
    assert [p.name for p in seeds_in("refused")] == sorted(REFUSED)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_each_refused_file_reads_but_names_what_the_build_refuses(tmp_path, name):
    (tmp_path / "seeds").mkdir()
    for path in (CORPUS / "refused").iterdir():
        shutil.copy(path, tmp_path / "seeds" / path.name)
    episode = load_episode(tmp_path / "seeds" / name, tmp_path)
    assert episode.source_path == f"seeds/{name}"


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
    copy_corpus(project, "broken", "refused", "odd", "hostile")
    return project


def test_production_build_names_every_bad_file_in_one_run(corpus_project):
    result = run_pelican(corpus_project, "publishconf.py")
    log = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in log
    for name, (line, words) in BROKEN.items():
        assert logged(log, f"{reported_path(name)}:{line}: ", words), name
    for name, (where, words) in REFUSED.items():
        assert logged(log, f"{where}: ", words), name
    assert f"{len(BROKEN) + len(REFUSED)} bad transcript(s)" in log
    assert not (corpus_project / "output" / "index.html").exists()
    assert not (corpus_project / "seeds" / "guids.lock").exists()


DEV_LOG = {}  # the development build's log, by project


@pytest.fixture(scope="module")
def corpus_site(corpus_project):
    result = run_pelican(corpus_project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    DEV_LOG[corpus_project] = result.stdout + result.stderr
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


def test_development_build_names_every_refused_file_and_what_is_not_an_episode(
    corpus_project, corpus_site
):
    log = DEV_LOG[corpus_project]
    for name, (where, words) in REFUSED.items():
        assert logged(log, f"{where}: ", words), name
        assert f"seeds/{name} was skipped; every other episode is published" in log
    for name in ("README.md", "notes.rst"):
        assert f"seeds/{name} is not a transcript" in log or f"seeds/{name} is not used" in log


def feed_items(output):
    feed = etree.parse(str(output / "feed.xml"))
    return {item.findtext("title"): item for item in feed.getroot().iter("item")}


def test_artwork_in_any_jpeg_or_png_spelling_reaches_the_feed(corpus_site):
    items = feed_items(corpus_site)
    image = "{http://www.itunes.com/dtds/podcast-1.0.dtd}image"
    assert items["Artwork as a JPEG URL"].find(image).get("href") == (
        "https://cdn.example.org/art/cover.jpeg"
    )
    assert items["Artwork as a PNG URL with a query"].find(image).get("href") == (
        "https://cdn.example.org/Cover.PNG?v=2"
    )
    # A project file is published beside its page and the feed points at it.
    href = items["Artwork from a project file"].find(image).get("href")
    assert (
        href
        == "http://localhost:8000/episodes/artwork-from-a-project-file/artwork-from-a-project-file.jpg"
    )
    published = corpus_site / "episodes" / "artwork-from-a-project-file"
    assert (published / "artwork-from-a-project-file.jpg").read_bytes() == (
        CORPUS / "odd" / "image-project-file-art.jpeg"
    ).read_bytes()
    problems = check_site(corpus_site, site_url="http://localhost:8000")
    assert not [p for p in problems if "itunes:image" in p], problems


def test_air_dates_the_words_settle(corpus_site):
    items = feed_items(corpus_site)
    assert "17 May 2026" in items["Today marks the air date"].findtext("pubDate")
    assert "20 May 2026" in items["Day, then year"].findtext("pubDate")
    assert "17 May 2026" in items["Year said first"].findtext("pubDate")


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


def test_a_line_longer_than_the_limit_is_refused_at_its_line(tmp_path):
    (tmp_path / "seeds").mkdir()
    seed = tmp_path / "seeds" / "long.txt"
    line = "word " * (LONGEST_LINE // 5 + 1)  # after "00:00:00: " (10 characters)
    seed.write_text(f"Long\nShow notes\nN.\nShow transcript\n00:00:00: {line}\n")
    with pytest.raises(TranscriptError) as caught:
        load_episode(seed, tmp_path)
    assert str(caught.value).startswith(
        f"seeds/long.txt:5: this line is {len(line) + 10:,} characters long, more than the "
        f"{LONGEST_LINE:,} a line may hold"
    )


@pytest.mark.parametrize("name", ["tab\there.txt", "line\nbreak.txt", "sep\u2028arator.txt"])
def test_a_file_name_a_feed_cannot_carry_is_refused(tmp_path, name):
    (tmp_path / "seeds").mkdir()
    seed = tmp_path / "seeds" / name
    shutil.copy(SEEDS[0], seed)
    with pytest.raises(TranscriptError, match="the file name contains"):
        load_episode(seed, tmp_path)


def outside_site_files(output, marker):
    return [p for p in output.rglob("*") if p.is_file() and marker in p.read_bytes()]


def test_symbolic_links_that_lead_outside_the_project_are_refused(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    secret = b"SECRET-OUTSIDE-THE-PROJECT"
    (outside / "secret.png").write_bytes(secret)
    (outside / "page.md").write_bytes(b"Title: Leak\n\n" + secret + b"\n")
    (outside / "seed.txt").write_text(
        SEEDS[1].read_text(encoding="utf-8").replace("USA", secret.decode(), 1)
    )
    (outside / "folder").mkdir()
    shutil.copy(outside / "seed.txt", outside / "folder" / "in-folder.txt")
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project", SEEDS[:1])
    links = {
        "content/images/evil.png": outside / "secret.png",
        "content/pages/leak.md": outside / "page.md",
        "seeds/linked.txt": outside / "seed.txt",
        "seeds/linked-folder": outside / "folder",
    }
    for link, target in links.items():
        (project / link).symlink_to(target)
    dev = run_pelican(project, "pelicanconf.py", "PODCAST_NARRATION=false")
    log = dev.stdout + dev.stderr
    assert dev.returncode == 0, log
    assert "Traceback" not in log
    assert "content/images/evil.png leads outside the project" in log
    assert "content/pages/leak.md leads outside the project" in log
    assert "seeds/linked.txt: a symbolic link that leads outside the project" in log
    assert "seeds/linked-folder/in-folder.txt: a symbolic link that leads outside" in log
    assert outside_site_files(project / "output", secret) == []
    assert len(page_titles(project / "output")) == 1  # the real seed is still published
    production = run_pelican(project, "publishconf.py", "PODCAST_NARRATION=false")
    log = production.stdout + production.stderr
    assert production.returncode == 1
    assert "Traceback" not in log
    for link in links:
        assert f"{link}: a symbolic link that leads outside the project" in log
    assert f"{len(links)} symbolic link(s) refused" in log


@pytest.mark.parametrize(
    ("link", "target"), [("theme/static/evil.css", "outside"), ("content/images/loop", ".")]
)
def test_a_link_in_the_theme_or_a_loop_stops_every_build(tmp_path, link, target):
    (tmp_path / "outside").write_text("body { color: red }")
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project", SEEDS[:1])
    (project / link).symlink_to(tmp_path / target if target == "outside" else project / "content")
    dev = run_pelican(project, "pelicanconf.py", "PODCAST_NARRATION=false")
    assert dev.returncode == 1
    assert f"{link}: a symbolic link" in dev.stderr
    assert "Traceback" not in dev.stdout + dev.stderr
