"""Pure writers from an episode's segments to transcript formats (no Pelican here).

Timed formats (WebVTT, SRT, Podcast Index JSON) write the same :mod:`.cues`; the HTML page
and plain text show each segment with the second written in the seed. Every writer shows
text made safe by :func:`.safe_text.clean_text`, so no line is lost to a stray character.
A new format is one writer here and one entry in ``FORMATS``.
"""

import re
from dataclasses import dataclass
from html import escape
from json.encoder import encode_basestring as json_string

from ..safe_text import clean_text, has_words
from ..seeds.layout import format_stamp
from ..standards import CAPTION_TYPES, TRANSCRIPT_TYPES
from ..timing import speech_seconds
from .cues import make_cues


@dataclass(frozen=True)
class TranscriptFormat:
    """A transcript file written next to each episode page as ``transcript.<extension>``;
    its MIME type (and whether it is timed) is the one :mod:`..standards` gives its extension."""

    extension: str
    label: str

    @property
    def filename(self):
        return f"transcript.{self.extension}"

    @property
    def mime_type(self):
        return TRANSCRIPT_TYPES[self.extension]

    @property
    def timed(self):
        return self.mime_type in CAPTION_TYPES


FORMATS = (
    TranscriptFormat("vtt", "WebVTT"),
    TranscriptFormat("srt", "SRT"),
    TranscriptFormat("json", "Podcast Index JSON"),
    TranscriptFormat("html", "HTML"),
    TranscriptFormat("txt", "Plain text"),
)


@dataclass(frozen=True)
class Transcript:
    """What the writers need: the episode title, its segments and their cues."""

    title: str
    segments: tuple
    cues: tuple
    lang: str = "en"
    fragment: str | None = None  # html_fragment(segments), when the page already made it
    chapters: tuple = ()  # the listed chapters, shown as headings in the HTML


def make_transcript(
    segments, title, lang="en", duration=None, spoken_ends=None, *, fragment=None, chapters=()
):
    """Everything to write one episode's transcript files (see :func:`.cues.make_cues`)."""
    segments = tuple(segments)
    cues = make_cues(segments, duration, spoken_ends)
    return Transcript(title, segments, cues, lang, fragment, tuple(chapters))


def render(transcript_format, transcript):
    """The file content of ``transcript`` in ``transcript_format``."""
    return WRITERS[transcript_format.extension](transcript)


def anchor_id(start):
    """The element id that makes ``#t=HH:MM:SS`` jump to a segment without JavaScript."""
    return f"t={format_stamp(start)}"


def clock(milliseconds, separator):
    """Milliseconds → ``HH:MM:SS.mmm`` (WebVTT) or ``HH:MM:SS,mmm`` (SRT)."""
    seconds, fraction = divmod(milliseconds, 1000)
    return f"{format_stamp(seconds)}{separator}{fraction:03d}"


def speaker_changes(segments):
    """(segment, speaker name to show before it or None) for each segment with words."""
    previous = None
    for segment in segments:
        if not has_words(segment):
            continue
        speaker = clean_text(segment.speaker or "") or None
        yield segment, speaker if speaker != previous else None
        previous = speaker


def vtt_escape(text):
    """WebVTT cue text and annotations allow no raw ``&``, ``<`` or ``>`` (``-->`` included)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def vtt(transcript):
    """WebVTT: header, then one cue per segment, ``<v Name>`` when the speaker is known."""
    blocks = ["WEBVTT"]
    for cue in transcript.cues:
        voice = f"<v {vtt_escape(cue.speaker)}>" if cue.speaker else ""
        blocks.append(
            f"{clock(cue.start_ms, '.')} --> {clock(cue.end_ms, '.')}\n"
            f"{voice}{vtt_escape(cue.text)}"
        )
    return "\n\n".join(blocks) + "\n"


def srt(transcript):
    """SubRip: numbered cues, the same as the WebVTT ones, the speaker's name as a prefix."""
    blocks = []
    for number, cue in enumerate(transcript.cues, start=1):
        prefix = f"{cue.speaker}: " if cue.speaker else ""
        blocks.append(
            f"{number}\n{clock(cue.start_ms, ',')} --> {clock(cue.end_ms, ',')}\n"
            f"{prefix}{cue.text}\n"
        )
    return "\n".join(blocks)


def podcast_index_json(transcript):
    """The Podcast Index JSON transcript: ``startTime``/``endTime`` in seconds, ``body``.

    Written as ``json.dumps(document, ensure_ascii=False, indent=2)`` would write it, one
    entry at a time: with ``indent`` set, ``json`` falls back to its pure-Python encoder,
    which made this the slowest of the five files.
    """
    entries = []
    for cue in transcript.cues:
        speaker = f'\n      "speaker": {json_string(cue.speaker)},' if cue.speaker else ""
        entries.append(
            f"    {{{speaker}\n"
            f'      "startTime": {cue.start!r},\n'
            f'      "endTime": {cue.end!r},\n'
            f'      "body": {json_string(cue.text)}\n'
            "    }"
        )
    segments = "[\n" + ",\n".join(entries) + "\n  ]" if entries else "[]"
    return f'{{\n  "version": "1.0.0",\n  "segments": {segments}\n}}\n'


SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
PARAGRAPH_CHARACTERS = 320  # past this, a paragraph ends at the next sentence end
PARAGRAPH_PAUSE_SECONDS = 3  # silence (beyond the time to say the words) that starts one


def paragraphs(segments, breaks=()):
    """Group the shown segments into readable paragraphs, in order, dropping none.

    Yields lists of ``(segment, speaker name to show or None)`` (see :func:`speaker_changes`).
    A paragraph ends when the speaker changes, after a pause, at a chapter start (in
    ``breaks``, seconds), or at the first sentence end once it is long enough.
    """
    current, length = [], 0
    breaks = sorted(breaks)
    for segment, speaker in speaker_changes(segments):
        chapter_starts = current and any(
            current[-1][0].start < start <= segment.start for start in breaks
        )
        if current and (
            chapter_starts or starts_paragraph(current[-1][0], segment, speaker, length)
        ):
            yield current
            current, length = [], 0
        current.append((segment, speaker))
        length += len(segment.text) + 1
    if current:
        yield current


def starts_paragraph(previous, segment, speaker, length):
    """Whether ``segment`` opens a new paragraph after ``previous`` (``length`` chars so far)."""
    if speaker is not None:
        return True
    silence = pause_seconds(previous, segment)
    if silence >= PARAGRAPH_PAUSE_SECONDS:
        return True
    return length >= PARAGRAPH_CHARACTERS and bool(SENTENCE_END.search(previous.text.rstrip()))


def pause_seconds(previous, segment):
    """The silence between two segments: between the cues of a timed transcript, else after
    the time it takes to say the earlier one's words."""
    if previous.timed and segment.timed:
        return (segment.start_ms - previous.end_ms) / 1000
    return segment.start - previous.start - speech_seconds(previous.text)


def chapter_heading(number, chapter):
    """A chapter's title as a heading in the transcript, with an id search can point to."""
    return (
        f'<h3 class="chapter-heading" id="{chapter_anchor(number)}">'
        f"{escape(clean_text(chapter.title))}</h3>"
    )


def chapter_anchor(number):
    """The id of the ``number``-th listed chapter's heading (1-based)."""
    return f"chapter-{number}"


def html_fragment(segments, chapters=()):
    """The transcript as HTML paragraphs; every shown segment keeps its timestamp link.

    Each segment is a ``<span class="segment" data-start>`` opened by a real link
    (``href="#t=HH:MM:SS"``), so a moment can be reached and shared without JavaScript.
    Only the first segment of each second carries the anchor id (ids must be unique);
    segments without words are not shown; a speaker's name is shown when it changes.
    Each of ``chapters`` (listed chapters) is a heading before the paragraph it starts in.
    """
    parts, anchored = ['<div class="transcript">'], set()
    headings = list(enumerate(chapters, start=1))
    for paragraph in paragraphs(segments, [c.start for c in chapters]):
        while headings and headings[0][1].start <= paragraph[0][0].start:
            parts.append(chapter_heading(*headings.pop(0)))
        spans = []
        for segment, speaker in paragraph:
            anchor, id_attr = anchor_id(segment.start), ""
            if segment.start not in anchored:
                anchored.add(segment.start)
                id_attr = f' id="{anchor}"'
            name = f'<b class="speaker">{escape(speaker)}:</b> ' if speaker else ""
            spans.append(
                f'<span class="segment"{id_attr} data-start="{segment.start}">'
                f'<a class="timestamp" href="#{anchor}">{format_stamp(segment.start)}</a> '
                f"{name}{escape(clean_text(segment.text))}</span>"
            )
        parts.append(f"<p>{' '.join(spans)}</p>")
    parts.extend(chapter_heading(*heading) for heading in headings)
    parts.append("</div>")
    return "\n".join(parts)


HTML_STYLE = (
    "body{font:1rem/1.6 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem}"
    ".timestamp{font-variant-numeric:tabular-nums;margin-right:.25em}"
)


def html_document(transcript):
    """A standalone, accessible HTML5 page of the transcript (title, headings, anchors)."""
    title = escape(clean_text(transcript.title))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(transcript.lang)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title} · transcript</title>\n"
        f"<style>{HTML_STYLE}</style>\n"
        "</head>\n"
        "<body>\n"
        "<main>\n"
        f"<h1>{title}</h1>\n"
        '<section aria-labelledby="transcript-heading">\n'
        '<h2 id="transcript-heading">Transcript</h2>\n'
        f"{transcript.fragment or html_fragment(transcript.segments, transcript.chapters)}\n"
        "</section>\n"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )


def plain_text(transcript):
    """Plain text: the title, then ``HH:MM:SS text`` lines as in the seed, names on change."""
    lines = [clean_text(transcript.title), ""]
    for segment, speaker in speaker_changes(transcript.segments):
        name = f"{speaker}: " if speaker else ""
        lines.append(f"{format_stamp(segment.start)} {name}{clean_text(segment.text)}")
    return "\n".join(lines) + "\n"


WRITERS = {
    "vtt": vtt,
    "srt": srt,
    "json": podcast_index_json,
    "html": html_document,
    "txt": plain_text,
}
