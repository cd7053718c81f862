"""An episode's chapters in the forms podcast apps and players read (no Pelican here).

- ``chapters.json``: Podcast Index JSON chapters 1.2 (``application/json+chapters``), linked
  from the feed item's ``<podcast:chapters>``; hidden markers keep ``"toc": false``.
- ``chapters.vtt``: WebVTT chapters for the page's ``<track kind="chapters">``: one cue per
  listed chapter, ending where the next listed one starts (the last with the episode).
- Podlove Simple Chapters start times (``HH:MM:SS.mmm``) for ``<psc:chapter>``.
"""

import json
from dataclasses import dataclass

from ..safe_text import clean_text
from ..standards import CHAPTERS_TYPE, TRANSCRIPT_TYPES
from ..transcripts.formats import clock, vtt_escape

JSON_VERSION = "1.2.0"


@dataclass(frozen=True)
class ChapterFile:
    """A chapter file published next to each episode page that has chapters."""

    filename: str
    mime_type: str


JSON_FILE = ChapterFile("chapters.json", CHAPTERS_TYPE)
VTT_FILE = ChapterFile("chapters.vtt", TRANSCRIPT_TYPES["vtt"])  # WebVTT, kind="chapters"
FILES = (JSON_FILE, VTT_FILE)


def milliseconds(seconds):
    return round(seconds * 1000)


def number(seconds):
    """Seconds as JSON shows them: whole seconds without a fraction."""
    return int(seconds) if float(seconds).is_integer() else round(float(seconds), 3)


def json_chapters(chapters, title=None, podcast_name=None):
    """The Podcast Index JSON chapters document of ``chapters`` (a list of :class:`Chapter`)."""
    document = {"version": JSON_VERSION}
    if title:
        document["title"] = clean_text(title)
    if podcast_name:
        document["podcastName"] = clean_text(podcast_name)
    entries = []
    for chapter in chapters:
        entry = {"startTime": number(chapter.start), "title": clean_text(chapter.title)}
        if chapter.img:
            entry["img"] = chapter.img
        if chapter.url:
            entry["url"] = chapter.url
        if not chapter.toc:
            entry["toc"] = False
        entries.append(entry)
    document["chapters"] = entries
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def listed_spans(chapters, end):
    """``(chapter, its end in seconds)`` for each listed chapter (hidden markers skipped)."""
    listed = [c for c in chapters if c.toc]
    ends = [c.start for c in listed[1:]] + [max(end, listed[-1].start + 1) if listed else end]
    return list(zip(listed, ends, strict=True))


def vtt_chapters(chapters, end):
    """WebVTT chapter cues for the listed chapters; the last ends at ``end`` seconds."""
    blocks = ["WEBVTT"]
    for number_, (chapter, until) in enumerate(listed_spans(chapters, end), start=1):
        blocks.append(
            f"chapter-{number_}\n"
            f"{clock(milliseconds(chapter.start), '.')} --> {clock(milliseconds(until), '.')}\n"
            f"{vtt_escape(clean_text(chapter.title))}"
        )
    return "\n\n".join(blocks) + "\n"


def psc_start(seconds):
    """A Podlove Simple Chapters start: ``HH:MM:SS.mmm``."""
    return clock(milliseconds(seconds), ".")


def render(chapter_file, chapters, end, title=None, podcast_name=None):
    """The content of ``chapter_file`` for ``chapters``."""
    if chapter_file is JSON_FILE:
        return json_chapters(chapters, title, podcast_name)
    return vtt_chapters(chapters, end)
