"""The pre-deploy check: a correct site passes, each broken one fails with a precise line."""

import subprocess
import sys
import uuid

import pytest
import srt
import webvtt

from transcript_podcast.check.site import check_site
from transcript_podcast.core.standards import podcast_guid

from .conftest import make_project, run_pelican

SITE = "https://pod.example.org"
FEED_GUID = str(
    uuid.uuid5(uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"), "pod.example.org/feed.xml")
)
VTT = (
    "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n<v Ann>Hello\n\n"
    "00:00:02.000 --> 00:00:05.500\nthere\n"
)
SRT = "1\n00:00:00,000 --> 00:00:02,000\nHello\n\n2\n00:00:02,000 --> 00:00:05,500\nthere\n"
JSON = (
    '{"version": "1.0.0", "segments": '
    '[{"speaker": "Ann", "startTime": 0, "endTime": 2, "body": "Hello"}]}'
)
AUDIO = b"ID3" + bytes(997)
TRANSCRIPTS = {
    "vtt": ("text/vtt", VTT),
    "srt": ("application/x-subrip", SRT),
    "json": ("application/json", JSON),
    "html": ("text/html", "<p>Hello there</p>\n"),
    "txt": ("text/plain", "Hello there\n"),
}


def item(slug, guid, pub_date):
    links = "".join(
        f'<podcast:transcript url="{SITE}/episodes/{slug}/transcript.{ext}" type="{mime}"'
        + (' rel="captions"' if ext in {"vtt", "srt", "json"} else "")
        + ' language="en"/>'
        for ext, (mime, _) in TRANSCRIPTS.items()
    )
    return (
        f"<item><title>Episode {slug}</title><link>{SITE}/episodes/{slug}/</link>"
        f"<description>Notes</description>"
        f'<guid isPermaLink="false">{guid}</guid><pubDate>{pub_date}</pubDate>'
        f'<enclosure url="{SITE}/media/{slug}.mp3" length="{len(AUDIO)}" type="audio/mpeg"/>'
        f"<itunes:duration>5</itunes:duration>{links}</item>"
    )


def feed_xml():
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"'
        ' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"'
        ' xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>\n'
        f"<title>Show</title><link>{SITE}/</link><description>A show</description>"
        "<language>en</language>"
        f'<atom:link href="{SITE}/feed.xml" rel="self" type="application/rss+xml"/>'
        f'<itunes:image href="{SITE}/cover.png"/><itunes:category text="Technology"/>'
        "<itunes:explicit>false</itunes:explicit><itunes:type>episodic</itunes:type>"
        f"<podcast:guid>{FEED_GUID}</podcast:guid>\n"
        + item("one", "000_one", "Sun, 17 May 2026 06:00:00 +0000")
        + "\n"
        + item("two", "001_two", "Wed, 08 Apr 2026 06:00:00 +0000")
        + "\n</channel></rss>\n"
    )


@pytest.fixture
def site(tmp_path):
    """A small built site that obeys every rule: the feed, audio and transcript files."""
    (tmp_path / "feed.xml").write_text(feed_xml())
    (tmp_path / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    for slug in ("one", "two"):
        (tmp_path / "media").mkdir(exist_ok=True)
        (tmp_path / "media" / f"{slug}.mp3").write_bytes(AUDIO)
        folder = tmp_path / "episodes" / slug
        folder.mkdir(parents=True)
        for ext, (_, content) in TRANSCRIPTS.items():
            (folder / f"transcript.{ext}").write_text(content)
    return tmp_path


def edit_feed(site, old, new, count=1):
    feed = site / "feed.xml"
    text = feed.read_text()
    assert old in text
    feed.write_text(text.replace(old, new, count))


def test_the_fixtures_are_read_by_real_parsers():
    assert [c.text for c in webvtt.from_string(VTT)] == ["Hello", "there"]
    assert [s.content for s in srt.parse(SRT)] == ["Hello", "there"]


def test_a_correct_site_passes(site):
    assert check_site(site) == []


def test_missing_enclosure_length(site):
    edit_feed(site, f' length="{len(AUDIO)}"', "")
    assert check_site(site) == ["feed.xml: item 1 (guid 000_one): enclosure has no length"]


def test_enclosure_length_differs_from_the_file(site):
    (site / "media" / "two.mp3").write_bytes(AUDIO + b"more")
    assert check_site(site) == [
        f"feed.xml: item 2 (guid 001_two): enclosure length {len(AUDIO)} != file size "
        f"{len(AUDIO) + 4}"
    ]


def test_artwork_under_the_site_url_must_be_in_the_output(site):
    (site / "cover.png").unlink()
    edit_feed(
        site,
        "<itunes:duration>5</itunes:duration>",
        f'<itunes:duration>5</itunes:duration><itunes:image href="{SITE}/episodes/one/one.jpg"/>',
    )
    assert check_site(site) == [
        f"feed.xml: channel: <itunes:image> {SITE}/cover.png is not in the output",
        f"feed.xml: item 1 (guid 000_one): <itunes:image> {SITE}/episodes/one/one.jpg is not in "
        "the output",
    ]
    (site / "episodes" / "one" / "one.jpg").write_bytes(b"\xff\xd8\xff")
    (site / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert check_site(site) == []


def test_duplicate_guid(site):
    edit_feed(site, "001_two", "000_one")
    assert check_site(site) == [
        "feed.xml: item 2 (guid 000_one): guid 000_one is also the guid of item 1"
    ]


def test_wrong_transcript_type(site):
    edit_feed(
        site, 'transcript.srt" type="application/x-subrip"', 'transcript.srt" type="text/vtt"'
    )
    assert check_site(site) == [
        f"feed.xml: item 1 (guid 000_one): transcript {SITE}/episodes/one/transcript.srt "
        "has type text/vtt, expected application/x-subrip"
    ]


def test_transcript_url_pointing_nowhere(site):
    (site / "episodes" / "two" / "transcript.json").unlink()
    assert check_site(site) == [
        f"feed.xml: item 2 (guid 001_two): transcript {SITE}/episodes/two/transcript.json "
        "points to no file in the output"
    ]


def test_transcript_url_outside_the_site(site):
    edit_feed(site, f"{SITE}/episodes/one/transcript.txt", "https://elsewhere.example/t.txt")
    assert check_site(site) == [
        "feed.xml: item 1 (guid 000_one): transcript https://elsewhere.example/t.txt "
        f"is not under the site URL {SITE}/"
    ]


def test_wrong_weekday(site):
    edit_feed(site, "Wed, 08 Apr 2026", "Thu, 08 Apr 2026")
    assert check_site(site) == [
        "feed.xml: item 2 (guid 001_two): <pubDate> 'Thu, 08 Apr 2026 06:00:00 +0000' says "
        "Thu, but that day is a Wed"
    ]


def test_pub_date_not_rfc_2822(site):
    edit_feed(site, "Wed, 08 Apr 2026 06:00:00 +0000", "2026-04-08T06:00:00Z")
    assert check_site(site) == [
        "feed.xml: item 2 (guid 001_two): <pubDate> '2026-04-08T06:00:00Z' is not an RFC 2822 date"
    ]


def test_wrong_podcast_guid(site):
    edit_feed(site, FEED_GUID, podcast_guid("https://pod.example.org/old.xml"))
    (problem,) = check_site(site)
    assert problem.startswith(
        f"feed.xml: channel: <podcast:guid> {podcast_guid(SITE + '/old.xml')}"
    )
    assert problem.endswith(f"!= {FEED_GUID} (UUIDv5 of {SITE}/feed.xml)")


def test_missing_channel_tags(site):
    edit_feed(site, "<language>en</language>", "")
    edit_feed(site, '<itunes:category text="Technology"/>', "")
    assert check_site(site) == [
        "feed.xml: channel: missing <language>",
        "feed.xml: channel: missing <itunes:category>",
    ]


def test_guid_that_is_not_a_url_needs_is_permalink_false(site):
    edit_feed(site, '<guid isPermaLink="false">000_one', "<guid>000_one")
    assert check_site(site) == [
        'feed.xml: item 1 (guid 000_one): a guid that is not a URL needs isPermaLink="false"'
    ]


def test_captions_rel_on_an_untimed_transcript(site):
    edit_feed(site, 'type="text/plain" language', 'type="text/plain" rel="captions" language')
    assert check_site(site) == [
        f"feed.xml: item 1 (guid 000_one): transcript {SITE}/episodes/one/transcript.txt: "
        'rel="captions" is only for timed formats'
    ]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            VTT.replace("00:00:02.000 --> 00:00:05.500", "00:00:02,000 --> 00:00:05.500"),
            "episodes/one/transcript.vtt:6: bad cue timing '00:00:02,000 --> 00:00:05.500' "
            "(hh:mm:ss.ttt --> hh:mm:ss.ttt)",
        ),
        (
            VTT.replace("00:00:05.500", "00:00:01.500"),
            "episodes/one/transcript.vtt:6: cue ends at or before it starts",
        ),
        (
            VTT.replace("WEBVTT", "WEBVTT FILE\nKind: captions"),
            "episodes/one/transcript.vtt:2: a blank line must follow the WEBVTT header",
        ),
        (
            "00:00:00.000 --> 00:00:02.000\nHello\n",
            "episodes/one/transcript.vtt:1: the file must start with WEBVTT",
        ),
    ],
)
def test_bad_vtt(site, content, problem):
    (site / "episodes" / "one" / "transcript.vtt").write_text(content)
    assert check_site(site) == [problem]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            SRT.replace("\n2\n", "\n3\n"),
            "episodes/two/transcript.srt:5: expected cue number 2, not '3'",
        ),
        (
            SRT.replace("00:00:02,000 --> 00:00:05,500", "00:00:02.000 --> 00:00:05.500"),
            "episodes/two/transcript.srt:6: bad cue timing '00:00:02.000 --> 00:00:05.500'",
        ),
    ],
)
def test_bad_srt(site, content, problem):
    (site / "episodes" / "two" / "transcript.srt").write_text(content)
    assert check_site(site) == [problem]


def test_cue_going_backwards_in_srt(site):
    (site / "episodes" / "two" / "transcript.srt").write_text(
        SRT.replace("00:00:02,000 --> 00:00:05,500", "00:00:00,000 --> 00:00:05,500").replace(
            "00:00:00,000 --> 00:00:02,000", "00:00:01,000 --> 00:00:02,000"
        )
    )
    assert check_site(site) == ["episodes/two/transcript.srt:6: cue starts before the previous cue"]


def test_bad_json_transcript(site):
    (site / "episodes" / "one" / "transcript.json").write_text(
        '{"version": "1.0.0", "segments": [}'
    )
    assert check_site(site) == ["episodes/one/transcript.json:1: not JSON: Expecting value"]


def test_not_well_formed_feed(site):
    edit_feed(site, "</channel>", "")
    (problem,) = check_site(site)
    assert problem.startswith("feed.xml:6: not well-formed XML: Opening and ending tag mismatch")


def test_feed_at_another_path_and_site_url(site):
    (site / "podcast").mkdir()
    (site / "feed.xml").rename(site / "podcast" / "rss.xml")
    assert check_site(site) == ["feed.xml: no feed in " + str(site)]
    assert check_site(site, "podcast/rss.xml", SITE) == []


def check_command(*args):
    return subprocess.run(
        [sys.executable, "-m", "transcript_podcast", "check", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_command_exits_non_zero_with_one_line_per_problem(site):
    (site / "episodes" / "two" / "transcript.json").unlink()
    edit_feed(site, "001_two", "000_one")
    result = check_command(str(site), "--site-url", SITE)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "feed.xml: item 2 (guid 000_one): guid 000_one is also the guid of item 1",
        f"feed.xml: item 2 (guid 000_one): transcript {SITE}/episodes/two/transcript.json "
        "points to no file in the output",
    ]


def test_command_passes_a_correct_site(site):
    result = check_command(str(site), "--feed", "feed.xml")
    assert result.returncode == 0, result.stdout
    assert "Traceback" not in result.stderr


def test_command_passes_on_the_real_production_build(tmp_path, monkeypatch):
    monkeypatch.setenv("SITEURL", SITE)
    project = make_project(tmp_path)
    built = run_pelican(project, "publishconf.py")
    assert built.returncode == 0, built.stdout + built.stderr
    result = check_command(str(project / "output"), "--site-url", SITE)
    assert result.returncode == 0, result.stdout


def test_hub_links_must_be_absolute_http_urls(site):
    self_link = f'<atom:link href="{SITE}/feed.xml" rel="self" type="application/rss+xml"/>'
    hubs = '<atom:link href="https://hub.example/" rel="hub"/><atom:link href="/hub" rel="hub"/>'
    edit_feed(site, self_link, self_link + hubs)
    assert check_site(site) == [
        "feed.xml: channel: <atom:link rel=\"hub\"> '/hub' is not an absolute http(s) URL"
    ]


def test_a_feed_with_hubs_needs_a_self_link(site):
    self_link = f'<atom:link href="{SITE}/feed.xml" rel="self" type="application/rss+xml"/>'
    edit_feed(site, self_link, '<atom:link href="https://hub.example/" rel="hub"/>')
    assert check_site(site) == [
        'feed.xml: channel: expected one <atom:link rel="self"> with the feed URL',
        'feed.xml: channel: <atom:link rel="hub"> needs <atom:link rel="self">: WebSub hubs '
        "push the feed at its self URL (the topic)",
    ]
