"""How long speech takes, for when no recording says so.

Seed lines carry start times only; the last fragment's end and an episode's duration without
audio are estimated from its words at a conversational pace.  A timed transcript (WebVTT,
SRT, JSON) says when its last cue ends, and that is its duration.
"""

WORDS_PER_SECOND = 2.6  # about 155 words a minute, a typical podcast pace
MINIMUM_SECONDS = 1.0


def speech_seconds(text):
    """Seconds it takes to say ``text`` aloud (at least one second)."""
    return max(MINIMUM_SECONDS, len(text.split()) / WORDS_PER_SECOND)


def estimated_duration(segments):
    """An episode's length: the last segment's start plus the time to say its words, or the
    end of the last cue of a timed transcript."""
    if not segments:
        return 0.0
    if segments[-1].timed:
        return max(segment.end_ms for segment in segments) / 1000
    last = segments[-1]
    return last.start + speech_seconds(last.text)
