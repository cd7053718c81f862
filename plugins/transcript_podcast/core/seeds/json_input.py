"""Read a JSON seed (``seeds/<id>.json``): a Podcast Index transcript or Whisper's output.

The two are told apart by their shape: a Podcast Index transcript has a ``version``
(``{"version", "segments": [{"startTime", "endTime", "body", "speaker"}]}``); Whisper's
output has ``text`` or ``language`` and no ``version``
(``{"text", "language", "segments": [{"start", "end", "text", "words"}]}``); when neither
key is there, the first segment's keys decide.  Python's ``json`` decodes it (standard JSON
only: ``NaN`` and ``Infinity`` are refused); the checks of each shape are in
:mod:`.podcast_index_input` and :mod:`.whisper_input`.  JSON from a tool is often one long
line, so problems are located by segment (``seeds/x.json: segment 12: …``, counting from 1),
and only a JSON syntax error by its line.
"""

import json
import math

from ..errors import TranscriptError


def refuse_constant(name):
    raise ValueError(f"{name} is not a JSON number")


def decode_json(text, path):
    """JSON text → its object, with the line of a syntax error."""
    try:
        document = json.loads(text, parse_constant=refuse_constant)
    except json.JSONDecodeError as exc:
        raise TranscriptError(path, exc.lineno, f"not valid JSON: {exc.msg}") from None
    except ValueError as exc:
        raise TranscriptError(path, None, f"not valid JSON: {exc}") from None
    if not isinstance(document, dict) or not isinstance(document.get("segments"), list):
        raise TranscriptError(path, None, 'expected a transcript object with a "segments" list')
    return document


def is_podcast_index(document):
    """True for the Podcast Index shape, False for Whisper's (see the module docstring)."""
    if "version" in document:
        return True
    if "text" in document or "language" in document:
        return False
    first = document["segments"][0] if document["segments"] else {}
    return isinstance(first, dict) and "startTime" in first


def entries(document, path):
    """``(locator, segment object)`` for each segment, refusing anything but objects."""
    if not document["segments"]:
        raise TranscriptError(path, None, '"segments" is empty: there is nothing to publish')
    for number, entry in enumerate(document["segments"], start=1):
        where = f"segment {number}"
        if not isinstance(entry, dict):
            raise TranscriptError(path, where, f"must be an object, not {type_name(entry)}")
        yield where, entry


def type_name(value):
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false"}.get(
        type(value), "null" if value is None else "a number"
    )


def milliseconds(entry, key, path, where):
    """``entry[key]``, a number of seconds, as whole milliseconds."""
    if key not in entry:
        raise TranscriptError(path, where, f'has no "{key}"')
    value = entry[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise TranscriptError(
            path, where, f'"{key}" must be a number of seconds, not {type_name(value)}'
        )
    if value < 0:
        raise TranscriptError(path, where, f'"{key}" is negative ({value!r})')
    return round(value * 1000)


def text_field(entry, key, path, where, required=True):
    """``entry[key]`` as a string (None when optional and absent or null)."""
    value = entry.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        missing = "has no" if key not in entry else "needs a string"
        raise TranscriptError(path, where, f'{missing} "{key}" ({type_name(value)} found)')
    return value


def checked_times(entry, keys, path, where, previous):
    """The segment's (start, end) in milliseconds: end after start, starts in order."""
    start_key, end_key = keys
    start = milliseconds(entry, start_key, path, where)
    end = milliseconds(entry, end_key, path, where)
    if end <= start:
        raise TranscriptError(
            path,
            where,
            f'"{end_key}" {entry[end_key]!r} is not after "{start_key}" {entry[start_key]!r}',
        )
    if previous is not None and start < previous.start_ms:
        raise TranscriptError(
            path,
            where,
            f'"{start_key}" {entry[start_key]!r} is before the previous segment\'s '
            f"({previous.start_ms / 1000!r}): segments must be in order",
        )
    return start, end
