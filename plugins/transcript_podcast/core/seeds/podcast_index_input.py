"""Read a Podcast Index JSON transcript (the podcast namespace's ``application/json``).

``{"version": "1.0.0", "segments": [{"startTime": 0.5, "endTime": 2.1, "body": "…",
"speaker": "…"}]}``: times in seconds (kept to the millisecond), ``body`` the text and the
optional ``speaker`` its speaker.  Other keys of a segment are ignored (tools add ids).  No
JSON parser package is needed: the format is plain JSON, checked here field by field.
"""

from ..errors import TranscriptError
from ..model import timed_segment
from .json_input import checked_times, entries, text_field


def read_podcast_index(document, path):
    """A decoded Podcast Index transcript → timed segments in order."""
    if not isinstance(document["version"], str):
        raise TranscriptError(path, None, '"version" must be a string such as "1.0.0"')
    segments = []
    for where, entry in entries(document, path):
        previous = segments[-1] if segments else None
        start, end = checked_times(entry, ("startTime", "endTime"), path, where, previous)
        body = text_field(entry, "body", path, where)
        speaker = text_field(entry, "speaker", path, where, required=False)
        segments.append(
            timed_segment(start, end, body.strip(), where, speaker=speaker_name(speaker))
        )
    return tuple(segments)


def speaker_name(value):
    """A speaker as written, or None when it is missing or blank."""
    if value is None:
        return None
    return value.strip() or None
