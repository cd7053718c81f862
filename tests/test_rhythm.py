"""The release rhythm read from air dates (``podcast:updateFrequency``): the rule found, its
words, and that expanding it with dateutil gives back the show's dates."""

import calendar
from datetime import date, datetime, timedelta

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given
from hypothesis import strategies as st

from transcript_podcast.core.feed.rhythm import WINDOW, release_rhythm

MONDAY = date(2026, 1, 5)


def weekly(start, count, weeks=1):
    return [start + timedelta(weeks=weeks * n) for n in range(count)]


def month_days(year, pick):
    """One date a month: ``pick`` chooses it from the month's dates."""
    return [
        pick([date(year, m, d) for d in range(1, calendar.monthrange(year, m)[1] + 1)])
        for m in range(1, 13)
    ]


@pytest.mark.parametrize(
    ("dates", "rule", "text"),
    [
        (weekly(MONDAY, 10), "FREQ=WEEKLY;BYDAY=MO", "Weekly on Mondays"),
        (weekly(MONDAY, 8, 2), "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "Every other week on Mondays"),
        (
            [
                MONDAY + timedelta(days=n)
                for n in range(30)
                if (MONDAY + timedelta(n)).weekday() < 5
            ],
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            "Every weekday",
        ),
        ([MONDAY + timedelta(days=n) for n in range(20)], "FREQ=DAILY", "Daily"),
        (
            sorted(weekly(MONDAY, 8) + weekly(MONDAY + timedelta(days=3), 8)),
            "FREQ=WEEKLY;BYDAY=MO,TH",
            "Weekly on Mondays and Thursdays",
        ),
        (
            [date(2026, m, 15) for m in range(1, 13)],
            "FREQ=MONTHLY;BYMONTHDAY=15",
            "Monthly on the 15th",
        ),
        (
            month_days(2026, lambda days: next(d for d in days if d.weekday() == 1)),
            "FREQ=MONTHLY;BYDAY=+1TU",
            "Monthly on the first Tuesday",
        ),
        (
            month_days(2026, lambda days: [d for d in days if d.weekday() == 4][-1]),
            "FREQ=MONTHLY;BYDAY=-1FR",
            "Monthly on the last Friday",
        ),
        ([date(2020 + n, 3, 1) for n in range(5)], "FREQ=YEARLY", "Yearly"),
    ],
)
def test_a_regular_show_gets_its_rule(dates, rule, text):
    rhythm = release_rhythm(dates)
    assert (rhythm.rrule, rhythm.text) == (rule, text)


def test_one_late_episode_does_not_hide_a_weekly_rhythm():
    dates = weekly(MONDAY, 10)
    dates[4] += timedelta(days=1)  # a Tuesday
    assert release_rhythm(dates).rrule == "FREQ=WEEKLY;BYDAY=MO"


@pytest.mark.parametrize(
    "dates",
    [
        weekly(MONDAY, 3),  # too few to show a rhythm
        [
            date(2026, 3, 22),
            date(2026, 4, 5),
            date(2026, 4, 8),
            date(2026, 5, 17),
            date(2026, 6, 7),
        ],
        [MONDAY + timedelta(days=d) for d in (0, 3, 11, 12, 30, 31, 44, 70)],
    ],
)
def test_an_irregular_show_states_no_rule(dates):
    assert release_rhythm(dates) is None


def test_only_the_newest_dates_count():
    """A show that moved from monthly to weekly is weekly now."""
    monthly = [date(2024, m, 1) for m in range(1, 13)]
    assert release_rhythm(monthly + weekly(MONDAY, WINDOW)).rrule == "FREQ=WEEKLY;BYDAY=MO"


def test_order_and_repeated_dates_do_not_matter():
    dates = weekly(MONDAY, 6)
    assert release_rhythm(list(reversed(dates)) + dates[:2]) == release_rhythm(dates)


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    count=st.integers(4, 30),
    weeks=st.integers(1, 4),
)
def test_expanding_the_rule_gives_back_a_regular_show(start, count, weeks):
    dates = weekly(start, count, weeks)
    rhythm = release_rhythm(dates)
    assert rhythm is not None
    newest = dates[-WINDOW:]
    begin = datetime.combine(rhythm.start, datetime.min.time())
    end = datetime.combine(newest[-1], datetime.min.time())
    expanded = [d.date() for d in rrulestr(rhythm.rrule, dtstart=begin).between(begin, end, True)]
    assert expanded == newest
    assert len(rhythm.text) <= 128
