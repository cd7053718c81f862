"""The WebVTT, SRT, Podcast Index JSON and Whisper JSON seed readers: what they read, what
they refuse (with the line, or the segment for JSON), and agreement with webvtt-py and srt."""

import json
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcript_podcast.core.errors import TranscriptError
from transcript_podcast.core.model import Word
from transcript_podcast.core.seeds.files import load_episode
from transcript_podcast.core.seeds.json_input import decode_json, is_podcast_index
from transcript_podcast.core.seeds.podcast_index_input import read_podcast_index
from transcript_podcast.core.seeds.srt_input import LABELS, read_srt
from transcript_podcast.core.seeds.webvtt_input import read_vtt
from transcript_podcast.core.seeds.whisper_input import read_whisper
from transcript_podcast.core.transcripts.cues import Cue, make_cues
from transcript_podcast.core.transcripts.formats import Transcript, srt, vtt

from .conftest import ROOT, SEEDS
from .transcript_parsers import vtt_rows

TIMED = ROOT / "tests" / "timed"


def rows(segments):
    return [(s.start_ms, s.end_ms, s.speaker, s.text) for s in segments]


def read_json(text, path="seeds/x.json"):
    document = decode_json(text, path)
    reader = read_podcast_index if is_podcast_index(document) else read_whisper
    return reader(document, path)


def error(read, text, path):
    with pytest.raises(TranscriptError) as caught:
        read(text, path)
    return str(caught.value)


# What each format reads


def test_vtt_reads_times_voices_and_text_and_skips_layout_and_notes():
    segments = read_vtt((TIMED / "vtt_episode.vtt").read_text(), "seeds/e.vtt")
    assert rows(segments)[:4] == [
        (0, 2480, "Emma", "This is your daily synthesizer."),
        (
            2480,
            6125,
            "Emma",
            "Sunday, March twenty-ninth, twenty twenty-six, and we have a packed show today.",
        ),
        (6125, 9300, "Ravi", "Chips, robots & a very strange radio station."),
        (9300, 13007, "Emma", "But first: did you see the memo about tokens <-> dollars?"),
    ]
    assert rows(segments)[7] == (62042, 65600, None, "Music plays under the break.")
    assert [s.line for s in segments[:3]] == [13, 16, 20]  # the timing lines
    assert [s.start for s in segments[:3]] == [0, 2, 6]  # whole seconds, for #t= links


def test_vtt_cue_identifiers_may_look_like_anything_but_a_timing():
    text = (
        "WEBVTT\n\n1\n00:01.000 --> 00:02.500\nshort form\n\n"
        "next-cue\n00:02.500 --> 01:00:00.000\n<v Bo>long\n"
    )
    assert rows(read_vtt(text, "v.vtt")) == [
        (1000, 2500, None, "short form"),
        (2500, 3600000, "Bo", "long"),
    ]


def test_srt_reads_speaker_prefixes_only_when_asked_and_never_a_note():
    text = (TIMED / "srt_episode.srt").read_text()
    plain = read_srt(text, "seeds/e.srt")
    assert {s.speaker for s in plain} == {None}
    assert plain[0].text == "Emma: This is your daily synthesizer."
    named = read_srt(text, "seeds/e.srt", speaker_prefixes=True)
    assert rows(named) == [
        (0, 3200, "Emma", "This is your daily synthesizer."),
        (3200, 7450, "Ravi", "Today robots work forty hour shifts and nobody asked them."),
        (7450, 9010, None, "Note: the following segment was recorded remotely."),
        (9010, 12999, "Emma", "Remote recording, live nerves."),
        (12500, 15000, "Ravi", "Let's start with the humanoids."),
        (15000, 18250, None, "They now run shifts longer than mine."),
    ]
    assert [s.line for s in named[:2]] == [2, 6]


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        ("Speaker 1: hello", "Speaker 1"),
        ("Dr. Ada Lovelace: hello", "Dr. Ada Lovelace"),
        ("NB: hello", None),
        ("PS: hello", None),
        ("so: hello", None),  # not capitalised
        ("Update: hello", None),
        ("One two three four five: hello", None),  # a sentence, not a name
        ("10:30: hello", None),
        ("Emma:no space", None),
    ],
)
def test_srt_speaker_prefixes(line, speaker):
    (segment,) = read_srt(f"1\n00:00:00,000 --> 00:00:01,000\n{line}\n", "s.srt", True)
    assert segment.speaker == speaker
    assert segment.text == (line if speaker is None else "hello")


def test_podcast_index_json_reads_times_bodies_and_speakers():
    segments = read_json((TIMED / "podcast_index.json").read_text())
    assert rows(segments)[2:4] == [
        (6500, 9125, "Ravi", "Workers of the world, benchmark!"),
        (9125, 11000, None, "(laughter)"),
    ]
    assert [s.line for s in segments[:2]] == ["segment 1", "segment 2"]


def test_whisper_json_reads_segments_and_keeps_word_timestamps():
    segments = read_json((TIMED / "whisper.json").read_text())
    assert rows(segments) == [
        (0, 2400, None, "This is your daily synthesizer."),
        (2400, 6880, None, "Today we read the fine print of model cards."),
        (6880, 9514, None, "Nobody reads them, so we will."),
    ]
    assert segments[0].words == (
        Word(0, 320, "This"),
        Word(320, 500, "is"),
        Word(500, 780, "your"),
        Word(780, 1200, "daily"),
        Word(1200, 2400, "synthesizer."),
    )
    source = json.loads((TIMED / "whisper.json").read_text())
    for segment, entry in zip(segments, source["segments"], strict=True):
        assert [(w.start_ms, w.end_ms, w.text) for w in segment.words] == [
            (round(w["start"] * 1000), round(w["end"] * 1000), w["word"].strip())
            for w in entry["words"]
        ]


def test_json_kinds_are_told_apart_by_shape():
    whisper = '{"segments": [{"start": 0, "end": 1, "text": "hi"}]}'
    index = '{"segments": [{"startTime": 0, "endTime": 1, "body": "hi"}]}'
    assert not is_podcast_index(decode_json(whisper, "x.json"))
    assert is_podcast_index(decode_json(index, "x.json"))
    assert is_podcast_index(decode_json('{"version": "1.0.0", "segments": []}', "x.json"))
    assert not is_podcast_index(decode_json('{"text": "", "segments": []}', "x.json"))
    diarized = '{"segments": [{"start": 0, "end": 1, "text": "hi", "speaker": "SPEAKER_00"}]}'
    assert read_json(diarized)[0].speaker == "SPEAKER_00"


# Timed cues are kept, never estimated


def test_timed_cues_are_the_input_times_whatever_the_audio_or_narration_says():
    segments = read_vtt((TIMED / "vtt_episode.vtt").read_text(), "seeds/e.vtt")
    expected = [(s.start_ms, s.end_ms, s.speaker, s.text) for s in segments]
    for cues in (
        make_cues(segments),
        make_cues(segments, duration=4000.0),
        make_cues(segments, spoken_ends=[s.start + 0.1 for s in segments]),
    ):
        assert [(c.start_ms, c.end_ms, c.speaker, c.text) for c in cues] == expected


# Bad input: the line (VTT, SRT) or the segment (JSON), and what is wrong

VTT_ERRORS = [
    ("WEBVT\n\n00:00.000 --> 00:01.000\nhi\n", 1, "a WebVTT file starts with 'WEBVTT'"),
    ("WEBVTT\n00:00.000 --> 00:01.000\nhi\n", 2, "a blank line must separate"),
    ("WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n\n0:00:02.000 --> 0:00:03.000\nyo\n", 6, "timing"),
    ("WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nhi\n", 3, "expected a cue timing"),
    ("WEBVTT\n\nstray words\n", 3, "expected a cue timing"),
    ("WEBVTT\n\n00:00.000 --> 00:61.000\nhi\n", 3, "past 59"),
    ("WEBVTT\n\n00:05.000 --> 00:05.000\nhi\n", 3, "ends at 00:00:05.000, not after its start"),
    (
        "WEBVTT\n\n00:05.000 --> 00:06.000\nhi\n\n00:04.000 --> 00:07.000\nyo\n",
        6,
        "before the cue on line 3",
    ),
    ("WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n00:01.000 --> 00:02.000\nyo\n", 5, "second timing"),
    ("WEBVTT\n\n00:00.000 --> 00:01.000\n<v A>hi</v> <v B>yo\n", 4, "two speakers (A, B)"),
    ("WEBVTT\n\n00:00.000 --> 00:01.000\n1 < 2\n", 4, "write &lt;"),
    ("WEBVTT\n\n00:00.000 --> 00:01.000\nfine\na <blink>b\n", 5, "unknown cue tag <blink>"),
    ("WEBVTT\n\nNOTE a\n00:00.000 --> 00:01.000\nhi\n", 4, "a NOTE block cannot hold '-->'"),
    ("WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n\nSTYLE\n::cue {}\n", 6, "before the first cue"),
]


@pytest.mark.parametrize(("text", "line", "words"), VTT_ERRORS)
def test_bad_vtt_names_the_line(text, line, words):
    message = error(read_vtt, text, "seeds/x.vtt")
    assert message.startswith(f"seeds/x.vtt:{line}: "), message
    assert words in message


def test_vtt_without_cues_is_refused():
    assert error(read_vtt, "WEBVTT\n\nNOTE nothing\n", "seeds/x.vtt") == (
        "seeds/x.vtt: no cues ('hh:mm:ss.ttt --> hh:mm:ss.ttt')"
    )


SRT_ERRORS = [
    ("0\n00:00:00,000 --> 00:00:01,000\nhi\n", 1, "expected cue number 1, found '0'"),
    (
        "1\n00:00:00,000 --> 00:00:01,000\nhi\n\n3\n00:00:01,000 --> 00:00:02,000\nyo\n",
        5,
        "expected cue number 2, found '3'",
    ),
    ("1\n00:00:00.000 --> 00:00:01.000\nhi\n", 2, "expected 'HH:MM:SS,mmm --> HH:MM:SS,mmm'"),
    ("1\n00:00:00,000 --> 00:00:61,000\nhi\n", 2, "past 59"),
    ("1\n00:00:02,000 --> 00:00:01,000\nhi\n", 2, "cue 1 ends at 00:00:01,000, not after"),
    (
        "1\n00:00:02,000 --> 00:00:03,000\nhi\n\n2\n00:00:01,000 --> 00:00:04,000\nyo\n",
        6,
        "cue 2 starts at 00:00:01,000, before cue 1",
    ),
    ("1\n00:00:00,000 --> 00:00:01,000\n\n2\n00:00:01,000 --> 00:00:02,000\nyo\n", 2, "no text"),
    ("1\n00:00:00,000 --> 00:00:01,000\nhi\n\nlost paragraph\n", 5, "expected cue number 2"),
    ("1\n", 1, "cue 1 has no timing line"),
]


@pytest.mark.parametrize(("text", "line", "words"), SRT_ERRORS)
def test_bad_srt_names_the_line(text, line, words):
    message = error(read_srt, text, "seeds/x.srt")
    assert message.startswith(f"seeds/x.srt:{line}: "), message
    assert words in message


JSON_ERRORS = [
    (
        '{"version": "1.0.0",\n "segments": [\n  {"startTime": 0,}\n]}',
        "seeds/x.json:3: not valid JSON",
    ),
    ('{"version": "1.0.0", "segments": [{"startTime": NaN}]}', "seeds/x.json: not valid JSON: NaN"),
    ("[1, 2]", 'seeds/x.json: expected a transcript object with a "segments" list'),
    ('{"version": "1.0.0", "segments": []}', 'seeds/x.json: "segments" is empty'),
    ('{"version": 1, "segments": [{}]}', 'seeds/x.json: "version" must be a string'),
    (
        '{"version": "1.0.0", "segments": [{"startTime": 0, "endTime": 1, "body": "a"}, 7]}',
        "seeds/x.json: segment 2: must be an object, not a number",
    ),
    (
        '{"version": "1.0.0", "segments": [{"startTime": 0, "endTime": 1, "body": "a"},'
        ' {"startTime": 2, "endTime": 2, "body": "b"}]}',
        'seeds/x.json: segment 2: "endTime" 2 is not after "startTime" 2',
    ),
    (
        '{"version": "1.0.0", "segments": [{"startTime": 3, "endTime": 4, "body": "a"},'
        ' {"startTime": 2, "endTime": 5, "body": "b"}]}',
        'seeds/x.json: segment 2: "startTime" 2 is before the previous segment\'s (3.0)',
    ),
    (
        '{"version": "1.0.0", "segments": [{"startTime": "0", "endTime": 1, "body": "a"}]}',
        'seeds/x.json: segment 1: "startTime" must be a number of seconds, not a string',
    ),
    (
        '{"version": "1.0.0", "segments": [{"startTime": -1, "endTime": 1, "body": "a"}]}',
        'seeds/x.json: segment 1: "startTime" is negative (-1)',
    ),
    (
        '{"version": "1.0.0", "segments": [{"startTime": 0, "endTime": 1}]}',
        'seeds/x.json: segment 1: has no "body"',
    ),
    (
        '{"version": "1.0.0", "segments": [{"startTime": 0, "endTime": 1, "body": "a",'
        ' "speaker": 5}]}',
        'seeds/x.json: segment 1: needs a string "speaker" (a number found)',
    ),
    (
        '{"text": "", "segments": [{"start": 0, "text": "a"}]}',
        'seeds/x.json: segment 1: has no "end"',
    ),
    (
        '{"text": "", "segments": [{"start": 0, "end": 1, "text": "a", "words": {}}]}',
        'seeds/x.json: segment 1: "words" must be a list, not an object',
    ),
    (
        '{"text": "", "segments": [{"start": 0, "end": 1, "text": "a b",'
        ' "words": [{"word": "a", "start": 0, "end": 0.5}, {"word": "b", "start": 0.9,'
        ' "end": 0.8}]}]}',
        'seeds/x.json: segment 1, word 2: "end" 0.8 is before "start" 0.9',
    ),
    (
        '{"text": "", "segments": [{"start": 0, "end": 1, "text": "a",'
        ' "words": [{"word": "a", "start": 0}]}]}',
        'seeds/x.json: segment 1, word 1: has no "end"',
    ),
]


@pytest.mark.parametrize(("text", "message"), JSON_ERRORS)
def test_bad_json_names_the_segment(text, message):
    assert error(read_json, text, "seeds/x.json").startswith(message)


def test_non_utf8_and_empty_timed_seeds_are_refused_with_their_line(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.vtt").write_bytes(b"WEBVTT\n\n00:00.000 --> 00:01.000\n\xff\n")
    (tmp_path / "seeds" / "b.srt").write_bytes(b"  \n")
    with pytest.raises(TranscriptError, match=r"^seeds/a\.vtt:4: not UTF-8"):
        load_episode(tmp_path / "seeds" / "a.vtt", tmp_path)
    with pytest.raises(TranscriptError, match=r"^seeds/b\.srt:1: file is empty"):
        load_episode(tmp_path / "seeds" / "b.srt", tmp_path)


# Title, notes, date and speakers from the sidecar


def seed_folder(tmp_path, *names):
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name in names:
        shutil.copy(TIMED / name, folder / name)
    return folder


@pytest.mark.parametrize("name", ["vtt_episode.vtt", "srt_episode.srt", "whisper.json"])
def test_a_timed_seed_needs_its_title_and_notes_in_the_sidecar(tmp_path, name):
    folder = seed_folder(tmp_path, name)
    seed = folder / name
    with pytest.raises(TranscriptError) as caught:
        load_episode(seed, tmp_path)
    assert str(caught.value).startswith(f"seeds/{name}: ")
    assert "carries no title or show notes: give 'title' and 'notes' in its sidecar" in str(
        caught.value
    )
    assert f"seeds/{seed.stem}.toml" in str(caught.value)
    (folder / f"{seed.stem}.toml").write_text('title = "T"\ndate = 2026-01-02\n')
    with pytest.raises(TranscriptError, match="give 'notes' in its sidecar"):
        load_episode(seed, tmp_path)


def test_sidecar_gives_title_notes_and_date(tmp_path):
    folder = seed_folder(tmp_path, "whisper.json", "whisper.toml")
    episode = load_episode(folder / "whisper.json", tmp_path)
    assert episode.title == "The Fine Print of Model Cards"
    assert episode.notes.startswith("A Whisper JSON seed")
    assert str(episode.air_date) == "2026-05-24"
    assert episode.guid == episode.stem == "whisper"


def test_date_is_spoken_when_the_sidecar_has_none(tmp_path):
    folder = seed_folder(tmp_path, "podcast_index.json", "podcast_index.toml")
    assert str(load_episode(folder / "podcast_index.json", tmp_path).air_date) == "2026-05-01"
    (folder / "podcast_index.json").write_text(
        '{"version": "1.0.0", "segments": [{"startTime": 0, "endTime": 1, "body": "Hello."}]}'
    )
    with pytest.raises(TranscriptError) as caught:
        load_episode(folder / "podcast_index.json", tmp_path)
    assert str(caught.value).startswith("seeds/podcast_index.json: segment 1: no air date spoken")


def test_sidecar_notes_keep_their_lines_and_a_txt_seed_may_take_its_title(tmp_path):
    folder = seed_folder(tmp_path)
    shutil.copy(SEEDS[0], folder / SEEDS[0].name)
    (folder / f"{SEEDS[0].stem}.toml").write_text(
        'title = "A better title"\nnotes = """\n  First line.\n  Second line.\n"""\n'
    )
    episode = load_episode(folder / SEEDS[0].name, tmp_path)
    assert episode.title == "A better title"
    assert episode.notes == "First line.\nSecond line."


def test_sidecar_speakers_name_the_speakers_of_a_whisper_transcript(tmp_path):
    folder = seed_folder(tmp_path, "whisper.json", "whisper.toml")
    with open(folder / "whisper.toml", "a") as sidecar:
        sidecar.write('\n[[speakers]]\nstart = "00:00:00"\nname = "Emma"\n')
        sidecar.write('\n[[speakers]]\nstart = "00:00:06"\nname = "Ravi"\n')
    episode = load_episode(folder / "whisper.json", tmp_path)
    assert [s.speaker for s in episode.segments] == ["Emma", "Emma", "Ravi"]
    assert episode.segments[2].start_ms == 6880  # times untouched


def test_sidecar_speakers_cannot_overrule_the_transcripts_own(tmp_path):
    folder = seed_folder(tmp_path, "vtt_episode.vtt", "vtt_episode.toml")
    with open(folder / "vtt_episode.toml", "a") as sidecar:
        sidecar.write('\n[[speakers]]\nstart = "00:00:00"\nname = "Emma"\n')
    with pytest.raises(TranscriptError) as caught:
        load_episode(folder / "vtt_episode.vtt", tmp_path)
    assert str(caught.value) == (
        "seeds/vtt_episode.toml: 'speakers' given, but seeds/vtt_episode.vtt names its "
        "speakers itself"
    )


# Our readers agree with the independent parsers on any cues our writers make

NAME = st.text(st.characters(min_codepoint=0x41, max_codepoint=0x7A), min_size=1, max_size=8)
WORDS = st.text(
    st.characters(codec="utf-8", exclude_categories=("C", "Z")) | st.sampled_from(" &<>-"),
    min_size=1,
    max_size=30,
).filter(lambda text: text.strip() and "-->" not in text)


@st.composite
def cue_lists(draw):
    cues, start = [], 0
    for _ in range(draw(st.integers(1, 8))):
        start += draw(st.integers(0, 5000))
        end = start + draw(st.integers(1, 4000))
        speaker = draw(st.none() | NAME.filter(lambda n: n[0].isupper() and n.isalpha()))
        text = " ".join(draw(WORDS).split())
        cues.append(Cue(start, end, text, speaker))
    return cues


@settings(max_examples=60, deadline=None)
@given(cue_lists())
def test_vtt_reader_agrees_with_webvtt_py(cues):
    text = vtt(Transcript("t", (), tuple(cues)))
    ours = [(s.start_ms, s.end_ms, s.speaker, s.text) for s in read_vtt(text, "x.vtt")]
    assert ours == [(c.start_ms, c.end_ms, c.speaker, c.text) for c in cues]
    assert ours == vtt_rows(text)


@settings(max_examples=60, deadline=None)
@given(cue_lists())
def test_srt_reader_agrees_with_srt(cues):
    import srt as srt_package  # noqa: PLC0415 (the independent parser, beside our srt writer)

    text = srt(Transcript("t", (), tuple(cues)))
    theirs = [
        (round(s.start.total_seconds() * 1000), round(s.end.total_seconds() * 1000), s.content)
        for s in srt_package.parse(text)
    ]
    ours = [(s.start_ms, s.end_ms, s.text) for s in read_srt(text, "x.srt")]
    assert ours == theirs
    named = read_srt(text, "x.srt", speaker_prefixes=True)
    for segment, cue in zip(named, cues, strict=True):
        if cue.speaker and cue.speaker.casefold() not in LABELS:
            assert (segment.speaker, segment.text) == (cue.speaker, cue.text)


def test_timed_segments_and_their_words_survive_the_content_cache(tmp_path):
    import pickle  # noqa: PLC0415 (Pelican's content cache pickles the reader's episodes)

    folder = seed_folder(tmp_path, "whisper.json", "whisper.toml")
    episode = load_episode(folder / "whisper.json", tmp_path)
    again = pickle.loads(pickle.dumps(episode))
    assert again == episode
    assert again.segments[1].words[0] == Word(2400, 2900, "Today")
    assert (again.segments[1].start_ms, again.segments[1].end_ms) == (2400, 6880)
