"""Fuzzing the parser: whatever it is fed, it returns a transcript or raises our one error."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transcript_podcast.core.errors import TranscriptError
from transcript_podcast.core.seeds.layout import decode_seed, parse_seed
from transcript_podcast.core.seeds.spoken_date import find_air_date

from .conftest import SEEDS

SEED_BYTES = [seed.read_bytes() for seed in SEEDS]
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read(data):
    """The whole reading path of a seed file: decode, parse, find the spoken date."""
    line_count = len(re.split(rb"\r\n|\r|\n", data))
    try:
        parsed = parse_seed(decode_seed(data, "seeds/fuzz.txt"), "seeds/fuzz.txt")
        find_air_date(parsed.segments, "seeds/fuzz.txt")
    except TranscriptError as error:
        caught = error
    else:
        return parsed
    assert caught.path == "seeds/fuzz.txt"
    assert isinstance(caught.line, int)
    assert 1 <= caught.line <= line_count + 1
    assert str(caught).startswith(f"seeds/fuzz.txt:{caught.line}: ")
    return caught


@FUZZ
@given(st.text())
def test_random_text(text):
    read(text.encode("utf-8"))


@FUZZ
@given(st.binary())
def test_random_bytes(data):
    read(data)


TIMED_LINE = st.builds(
    "{:02d}:{:02d}:{:02d}:{}{}".format,
    st.integers(0, 99),
    st.integers(0, 99),
    st.integers(0, 99),
    st.sampled_from(["", " ", "\t", "  "]),
    st.text(
        alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\r\n"), max_size=40
    ),
)


@FUZZ
@given(st.lists(TIMED_LINE, max_size=30), st.sampled_from(["\n", "\r\n", "\r"]))
def test_well_formed_header_with_random_timed_lines(lines, newline):
    body = newline.join(["Title", "Show notes", "Notes.", "Show transcript", *lines])
    read(body.encode("utf-8"))


MUTATION = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 40_000), st.integers(1, 400)),
    st.tuples(st.just("insert"), st.integers(0, 40_000), st.binary(min_size=1, max_size=20)),
    st.tuples(st.just("truncate"), st.integers(0, 40_000), st.just(0)),
    st.tuples(st.just("swap-lines"), st.integers(0, 400), st.integers(0, 400)),
    st.tuples(st.just("repeat-line"), st.integers(0, 400), st.integers(1, 3)),
)


def mutate(data, mutation):
    kind, a, b = mutation
    if kind == "delete":
        return data[:a] + data[a + b :]
    if kind == "insert":
        return data[:a] + b + data[a:]
    if kind == "truncate":
        return data[:a]
    lines = data.split(b"\n")
    a %= len(lines)
    if kind == "swap-lines":
        b %= len(lines)
        lines[a], lines[b] = lines[b], lines[a]
    else:
        lines[a:a] = [lines[a]] * b
    return b"\n".join(lines)


@FUZZ
@given(st.sampled_from(range(len(SEED_BYTES))), st.lists(MUTATION, min_size=1, max_size=4))
def test_mutated_seeds(index, mutations):
    data = SEED_BYTES[index]
    for mutation in mutations:
        data = mutate(data, mutation)
    read(data)


def test_unmutated_seeds_read_cleanly():
    for data in SEED_BYTES:
        assert not isinstance(read(data), TranscriptError)
