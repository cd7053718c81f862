"""Find the air date that the hosts speak in the opening seconds of an episode.

Seed files carry no date metadata: the date is said aloud ("Sunday, May seventeen
twenty-twenty six"), possibly split over several timed fragments.  The finder joins the words
of the opening window, tokenizes them, and looks for ``[weekday] month day year`` or
``[weekday] [the] day [of] month year`` with days and years as digits, ordinals or number
words.  A date is only accepted with its year, only in the opening, and a spoken weekday
that disagrees with the date is an error rather than a guess.
"""

import re
from datetime import date

from ..errors import TranscriptError

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("monday",),
            ("tuesday",),
            ("wednesday",),
            ("thursday",),
            ("friday",),
            ("saturday",),
            ("sunday",),
        ]
    )
    for name in names
}
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
ORDINAL_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
}  # fmt: skip
ORDINAL_TEENS = {
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
}  # fmt: skip
ORDINAL_TENS = {"twentieth": 20, "thirtieth": 30}
ZERO_WORDS = ("oh", "o", "zero")

TOKEN = re.compile(r"[^\W\d_]+|\d+(?:st|nd|rd|th)?")
DIGIT_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
DIGIT_YEAR = re.compile(r"^\d{4}$")
EARLIEST_YEAR, LATEST_YEAR = 1900, 2199


def tokenize(segments):
    """Words of the segments, lowercased, each with the source line it was spoken on."""
    return [
        (word, segment.line)
        for segment in segments
        for word in TOKEN.findall(segment.text.casefold())
    ]


def find_air_date(segments, path, opening_seconds=60):
    """The first complete date spoken in the opening; :class:`TranscriptError` otherwise."""
    opening = [s for s in segments if s.start < opening_seconds]
    tokens = tokenize(opening)
    words = [word for word, _ in tokens]
    for index in range(len(words)):
        found = date_at(words, index)
        if found is None:
            continue
        spoken, weekday_index = found
        if weekday_index is not None:
            said = WEEKDAYS[words[weekday_index]]
            if said != spoken.weekday():
                raise TranscriptError(
                    path,
                    tokens[weekday_index][1],
                    f"the spoken weekday {WEEKDAY_NAMES[said]} does not match "
                    f"{spoken.isoformat()}, a {WEEKDAY_NAMES[spoken.weekday()]}",
                )
        return spoken
    yearless = yearless_date_line(tokens)
    if yearless is not None:
        raise TranscriptError(
            path,
            yearless,
            "the air date spoken here has no year (say e.g. 'May seventeen twenty-twenty six') "
            "or set 'date' in the sidecar",
        )
    first_line = segments[0].line if segments else None
    raise TranscriptError(
        path,
        first_line,
        f"no air date spoken in the first {opening_seconds:g} seconds "
        "(expected e.g. 'Sunday, May seventeen twenty-twenty six'); "
        "say it in the opening or set 'date' in the sidecar",
    )


def yearless_date_line(tokens):
    """The line of a month-and-day said without a year, so the error can point at it."""
    words = [word for word, _ in tokens]
    for index, word in enumerate(words):
        if word in MONTHS and day_readings(words, index + 1):
            return tokens[index][1]
        if word in MONTHS and index and day_readings(words, index - 1):
            return tokens[index][1]
    return None


def date_at(words, index):
    """A date starting at ``words[index]``, with the index of a weekday said just before it."""
    for day_first in (False, True):
        result = month_first(words, index) if not day_first else day_first_at(words, index)
        if result is not None:
            return result, weekday_before(words, index)
    return None


def weekday_before(words, index):
    """Index of a weekday said right before a date (allowing 'on' or 'the' between)."""
    position = index - 1
    if position >= 0 and words[position] == "the":
        position -= 1
    if position >= 0 and words[position] in WEEKDAYS:
        return position
    return None


def month_first(words, index):
    """``May seventeen twenty-twenty six``, ``April the 5th, 2026``."""
    month = MONTHS.get(words[index])
    if month is None:
        return None
    position = index + 1
    if position < len(words) and words[position] == "the":
        position += 1
    for day, after_day in day_readings(words, position):
        year_at = (
            after_day + 1 if after_day < len(words) and words[after_day] == "of" else after_day
        )
        found = complete(year_readings(words, year_at), month, day)
        if found:
            return found
    return None


def day_first_at(words, index):
    """``the twenty-first of February twenty twenty-six``, ``8th April 2026``."""
    for day, after_day in day_readings(words, index):
        position = (
            after_day + 1 if after_day < len(words) and words[after_day] == "of" else after_day
        )
        if position >= len(words) or words[position] not in MONTHS:
            continue
        month = MONTHS[words[position]]
        after_month = position + 1
        if after_month < len(words) and words[after_month] == "of":
            after_month += 1
        found = complete(year_readings(words, after_month), month, day)
        if found:
            return found
    return None


def complete(years, month, day):
    """The first real calendar date among the year readings (longest reading first)."""
    for year, _ in years:
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None


def day_readings(words, index):
    """Every way the words at ``index`` can say a day of the month, as (day, next index)."""
    if index >= len(words):
        return []
    word = words[index]
    readings = []
    digits = DIGIT_DAY.match(word)
    if digits:
        readings.append((int(digits[1]), index + 1))
    for table in (UNITS, TEENS, ORDINAL_UNITS, ORDINAL_TEENS, ORDINAL_TENS):
        if word in table:
            readings.append((table[word], index + 1))
    if word in TENS:
        following = words[index + 1] if index + 1 < len(words) else None
        unit = UNITS.get(following) or ORDINAL_UNITS.get(following)
        if unit:
            readings.append((TENS[word] + unit, index + 2))
        readings.append((TENS[word], index + 1))
    return [(day, after) for day, after in readings if 1 <= day <= 31]


def year_readings(words, index):
    """Every way the words at ``index`` can say a year, longest first, as (year, next index)."""
    if index >= len(words):
        return []
    readings = []
    if DIGIT_YEAR.match(words[index]):
        readings.append((int(words[index]), index + 1))
    if words[index] == "two" and index + 1 < len(words) and words[index + 1] == "thousand":
        position = index + 2
        if position < len(words) and words[position] == "and":
            position += 1
        readings += [(2000 + value, after) for value, after in below_hundred(words, position)]
        readings.append((2000, index + 2))
    for century, after_century in below_hundred(words, index):
        if century < 10:
            continue
        if after_century < len(words) and words[after_century] == "hundred":
            readings.append((century * 100, after_century + 1))
        for rest, after in below_hundred(words, after_century, allow_oh=True):
            if rest >= 10 or words[after_century] in ZERO_WORDS:
                readings.append((century * 100 + rest, after))
    readings = [(y, after) for y, after in readings if EARLIEST_YEAR <= y <= LATEST_YEAR]
    return sorted(readings, key=lambda reading: -reading[1])


def below_hundred(words, index, allow_oh=False):
    """Number words from 1 to 99 at ``index`` (``oh five`` = 5 when ``allow_oh``)."""
    if index >= len(words):
        return []
    word = words[index]
    following = words[index + 1] if index + 1 < len(words) else None
    if allow_oh and word in ZERO_WORDS and following in UNITS:
        return [(UNITS[following], index + 2)]
    if word in UNITS:
        return [(UNITS[word], index + 1)]
    if word in TEENS:
        return [(TEENS[word], index + 1)]
    if word in TENS:
        readings = [(TENS[word], index + 1)]
        if following in UNITS:
            readings.insert(0, (TENS[word] + UNITS[following], index + 2))
        return readings
    return []
