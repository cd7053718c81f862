"""Turn start-only segments into timed cues that caption formats accept.

Seed lines carry only a start second, and several fragments often share one second. Caption
formats need each cue to end strictly after it starts, starts that never go backwards, and
no overlap. So a cue ends where the next one starts; fragments sharing a second split that
interval in proportion to their words; the last cue ends with the audio when its length is
known, else after the time its words take to say. When the narration reports when each
segment's speech really ends (``spoken_ends``), cues end there instead (never after the next
start), and the fragments of one second follow each other as they were spoken.

All times are whole milliseconds, the resolution of WebVTT and SRT, so every writer shows
exactly the same cues.

Segments read from a timed transcript (WebVTT, SRT, JSON seeds) already say when each cue
starts and ends: their cues are those times, unchanged, nothing estimated or realigned.
"""

from dataclasses import dataclass
from itertools import groupby

from ..safe_text import clean_text, has_words
from ..timing import speech_seconds


@dataclass(frozen=True, slots=True)
class Cue:
    """One timed piece of the transcript, text made safe; ``start_ms < end_ms`` always."""

    start_ms: int
    end_ms: int
    text: str
    speaker: str | None = None

    @property
    def start(self):
        return self.start_ms / 1000

    @property
    def end(self):
        return self.end_ms / 1000


def make_cues(segments, duration=None, spoken_ends=None):
    """Segments → non-overlapping cues, one per segment with words, in order.

    ``duration`` is the real audio length in seconds (for the last cue's end).
    ``spoken_ends`` holds one real end time in seconds per segment of ``segments`` (empty
    segments included), or one per segment with words.
    """
    segments = tuple(segments)
    if segments and segments[0].timed:
        return kept_cues(segments)
    spoken = [(segment, index) for index, segment in enumerate(segments) if has_words(segment)]
    ends = aligned_ends(segments, spoken, spoken_ends)
    groups = [list(group) for _, group in groupby(spoken, key=lambda pair: pair[0].start)]
    cues, cursor = [], 0
    for number, group in enumerate(groups):
        start = max(group[0][0].start * 1000, cursor)
        if number + 1 < len(groups):
            limit = groups[number + 1][0][0].start * 1000
        else:
            limit = last_end(group, start, duration, ends)
        limit = max(limit, start + len(group))  # room for at least 1 ms per fragment
        cues.extend(split_group(group, start, limit, ends))
        cursor = cues[-1].end_ms
    return tuple(cues)


def kept_cues(segments):
    """The cues of a timed transcript: one per segment with words, at its own times."""
    return tuple(
        Cue(s.start_ms, s.end_ms, clean_text(s.text), clean_text(s.speaker or "") or None)
        for s in segments
        if has_words(s)
    )


def aligned_ends(segments, spoken, spoken_ends):
    """``spoken_ends`` as milliseconds keyed by segment index, or None when not given."""
    if spoken_ends is None:
        return None
    spoken_ends = tuple(spoken_ends)
    if len(spoken_ends) == len(segments):
        indexes = range(len(segments))
    elif len(spoken_ends) == len(spoken):
        indexes = [index for _, index in spoken]
    else:
        raise ValueError(
            f"spoken_ends has {len(spoken_ends)} times for {len(segments)} segments "
            f"({len(spoken)} with words)"
        )
    return {index: round(end * 1000) for index, end in zip(indexes, spoken_ends, strict=True)}


def last_end(group, start, duration, ends):
    """Where the final second's fragments end: the audio's end, else their spoken length."""
    if duration is not None and round(duration * 1000) > start:
        return round(duration * 1000)
    estimate = start + round(1000 * sum(speech_seconds(s.text) for s, _ in group))
    if ends is not None:
        estimate = max(estimate, ends[group[-1][1]])
    return estimate


def split_group(group, start, limit, ends):
    """Cues for the fragments sharing one start, filling ``start``..``limit`` in order."""
    count = len(group)
    if ends is None:
        weights = [max(1, len(segment.text.split())) for segment, _ in group]
        total, boundaries, running = sum(weights), [start], 0
        for weight in weights[:-1]:
            running += weight
            boundaries.append(start + (limit - start) * running // total)
    else:
        boundaries = [start] + [ends[index] for _, index in group[:-1]]
    boundaries.append(limit)
    # Each fragment keeps at least 1 ms: clamp every inner boundary between its neighbours.
    for position in range(1, count):
        low = boundaries[position - 1] + 1
        high = limit - (count - position)
        boundaries[position] = min(max(boundaries[position], low), high)
    cues = []
    for position, (segment, index) in enumerate(group):
        cue_start, cue_end = boundaries[position], boundaries[position + 1]
        if ends is not None and position == count - 1:
            cue_end = min(max(ends[index], cue_start + 1), cue_end)
        speaker = clean_text(segment.speaker or "") or None
        cues.append(Cue(cue_start, cue_end, clean_text(segment.text), speaker))
    return cues
