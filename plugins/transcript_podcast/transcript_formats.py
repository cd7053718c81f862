"""Pure writers from an episode's segments to transcript formats (no Pelican here)."""

from dataclasses import dataclass
from html import escape

from .seed_format import format_stamp


@dataclass(frozen=True)
class TranscriptFormat:
    """A transcript file written next to each episode page as ``transcript.<extension>``."""

    extension: str
    mime_type: str
    label: str
    timed: bool

    @property
    def filename(self):
        return f"transcript.{self.extension}"


FORMATS = (
    TranscriptFormat("vtt", "text/vtt", "WebVTT", timed=True),
    TranscriptFormat("srt", "application/x-subrip", "SRT", timed=True),
    TranscriptFormat("json", "application/json", "Podcast Index JSON", timed=True),
    TranscriptFormat("html", "text/html", "HTML", timed=False),
    TranscriptFormat("txt", "text/plain", "Plain text", timed=False),
)


def anchor_id(start):
    """The element id that makes ``#t=HH:MM:SS`` jump to a segment without JavaScript."""
    return f"t={format_stamp(start)}"


def html_fragment(segments):
    """The transcript as HTML: one paragraph per spoken segment, each with its timestamp link.

    Only the first segment of each second carries the anchor id (ids must be unique);
    segments without words are not shown.
    """
    parts, anchored = ['<div class="transcript">'], set()
    for segment in segments:
        if not segment.text:
            continue
        stamp = format_stamp(segment.start)
        id_attr = ""
        if segment.start not in anchored:
            anchored.add(segment.start)
            id_attr = f' id="{anchor_id(segment.start)}"'
        parts.append(
            f'<p class="segment"{id_attr} data-start="{segment.start}">'
            f'<a class="timestamp" href="#{anchor_id(segment.start)}">{stamp}</a> '
            f"{escape(segment.text)}</p>"
        )
    parts.append("</div>")
    return "\n".join(parts)
