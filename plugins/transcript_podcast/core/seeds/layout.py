"""Parse the seed transcript layout: title, ``Show notes``, ``Show transcript``, timed lines.

The layout is what podcasters copy from their transcription service's page::

    Title of the episode
    Show notes
    One or more lines of notes.
    Show transcript
    00:00:00: fragment of speech
    00:00:03: another fragment
    New comment

Everything is checked strictly so that no line is silently lost: a line in the transcript
section is either a timed segment, blank, or the trailing ``New comment`` residue.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from ..errors import TranscriptError
from ..model import Segment

NOTES_HEADER = "show notes"
TRANSCRIPT_HEADER = "show transcript"
PAGE_RESIDUE = "new comment"

TIMED_LINE = re.compile(r"^(?P<stamp>\d+:\d+:\d+):(?P<text>.*)\Z")
STAMP = re.compile(r"^(?P<h>\d{1,3}):(?P<m>\d{2}):(?P<s>\d{2})\Z")
LINE_BREAK = re.compile(r"\r\n|\r|\n")
LOOKS_TIMED = re.compile(r"^\s*\d{1,3}\s*[:.]\s*\d{1,2}")
# The longest line a seed may hold.  Transcript fragments are a sentence or two (the real
# seeds' longest line is ~400 characters); one of 50 MB (a broken export) cost a build 30 s
# and 1.6 GB, since every format, the page and the search index hold it.  A line this long
# costs under a second (bench/long_line.py); a longer one is refused at its line.
LONGEST_LINE = 1_000_000


@dataclass(frozen=True)
class ParsedTranscript:
    """The seed file's own content, before the air date and sidecar are applied."""

    title: str
    notes: str
    segments: tuple[Segment, ...]


def decode_seed(data, path):
    """Bytes → text, accepting a UTF-8 BOM and reporting the line of the first bad byte (or
    of a line longer than :data:`LONGEST_LINE`), whatever the seed's format."""
    if not data.strip():
        raise TranscriptError(path, 1, "file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TranscriptError(
            path, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise TranscriptError(path, line, "contains NUL bytes: this is not a text file")
    if len(text) > LONGEST_LINE:
        for number, line in enumerate(LINE_BREAK.split(text), start=1):
            if len(line) > LONGEST_LINE:
                raise TranscriptError(
                    path,
                    number,
                    f"this line is {len(line):,} characters long, more than the "
                    f"{LONGEST_LINE:,} a line may hold: split it into timed lines",
                )
    return text


def header_name(line):
    """A header line's name, forgiving case, surrounding spaces and a trailing colon."""
    return line.strip().rstrip(":").strip().casefold()


def resembles(line, header):
    """True for a line that is probably a mistyped ``header`` ("Show transcipt")."""
    return SequenceMatcher(None, header_name(line), header).ratio() >= 0.8


def parse_timestamp(stamp, path, line):
    """``HH:MM:SS`` → seconds, refusing minutes or seconds past 59."""
    seconds = stamp_seconds(stamp)
    if seconds is None:
        message = "is not in HH:MM:SS form" if not STAMP.match(stamp) else "is not a valid time"
        raise TranscriptError(path, line, f"timestamp {stamp} {message}")
    return seconds


@lru_cache(maxsize=1 << 16)
def stamp_seconds(stamp):
    """``HH:MM:SS`` → seconds, or None when it is not a valid time.

    Cached: every episode of a show repeats the same few thousand stamps, and parsing them
    was the largest cost of reading a transcript.
    """
    match = STAMP.match(stamp)
    if not match:
        return None
    hours, minutes, seconds = int(match[1]), int(match[2]), int(match[3])
    if minutes > 59 or seconds > 59:
        return None
    return hours * 3600 + minutes * 60 + seconds


def parse_seed(text, path):
    """Seed text → :class:`ParsedTranscript`; raises :class:`TranscriptError` with a line."""
    lines = LINE_BREAK.split(text)
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if line.strip()]
    if not numbered:
        raise TranscriptError(path, 1, "file is empty")

    title_line, title = numbered[0]
    title = title.strip()
    if header_name(title) in (NOTES_HEADER, TRANSCRIPT_HEADER):
        raise TranscriptError(path, title_line, "the first line must be the episode title")

    if len(numbered) < 2 or header_name(numbered[1][1]) != NOTES_HEADER:
        if len(numbered) < 2:
            raise TranscriptError(path, title_line, "expected a 'Show notes' line after the title")
        where, found = numbered[1]
        raise TranscriptError(
            path,
            where,
            f"expected a 'Show notes' line after the title, found {shorten(found.strip())!r}",
        )

    notes_lines, body_start = [], None
    for index in range(2, len(numbered)):
        number, line = numbered[index]
        if header_name(line) == TRANSCRIPT_HEADER:
            body_start = index + 1
            break
        if resembles(line, TRANSCRIPT_HEADER):
            raise TranscriptError(
                path, number, f"{line.strip()!r} looks like a misspelled 'Show transcript'"
            )
        if TIMED_LINE.match(line.strip()):
            raise TranscriptError(
                path, number, "timestamped line before the 'Show transcript' line"
            )
        notes_lines.append(line.strip())
    if body_start is None:
        raise TranscriptError(
            path, numbered[-1][0], "missing the 'Show transcript' line before the transcript"
        )
    transcript_line = numbered[body_start - 1][0]

    segments = parse_segments(numbered[body_start:], path)
    if not segments:
        raise TranscriptError(
            path, transcript_line, "no 'HH:MM:SS: text' lines after 'Show transcript'"
        )
    return ParsedTranscript(title, "\n".join(notes_lines), tuple(segments))


def parse_segments(numbered_lines, path):
    """Timed lines → segments in order, with the trailing page residue dropped."""
    segments, residue_line = [], None
    for number, raw in numbered_lines:
        line = raw.strip()
        match = TIMED_LINE.match(line)
        if not match and header_name(line) == PAGE_RESIDUE:
            residue_line = number
            continue
        if not match:
            if LOOKS_TIMED.match(line):
                raise TranscriptError(
                    path,
                    number,
                    f"malformed timestamp in {shorten(line)!r}: expected 'HH:MM:SS: text'",
                )
            raise TranscriptError(
                path, number, f"expected 'HH:MM:SS: text', found {shorten(line)!r}"
            )
        if residue_line is not None:
            raise TranscriptError(
                path, number, f"transcript continues after 'New comment' on line {residue_line}"
            )
        start = parse_timestamp(match["stamp"], path, number)
        if segments and start < segments[-1].start:
            previous = segments[-1]
            raise TranscriptError(
                path,
                number,
                f"timestamp {match['stamp']} goes back before "
                f"{format_stamp(previous.start)} on line {previous.line}",
            )
        segments.append(Segment(start, match["text"].strip(), number))
    return segments


@lru_cache(maxsize=1 << 16)
def format_stamp(seconds):
    """Seconds → ``HH:MM:SS`` as written in seed files."""
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def shorten(text, width=60):
    """Quote at most ``width`` characters of a line in an error message."""
    return text if len(text) <= width else text[: width - 1] + "…"
