from itertools import pairwise

import pytest

from transcript_podcast.core.errors import TranscriptError
from transcript_podcast.core.seeds.layout import decode_seed, parse_seed

from .conftest import SEEDS

GOOD = (
    "Title here\n"
    "Show notes\n"
    "Notes line one.\n"
    "Notes line two.\n"
    "Show transcript\n"
    "00:00:00: Hello\n"
    "00:00:00: there\n"
    "00:00:05:\n"
    "01:02:03: Later on.\n"
    "New comment"
)


def parse(text, path="seeds/x.txt"):
    return parse_seed(decode_seed(text.encode() if isinstance(text, str) else text, path), path)


def error_of(text):
    with pytest.raises(TranscriptError) as caught:
        parse(text)
    return caught.value


def test_parses_title_notes_and_segments():
    parsed = parse(GOOD)
    assert parsed.title == "Title here"
    assert parsed.notes == "Notes line one.\nNotes line two."
    assert [(s.start, s.text, s.line) for s in parsed.segments] == [
        (0, "Hello", 6),
        (0, "there", 7),
        (5, "", 8),
        (3723, "Later on.", 9),
    ]


def test_bom_and_crlf_are_ordinary_input():
    plain = parse(GOOD)
    assert parse(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode()) == plain
    assert parse(GOOD.replace("\n", "\r")) == plain


def test_tabs_after_timestamp_are_accepted():
    parsed = parse(GOOD.replace("00:00:00: Hello", "00:00:00:\tHello"))
    assert parsed.segments[0].text == "Hello"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "file is empty"),
        ("   \n\n", 1, "file is empty"),
        ("Title\nShow transcript\n00:00:01: hi\n", 2, "'Show notes'"),
        ("Title\nShow notes\nnotes\n00:00:01: hi\n", 4, "before the 'Show transcript'"),
        ("Title\nShow notes\nnotes\n", 3, "missing the 'Show transcript'"),
        ("Title\nShow notes\nnotes\nShow transcript\nNew comment", 4, "no 'HH:MM:SS: text' lines"),
        (
            "Title\nShow notes\nn\nShow transcript\n00:00:01: a\n00:07:61: b\n",
            6,
            "timestamp 00:07:61 is not a valid time",
        ),
        (
            "Title\nShow notes\nn\nShow transcript\n00:00:01: a\n00:61:01: b\n",
            6,
            "timestamp 00:61:01 is not a valid time",
        ),
        (
            "Title\nShow notes\nn\nShow transcript\n00:00:01: a\n00:0:01: b\n",
            6,
            "00:0:01 is not in HH:MM:SS form",
        ),
        ("Title\nShow notes\nn\nShow transcript\n00:00:01: a\n00:21:2", 6, "malformed timestamp"),
        (
            "Title\nShow notes\nn\nShow transcript\n00:00:05: a\n00:00:04: b\n",
            6,
            "goes back before 00:00:05 on line 5",
        ),
        (
            "Title\nShow notes\nn\nShow transcript\n00:00:05: a\nstray words\n",
            6,
            "expected 'HH:MM:SS: text'",
        ),
        (
            "Title\nShow notes\nn\nShow transcript\n00:00:05: a\nNew comment\n00:00:06: b\n",
            7,
            "after 'New comment'",
        ),
        ("Title\nShownotes\nn\nShow transcript\n00:00:05: a\n", 2, "'Show notes'"),
    ],
)
def test_bad_input_names_the_line(text, line, words):
    error = error_of(text)
    assert error.line == line
    assert words in str(error)
    assert str(error).startswith(f"seeds/x.txt:{line}: ")


def test_non_utf8_names_the_line_of_the_bad_byte():
    error = error_of(b"Title\nShow notes\ncaf\xe9\nShow transcript\n00:00:00: hi\n")
    assert (error.line, "not UTF-8" in error.message) == (3, True)


def test_binary_file_is_refused():
    error = error_of(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "not UTF-8" in str(error) or "NUL" in str(error)


def test_headers_forgive_case_and_colon():
    parsed = parse("T\nshow notes:\nn\nSHOW TRANSCRIPT\n00:00:00: hi\n")
    assert parsed.segments[0].text == "hi"


@pytest.mark.parametrize(
    ("seed", "count"),
    list(zip(SEEDS, (323, 312, 280, 289, 275), strict=True)),
    ids=lambda v: getattr(v, "stem", v),
)
def test_real_seeds_keep_every_timestamped_line(seed, count):
    parsed = parse(seed.read_bytes(), f"seeds/{seed.name}")
    assert len(parsed.segments) == count
    timed = [line for line in seed.read_text().splitlines() if line[:2].isdigit()]
    assert [s.text for s in parsed.segments] == [line[10:].strip() for line in timed]
    assert all(a.start <= b.start for a, b in pairwise(parsed.segments))


def test_only_one_seed_line_has_no_text():
    empty = [
        (seed.name, s.line)
        for seed in SEEDS
        for s in parse(seed.read_bytes(), seed.name).segments
        if not s.text
    ]
    assert empty == [("004_7009488f9fc2abd8.txt", 5)]
