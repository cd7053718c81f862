"""Chapters without a build: the sidecar's [[chapters]], the chapter files, the ID3 frames,
the transcript headings, the feed tags and the checker's chapter rules."""

import html
import io
import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import webvtt
from lxml import etree
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from transcript_podcast.check.chapters import json_chapter_problems, psc_problems
from transcript_podcast.core.chapters.formats import json_chapters, vtt_chapters
from transcript_podcast.core.chapters.id3 import with_chapters
from transcript_podcast.core.errors import TranscriptError
from transcript_podcast.core.feed.rss import Channel, FeedItem, build_feed
from transcript_podcast.core.model import Chapter, Chapters, Episode, Segment
from transcript_podcast.core.seeds.sidecar import read_sidecar
from transcript_podcast.core.transcripts.formats import html_fragment

from .audio_samples import write_mp3

SCHEMA = json.loads(
    (Path(__file__).parent / "chapters" / "json-chapters-1.2.schema.json").read_text()
)
PSC = "http://podlove.org/simple-chapters"
PODCAST = "https://podcastindex.org/namespace/1.0"

SIDECAR = """\
episode = 3

[[chapters]]
start = "00:00:00"
title = "Intro"

[[chapters]]
start = "00:01:30.500"
title = "The <first> story & more"
url = "https://example.org/story"
img = "https://example.org/story.png"

[[chapters]]
start = "00:02:00"
title = "Sponsor art"
toc = false
"""
CHAPTERS = (
    Chapter(0, "Intro", line=3),
    Chapter(
        90.5,
        "The <first> story & more",
        url="https://example.org/story",
        img="https://example.org/story.png",
        line=7,
    ),
    Chapter(120, "Sponsor art", toc=False, line=13),
)


def test_sidecar_chapters_are_read_with_their_lines():
    assert read_sidecar(SIDECAR.encode(), "seeds/x.toml")["chapters"] == CHAPTERS


@pytest.mark.parametrize(
    ("entries", "line", "message"),
    [
        (
            '[[chapters]]\nstart = "00:00:00"\ntitle = "A"\n\n'
            '[[chapters]]\nstart = "00:02:00"\ntitle = "B"\n\n'
            '[[chapters]]\nstart = "00:01:00"\ntitle = "C"\n',
            9,
            "'chapters[2]' starts at 00:01:00, before the chapter before it",
        ),
        (
            '[[chapters]]\nstart = "00:01:00"\ntitle = "A"\n\n'
            '[[chapters]]\nstart = "00:01:00"\ntitle = "B"\n',
            5,
            "'chapters[1]' starts at the same time as the chapter before it (00:01:00)",
        ),
        (
            '[[chapters]]\nstart = "00:00:00"\ntitle = "A"\n\n'
            '[[chapters]]\ntitle = "B"\nstart = "1:5"\n',
            7,
            "'chapters[1].start' must be a time like \"00:03:21\", not '1:5'",
        ),
        (
            '[[chapters]]\nstart = "00:00:00"\ntitle = ""\n',
            3,
            "'chapters[0].title' must be a non-empty string",
        ),
        (
            '[[chapters]]\nstart = "00:00:00"\ntitle = "A"\nurl = "javascript:alert(1)"\n',
            4,
            "'chapters[0].url' must be an http(s) URL",
        ),
        (
            '[[chapters]]\nstart = "00:00:00"\ntitle = "A"\ntoc = "no"\n',
            4,
            "'chapters[0].toc' must be true or false",
        ),
        (
            '[[chapters]]\nstart = "00:00:00"\ntitle = "A"\nimage = "x"\n',
            1,
            "'chapters[0]' has unknown key 'image'",
        ),
    ],
)
def test_bad_sidecar_chapters_are_refused_with_their_line(entries, line, message):
    with pytest.raises(TranscriptError) as refused:
        read_sidecar(entries.encode(), "seeds/x.toml")
    assert str(refused.value).startswith(f"seeds/x.toml:{line}: {message}")


def test_json_chapters_follow_the_spec():
    document = json.loads(json_chapters(CHAPTERS, "Episode & title", "The show"))
    jsonschema.validate(document, SCHEMA, format_checker=jsonschema.FormatChecker())
    assert document["version"] == "1.2.0"
    assert document["chapters"] == [
        {"startTime": 0, "title": "Intro"},
        {
            "startTime": 90.5,
            "title": "The <first> story & more",
            "img": "https://example.org/story.png",
            "url": "https://example.org/story",
        },
        {"startTime": 120, "title": "Sponsor art", "toc": False},
    ]
    assert json_chapter_problems(json_chapters(CHAPTERS), duration=300) == []


@pytest.mark.parametrize(
    ("document", "problem", "structural"),
    [
        ({"chapters": []}, "missing version", True),
        ({"version": "1.2.0", "chapters": [{"title": "x"}]}, "chapter 1 needs a startTime", True),
        (
            {"version": "1.2.0", "chapters": [{"startTime": 5}, {"startTime": 5}]},
            "chapter 2 starts at 5, not after the chapter before it",
            False,
        ),
        (
            {"version": "1.2.0", "chapters": [{"startTime": 0}, {"startTime": 400}]},
            "chapter 2 starts at 400, after the episode ends (300 s)",
            False,
        ),
        ({"version": "1.2.0", "chapters": [{"startTime": 0, "toc": "no"}]}, "toc must be", True),
        ({"version": "1.2.0", "chapters": [{"startTime": 0, "title": 7}]}, "title must be", True),
    ],
)
def test_the_checker_names_what_is_wrong_in_json_chapters(document, problem, structural):
    problems = json_chapter_problems(json.dumps(document), duration=300)
    assert any(problem in p for p in problems), problems
    # The spec's structure (the schema) agrees; order and duration are beyond a schema.
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(document))
    assert bool(errors) == structural


def test_webvtt_chapters_list_the_shown_chapters_until_the_end():
    text = vtt_chapters(CHAPTERS, end=300)
    cues = webvtt.from_buffer(io.StringIO(text))
    assert [(c.start, c.end, html.unescape(c.text)) for c in cues] == [
        ("00:00:00.000", "00:01:30.500", "Intro"),
        ("00:01:30.500", "00:05:00.000", "The <first> story & more"),
    ]
    assert "&lt;first&gt; story &amp; more" in text


def test_id3_chapters_carry_the_times_and_hide_hidden_markers(tmp_path):
    original = write_mp3(tmp_path / "a.mp3", seconds=3.0)
    chapters = (Chapter(0, "Intro"), Chapter(1.25, "Middle", url="https://example.org/m"))
    chapters += (Chapter(2, "Marker", toc=False),)
    tagged = with_chapters(original, chapters, duration=3.0)
    assert with_chapters(tagged, chapters, duration=3.0) == tagged  # same input, same bytes
    (tmp_path / "b.mp3").write_bytes(tagged)
    tags = ID3(tmp_path / "b.mp3")
    frames = sorted(tags.getall("CHAP"), key=lambda frame: frame.start_time)
    assert [(f.start_time, f.end_time) for f in frames] == [(0, 1250), (1250, 2000), (2000, 3000)]
    assert [str(f.sub_frames["TIT2"]) for f in frames] == ["Intro", "Middle", "Marker"]
    assert frames[1].sub_frames["WXXX:"].url == "https://example.org/m"
    (toc,) = tags.getall("CTOC")
    assert toc.child_element_ids == [frames[0].element_id, frames[1].element_id]
    assert MP3(tmp_path / "b.mp3").info.length == MP3(tmp_path / "a.mp3").info.length
    assert tagged.endswith(original[-1000:])  # the audio frames are untouched


def test_chapter_titles_are_headings_where_their_chapter_starts():
    """A chapter start also starts a paragraph (here nothing else would)."""
    segments = [Segment(0, "Hello there."), Segment(2, "Still the intro.")]
    segments += [Segment(4, "News."), Segment(6, "More news.")]
    fragment = html_fragment(segments, (Chapter(0, "Intro"), Chapter(3, "The <news>")))
    tree = etree.fromstring(fragment)
    assert [element.tag for element in tree] == ["h3", "p", "h3", "p"]
    assert (tree[0].text, tree[0].get("id")) == ("Intro", "chapter-1")
    assert (tree[2].text, tree[2].get("id")) == ("The <news>", "chapter-2")
    assert "".join(tree[3].itertext()).endswith("News. 00:00:06 More news.")
    assert len(etree.fromstring(html_fragment(segments))) == 1  # one paragraph without


def test_feed_items_link_their_chapters_and_carry_podlove_chapters():
    channel = Channel(
        title="Show",
        link="https://example.org/",
        feed_url="https://example.org/feed.xml",
        description="d",
        language="en",
        image_url="https://example.org/c.png",
        author="A",
        category="Technology",
    )
    episode = Episode(
        stem="one",
        source_path="seeds/one.txt",
        title="One",
        notes="Notes",
        air_date=date(2026, 5, 17),
        segments=(Segment(0, "Hello"),),
        guid="one",
    )
    item = FeedItem(
        episode=episode,
        page_url="episodes/one/",
        enclosure=None,
        chapters=Chapters(CHAPTERS, found=False),
    )
    root = etree.fromstring(build_feed(channel, [item]))
    (entry,) = root.iter("item")
    (linked,) = entry.findall(f"{{{PODCAST}}}chapters")
    assert linked.attrib == {
        "url": "https://example.org/episodes/one/chapters.json",
        "type": "application/json+chapters",
    }
    (psc,) = entry.findall(f"{{{PSC}}}chapters")
    assert psc.get("version") == "1.2"
    assert [dict(c.attrib) for c in psc] == [
        {"start": "00:00:00.000", "title": "Intro"},
        {
            "start": "00:01:30.500",
            "title": "The <first> story & more",
            "href": "https://example.org/story",
            "image": "https://example.org/story.png",
        },
    ]
    assert psc_problems(psc, duration=300) == []
    assert psc_problems(psc, duration=60) == [
        "psc:chapter 2 starts at 00:01:30.500, after the episode ends (60 s)"
    ]
