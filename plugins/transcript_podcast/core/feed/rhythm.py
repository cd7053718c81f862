"""The archive's release rhythm, for ``podcast:updateFrequency``: the RFC 5545 rule whose
dates best match the newest air dates, or none when they keep no rhythm.

Each candidate rule (daily, every weekday, weekly or every few weeks on the weekdays the show
airs, monthly on a day or on an nth weekday, yearly) is expanded with dateutil over the span
of the newest air dates and scored by how many of its dates are air dates and how many air
dates it has.  A show that slipped once still reads as weekly; one that airs when it can
states no schedule rather than a wrong one.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.rrule import rrulestr

WINDOW = 12  # the newest air dates the rhythm is read from
MINIMUM_DATES = 4  # three gaps are the fewest that show a rhythm
MINIMUM_SHARE = 0.8  # of the rule's dates that are air dates, and of air dates on the rule
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
EVERY = {2: "other", 3: "third", 4: "fourth"}


@dataclass(frozen=True)
class Rhythm:
    """A release schedule: the rule, its words, and the air date it starts from."""

    rrule: str
    text: str
    start: date


def release_rhythm(air_dates):
    """The :class:`Rhythm` of ``air_dates`` (any order, repeats allowed), or None."""
    dates = sorted(set(air_dates))[-WINDOW:]
    if len(dates) < MINIMUM_DATES:
        return None
    scored = []
    for order, (rule, text) in enumerate(candidates(dates)):
        matched = occurrences(rule, dates)
        hits = matched & set(dates)
        precision = len(hits) / len(matched) if matched else 0.0
        recall = len(hits) / len(dates)
        if precision >= MINIMUM_SHARE and recall >= MINIMUM_SHARE:
            scored.append((-(precision + recall), order, rule, text, min(hits)))
    if not scored:
        return None
    _, _, rule, text, start = min(scored)
    return Rhythm(rule, text, start)


def occurrences(rule, dates):
    """The dates ``rule`` names from the first to the last of ``dates``."""
    start = datetime.combine(dates[0], datetime.min.time())
    end = datetime.combine(dates[-1], datetime.min.time())
    return {moment.date() for moment in rrulestr(rule, dtstart=start).between(start, end, True)}


def candidates(dates):
    """``(rule, text)`` pairs to try, simplest first (a tie goes to the simpler rule)."""
    yield "FREQ=DAILY", "Daily"
    yield "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "Every weekday"
    common = [weekday for weekday, _ in Counter(d.weekday() for d in dates).most_common(3)]
    for count in range(1, len(common) + 1):
        weekdays = sorted(common[:count])
        days = ",".join(DAYS[d] for d in weekdays)
        names = " and ".join(f"{DAY_NAMES[d]}s" for d in weekdays)
        yield f"FREQ=WEEKLY;BYDAY={days}", f"Weekly on {names}"
        for interval, every in EVERY.items():
            yield (
                f"FREQ=WEEKLY;INTERVAL={interval};BYDAY={days}",
                f"Every {every} week on {names}",
            )
    day = Counter(d.day for d in dates).most_common(1)[0][0]
    yield f"FREQ=MONTHLY;BYMONTHDAY={day}", f"Monthly on the {day_of_month(day)}"
    for interval, every in EVERY.items():
        yield f"FREQ=MONTHLY;INTERVAL={interval};BYMONTHDAY={day}", f"Every {every} month"
    places = Counter(place for d in dates for place in nth_weekdays(d))
    place, weekday = places.most_common(1)[0][0]
    yield (
        f"FREQ=MONTHLY;BYDAY={place:+d}{DAYS[weekday]}",
        f"Monthly on the {ORDINALS[place]} {DAY_NAMES[weekday]}",
    )
    yield "FREQ=YEARLY", "Yearly"


def day_of_month(day):
    """1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st ... 31st."""
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def nth_weekdays(day):
    """``(n, weekday)`` pairs the date is: the nth such weekday of its month (1 to 4), and
    -1 when it is the month's last."""
    place = (day.day - 1) // 7 + 1
    pairs = [(place, day.weekday())] if place <= 4 else []
    if (day + timedelta(days=7)).month != day.month:
        pairs.append((-1, day.weekday()))
    return pairs
