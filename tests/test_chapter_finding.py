"""Chapters found in the five seeds: the quality floor against the labels in
``tests/chapters/labels`` (scored by ``bench/chapters.py``), lengths, titles, determinism."""

import importlib.util
import io
import re

import pytest

from transcript_podcast.core.chapters import find_chapters
from transcript_podcast.core.model import Segment
from transcript_podcast.core.seeds.files import load_episode

from .conftest import ROOT, SEEDS

F1_FLOOR = 0.7  # over all seeds; measured 0.78 (README, Chapters)
SEED_F1_FLOOR = 0.6  # every seed


def bench():
    spec = importlib.util.spec_from_file_location("chapter_bench", ROOT / "bench" / "chapters.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores():
    chapter_bench = bench()
    counts = chapter_bench.evaluate(out=io.StringIO())
    return chapter_bench, counts


@pytest.fixture(scope="module")
def episodes():
    return [load_episode(seed, ROOT) for seed in SEEDS]


def test_every_seed_has_labels():
    labels = sorted(p.stem for p in (ROOT / "tests" / "chapters" / "labels").glob("*.toml"))
    assert labels == sorted(seed.stem for seed in SEEDS)


def test_found_chapters_match_the_labelled_ones(scores):
    chapter_bench, counts = scores
    hits, found, labelled = (sum(c[i] for c in counts.values()) for i in range(3))
    assert chapter_bench.prf(hits, found, labelled)[2] >= F1_FLOOR
    for stem, (seed_hits, seed_found, seed_labelled) in counts.items():
        f1 = chapter_bench.prf(seed_hits, seed_found, seed_labelled)[2]
        assert f1 >= SEED_F1_FLOOR, stem


def test_evenly_spaced_chapters_score_far_below_the_floor(scores, episodes):
    """The measure cannot be met by spacing alone: a chapter every 30, 60 or 90 s scores
    under 0.5 (0.49, 0.35 and 0.36 on these labels: every 30 s finds nearly every start)."""
    chapter_bench, _ = scores
    for spacing in (30, 60, 90):
        hits = found = labelled = 0
        for episode in episodes:
            end = episode.segments[-1].start
            regular = list(range(spacing, end, spacing))
            wanted = [s for s, _ in chapter_bench.labelled_starts(episode.stem) if s > 0]
            hits += chapter_bench.matches(regular, wanted, 15)
            found, labelled = found + len(regular), labelled + len(wanted)
        assert chapter_bench.prf(hits, found, labelled)[2] < 0.5


def test_the_same_transcript_gives_the_same_chapters(episodes):
    for episode in episodes:
        first = find_chapters(episode.segments, 12, 360, show_name="The Daily Synthesizer")
        again = find_chapters(episode.segments, 12, 360, show_name="The Daily Synthesizer")
        assert first == again


@pytest.mark.parametrize(("shortest", "longest"), [(12, 360), (60, 240), (30, 120)])
def test_chapters_last_from_the_shortest_to_the_longest_length(episodes, shortest, longest):
    for episode in episodes:
        end = episode.segments[-1].start + 5
        starts = [c.start for c in find_chapters(episode.segments, shortest, longest, end)]
        assert starts[0] == 0
        lengths = [b - a for a, b in zip(starts, [*starts[1:], end], strict=True)]
        assert min(lengths) >= shortest
        assert max(lengths) <= longest


def test_titles_are_short_specific_and_never_numbered(episodes):
    for episode in episodes:
        chapters = find_chapters(episode.segments, 12, 360, show_name="The Daily Synthesizer")
        titles = [c.title for c in chapters]
        assert len(set(titles)) == len(titles)
        for title in titles:
            assert title.strip()
            assert len(title.split()) <= 8
            assert not re.search(r"\bchapter\b|synthesizer", title, re.IGNORECASE)
            role, _, about = title.rpartition(": ")
            if title in ("Opening", "Reflection", "Recap"):
                continue  # a closing segment that names no story
            assert role in ("", "Opening", "Reflection", "Recap")
            assert any(word.lower() in episode_words(episode) for word in re.findall(r"\w+", about))
        assert titles[0].startswith("Opening: ")


def episode_words(episode):
    return {w.lower() for s in episode.segments for w in re.findall(r"\w+", s.text)}


def test_talk_without_signposts_or_new_topics_is_split_only_where_it_is_too_long():
    same = [Segment(t, "we talk about the weather and the weather again") for t in range(0, 600, 5)]
    assert len(find_chapters(same, 12, 360)) == 2  # 600 s is longer than 360 s: one split
    assert len(find_chapters(same, 12, 900)) == 1
