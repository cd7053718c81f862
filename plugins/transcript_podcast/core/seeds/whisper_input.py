"""Read Whisper's JSON output (``whisper --output_format json`` and tools that follow it).

``{"text": "…", "language": "en", "segments": [{"start": 0.0, "end": 2.5, "text": " …",
"words": [{"word": " …", "start": 0.0, "end": 0.4, "probability": 0.9}]}]}``: each segment's
times (kept to the millisecond) and its text; word timestamps, when Whisper was asked for
them (``--word_timestamps True``), are kept with their segment.  Whisper names no speakers;
a diarizing tool's ``speaker`` on a segment (WhisperX) is read when it is there.  The
top-level ``text`` (all segments joined) and ``language`` are not needed; Whisper's other
segment keys (``id``, ``seek``, ``tokens``, ``avg_logprob``…) are ignored.
"""

from ..errors import TranscriptError
from ..model import Word, timed_segment
from .json_input import checked_times, entries, milliseconds, text_field, type_name
from .podcast_index_input import speaker_name


def read_whisper(document, path):
    """A decoded Whisper transcript → timed segments in order, with their words."""
    segments = []
    for where, entry in entries(document, path):
        previous = segments[-1] if segments else None
        start, end = checked_times(entry, ("start", "end"), path, where, previous)
        text = text_field(entry, "text", path, where)
        speaker = text_field(entry, "speaker", path, where, required=False)
        words = read_words(entry, path, where)
        segment = timed_segment(
            start, end, text.strip(), where, speaker=speaker_name(speaker), words=words
        )
        segments.append(segment)
    return tuple(segments)


def read_words(entry, path, where):
    """The segment's word timings: each word's start no later than its end, in order."""
    if "words" not in entry:
        return ()
    if not isinstance(entry["words"], list):
        raise TranscriptError(
            path, where, f'"words" must be a list, not {type_name(entry["words"])}'
        )
    words = []
    for number, word in enumerate(entry["words"], start=1):
        at = f"{where}, word {number}"
        if not isinstance(word, dict):
            raise TranscriptError(path, at, f"must be an object, not {type_name(word)}")
        start = milliseconds(word, "start", path, at)
        end = milliseconds(word, "end", path, at)
        if end < start:
            raise TranscriptError(
                path, at, f'"end" {word["end"]!r} is before "start" {word["start"]!r}'
            )
        if words and start < words[-1].start_ms:
            raise TranscriptError(path, at, "starts before the word before it")
        words.append(Word(start, end, text_field(word, "word", path, at).strip()))
    return tuple(words)
