"""End-to-end: WebVTT, SRT, Podcast Index JSON and Whisper JSON seeds beside the real .txt
seeds, built by real Pelican into one site and one feed, and read back with real parsers.

Each timed seed's published VTT, SRT and JSON hold exactly its input cues (start and end to
the millisecond, text, speaker), read from the input by webvtt-py, srt and json.
"""

import html
import json
import re
import shutil

import feedparser
import pytest
import srt
import webvtt
from lxml import etree
from lxml import html as lxml_html

from transcript_podcast.check.site import check_site
from transcript_podcast.core.incremental.guid_lock import read_lock

from .conftest import ROOT, SEEDS, build, make_project, run_pelican
from .transcript_parsers import html_rows, json_rows, millis, text_rows, vtt_rows

TIMED = ROOT / "tests" / "timed"
TIMED_FILES = sorted(TIMED.iterdir())
SITEURL = "https://podcast.example.org"
PODCAST = "{https://podcastindex.org/namespace/1.0}"
# Every episode of the mixed folder, newest first, with the air date its feed item shows.
NEWEST_FIRST = [
    ("003_d29b12e1e87793c7", "07 Jun 2026"),
    ("whisper", "24 May 2026"),  # sidecar date
    ("001_fcc1d385489321ae", "17 May 2026"),
    ("podcast_index", "01 May 2026"),  # spoken: "Friday, May first, 2026"
    ("srt_episode", "12 Apr 2026"),  # sidecar date
    ("004_7009488f9fc2abd8", "08 Apr 2026"),
    ("000_cf1f7d48bab437eb", "05 Apr 2026"),
    ("vtt_episode", "29 Mar 2026"),  # spoken: "Sunday, March twenty-ninth, twenty twenty-six"
    ("002_3dbd943c478ecbef", "22 Mar 2026"),
]
TAGS = re.compile(r"</?(?:b|i|u)>", re.IGNORECASE)


def lines_joined(text):
    return " ".join(line.strip() for line in text.split("\n") if line.strip())


def input_cues(path):
    """``(start_ms, end_ms, speaker, text)`` of a seed, read by the independent parsers.

    SRT has no speaker field: its rows keep a ``Name: `` prefix in the text (speaker None).
    """
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".vtt":
        return [
            (
                c.start_time.in_milliseconds(),
                c.end_time.in_milliseconds(),
                html.unescape(c.voice) if c.voice else None,
                html.unescape(lines_joined(c.text)),
            )
            for c in webvtt.from_string(text, strict=True)
        ]
    if path.suffix == ".srt":
        return [
            (millis(s.start), millis(s.end), None, TAGS.sub("", lines_joined(s.content)))
            for s in srt.parse(text)
        ]
    document = json.loads(text)
    if "version" in document:
        return json_rows(text)
    return [
        (round(s["start"] * 1000), round(s["end"] * 1000), None, s["text"].strip())
        for s in document["segments"]
    ]


def prefixed(rows):
    """Rows with the speaker written as SRT writes it, a ``Name: `` prefix of the text."""
    return [
        (start, end, None, f"{speaker}: {text}" if speaker else text)
        for start, end, speaker, text in rows
    ]


def srt_rows_as_written(text):
    return [(millis(s.start), millis(s.end), None, s.content) for s in srt.parse(text)]


def title_of(stem):
    return re.search(r'^title = "(.*)"$', (TIMED / f"{stem}.toml").read_text(), re.M)[1]


def folder_of(output, stem):
    for text_file in (output / "episodes").glob("*/transcript.txt"):
        if text_file.read_text(encoding="utf-8").split("\n", 1)[0] == title_of(stem):
            return text_file.parent
    raise AssertionError(f"no episode folder for {stem}")


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """The real seeds and the four timed ones, built for production (narration on)."""
    project = make_project(tmp_path_factory.mktemp("mixed"), [*SEEDS, *TIMED_FILES])
    output = build(project, "publishconf.py", SITEURL=SITEURL, PODCAST_SRT_SPEAKERS=True)
    return project, output


SEED_FILES = ["vtt_episode.vtt", "srt_episode.srt", "podcast_index.json", "whisper.json"]


@pytest.mark.parametrize("name", SEED_FILES)
def test_input_cues_are_the_published_cues_in_every_timed_format(mixed, name):
    _, output = mixed
    seed = TIMED / name
    cues_in = input_cues(seed)
    folder = folder_of(output, seed.stem)
    read = lambda ext: (folder / f"transcript.{ext}").read_text(encoding="utf-8")  # noqa: E731
    vtt_out, json_out, srt_out = vtt_rows(read("vtt")), json_rows(read("json")), read("srt")
    if seed.suffix == ".srt":  # the input's speakers are its prefixes
        assert prefixed(vtt_out) == prefixed(json_out) == cues_in
    else:
        assert vtt_out == json_out == cues_in
    assert srt_rows_as_written(srt_out) == prefixed(vtt_out)


def test_a_recordings_length_does_not_move_a_timed_seeds_last_cue(mixed):
    _, output = mixed
    cues = vtt_rows((folder_of(output, "whisper") / "transcript.vtt").read_text())
    assert cues[-1][1] == 9514  # Whisper's end, not the 30 s of the sidecar's recording


SPEAKERS = {
    "vtt_episode": ["Emma", "Emma", "Ravi", "Emma", "Ravi", "Ravi", "Emma", None, "Emma"],
    "srt_episode": ["Emma", "Ravi", None, "Emma", "Ravi", None],
    "podcast_index": ["Emma", "Emma", "Ravi", None, "Emma", "Ravi"],
    "whisper": [None, None, None],
}


def shown(speakers):
    """The names a reader sees: a speaker's name where it changes."""
    return [n if n != b else None for b, n in zip([None, *speakers[:-1]], speakers, strict=True)]


@pytest.mark.parametrize("stem", sorted(SPEAKERS))
def test_speakers_are_on_the_page_and_in_every_format(mixed, stem):
    _, output = mixed
    folder = folder_of(output, stem)
    speakers, names = SPEAKERS[stem], shown(SPEAKERS[stem])
    read = lambda ext: (folder / f"transcript.{ext}").read_text(encoding="utf-8")  # noqa: E731
    assert [speaker for *_, speaker, _ in vtt_rows(read("vtt"))] == speakers
    assert [speaker for *_, speaker, _ in json_rows(read("json"))] == speakers
    for subtitle, speaker in zip(srt.parse(read("srt")), speakers, strict=True):
        assert subtitle.content.startswith(f"{speaker}: ") == bool(speaker)
    assert [speaker for _, speaker, _ in html_rows(read("html"))] == names
    assert [speaker for _, speaker, _ in text_rows(read("txt"), names)] == names
    page = lxml_html.fromstring((folder / "index.html").read_bytes())
    spans = page.find_class("transcript")[0].find_class("segment")
    on_page = [(span.findtext("b") or "").removesuffix(":") or None for span in spans]
    assert on_page == names
    assert page.findtext(".//h1").strip() == title_of(stem)


def test_one_feed_lists_every_kind_of_seed_by_air_date_with_its_stem_as_guid(mixed):
    project, output = mixed
    feed = feedparser.parse((output / "feed.xml").read_bytes())
    assert not feed.bozo
    assert [(e.id, e.published[5:16]) for e in feed.entries] == NEWEST_FIRST
    tree = etree.parse(str(output / "feed.xml"))
    for item in tree.iter("item"):
        guid = item.findtext("guid")
        transcripts = item.findall(f"{PODCAST}transcript")
        assert [t.get("type") for t in transcripts] == [  # WebVTT last: feedparser keeps it
            "text/plain",
            "text/html",
            "application/json",
            "application/x-subrip",
            "text/vtt",
        ], guid
        assert item.find("enclosure") is not None, guid  # narrated, or the sidecar's recording
    assert check_site(output, site_url=SITEURL) == []
    locked = read_lock((project / "seeds" / "guids.lock").read_text(), "seeds/guids.lock")
    assert {stem: entry.guid for stem, entry in locked.items()} == {
        stem: stem for stem, _ in NEWEST_FIRST
    }
    for stem in SPEAKERS:  # and so are their URLs
        assert locked[stem].slug == folder_of(output, stem).name


def test_a_locked_timed_episode_cannot_be_renamed(tmp_path):
    project = make_project(tmp_path, TIMED_FILES)
    build(project, "publishconf.py", PODCAST_NARRATION=False, PODCAST_REQUIRE_AUDIO=False)
    lock = (project / "seeds" / "guids.lock").read_text()
    locked = read_lock(lock, "lock")
    assert {stem: entry.guid for stem, entry in locked.items()} == {
        p.stem: p.stem for p in TIMED_FILES
    }
    for suffix in (".vtt", ".toml"):
        (project / "seeds" / f"vtt_episode{suffix}").rename(project / "seeds" / f"renamed{suffix}")
    result = run_pelican(
        project,
        "publishconf.py",
        "PODCAST_NARRATION=false",
        "PODCAST_REQUIRE_AUDIO=false",
    )
    log = result.stdout + result.stderr
    assert result.returncode == 1
    assert "episode vtt_episode was published with GUID 'vtt_episode'" in log
    assert (project / "seeds" / "guids.lock").read_text() == lock


BAD = {
    "cut.vtt": (
        "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nSunday, May 17 2026.\n\n"
        "00:00:02.000 --> 00:00:01.500\nBackwards.\n"
    ),
    "lost.srt": (
        "1\n00:00:00,000 --> 00:00:02,000\nSunday, May 17 2026.\n\n"
        "3\n00:00:02,000 --> 00:00:03,000\nA cue went missing.\n"
    ),
    "index.json": (
        '{"version": "1.0.0", "segments": [{"startTime": 0, "endTime": 2, "body": '
        '"Sunday, May 17 2026."}, {"startTime": 2, "endTime": 3}]}'
    ),
    "whisper-bad.json": '{"text": "", "segments": [{"start": 0, "end": 2, "text": 5}]}',
}
BAD_MESSAGES = [
    "seeds/cut.vtt:6: the cue ends at 00:00:01.500, not after its start 00:00:02.000",
    "seeds/lost.srt:5: expected cue number 2, found '3'",
    'seeds/index.json: segment 2: has no "body"',
    'seeds/whisper-bad.json: segment 1: needs a string "text" (a number found)',
]


def write_bad_seeds(project):
    for name, text in BAD.items():
        (project / "seeds" / name).write_text(text)
        stem = name.rsplit(".", 1)[0]
        (project / "seeds" / f"{stem}.toml").write_text('title = "Bad"\nnotes = "Bad."\n')


def test_bad_timed_seeds_are_named_with_their_line_or_segment(tmp_path):
    project = make_project(tmp_path, [SEEDS[0], *TIMED_FILES])
    write_bad_seeds(project)
    strict = run_pelican(project, "publishconf.py", "PODCAST_NARRATION=false")
    log = strict.stdout + strict.stderr
    assert strict.returncode == 1
    for message in BAD_MESSAGES:
        assert message in log
    assert "4 bad transcript(s)" in log
    assert "Traceback" not in log
    assert not (project / "output" / "index.html").exists()

    lenient = run_pelican(project, "pelicanconf.py", "PODCAST_NARRATION=false")
    log = lenient.stdout + lenient.stderr
    assert lenient.returncode == 0, log
    for message in BAD_MESSAGES:
        assert message in log
    for name in BAD:
        assert f"seeds/{name} was skipped" in log
    assert len(list((project / "output" / "episodes").glob("*/index.html"))) == 5


def test_one_stem_with_two_seed_files_is_refused_naming_both(tmp_path):
    project = make_project(tmp_path, [SEEDS[1], *TIMED_FILES])
    shutil.copy(SEEDS[0], project / "seeds" / "vtt_episode.txt")
    (project / "seeds" / "whisper.srt").write_text("not an SRT file\n")
    strict = run_pelican(project, "publishconf.py", "PODCAST_NARRATION=false")
    log = strict.stdout + strict.stderr
    assert strict.returncode == 1
    assert (
        "seeds/vtt_episode.txt: the file name vtt_episode is used by seeds/vtt_episode.vtt too"
        in log
    )
    assert "seeds/whisper.json: the file name whisper is used by seeds/whisper.srt too" in log
    lenient = run_pelican(project, "pelicanconf.py", "PODCAST_NARRATION=false")
    assert lenient.returncode == 0
    titles = {page.parent.name for page in (project / "output" / "episodes").glob("*/index.html")}
    assert titles == {
        "the-usa-wants-back-but-chinas-done",
        "forty-hour-robots",
        "may-day-for-machines",
    }
