"""Cue timing: start-only segments become valid, non-overlapping cues."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcript_podcast.core.model import Segment
from transcript_podcast.core.seeds.files import load_episode
from transcript_podcast.core.timing import speech_seconds
from transcript_podcast.core.transcripts.cues import make_cues

from .conftest import ROOT, SEEDS


@st.composite
def timed_segments(draw):
    """Segments (some empty, many sharing a second) and narration ends for each of them."""
    start, segments, ends = draw(st.integers(0, 20_000)), [], []
    for line in range(1, draw(st.integers(1, 40)) + 1):
        start += draw(st.sampled_from([0, 0, 0, 1, 3, 7200]))
        text = draw(st.sampled_from(["", "one", "two words", "a few more words here"]))
        segments.append(Segment(start, text, line))
        ends.append(start + draw(st.floats(-2, 20, allow_nan=False)))
    return segments, ends


def check_cues(cues, spoken):
    assert [c.text for c in cues] == [s.text for s in spoken]
    for index, cue in enumerate(cues):
        assert cue.end_ms > cue.start_ms
        if index + 1 < len(cues):
            assert cue.end_ms <= cues[index + 1].start_ms


@settings(deadline=None)
@given(timed_segments(), st.booleans(), st.none() | st.floats(0, 100_000, allow_nan=False))
def test_cues_are_valid_with_or_without_narration_ends(data, narrated, duration):
    segments, ends = data
    spoken = [s for s in segments if s.text]
    cues = make_cues(segments, duration, ends if narrated else None)
    check_cues(cues, spoken)
    for index, (cue, segment) in enumerate(zip(cues, spoken, strict=True)):
        assert cue.start_ms >= segment.start * 1000
        if index == 0 or spoken[index - 1].start != segment.start:
            assert cue.start_ms == segment.start * 1000
        if narrated:
            spoken_end = round(ends[segments.index(segment)] * 1000)
            assert cue.end_ms <= max(spoken_end, cue.start_ms + 1)


def test_fragments_sharing_a_second_split_it_by_words():
    cues = make_cues([Segment(10, "one"), Segment(10, "two three four"), Segment(14, "next")])
    assert [(c.start_ms, c.end_ms) for c in cues[:2]] == [(10_000, 11_000), (11_000, 14_000)]


def test_last_cue_ends_with_the_audio_or_after_its_words():
    segments = [Segment(0, "hello"), Segment(5, "six words to say out loud")]
    assert make_cues(segments, duration=9.25)[-1].end_ms == 9250
    assert make_cues(segments)[-1].end_ms == round((5 + speech_seconds(segments[-1].text)) * 1000)
    assert make_cues(segments, duration=4)[-1].end_ms > 5000  # audio shorter: estimate


def test_narration_ends_trim_cues_and_chain_fragments_of_one_second():
    segments = [Segment(0, "a"), Segment(0, ""), Segment(0, "b"), Segment(4, "c")]
    cues = make_cues(segments, duration=6, spoken_ends=[0.8, 0, 2.5, 5.5])
    assert [(c.start_ms, c.end_ms) for c in cues] == [(0, 800), (800, 2500), (4000, 5500)]
    spoken_only = make_cues(segments, duration=6, spoken_ends=[0.8, 2.5, 5.5])
    assert spoken_only == cues
    assert make_cues(segments, spoken_ends=[0.0, 0, 0, 3.0])[-1].end_ms == 4001


def test_more_fragments_than_milliseconds_still_make_valid_cues():
    segments = [Segment(0, f"w{i}") for i in range(1500)] + [Segment(1, "late")]
    check_cues(make_cues(segments), segments)


def test_narration_ends_of_the_wrong_length_are_refused():
    with pytest.raises(ValueError, match="1 times for 3 segments"):
        make_cues([Segment(0, "a"), Segment(1, ""), Segment(2, "b")], spoken_ends=[1])


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_cues_follow_the_transcript(seed):
    episode = load_episode(seed, ROOT)
    cues = make_cues(episode.segments)
    check_cues(cues, episode.spoken_segments)
    starts = [s.start for s in episode.spoken_segments]
    for cue, start in zip(cues, starts, strict=True):
        later = [s for s in starts if s > start]
        assert start * 1000 <= cue.start_ms
        assert cue.end_ms <= (later[0] * 1000 if later else 10**9)
