"""Pure writers from an episode's segments to transcript formats (no Pelican here)."""

from html import escape

from .seed_format import format_stamp


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
