"""Read a SubRip seed (``seeds/<id>.srt``) into timed segments, strictly, line by line.

A strict reader of our own, not the ``srt`` package: ``srt.parse`` reports only character
offsets of what it could not match, accepts cue numbers in any order (a deleted cue goes
unnoticed) and keeps no line per cue, while a podcaster needs ``seeds/x.srt:57: …``.  The
``srt`` package stays the independent parser the tests read our files back with.

What is read: numbered cues ``1``, ``2``, ``3``… each with ``HH:MM:SS,mmm --> HH:MM:SS,mmm``
and one or more lines of text (joined with a space).  The ``<b>``, ``<i>``, ``<u>`` and
``<font>`` tags players know are dropped; everything else is text as written (SRT has no
escapes).  SRT carries no speaker field: with ``PODCAST_SRT_SPEAKERS`` on, a ``Name: ``
prefix on a cue (one to four words, the first capitalised) is its speaker; a label such as
``Note:``, ``NB:``, ``PS:``, ``Update:`` or ``Correction:`` is not a name and stays text.
Title, show notes and air date come from the sidecar (the date also from the opening).
"""

import re

from ..errors import TranscriptError
from ..model import timed_segment
from ..transcripts.formats import clock
from .cue_blocks import blocks, clock_ms
from .layout import LINE_BREAK, shorten

TIME = r"(\d{2,}):(\d{2}):(\d{2}),(\d{3})"
TIMING = re.compile(rf"^{TIME}[ \t]+-->[ \t]+{TIME}$")
FORMATTING = re.compile(r"</?(?:b|i|u)>|<font(?:\s[^<>]*)?>|</font>", re.IGNORECASE)
SPEAKER = re.compile(r"^(?P<name>[^\W\d_][\w'’.&-]*(?: [\w'’.&-]+){0,3}): (?P<text>\S.*)$")
LABELS = frozenset(("note", "notes", "nb", "n.b.", "ps", "p.s.", "update", "correction"))


def stamp(milliseconds):
    return clock(milliseconds, ",")


def read_srt(text, path, speaker_prefixes=False):
    """SRT text → timed segments in order; :class:`TranscriptError` with the line."""
    segments = []
    for start, block in blocks(LINE_BREAK.split(text)):
        expected = len(segments) + 1
        if block[0].strip() != str(expected):
            found = shorten(block[0].strip())
            raise TranscriptError(path, start, f"expected cue number {expected}, found {found!r}")
        if len(block) < 2:
            raise TranscriptError(path, start, f"cue {expected} has no timing line")
        timing = block[1].strip()
        match = TIMING.match(timing)
        if not match:
            raise TranscriptError(
                path,
                start + 1,
                f"expected 'HH:MM:SS,mmm --> HH:MM:SS,mmm', found {shorten(timing)!r}",
            )
        begin, end = clock_ms(match, 1), clock_ms(match, 5)
        if begin is None or end is None:
            raise TranscriptError(path, start + 1, f"{timing!r} has minutes or seconds past 59")
        if end <= begin:
            raise TranscriptError(
                path,
                start + 1,
                f"cue {expected} ends at {stamp(end)}, not after its start {stamp(begin)}",
            )
        if segments and begin < segments[-1].start_ms:
            raise TranscriptError(
                path,
                start + 1,
                f"cue {expected} starts at {stamp(begin)}, before cue {expected - 1} "
                f"({stamp(segments[-1].start_ms)}): cues must be in order",
            )
        if len(block) < 3:
            raise TranscriptError(path, start + 1, f"cue {expected} has no text")
        words = " ".join(
            piece for piece in (FORMATTING.sub("", line).strip() for line in block[2:]) if piece
        )
        speaker = None
        if speaker_prefixes:
            speaker, words = speaker_prefix(words)
        segments.append(timed_segment(begin, end, words, start + 1, speaker=speaker))
    if not segments:
        raise TranscriptError(path, None, "no cues (numbered blocks with a timing line and text)")
    return tuple(segments)


def speaker_prefix(text):
    """``"Name: words"`` → ``("Name", "words")``; text without a name prefix → (None, text)."""
    match = SPEAKER.match(text)
    if not match or not match["name"][0].isupper():
        return None, text
    if match["name"].split(" ")[0].casefold() in LABELS:
        return None, text
    return match["name"], match["text"]
