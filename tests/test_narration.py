"""Synthesized narration: real eSpeak NG, real LAME, real Pelican builds, read back with mutagen.

Piper, the neural engine, and the alignment heard in the decoded MP3 are in
``test_narration_piper``.
"""

import html
import io
import json
import math
import re
from array import array
from datetime import date
from urllib.parse import urlsplit

import feedparser
import mutagen.mp3
import podcastparser
import pytest

from transcript_podcast.core.feed.rss import DESCRIPTION_BYTES, Channel, FeedItem, build_feed
from transcript_podcast.core.model import Enclosure, Episode, Segment
from transcript_podcast.core.narration import espeak
from transcript_podcast.core.narration import speech as narration
from transcript_podcast.core.narration.engine import VoiceError
from transcript_podcast.core.narration.speech import (
    NarrationSettings,
    NarrationTags,
    encode_mp3,
    narrate,
    narration_note,
    speech_timeline,
)
from transcript_podcast.core.seeds.layout import format_stamp
from transcript_podcast.core.settings import SettingsError, with_defaults

from .conftest import build, file_bytes, make_project, parsed_by_node
from .transcript_parsers import json_rows, srt_rows, vtt_rows

SETTINGS = NarrationSettings()
ENGINE = espeak.EspeakEngine(SETTINGS.voice.name, SETTINGS.rate)
# What the page, the MP3 and the feed must say (written out: not computed by the code tested).
NARRATION_NOTE = (
    "This audio is synthesized narration of the transcript, eSpeak NG voice 'en-us', "
    "not a recording of the episode."
)
FASTEST_RATE = min(espeak.MAXIMUM_RATE, round(SETTINGS.rate * SETTINGS.max_speedup))
TAGS = NarrationTags("A generated episode", "The Test Show", "2026-01-02")
# Two fragments share second 0; a long gap after second 4; an empty fragment at 15.
SEGMENTS = (
    Segment(0, "Welcome to the test show.", 1),
    Segment(0, "This fragment shares the first second.", 2),
    Segment(4, "Here is the second segment.", 3),
    Segment(14, "After a long gap, the third one.", 4),
    Segment(18, "", 5),
    Segment(18, "And the last words of the episode.", 6),
)
GAP = (8.5, 13.5)  # seconds inside the gap between 4 and 14 where nothing is said


def rms(timeline, start, end):
    """Root mean square loudness of ``timeline`` between two times in seconds."""
    rate = timeline.sample_rate
    samples = array("h", timeline.pcm[round(start * rate) * 2 : round(end * rate) * 2])
    return math.sqrt(sum(s * s for s in samples) / len(samples))


@pytest.fixture(scope="module")
def timeline():
    return speech_timeline(SEGMENTS, SETTINGS, ENGINE)


def test_speech_starts_at_each_timestamp_and_the_gap_is_silent(timeline):
    for segment in {s.start: s for s in SEGMENTS if s.text}.values():
        assert rms(timeline, segment.start, segment.start + 0.3) > 300, segment
        if segment.start:
            assert rms(timeline, segment.start - 0.15, segment.start) < 5, segment
    assert rms(timeline, *GAP) < 5
    assert timeline.late == 0


def test_spoken_ends_follow_the_segments(timeline):
    ends = timeline.spoken_ends
    assert len(ends) == len(SEGMENTS)
    assert 0 < ends[0] < ends[1] < 4  # fragments of one second are spoken in order
    assert 4 < ends[2] < GAP[0]
    assert 14 < ends[3] < 18
    assert ends[4] == 18  # no words, nothing spoken
    assert ends[5] > 18
    # speech really ends there: loud just before the end, silent just after
    for end in (ends[0], ends[2], ends[3]):
        assert rms(timeline, end - 0.2, end) > 100
        assert rms(timeline, end + 0.01, end + 0.1) < 5


def test_mp3_covers_the_last_segment_and_says_it_is_synthesized(tmp_path):
    made = narrate(SEGMENTS, SETTINGS, TAGS)
    path = tmp_path / "narration.mp3"
    path.write_bytes(made.mp3)
    audio = mutagen.mp3.MP3(path)
    assert audio.info.length >= made.spoken_ends[-1] > SEGMENTS[-1].start
    assert audio.info.sample_rate == espeak.sample_rate()
    assert audio.info.bitrate == SETTINGS.bit_rate * 1000
    assert str(audio.tags["COMM::eng"]) == NARRATION_NOTE
    assert narration_note(SETTINGS.voice) == NARRATION_NOTE
    assert str(audio.tags["TPE1"]) == "Synthesized narration (eSpeak NG voice 'en-us')"
    assert str(audio.tags["TIT2"]) == TAGS.title
    assert str(audio.tags["TDRC"]) == TAGS.date


def test_same_input_gives_the_same_bytes():
    assert narrate(SEGMENTS, SETTINGS, TAGS).mp3 == narrate(SEGMENTS, SETTINGS, TAGS).mp3


def test_crowded_words_are_spoken_faster_to_fit_their_gap():
    words = " ".join(["word"] * 30)
    at_base = len(espeak.synthesize(words, SETTINGS.voice.name, SETTINGS.rate)) / 2
    segments = (Segment(0, words), Segment(7, "Next."))
    assert at_base / espeak.sample_rate() > 7  # too long at the base rate
    fitted = speech_timeline(segments, SETTINGS, ENGINE)
    assert fitted.late == 0
    assert fitted.spoken_ends[0] < 7


def test_words_that_cannot_fit_run_on_instead_of_being_cut():
    words = " ".join(["word"] * 40)
    segments = (Segment(0, words), Segment(2, "Next."))
    made = speech_timeline(segments, SETTINGS, ENGINE)
    at_fastest = len(espeak.synthesize(words, SETTINGS.voice.name, FASTEST_RATE)) / 2
    assert made.late == 1
    assert made.spoken_ends[0] >= at_fastest / espeak.sample_rate() - 0.5 > 2
    assert made.spoken_ends[1] > made.spoken_ends[0]


def test_unknown_voice_is_named():
    with pytest.raises(VoiceError, match="no voice named 'no-such-voice'"):
        espeak.synthesize("Hello.", "no-such-voice", 175)


def test_encoding_is_constant_bit_rate_mono(tmp_path):
    rate = espeak.sample_rate()
    path = tmp_path / "silence.mp3"
    path.write_bytes(encode_mp3(bytes(rate * 2 * 3), rate, 48))
    info = mutagen.mp3.MP3(path).info
    assert (info.channels, info.bitrate) == (1, 48000)
    assert 3 <= info.length < 3.2


# The Pelican side: a generated transcript in a real build.


def seed_text(title, lines):
    body = "\n".join(f"{format_stamp(start)}: {text}" for start, text in lines)
    return f"{title}\nShow notes\nA generated episode.\nShow transcript\n{body}\n"


def add_seed(project, stem, title, day):
    seeds = project / "seeds"
    lines = [(s.start, s.text) for s in SEGMENTS]
    (seeds / f"{stem}.txt").write_text(seed_text(title, lines))
    (seeds / f"{stem}.toml").write_text(f"date = 2026-01-{day:02d}\n")


@pytest.fixture
def generated_project(tmp_path):
    project = make_project(tmp_path, seeds=[], share_narrations=False)
    add_seed(project, "first", "The first generated episode", 2)
    return project


def test_rebuild_reuses_the_cache_without_synthesis_and_is_identical(
    generated_project, monkeypatch
):
    first = file_bytes(build(generated_project))
    cache = generated_project / "cache" / "narration"
    cached = file_bytes(cache)
    assert len([p for p in cached if p.endswith(".mp3")]) == 1

    def no_synthesis(*_args):
        raise AssertionError("the narration was synthesized again")

    monkeypatch.setattr(narration, "narrate", no_synthesis)
    assert file_bytes(build(generated_project)) == first
    assert file_bytes(cache) == cached


def test_adding_a_transcript_synthesizes_only_its_narration(generated_project, monkeypatch):
    build(generated_project)
    add_seed(generated_project, "second", "The second generated episode", 3)
    narrated, narrate_for_real = [], narration.narrate

    def counted(segments, settings, tags):
        narrated.append(tags.title)
        return narrate_for_real(segments, settings, tags)

    monkeypatch.setattr(narration, "narrate", counted)
    build(generated_project)
    mp3s = sorted((generated_project / "cache" / "narration").glob("*.mp3"))
    assert len(mp3s) == 2
    assert narrated == ["The second generated episode"]
    titles = {str(mutagen.mp3.MP3(p).tags["TIT2"]) for p in mp3s}
    assert titles == {"The first generated episode", "The second generated episode"}


def test_episode_page_says_the_audio_is_synthesized(generated_project):
    output = build(generated_project)
    page = (output / "episodes" / "the-first-generated-episode" / "index.html").read_text()
    assert NARRATION_NOTE in html.unescape(page)


def test_cues_of_a_narrated_episode_end_where_its_speech_ends(generated_project):
    output = build(generated_project)
    (facts,) = (generated_project / "cache" / "narration").glob("*.json")
    spoken_ends = json.loads(facts.read_text())["spoken_ends"]
    wanted = [round(end * 1000) for s, end in zip(SEGMENTS, spoken_ends, strict=True) if s.text]
    folder = output / "episodes" / "the-first-generated-episode"
    speakers = [None] * len(wanted)
    for rows in (
        vtt_rows((folder / "transcript.vtt").read_text()),
        srt_rows((folder / "transcript.srt").read_text(), speakers),
        json_rows((folder / "transcript.json").read_text()),
    ):
        assert [end for _, end, _, _ in rows] == wanted
        assert [start for start, _, _, _ in rows] == [0, wanted[0], 4000, 14000, 18000]


@pytest.mark.parametrize(
    ("site_url", "prefix"), [("", "/"), ("https://pod.example.org", "https://pod.example.org/")]
)
def test_episode_page_plays_the_published_narration(generated_project, site_url, prefix):
    output = build(generated_project, SITEURL=site_url)
    folder = "episodes/the-first-generated-episode"
    audio = f"{folder}/the-first-generated-episode.mp3"
    page = (output / folder / "index.html").read_text()
    assert re.findall(r'<audio [^>]*\bsrc="([^"]*)"', page) == [f"{prefix}{audio}"]
    assert (output / audio).is_file()


def test_a_supplied_recording_wins(generated_project):
    rate = espeak.sample_rate()
    recording = generated_project / "seeds" / "first.mp3"
    recording.write_bytes(encode_mp3(bytes(rate * 2 * 25), rate, 32))
    output = build(generated_project)
    page = (output / "episodes" / "the-first-generated-episode" / "index.html").read_text()
    assert "synthesized narration" not in page
    assert not list((generated_project / "cache").rglob("*.mp3"))


def test_narration_is_off_unless_asked_for(generated_project):
    """A settings file that never names PODCAST_NARRATION builds no narration."""
    conf = (generated_project / "pelicanconf.py").read_text()
    asked = "PODCAST_NARRATION = True\n"
    assert conf.count(asked) == 1
    (generated_project / "unasked.py").write_text(conf.replace(asked, ""))
    output = build(generated_project, "unasked.py")
    page = (output / "episodes" / "the-first-generated-episode" / "index.html").read_text()
    assert "synthesized narration" not in page
    assert "<audio" not in page
    assert not list(output.rglob("*.mp3"))
    assert not (generated_project / "cache" / "narration").exists()


@pytest.mark.parametrize("folder", ["cache/narration", "audio", "./a/../b", "cache\\narration"])
def test_narration_cache_inside_the_project_is_accepted(folder):
    assert with_defaults({"PODCAST_NARRATION_CACHE": folder})["PODCAST_NARRATION_CACHE"] == folder


@pytest.mark.parametrize("folder", ["", ".", "..", "../shared", "a/../../b", "/tmp/n", "C:/n", 3])
def test_narration_cache_outside_the_project_is_refused(folder):
    with pytest.raises(SettingsError, match="PODCAST_NARRATION_CACHE must be a relative path"):
        with_defaults({"PODCAST_NARRATION_CACHE": folder})


def test_production_narrations_live_apart_from_the_keyed_content_cache(
    generated_project, monkeypatch
):
    """A content-cache build and a plain one share the narration (made once)."""
    monkeypatch.setenv("SITEURL", "https://pod.example.org")
    build(generated_project, "publishconf.py")
    keyed = [p for p in (generated_project / "cache").iterdir() if p.name != "narration"]
    assert any(p.is_dir() for p in keyed)  # publishconf turns the keyed content cache on
    assert not list((generated_project / "cache").rglob("*/*/*.mp3"))
    (made,) = (generated_project / "cache" / "narration").glob("*.mp3")

    def no_synthesis(*_args):
        raise AssertionError("the narration was synthesized again")

    monkeypatch.setattr(narration, "narrate", no_synthesis)
    output = build(generated_project, PODCAST_NARRATION_CACHE="cache/narration")
    assert (
        output / "episodes/the-first-generated-episode/the-first-generated-episode.mp3"
    ).read_bytes() == made.read_bytes()


def test_unknown_voice_stops_the_build_with_the_setting_named(generated_project, caplog):
    with pytest.raises(SystemExit):
        build(generated_project, PODCAST_NARRATION_VOICE="no-such-voice")
    assert "PODCAST_NARRATION_VOICE: eSpeak NG has no voice named 'no-such-voice'" in caplog.text


# The feed says the audio is synthesized: pure feed code read back by real parsers.

CHANNEL = Channel(
    title="The Test Show",
    link="https://pod.example.org/",
    feed_url="https://pod.example.org/feed.xml",
    description="A show.",
    language="en",
    image_url="https://pod.example.org/cover.png",
    author="The Test Show",
    category="Technology",
)


def feed_item(stem, notes, audio_note):
    episode = Episode(stem, f"seeds/{stem}.txt", stem, notes, date(2026, 1, 2), SEGMENTS, stem)
    audio = Enclosure(f"episodes/{stem}/{stem}.mp3", 1000, "audio/mpeg", 20.0)
    return FeedItem(episode, f"episodes/{stem}/", audio, audio_note=audio_note)


def test_feed_items_of_narrations_say_so_in_description_and_show_notes():
    long_notes = "\n".join(["A line of show notes that goes on and on."] * 200)
    items = [
        feed_item("short", "Short notes.", NARRATION_NOTE),
        feed_item("long", long_notes, NARRATION_NOTE),
        feed_item("recorded", "Short notes.", None),
    ]
    feed = build_feed(CHANNEL, items)
    parsed = podcastparser.parse(CHANNEL.feed_url, io.BytesIO(feed))
    by_guid = {item["guid"]: item for item in parsed["episodes"]}
    for guid in ("short", "long"):
        assert by_guid[guid]["description"].endswith(NARRATION_NOTE)
        assert NARRATION_NOTE in by_guid[guid]["description_html"]  # content:encoded
    assert by_guid["short"]["description"].startswith("Short notes.")
    assert NARRATION_NOTE not in by_guid["recorded"]["description"]
    assert NARRATION_NOTE not in by_guid["recorded"]["description_html"]

    entries = {entry.id: entry for entry in feedparser.parse(feed).entries}
    long_description = entries["long"].summary
    assert len(long_description.encode()) <= DESCRIPTION_BYTES
    assert long_description.startswith("A line of show notes")
    assert f"<p>{NARRATION_NOTE}</p>" in entries["long"].content[0].value
    assert NARRATION_NOTE not in entries["recorded"].content[0].value


# The real seeds: every feed item gets the narration as its enclosure.


def feed_of(site):
    return site / "feed.xml"


def output_file(site, url):
    return site / urlsplit(url).path.lstrip("/")


def test_every_real_seed_item_has_the_narration_as_enclosure(seed_site):
    feed = feed_of(seed_site)
    with feed.open("rb") as stream:
        parsed = podcastparser.parse(feed.as_uri(), stream)
    assert len(parsed["episodes"]) == 5
    for item in parsed["episodes"]:
        (enclosure,) = item["enclosures"]
        assert enclosure["mime_type"] == "audio/mpeg"
        audio = output_file(seed_site, enclosure["url"])
        assert enclosure["file_size"] == audio.stat().st_size
        assert str(mutagen.mp3.MP3(audio).tags["COMM::eng"]) == NARRATION_NOTE
        assert NARRATION_NOTE in item["description"]
        assert NARRATION_NOTE in item["description_html"]
        assert item["total_time"] == round(mutagen.mp3.MP3(audio).info.length)


def test_podcast_partytime_keeps_every_narrated_item(seed_site):
    enclosures = parsed_by_node(
        "podcast-partytime", feed_of(seed_site), "feed.items.map((item) => item.enclosure)"
    )
    assert len(enclosures) == 5
    for enclosure in enclosures:
        assert enclosure["type"] == "audio/mpeg"
        assert enclosure["length"] == output_file(seed_site, enclosure["url"]).stat().st_size
