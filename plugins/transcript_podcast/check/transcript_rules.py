"""The rules a transcript file must follow, whatever wrote it: UTF-8, and for the timed
formats the grammar podcast apps parse (WebVTT, SRT, Podcast Index JSON), with every cue
ending after it starts and starting no earlier than the one before.

Pure: :func:`transcript_problems` reads one file and returns ``(line, message)`` pairs.
"""

import json
import re

from ..core.standards import TRANSCRIPT_TYPES

VTT_TIME = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
VTT_CUE = re.compile(rf"^{VTT_TIME}[ \t]+-->[ \t]+{VTT_TIME}(?:[ \t].*)?\Z")
SRT_TIME = r"(\d{2,}):([0-5]\d):([0-5]\d),(\d{3})"
SRT_CUE = re.compile(rf"^{SRT_TIME} --> {SRT_TIME}\Z")


def transcript_problems(path, mime_type):
    """Problems of one transcript file as ``(line, message)``; line None for the whole file."""
    try:
        content = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return [(None, f"not UTF-8 ({exc.reason} at byte {exc.start})")]
    checker = {
        TRANSCRIPT_TYPES["vtt"]: vtt_problems,
        TRANSCRIPT_TYPES["srt"]: srt_problems,
        TRANSCRIPT_TYPES["json"]: json_problems,
    }.get(mime_type)
    if checker is None:
        return [] if content.strip() else [(None, "the transcript is empty")]
    return checker(content)


def seconds(match, first):
    hours, minutes, secs, millis = match.group(first, first + 1, first + 2, first + 3)
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(secs) + int(millis) / 1000


def cue_order_problems(number, start, end, previous_start):
    if end <= start:
        yield (number, "cue ends at or before it starts")
    if previous_start is not None and start < previous_start:
        yield (number, "cue starts before the previous cue")


def vtt_problems(content):
    """WebVTT: the header, ``hh:mm:ss.ttt`` timings, ends after starts, starts in order."""
    lines = content.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    problems = []
    if not re.match(r"^WEBVTT([ \t].*)?\Z", lines[0]):
        problems.append((1, "the file must start with WEBVTT"))
    elif len(lines) > 1 and lines[1].strip():
        problems.append((2, "a blank line must follow the WEBVTT header"))
    previous, cues = None, 0
    for number, line in enumerate(lines, start=1):
        if "-->" not in line:
            continue
        match = VTT_CUE.match(line)
        if not match:
            problems.append((number, f"bad cue timing {line!r} (hh:mm:ss.ttt --> hh:mm:ss.ttt)"))
            continue
        start, end = seconds(match, 1), seconds(match, 5)
        problems.extend(cue_order_problems(number, start, end, previous))
        previous, cues = start, cues + 1
    if not cues and not problems:
        problems.append((None, "no cues"))
    return problems


def srt_problems(content):
    """SRT: numbered blocks 1, 2, 3… with ``HH:MM:SS,mmm --> HH:MM:SS,mmm`` and text."""
    lines = content.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    problems, previous, expected, number = [], None, 1, 0
    while number < len(lines):
        if not lines[number].strip():
            number += 1
            continue
        index_line, timing_line = (
            lines[number],
            lines[number + 1] if number + 1 < len(lines) else "",
        )
        if index_line.strip() != str(expected):
            problems.append((number + 1, f"expected cue number {expected}, not {index_line!r}"))
        match = SRT_CUE.match(timing_line.strip())
        if not match:
            problems.append((number + 2, f"bad cue timing {timing_line!r}"))
        else:
            start, end = seconds(match, 1), seconds(match, 5)
            problems.extend(cue_order_problems(number + 2, start, end, previous))
            previous = start
        text_start = number + 2
        number = text_start
        while number < len(lines) and lines[number].strip():
            number += 1
        if number == text_start:
            problems.append((text_start + 1, f"cue {expected} has no text"))
        expected += 1
    if expected == 1:
        problems.append((None, "no cues"))
    return problems


def json_problems(content):
    """Podcast Index JSON: version and segments with startTime < endTime and a body."""
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        return [(exc.lineno, f"not JSON: {exc.msg}")]
    if not isinstance(data, dict) or not isinstance(data.get("segments"), list):
        return [(None, "expected an object with a segments list")]
    problems = [] if isinstance(data.get("version"), str) else [(None, "missing version")]
    for position, segment in enumerate(data["segments"], start=1):
        if not isinstance(segment, dict):
            problems.append((None, f"segment {position} is not an object"))
            continue
        start, end = segment.get("startTime"), segment.get("endTime")
        if not all(isinstance(v, (int, float)) for v in (start, end)) or end <= start:
            problems.append((None, f"segment {position} needs startTime < endTime"))
        if not isinstance(segment.get("body"), str):
            problems.append((None, f"segment {position} has no body"))
    return problems
