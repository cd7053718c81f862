"""Read transcript files back with real parsers, into comparable rows.

Timed formats give ``(start_ms, end_ms, speaker, text)`` per cue; the HTML page and plain
text give ``(stamp, speaker, text)`` per segment, with the speaker only where it is shown.
"""

import datetime
import html
import json

import html5lib
import lxml.html
import srt
import webvtt


def millis(delta: datetime.timedelta):
    return round(delta.total_seconds() * 1000)


def vtt_rows(text):
    """webvtt-py in strict mode; cue text keeps WebVTT's character references, so unescape."""
    captions = webvtt.from_string(text, strict=True)
    assert text == "WEBVTT\n" or text.startswith("WEBVTT\n\n")
    return [
        (
            c.start_time.in_milliseconds(),
            c.end_time.in_milliseconds(),
            html.unescape(c.voice) if c.voice else None,
            html.unescape(c.text),
        )
        for c in captions
    ]


def srt_rows(text, speakers):
    """srt (strict by default); the speaker is the known name prefix of the content."""
    rows = []
    subtitles = list(srt.parse(text))
    assert [s.index for s in subtitles] == list(range(1, len(subtitles) + 1))
    for subtitle, speaker in zip(subtitles, speakers, strict=True):
        content = subtitle.content
        if speaker:
            assert content.startswith(f"{speaker}: ")
            content = content[len(speaker) + 2 :]
        rows.append((millis(subtitle.start), millis(subtitle.end), speaker, content))
    return rows


def json_rows(text):
    document = json.loads(text)
    assert document["version"] == "1.0.0"
    return [
        (
            round(s["startTime"] * 1000),
            round(s["endTime"] * 1000),
            s.get("speaker"),
            s["body"],
        )
        for s in document["segments"]
    ]


def html_rows(text):
    """html5lib in strict mode (any parse error raises), then the segments as a reader sees them."""
    html5lib.HTMLParser(strict=True).parse(text)
    tree = lxml.html.document_fromstring(text)
    assert tree.get("lang")
    assert tree.findtext(".//title").strip()
    assert tree.find(".//h1").text_content().strip()
    rows = []
    for paragraph in tree.find_class("segment"):
        link = paragraph.find("a")
        assert link.get("href") == f"#t={link.text}"
        name = paragraph.find("b")
        speaker = name.text_content().removesuffix(":") if name is not None else None
        words = paragraph.text_content()[len(link.text) + 1 :]
        if speaker:
            words = words[len(speaker) + 2 :]
        rows.append((link.text, speaker, words))
    return rows


def text_rows(text, speakers):
    """Plain text: title, blank line, then ``HH:MM:SS [Name: ]text`` lines."""
    lines = text.split("\n")
    assert lines[1] == ""
    assert lines[-1] == ""
    rows = []
    for line, speaker in zip(lines[2:-1], speakers, strict=True):
        stamp, words = line.split(" ", 1)
        if speaker:
            assert words.startswith(f"{speaker}: ")
            words = words[len(speaker) + 2 :]
        rows.append((stamp, speaker, words))
    return rows
