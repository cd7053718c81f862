"""feedgen extension for the Podcast Index namespace (``podcast:`` tags).

feedgen's built-in iTunes extension is already named ``podcast``, so this one is registered
as ``podcastindex`` while its XML prefix is still ``podcast``.  Every setter checks its value
and raises ``ValueError``, like feedgen's own extensions.
"""

import uuid

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.util import xml_elem

from ..standards import PODCAST_NS

EXTENSION_NAME = "podcastindex"
MEDIUMS = (
    "podcast", "music", "video", "film", "audiobook", "newsletter", "blog",
    "publisher", "course",
)  # fmt: skip


def person_element(parent, person):
    element = xml_elem(f"{{{PODCAST_NS}}}person", parent)
    element.text = person.name
    element.attrib["role"] = person.role
    element.attrib["group"] = person.group
    if person.img:
        element.attrib["img"] = person.img
    if person.href:
        element.attrib["href"] = person.href
    return element


class PodcastIndexExtension(BaseExtension):
    """Channel tags: podcast:guid, podcast:locked, podcast:medium, podcast:person."""

    def __init__(self):
        self._guid = None
        self._locked = None
        self._medium = None
        self._persons = []

    def extend_ns(self):
        return {"podcast": PODCAST_NS}

    def extend_rss(self, rss_feed):
        channel = rss_feed[0]
        if self._guid:
            xml_elem(f"{{{PODCAST_NS}}}guid", channel).text = self._guid
        if self._locked:
            locked, owner = self._locked
            element = xml_elem(f"{{{PODCAST_NS}}}locked", channel)
            element.text = "yes" if locked else "no"
            if owner:
                element.attrib["owner"] = owner
        if self._medium:
            xml_elem(f"{{{PODCAST_NS}}}medium", channel).text = self._medium
        for person in self._persons:
            person_element(channel, person)
        return rss_feed

    def podcast_guid(self, guid=None):
        if guid is not None:
            self._guid = str(uuid.UUID(guid))
        return self._guid

    def podcast_locked(self, locked=None, owner=None):
        if locked is not None:
            if not isinstance(locked, bool):
                raise ValueError("podcast:locked is True or False")
            self._locked = (locked, owner)
        return self._locked

    def podcast_medium(self, medium=None):
        if medium is not None:
            if medium not in MEDIUMS:
                raise ValueError(f"podcast:medium must be one of {', '.join(MEDIUMS)}")
            self._medium = medium
        return self._medium

    def podcast_person(self, persons=None):
        """Add one :class:`Person` or a list of them."""
        if persons is not None:
            self._persons.extend(persons if isinstance(persons, list | tuple) else [persons])
        return self._persons


class PodcastIndexEntryExtension(BaseEntryExtension):
    """Item tags: podcast:season, podcast:episode, podcast:transcript (repeatable),
    podcast:chapters and podcast:person."""

    def __init__(self):
        self._season = None
        self._episode = None
        self._transcripts = []
        self._chapters = None
        self._persons = []

    def extend_ns(self):
        return {"podcast": PODCAST_NS}

    def extend_rss(self, entry):
        if self._season is not None:
            xml_elem(f"{{{PODCAST_NS}}}season", entry).text = str(self._season)
        if self._episode is not None:
            xml_elem(f"{{{PODCAST_NS}}}episode", entry).text = str(self._episode)
        for transcript in self._transcripts:
            xml_elem(f"{{{PODCAST_NS}}}transcript", entry, **transcript)
        if self._chapters:
            xml_elem(f"{{{PODCAST_NS}}}chapters", entry, **self._chapters)
        for person in self._persons:
            person_element(entry, person)
        return entry

    def podcast_season(self, season=None):
        """The item's season number (a positive integer), as ``itunes:season`` has it."""
        if season is not None:
            if isinstance(season, bool) or not isinstance(season, int) or season < 1:
                raise ValueError("podcast:season is a positive integer")
            self._season = season
        return self._season

    def podcast_episode(self, episode=None):
        """The item's episode number (a positive integer), as ``itunes:episode`` has it."""
        if episode is not None:
            if isinstance(episode, bool) or not isinstance(episode, int) or episode < 1:
                raise ValueError("podcast:episode is a positive integer")
            self._episode = episode
        return self._episode

    def podcast_transcript(self, url=None, mime_type=None, language=None, captions=False):
        """Add a transcript file; ``captions`` marks a timed format (``rel="captions"``)."""
        if url is not None:
            if not url or not mime_type:
                raise ValueError("podcast:transcript needs a url and a type")
            attributes = {"url": url, "type": mime_type}
            if language:
                attributes["language"] = language
            if captions:
                attributes["rel"] = "captions"
            self._transcripts.append(attributes)
        return self._transcripts

    def podcast_chapters(self, url=None, mime_type=None):
        """The item's chapters file (one per item): its url and type."""
        if url is not None:
            if not url or not mime_type:
                raise ValueError("podcast:chapters needs a url and a type")
            self._chapters = {"url": url, "type": mime_type}
        return self._chapters

    def podcast_person(self, persons=None):
        if persons is not None:
            self._persons.extend(persons if isinstance(persons, list | tuple) else [persons])
        return self._persons
