"""Read a WebVTT seed (``seeds/<id>.vtt``) into timed segments, strictly, line by line.

A strict reader of our own, not webvtt-py: webvtt-py's errors carry no line number (its
``MalformedCaptionError`` quotes the bad block), it keeps no line for a cue, and outside its
strict mode it skips what it cannot read.  A podcaster needs ``seeds/x.vtt:57: …`` and no
cue lost.  webvtt-py stays the independent parser the tests read our files back with.

What is read: every cue's start and end to the millisecond (``hh:mm:ss.ttt`` or
``mm:ss.ttt``, as the W3C format writes them), its text and its speaker (``<v Name>``).
Cue identifiers and settings, ``STYLE`` and ``REGION`` blocks and ``NOTE`` comments are
layout or remarks and are skipped; the text after ``WEBVTT`` too.  Title, show notes and
air date never come from a ``NOTE``: transcription services write their own remarks there
("NOTE Created with …"), and re-exporting the file would lose an edit; they come from the
sidecar (the date also from the opening's words).  A cue's lines are joined with a space
(its line breaks only fit it to a screen); its character references (``&amp;``) are
decoded; ``<c>``, ``<i>``, ``<b>``, ``<u>``, ``<ruby>``, ``<rt>``, ``<lang>`` tags and
inline timestamps are dropped, and any other ``<`` is an error (WebVTT writes it
``&lt;``, so a bare one means text would be lost).  A cue of two speakers is an error: give
each speaker their own cue.  Whitespace-only lines count as blank.
"""

import re
from html import unescape

from ..errors import TranscriptError
from ..model import timed_segment
from ..transcripts.formats import clock
from .cue_blocks import blocks, clock_ms
from .layout import LINE_BREAK, shorten

HEADER = re.compile(r"^WEBVTT(?:[ \t].*)?$")
TIME = r"(?:(\d{2,}):)?(\d{2}):(\d{2})\.(\d{3})"
TIMING = re.compile(rf"^{TIME}[ \t]+-->[ \t]+{TIME}(?:[ \t]+.*)?$")
TAG = re.compile(r"<([^<>]*)>")
VOICE = re.compile(r"^v(?:\.[^\s.]+)*[ \t]+(.+)$")
INLINE_TIME = re.compile(r"^(?:\d{2,}:)?\d{2}:\d{2}\.\d{3}$")
PLAIN_TAGS = re.compile(r"^/?(?:c|i|b|u|ruby|rt|lang|v)(?:\.[^\s.]+)*(?:[ \t].*)?$")
LATER_BLOCKS = ("STYLE", "REGION")


def stamp(milliseconds):
    return clock(milliseconds, ".")


def read_vtt(text, path):
    """WebVTT text → timed segments in order; :class:`TranscriptError` with the line."""
    lines = LINE_BREAK.split(text)
    if not HEADER.match(lines[0]):
        raise TranscriptError(
            path, 1, f"a WebVTT file starts with 'WEBVTT', found {shorten(lines[0].strip())!r}"
        )
    segments = []
    parts = blocks(lines)
    header_start, header = next(parts)  # the WEBVTT line and the header lines under it
    for number, line in enumerate(header, start=header_start):
        if "-->" in line:
            raise TranscriptError(
                path, number, "a blank line must separate the WEBVTT header from the first cue"
            )
    for start, block in parts:
        if block[0].startswith("NOTE") and block[0][4:5] in ("", " ", "\t"):
            arrow = next((i for i, line in enumerate(block) if "-->" in line), None)
            if arrow is not None:
                raise TranscriptError(
                    path, start + arrow, "a NOTE block cannot hold '-->': end it with a blank line"
                )
            continue
        if block[0].strip() in LATER_BLOCKS and not any("-->" in line for line in block):
            if segments:
                raise TranscriptError(
                    path, start, f"a {block[0].strip()} block must come before the first cue"
                )
            continue
        segments.append(read_cue(block, start, path, segments[-1] if segments else None))
    if not segments:
        raise TranscriptError(path, None, "no cues ('hh:mm:ss.ttt --> hh:mm:ss.ttt')")
    return tuple(segments)


def read_cue(block, start, path, previous):
    """One cue block (optional identifier, timing line, text lines) → a timed segment."""
    timing_at = 1 if "-->" not in block[0] and len(block) > 1 and "-->" in block[1] else 0
    number, timing = start + timing_at, block[timing_at].strip()
    match = TIMING.match(timing)
    if not match:
        raise TranscriptError(
            path,
            number,
            f"expected a cue timing 'hh:mm:ss.ttt --> hh:mm:ss.ttt', found {shorten(timing)!r}",
        )
    begin, end = clock_ms(match, 1), clock_ms(match, 5)
    if begin is None or end is None:
        raise TranscriptError(path, number, f"{timing!r} has minutes or seconds past 59")
    if end <= begin:
        raise TranscriptError(
            path, number, f"the cue ends at {stamp(end)}, not after its start {stamp(begin)}"
        )
    if previous is not None and begin < previous.start_ms:
        raise TranscriptError(
            path,
            number,
            f"the cue starts at {stamp(begin)}, before the cue on line {previous.line} "
            f"({stamp(previous.start_ms)}): cues must be in order",
        )
    text_lines = block[timing_at + 1 :]
    for offset, line in enumerate(text_lines, start=number + 1):
        if "-->" in line:
            raise TranscriptError(
                path, offset, "a second timing line in one cue: separate cues with a blank line"
            )
    speaker, words = cue_text(text_lines, number + 1, path)
    return timed_segment(begin, end, words, number, speaker=speaker)


def cue_text(lines, first, path):
    """The cue's text lines → (speaker or None, plain text on one line)."""
    voices, pieces = [], []
    for number, line in enumerate(lines, start=first):
        if "<" in TAG.sub("", line):
            raise TranscriptError(
                path, number, f"a '<' that opens no tag in {shorten(line.strip())!r}: write &lt;"
            )
        for tag in TAG.findall(line):
            voice = VOICE.match(tag)
            if voice:
                voices.append(unescape(voice[1].strip()))
            elif not (INLINE_TIME.match(tag) or PLAIN_TAGS.match(tag)) or tag in ("v", "lang"):
                raise TranscriptError(
                    path, number, f"unknown cue tag <{tag}> (a '<' in text is written &lt;)"
                )
        pieces.append(unescape(TAG.sub("", line)).strip())
    names = list(dict.fromkeys(voices))
    if len(names) > 1:
        raise TranscriptError(
            path,
            first,
            f"one cue has two speakers ({', '.join(names)}): give each speaker their own cue",
        )
    return (names[0] if names else None), " ".join(piece for piece in pieces if piece)
