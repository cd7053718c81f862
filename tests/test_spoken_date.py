from datetime import date

import pytest

from transcript_podcast.core.errors import TranscriptError
from transcript_podcast.core.model import Segment
from transcript_podcast.core.seeds.layout import decode_seed, parse_seed
from transcript_podcast.core.seeds.spoken_date import find_air_date

from .conftest import SEEDS


def segments(*texts, step=2):
    return [Segment(i * step, text, i + 5) for i, text in enumerate(texts)]


def found(*texts, **kwargs):
    return find_air_date(segments(*texts), "seeds/x.txt", **kwargs)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("Sunday, May seventeen twenty-twenty six we've got a packed show",), date(2026, 5, 17)),
        (("April fifth, twenty-twenty six we've got",), date(2026, 4, 5)),
        (("Sunday, June seven twenty-twenty six today",), date(2026, 6, 7)),
        (
            ("Early on Sunday, March twenty-second", "twenty-twenty six", "we've got"),
            date(2026, 3, 22),
        ),
        (("April eight,", "twenty-twenty", "six Oh my gosh."), date(2026, 4, 8)),
        (("It's Saturday the twenty-first of February twenty twenty-six",), date(2026, 2, 21)),
        (("the 8th of April 2026",), date(2026, 4, 8)),
        (("May 17, 2026",), date(2026, 5, 17)),
        (("17 May 2026",), date(2026, 5, 17)),
        (("on March 3rd, 2026",), date(2026, 3, 3)),
        (("January thirtieth two thousand twenty-six",), date(2026, 1, 30)),
        (("December thirty-first, two thousand and twenty-five",), date(2025, 12, 31)),
        (("the first of March two thousand six",), date(2006, 3, 1)),
        (("October twenty oh nine", "no wait"), None),
        (("October ninth twenty oh nine",), date(2009, 10, 9)),
        (("November twentieth nineteen ninety-nine",), date(1999, 11, 20)),
        (("Monday, the twenty-first of September", "twenty twenty", "six"), date(2026, 9, 21)),
        (("May twenty twenty twenty six",), date(2026, 5, 20)),
        (("May twenty one twenty twenty six",), date(2026, 5, 21)),
        (
            ("Welcome! Today is", "Thursday", "April ninth", "twenty", "twenty-six"),
            date(2026, 4, 9),
        ),
        (("SUNDAY, MAY SEVENTEEN TWENTY-TWENTY SIX",), date(2026, 5, 17)),
    ],
)
def test_spoken_phrasings(texts, expected):
    if expected is None:
        with pytest.raises(TranscriptError):
            found(*texts)
    else:
        assert found(*texts) == expected


def test_contradicting_weekday_is_an_error_naming_its_line():
    with pytest.raises(TranscriptError) as caught:
        found("Hello.", "Tuesday, May seventeen twenty-twenty six")
    assert caught.value.line == 6
    assert "Tuesday does not match 2026-05-17, a Sunday" in str(caught.value)


def test_weekday_later_in_the_show_is_never_a_date():
    texts = ["Welcome to the show."] * 40 + [
        "The rules changed on Thursday, May seventh twenty twenty six"
    ]
    with pytest.raises(TranscriptError) as caught:
        found(*texts)
    assert "no air date spoken in the first 60 seconds" in str(caught.value)
    assert caught.value.line == 5


def test_opening_window_is_configurable():
    texts = ["Welcome."] * 40 + ["Sunday, May seventeen twenty twenty six"]
    assert found(*texts, opening_seconds=120) == date(2026, 5, 17)


def test_a_lone_weekday_or_month_is_not_a_date():
    for texts in (
        ("Thursday is the day",),
        ("May I say hello",),
        ("in May we met",),
        ("April fifth",),
    ):
        with pytest.raises(TranscriptError):
            found(*texts)


def test_impossible_calendar_date_is_not_accepted():
    with pytest.raises(TranscriptError):
        found("February thirtieth twenty twenty six")


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("002", date(2026, 3, 22)),
        ("000", date(2026, 4, 5)),
        ("004", date(2026, 4, 8)),
        ("001", date(2026, 5, 17)),
        ("003", date(2026, 6, 7)),
    ],
)
def test_real_seeds(stem, expected):
    (seed,) = [s for s in SEEDS if s.name.startswith(stem)]
    parsed = parse_seed(decode_seed(seed.read_bytes(), seed.name), seed.name)
    assert find_air_date(parsed.segments, seed.name) == expected
