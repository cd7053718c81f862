"""Chapter rules a built feed item must follow: its JSON chapters file and its Podlove Simple
Chapters (pure; independent of the code that writes them, like the rest of :mod:`.site`).

JSON chapters 1.2: an object with a ``version`` string and a ``chapters`` array; every
chapter has a numeric ``startTime``; ``title``, ``img`` and ``url`` are strings, ``toc`` a
boolean and ``endTime`` a number after the start, when present.  Starts go up and lie within
the episode's duration.  ``<psc:chapter start>`` is a normal play time (``HH:MM:SS.mmm``).
"""

import json
import re

from ..core.standards import PSC_NS

PSC_START = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.(\d{1,3}))?\Z")


def duration_seconds(value):
    """``itunes:duration`` (seconds or [HH:]MM:SS) in seconds, or None."""
    if not value:
        return None
    parts = value.split(":")
    if not all(part.isdigit() for part in parts):
        return None
    total = 0
    for part in parts:
        total = total * 60 + int(part)
    return total


def number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def order_problems(where, start, shown, previous, duration):
    """The rule both formats share: each chapter starts after the one before it and before
    the episode ends (``shown`` is the start as the file writes it)."""
    problems = []
    if previous is not None and start <= previous:
        problems.append(f"{where} starts at {shown}, not after the chapter before it")
    if duration is not None and start >= duration:
        problems.append(f"{where} starts at {shown}, after the episode ends ({duration} s)")
    return problems


def json_chapter_problems(content, duration):
    """Problems of a JSON chapters file as messages (``chapter N: ...``)."""
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        return [f"line {exc.lineno}: not JSON: {exc.msg}"]
    if not isinstance(data, dict):
        return ["expected an object with version and chapters"]
    problems = []
    if not isinstance(data.get("version"), str):
        problems.append("missing version (a string such as 1.2.0)")
    chapters = data.get("chapters")
    if not isinstance(chapters, list):
        return [*problems, "missing chapters (an array)"]
    previous = None
    for position, chapter in enumerate(chapters, start=1):
        where = f"chapter {position}"
        if not isinstance(chapter, dict):
            problems.append(f"{where} is not an object")
            continue
        start = chapter.get("startTime")
        if not number(start) or start < 0:
            problems.append(f"{where} needs a startTime of zero or more seconds")
            continue
        for key in ("title", "img", "url"):
            if key in chapter and not isinstance(chapter[key], str):
                problems.append(f"{where}: {key} must be a string")
        if "toc" in chapter and not isinstance(chapter["toc"], bool):
            problems.append(f"{where}: toc must be true or false")
        if "endTime" in chapter and not (number(chapter["endTime"]) and chapter["endTime"] > start):
            problems.append(f"{where}: endTime must be a number after its startTime")
        problems += order_problems(where, start, start, previous, duration)
        previous = start
    return problems


def psc_seconds(value):
    match = PSC_START.match(value or "")
    if not match:
        return None
    hours, minutes, seconds, fraction = match.groups()
    return (
        int(hours or 0) * 3600
        + int(minutes) * 60
        + int(seconds)
        + int((fraction or "0").ljust(3, "0")) / 1000
    )


def psc_problems(element, duration):
    """Problems of one ``<psc:chapters>`` element as messages."""
    problems, previous = [], None
    for position, chapter in enumerate(element.findall(f"{{{PSC_NS}}}chapter"), start=1):
        where = f"psc:chapter {position}"
        start = psc_seconds(chapter.get("start"))
        if start is None:
            problems.append(f"{where}: start {chapter.get('start')!r} is not HH:MM:SS.mmm")
            continue
        if not chapter.get("title"):
            problems.append(f"{where} has no title")
        problems += order_problems(where, start, chapter.get("start"), previous, duration)
        previous = start
    return problems
