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
        # May 20, 2026 or May 2020? Said with its weekday it is a date; alone it is refused.
        (("May twenty twenty twenty six",), None),
        (("Wednesday, May twenty twenty twenty six",), date(2026, 5, 20)),
        (("May twenty, twenty twenty six",), date(2026, 5, 20)),
        (("May twentieth twenty twenty six",), date(2026, 5, 20)),
        (("twenty twenty-six, May seventeenth",), date(2026, 5, 17)),
        (("2026, May 17",), date(2026, 5, 17)),
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


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "February twenty-ninth twenty twenty-seven",
            "February 29, 2027 is not a date: 2027 is not a leap year",
        ),
        (
            "February thirtieth twenty twenty six",
            "February 30, 2026 is not a date: February has 28",
        ),
        (
            "the thirty-first of April twenty twenty-six",
            "April 31, 2026 is not a date: April has 30 days",
        ),
        ("April thirty one, 2026", "April 31, 2026 is not a date"),
        ("May thirty-second 2026", "May 32, 2026 is not a date: May has 31 days"),
        ("on the 31st of June, 2026", "June 31, 2026 is not a date"),
    ],
)
def test_an_impossible_date_is_an_error_at_its_line_never_another_date(text, message):
    with pytest.raises(TranscriptError) as caught:
        found("Hello there.", f"Sunday {text} we've got a show.")
    assert str(caught.value).startswith(f"seeds/x.txt:6: {message}")


def test_february_twenty_ninth_of_a_leap_year_is_a_date():
    assert found("Tuesday, February twenty-ninth twenty twenty-eight") == date(2028, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        "Back in March twenty twenty-one, twenty companies signed up.",
        "Back in March twenty twenty-one twenty companies signed up.",
        "In June twenty nineteen, thirty people came.",
        "In June of 2019 thirty people came.",
        "Since May 2024 we have done 12 shows.",
    ],
)
def test_a_month_and_a_year_without_a_day_is_not_a_date(text):
    assert found(text, "Sunday, May seventeen twenty-twenty six.") == date(2026, 5, 17)
    with pytest.raises(TranscriptError) as caught:
        found(text)
    assert "2120" not in str(caught.value)
    assert "has no year" not in str(caught.value)


def test_two_different_dates_are_refused_naming_both_lines():
    with pytest.raises(TranscriptError) as caught:
        found("My birthday is May third, nineteen eighty-five.", "Sunday, May 17, 2026.")
    assert str(caught.value).startswith(
        "seeds/x.txt:5: the opening speaks 2 different dates: 1985-05-03 (line 5), "
        "2026-05-17 (line 6)"
    )
    with pytest.raises(TranscriptError, match=r"2026-05-10 \(line 5\), 2026-05-17 \(line 6\)"):
        found("Last week, on May tenth twenty twenty-six, we said", "Sunday, May 17, 2026.")
    # The same date said twice is one date.
    assert found("May 17, 2026.", "Yes, Sunday, May seventeenth, 2026!") == date(2026, 5, 17)


@pytest.mark.parametrize(
    "texts",
    [
        ("Last week, on May tenth twenty twenty-six, we said", "Today is Sunday, May 17, 2026."),
        ("Today, Sunday, May 17, 2026:", "last week, on May tenth twenty twenty-six, we said"),
        ("Sunday, May 17, 2026, today we look back", "to May tenth twenty twenty-six."),
        ("This is the Daily Synthesizer for Sunday, May 17, 2026.", "Born May 3, 1985, she"),
        ("Born May 3, 1985, she", "is here. It's Sunday, May seventeenth 2026."),
        ("Tonight, May 17, 2026,", "we remember May 3, 1985."),
    ],
)
def test_words_that_mark_the_air_date_settle_two_dates(texts):
    assert found(*texts) == date(2026, 5, 17)


def test_two_marked_dates_are_still_refused():
    with pytest.raises(TranscriptError, match="2 different dates"):
        found("Today is May 17, 2026.", "And today is May 18, 2026.")


@pytest.mark.parametrize(
    ("texts", "line", "message"),
    [
        (("Hello.", "May 17 every year."), 6, "has no year"),
        (("Hello.", "May twenty twenty twenty six"), 6, "can be May 20, 2026 or May 2020"),
        (("Hello.", "May thirty-second 2026"), 6, "May 32, 2026 is not a date"),
        (("Hello.", "twenty twenty-six, May"), 5, "no air date spoken"),
    ],
)
def test_messages_say_what_is_wrong(texts, line, message):
    with pytest.raises(TranscriptError) as caught:
        found(*texts)
    assert caught.value.line == line
    assert message in str(caught.value)


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
