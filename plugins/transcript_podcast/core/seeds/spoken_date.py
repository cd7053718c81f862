"""Find the air date that the hosts speak in the opening seconds of an episode.

Seed files carry no date metadata: the date is said aloud ("Sunday, May seventeen
twenty-twenty six"), possibly split over several timed fragments.  The finder joins the words
of the opening window, tokenizes them (punctuation kept: a year is never read across a
comma), and looks for ``[weekday] month day year``, ``[weekday] [the] day [of] month year``
and ``year, month day``, with days and years as digits, ordinals or number words.

It never guesses: a date is only accepted with its year and only in the opening; a spoken
weekday that disagrees with the date, a day the month does not have ("February twenty-ninth
twenty twenty-seven") and two different dates in one opening are errors, unless the words
around one of them mark it as the air date (:func:`marked_dates`).  A month and a year
("March twenty twenty-one") is not a date, and words that read both as a day and a year and
as a month and a year ("May twenty twenty twenty-six") are not either, unless a weekday
said with them fits the first reading.
"""

import re
from dataclasses import dataclass
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
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]  # fmt: skip
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

TOKEN = re.compile(r"[^\W\d_]+|\d+(?:st|nd|rd|th)?|[,.;:!?]")
DIGIT_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\Z")
DIGIT_YEAR = re.compile(r"^\d{4}\Z")
EARLIEST_YEAR, LATEST_YEAR = 1900, 2199
# Of two readings of the same words, one whose year is in the next century loses.
UNLIKELY_YEAR = 2100
# Words that mark a date as the air date when two different dates are spoken.
TODAY = ("today", "tonight")
MARK_BEFORE = 6  # tokens before a date searched for "today"
MARK_AFTER = 3  # tokens after it


@dataclass(frozen=True)
class Phrase:
    """Words of the opening that say (or almost say) a date, as token indexes."""

    kind: str  # "date", "month-year", "ambiguous" or "yearless"
    start: int
    end: int
    value: date | None = None
    weekday: int | None = None  # index of a weekday said right before it
    note: str = ""  # for "ambiguous": the two readings


class Impossible(ValueError):
    """Words that say a day, a month and a year that are no calendar date."""

    def __init__(self, start, message):
        super().__init__(message)
        self.start = start


def tokenize(segments):
    """Words of the segments, lowercased, each with the source line it was spoken on."""
    return [
        (word, segment.line)
        for segment in segments
        for word in TOKEN.findall(segment.text.casefold())
    ]


def find_air_date(segments, path, opening_seconds=60):
    """The one date spoken in the opening; :class:`TranscriptError` otherwise."""
    opening = [s for s in segments if s.start < opening_seconds]
    tokens = tokenize(opening)
    words = [word for word, _ in tokens]
    try:
        phrases = list(spoken_phrases(words))
    except Impossible as problem:
        raise TranscriptError(path, tokens[problem.start][1], str(problem)) from None
    dates = [p for p in phrases if p.kind == "date"]
    for phrase in dates:
        check_weekday(phrase, words, tokens, path)
    values = sorted(
        {p.value for p in dates}, key=lambda v: min(p.start for p in dates if p.value == v)
    )
    if len(values) == 1:
        return values[0]
    if values:
        marked_values = marked_dates(words, dates)
        marked = [v for v in values if v in marked_values]
        if len(marked) == 1:
            return marked[0]
        first = [next(p for p in dates if p.value == v) for v in values]
        said = ", ".join(
            f"{v.isoformat()} (line {tokens[p.start][1]})"
            for v, p in zip(values, first, strict=True)
        )
        raise TranscriptError(
            path,
            tokens[first[0].start][1],
            f"the opening speaks {len(values)} different dates: {said}; the build does not "
            "guess which is the air date: say 'today' with it, or set 'date' in the sidecar",
        )
    for kind, message in (
        ("ambiguous", "{note}: the build does not guess (say the day as an ordinal, e.g. "
         "'May twentieth', or set 'date' in the sidecar)"),
        ("yearless", "the air date spoken here has no year (say e.g. 'May seventeen "
         "twenty-twenty six') or set 'date' in the sidecar"),
    ):  # fmt: skip
        for phrase in phrases:
            if phrase.kind == kind:
                raise TranscriptError(
                    path, tokens[phrase.start][1], message.format(note=phrase.note)
                )
    first_line = segments[0].line if segments else None
    raise TranscriptError(
        path,
        first_line,
        f"no air date spoken in the first {opening_seconds:g} seconds "
        "(expected e.g. 'Sunday, May seventeen twenty-twenty six'); "
        "say it in the opening or set 'date' in the sidecar",
    )


def check_weekday(phrase, words, tokens, path):
    if phrase.weekday is None:
        return
    said = WEEKDAYS[words[phrase.weekday]]
    if said != phrase.value.weekday():
        raise TranscriptError(
            path,
            tokens[phrase.weekday][1],
            f"the spoken weekday {WEEKDAY_NAMES[said]} does not match "
            f"{phrase.value.isoformat()}, a {WEEKDAY_NAMES[phrase.value.weekday()]}",
        )


def marked_dates(words, dates):
    """The dates the words around them mark as today's.

    "today" or "tonight" marks the date said nearest to it, within a few words before or
    after ("Today is Sunday, May 17th…", "…May 17th, 2026, today we…"); so does "for" or
    "it's"/"it is" right before a date ("This is the Daily Synthesizer for Sunday, May 17th").
    """
    marked = set()
    for index, word in enumerate(words):
        if word not in TODAY:
            continue
        near = [(distance(phrase, index), phrase) for phrase in dates]
        near = [(d, p) for d, p in near if -MARK_AFTER <= d <= MARK_BEFORE]
        if near:
            closest = min(abs(d) for d, _ in near)
            marked |= {p.value for d, p in near if abs(d) == closest}
    for phrase in dates:
        start = phrase.start if phrase.weekday is None else phrase.weekday
        before = [w for w in words[max(0, start - 3) : start] if w not in (",", "the", "on")]
        if before[-1:] == ["for"] or before[-2:] in (["it", "s"], ["it", "is"]):
            marked.add(phrase.value)
    return marked


def distance(phrase, index):
    """How many tokens ``index`` is before the phrase (negative: after it)."""
    start = phrase.start if phrase.weekday is None else phrase.weekday
    if index < start:
        return start - index
    return -(index - phrase.end + 1) if index >= phrase.end else 0


def spoken_phrases(words):
    """Every date phrase of the opening, in order; raises :class:`Impossible`."""
    index = 0
    while index < len(words):
        if words[index] in MONTHS:
            phrase = month_first(words, index)
        elif continues_a_number(words, index):
            phrase = None  # "first" in "thirty-first" starts no day of its own
        else:
            phrase = day_first(words, index)
        if phrase is None:
            index += 1
            continue
        yield phrase
        index = phrase.end if phrase.kind != "yearless" else index + 1


def continues_a_number(words, index):
    return (
        index > 0
        and words[index - 1] in TENS
        and (words[index] in UNITS or words[index] in ORDINAL_UNITS)
    )


def at(words, index):
    return words[index] if 0 <= index < len(words) else None


def calendar_date(year, month, day, start):
    """The date, or :class:`Impossible` saying why those words are none."""
    try:
        return date(year, month, day)
    except ValueError:
        pass
    name = MONTH_NAMES[month - 1]
    if month == 2 and day == 29:
        why = f"{year} is not a leap year"
    else:
        days = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
        why = f"{name} has {days} days"
    raise Impossible(start, f"{name} {day}, {year} is not a date: {why}")


def month_first(words, index):
    """``May seventeen twenty-twenty six``, ``April the 5th, 2026``, ``2026, May 17``."""
    month = MONTHS[words[index]]
    position = index + 1
    if at(words, position) == "the":
        position += 1
    weekday = weekday_before(words, index)
    with_day = None
    for day, after_day in day_readings(words, position):
        year_at = after_day + 1 if at(words, after_day) == "," else after_day
        year_at = year_at + 1 if at(words, year_at) == "of" else year_at
        years = year_readings(words, year_at)
        if years:
            with_day = (day, *years[0])
            break
    month_year_at = index + 2 if at(words, index + 1) == "of" else index + 1
    month_year = year_readings(words, month_year_at)
    if with_day and month_year:
        day, year, end = with_day
        other_year, other_end = month_year[0]
        name = MONTH_NAMES[month - 1]
        fits = (
            1 <= day <= 31
            and is_date(year, month, day)
            and (weekday is None or WEEKDAYS[words[weekday]] == date(year, month, day).weekday())
        )
        if fits and (weekday is not None or other_year >= UNLIKELY_YEAR > year):
            return Phrase("date", index, end, date(year, month, day), weekday)
        if not (other_year < UNLIKELY_YEAR <= year):
            return Phrase(
                "ambiguous",
                index,
                max(end, other_end),
                note=f"these words can be {name} {day}, {year} or {name} {other_year}",
            )
        with_day = None
    if with_day:
        day, year, end = with_day
        return Phrase("date", index, end, calendar_date(year, month, day, index), weekday)
    if month_year:
        return Phrase("month-year", index, month_year[0][1])
    days = [day for day, _ in day_readings(words, position) if 1 <= day <= 31]
    if not days:
        return None
    year_before = year_ending_at(words, index)
    if year_before is not None:
        start, year = year_before
        found = calendar_date(year, month, days[0], start)
        return Phrase("date", start, position + 1, found, weekday_before(words, start))
    return Phrase("yearless", index, position + 1)


def is_date(year, month, day):
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def year_ending_at(words, index):
    """A year said just before ``words[index]`` ("twenty twenty-six, May seventeenth"), as
    (its start, year), or None."""
    end = index - 1 if at(words, index - 1) == "," else index
    for start in range(max(0, end - 4), end):
        for year, after in year_readings(words, start):
            if after == end:
                return start, year
    return None


def day_first(words, index):
    """``the twenty-first of February twenty twenty-six``, ``8th April 2026``."""
    for day, after_day in day_readings(words, index):
        position = after_day + 1 if at(words, after_day) == "of" else after_day
        if at(words, position) not in MONTHS:
            continue
        month = MONTHS[words[position]]
        year_at = position + 1
        year_at = year_at + 1 if at(words, year_at) == "," else year_at
        year_at = year_at + 1 if at(words, year_at) == "of" else year_at
        years = year_readings(words, year_at)
        weekday = weekday_before(words, index)
        if years:
            year, end = years[0]
            return Phrase("date", index, end, calendar_date(year, month, day, index), weekday)
        if 1 <= day <= 31:
            return Phrase("yearless", index, position + 1)
        return None
    return None


def weekday_before(words, index):
    """Index of a weekday said right before a date (allowing a comma or 'the' between)."""
    position = index - 1
    while position >= 0 and words[position] in (",", "the") and index - position <= 2:
        position -= 1
    if position >= 0 and words[position] in WEEKDAYS:
        return position
    return None


def day_readings(words, index):
    """Every way the words at ``index`` can say a day number (1 to 99: a day the month does
    not have is an error, not another reading), as (day, next index), longest first."""
    word = at(words, index)
    if word is None:
        return []
    readings = []
    digits = DIGIT_DAY.match(word)
    if digits:
        readings.append((int(digits[1]), index + 1))
    for table in (UNITS, TEENS, ORDINAL_UNITS, ORDINAL_TEENS, ORDINAL_TENS):
        if word in table:
            readings.append((table[word], index + 1))
    if word in TENS:
        following = at(words, index + 1)
        unit = UNITS.get(following) or ORDINAL_UNITS.get(following)
        if unit:
            readings.append((TENS[word] + unit, index + 2))
        readings.append((TENS[word], index + 1))
    return [(day, after) for day, after in readings if 1 <= day <= 99]


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
