"""What the specifications fix, stated once for the writers and the independent checker.

The feed's XML namespaces, the MIME types of enclosures, transcript and chapter files (and of
every file the site serves), the podcast namespace's ``podcast:guid`` derivation, text limits
and licenses, and what an RFC 5545 recurrence rule is.  Tests pin these to the
specifications' own examples.
"""

import re
import uuid

from dateutil.rrule import rrulestr

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
ATOM_NS = "http://www.w3.org/2005/Atom"
PSC_NS = "http://podlove.org/simple-chapters"  # Podlove Simple Chapters

# Enclosure types by file suffix, as Apple's podcast guide lists them.
AUDIO_TYPES = {".mp3": "audio/mpeg", ".m4a": "audio/x-m4a"}

# Transcript types by file extension, as the podcast namespace's transcript tag lists them.
TRANSCRIPT_TYPES = {
    "vtt": "text/vtt",
    "srt": "application/x-subrip",
    "json": "application/json",
    "html": "text/html",
    "txt": "text/plain",
}
# The timed ones: cues with start and end times, announced with rel="captions".
CAPTION_TYPES = frozenset({"text/vtt", "application/x-subrip", "application/json"})

# Podcast Index JSON chapters (podcast:chapters type).
CHAPTERS_TYPE = "application/json+chapters"

# What a server sends as Content-Type for each file suffix the built site has: the transcript
# and audio types above, the pages' own types, and Pagefind's binary index files.
SITE_TYPES = {
    **{f".{extension}": mime for extension, mime in TRANSCRIPT_TYPES.items()},
    **AUDIO_TYPES,
    ".xml": "application/xml",
    ".css": "text/css",
    ".js": "text/javascript",
    ".svg": "image/svg+xml",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".ico": "image/vnd.microsoft.icon",
    ".wasm": "application/wasm",
    ".woff2": "font/woff2",
}
# The text types among them, sent with "; charset=utf-8" (the site writes UTF-8 only).
TEXT_TYPES = frozenset(
    mime
    for mime in SITE_TYPES.values()
    if mime.startswith("text/")
    or mime in {"application/json", "application/xml", "application/x-subrip", "image/svg+xml"}
)

# The namespace's UUIDv5 namespace for podcast:guid (tags/guid.md).
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def podcast_guid(feed_url):
    """The podcast:guid of a feed at ``feed_url``: UUIDv5 of the URL, scheme and trailing
    slashes off."""
    bare = URL_SCHEME.sub("", feed_url).rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


# Characters the podcast namespace lets a display string have before apps cut it, and the
# longer limit of podcast:txt (and of an image's alt text).
SHORT_TEXT = 128
LONG_TEXT = 4000
# Licenses apps know by name (the namespace's own list and the Creative Commons family); any
# other license needs the URL of its text (tags/license.md).
KNOWN_LICENSES = (
    "ARR", "CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-ND-4.0", "CC-BY-NC-4.0",
    "CC-BY-NC-SA-4.0", "CC-BY-NC-ND-4.0", "POD-V4V-1.0",
)  # fmt: skip


def is_rrule(value):
    """True for an RFC 5545 recurrence rule (``FREQ`` first, as the RFC writes it) that
    dateutil can expand, as ``podcast:updateFrequency rrule`` needs."""
    if not isinstance(value, str) or not value.startswith("FREQ="):
        return False
    try:
        rrulestr(value)
    except (ValueError, TypeError):
        return False
    return True
