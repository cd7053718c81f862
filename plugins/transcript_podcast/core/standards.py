"""What the specifications fix, stated once for the writers and the independent checker.

The feed's XML namespaces, the MIME types of enclosures, transcript and chapter files, and the
podcast namespace's ``podcast:guid`` derivation.  Tests pin these to the specifications' own
examples.
"""

import re
import uuid

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

# The namespace's UUIDv5 namespace for podcast:guid (tags/guid.md).
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def podcast_guid(feed_url):
    """The podcast:guid of a feed at ``feed_url``: UUIDv5 of the URL, scheme and trailing
    slashes off."""
    bare = URL_SCHEME.sub("", feed_url).rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))
