"""feedgen extension for the Podcast Index namespace (``podcast:`` tags).

feedgen's built-in iTunes extension is already named ``podcast``, so this one is registered
as ``podcastindex`` while its XML prefix is still ``podcast``.  Every setter checks its value
and raises ``ValueError``, like feedgen's own extensions.
"""

import uuid
from dataclasses import dataclass

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.util import xml_elem

from ..locations import is_http_url
from ..standards import KNOWN_LICENSES, LONG_TEXT, PODCAST_NS, SHORT_TEXT, is_rrule

EXTENSION_NAME = "podcastindex"
MEDIUMS = (
    "podcast", "music", "video", "film", "audiobook", "newsletter", "blog",
    "publisher", "course",
)  # fmt: skip


@dataclass(frozen=True)
class Funding:
    """Where listeners can support the show, and the words an app shows with the link."""

    url: str
    text: str


@dataclass(frozen=True)
class License:
    """The license of the show's audio: a known identifier, or any name with its text's URL."""

    identifier: str
    url: str | None = None


@dataclass(frozen=True)
class Txt:
    """Free text for a third party, e.g. Apple's ownership check (``applepodcastsverify``)."""

    text: str
    purpose: str | None = None


@dataclass(frozen=True)
class RemoteFeed:
    """A recommended show of the podroll: its ``podcast:guid``, and hints for apps."""

    feed_guid: str
    feed_url: str | None = None
    title: str | None = None
    medium: str | None = None


@dataclass(frozen=True)
class UpdateFrequency:
    """The release schedule: words for listeners and an RFC 5545 rule for apps."""

    text: str
    rrule: str | None = None
    dtstart: str | None = None  # ISO 8601, where the rule starts
    complete: bool = False


@dataclass(frozen=True)
class Image:
    """A ``podcast:image``: the artwork's URL and what apps need to choose and describe it."""

    href: str
    alt: str | None = None
    mime_type: str | None = None
    aspect_ratio: str = "1/1"
    purpose: str = "artwork"
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class Trailer:
    """A trailer of the show (or of one season): an enclosure with a title and a date."""

    title: str
    url: str
    pubdate: str  # RFC 2822
    length: int
    mime_type: str
    season: int | None = None


def short_text(value, what, limit=SHORT_TEXT):
    """``value`` when it is text apps show whole, else ``ValueError`` naming ``what``."""
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise ValueError(f"{what} is a non-empty text of at most {limit} characters")
    return value


def image_element(parent, image):
    element = xml_elem(f"{{{PODCAST_NS}}}image", parent)
    element.attrib["href"] = image.href
    if image.alt:
        element.attrib["alt"] = image.alt
    element.attrib["aspect-ratio"] = image.aspect_ratio
    if image.width:
        element.attrib["width"] = str(image.width)
    if image.height:
        element.attrib["height"] = str(image.height)
    if image.mime_type:
        element.attrib["type"] = image.mime_type
    element.attrib["purpose"] = image.purpose
    return element


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
    """Channel tags: podcast:guid, locked, medium, person, image, funding, license, txt,
    podroll, updateFrequency and trailer."""

    def __init__(self):
        self._guid = None
        self._locked = None
        self._medium = None
        self._persons = []
        self._images = []
        self._funding = []
        self._license = None
        self._txt = []
        self._podroll = []
        self._update_frequency = None
        self._trailers = []

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
        for image in self._images:
            image_element(channel, image)
        for funding in self._funding:
            xml_elem(f"{{{PODCAST_NS}}}funding", channel, url=funding.url).text = funding.text
        if self._license:
            element = xml_elem(f"{{{PODCAST_NS}}}license", channel)
            element.text = self._license.identifier
            if self._license.url:
                element.attrib["url"] = self._license.url
        for txt in self._txt:
            element = xml_elem(f"{{{PODCAST_NS}}}txt", channel)
            element.text = txt.text
            if txt.purpose:
                element.attrib["purpose"] = txt.purpose
        if self._podroll:
            podroll = xml_elem(f"{{{PODCAST_NS}}}podroll", channel)
            for feed in self._podroll:
                remote = xml_elem(f"{{{PODCAST_NS}}}remoteItem", podroll, feedGuid=feed.feed_guid)
                for name, value in (
                    ("feedUrl", feed.feed_url), ("title", feed.title), ("medium", feed.medium)
                ):  # fmt: skip
                    if value:
                        remote.attrib[name] = value
        if self._update_frequency:
            self.add_update_frequency(channel)
        for trailer in self._trailers:
            element = xml_elem(f"{{{PODCAST_NS}}}trailer", channel)
            element.text = trailer.title
            element.attrib.update(
                {
                    "url": trailer.url,
                    "pubdate": trailer.pubdate,
                    "length": str(trailer.length),
                    "type": trailer.mime_type,
                }
            )
            if trailer.season is not None:
                element.attrib["season"] = str(trailer.season)
        return rss_feed

    def add_update_frequency(self, channel):
        frequency = self._update_frequency
        element = xml_elem(f"{{{PODCAST_NS}}}updateFrequency", channel)
        element.text = frequency.text
        if frequency.complete:
            element.attrib["complete"] = "true"
        if frequency.dtstart:
            element.attrib["dtstart"] = frequency.dtstart
        if frequency.rrule:
            element.attrib["rrule"] = frequency.rrule

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

    def podcast_image(self, image=None):
        """Add an :class:`Image` (the namespace's current tag; ``podcast:images`` is gone)."""
        if image is not None:
            self._images.append(checked_image(image))
        return self._images

    def podcast_funding(self, funding=None):
        """Add a :class:`Funding` link."""
        if funding is not None:
            self._funding.append(checked_funding(funding))
        return self._funding

    def podcast_license(self, license=None):
        """The show's :class:`License`."""
        if license is not None:
            self._license = checked_license(license)
        return self._license

    def podcast_txt(self, txt=None):
        """Add a :class:`Txt`."""
        if txt is not None:
            self._txt.append(checked_txt(txt))
        return self._txt

    def podcast_podroll(self, feeds=None):
        """Add :class:`RemoteFeed` recommendations (one ``podcast:podroll`` holds them all)."""
        if feeds is not None:
            self._podroll.extend(checked_remote_feed(feed) for feed in feeds)
        return self._podroll

    def podcast_update_frequency(self, frequency=None):
        """The :class:`UpdateFrequency`."""
        if frequency is not None:
            self._update_frequency = checked_update_frequency(frequency)
        return self._update_frequency

    def podcast_trailer(self, trailer=None):
        """Add a :class:`Trailer`."""
        if trailer is not None:
            self._trailers.append(checked_trailer(trailer))
        return self._trailers


def checked_image(image):
    if not is_http_url(image.href):
        raise ValueError(f"podcast:image needs an http(s) href, not {image.href!r}")
    if image.alt is not None:
        short_text(image.alt, "podcast:image's alt", LONG_TEXT)
    return image


def checked_funding(funding):
    if not is_http_url(funding.url):
        raise ValueError(f"podcast:funding needs an http(s) URL, not {funding.url!r}")
    short_text(funding.text, "podcast:funding's text")
    return funding


def checked_license(license):
    """A license apps do not know by its identifier needs the URL of its text."""
    short_text(license.identifier, "podcast:license")
    if license.url is None and license.identifier not in KNOWN_LICENSES:
        raise ValueError(
            f"podcast:license {license.identifier!r} is not one apps know "
            f"({', '.join(KNOWN_LICENSES)}): give the URL of its text"
        )
    if license.url is not None and not is_http_url(license.url):
        raise ValueError(f"podcast:license url must be http(s), not {license.url!r}")
    return license


def checked_txt(txt):
    short_text(txt.text, "podcast:txt", LONG_TEXT)
    if txt.purpose is not None:
        short_text(txt.purpose, "podcast:txt's purpose")
    return txt


def checked_remote_feed(feed):
    """The feed with its GUID in the namespace's lower-case form."""
    try:
        guid = str(uuid.UUID(feed.feed_guid))
    except (TypeError, ValueError, AttributeError):
        raise ValueError(f"podcast:remoteItem feedGuid {feed.feed_guid!r} is not a UUID") from None
    if feed.feed_url is not None and not is_http_url(feed.feed_url):
        raise ValueError(f"podcast:remoteItem feedUrl must be http(s), not {feed.feed_url!r}")
    if feed.title is not None:
        short_text(feed.title, "podcast:remoteItem's title")
    if feed.medium is not None and feed.medium not in MEDIUMS:
        raise ValueError(f"podcast:remoteItem medium must be one of {', '.join(MEDIUMS)}")
    return RemoteFeed(guid, feed.feed_url, feed.title, feed.medium)


def checked_update_frequency(frequency):
    """Its rule must be one RFC 5545 can expand."""
    short_text(frequency.text, "podcast:updateFrequency's text")
    if frequency.rrule is not None and not is_rrule(frequency.rrule):
        raise ValueError(f"{frequency.rrule!r} is not an RFC 5545 recurrence rule")
    return frequency


def checked_trailer(trailer):
    short_text(trailer.title, "podcast:trailer's title")
    if not is_http_url(trailer.url):
        raise ValueError(f"podcast:trailer needs an http(s) URL, not {trailer.url!r}")
    if not isinstance(trailer.length, int) or trailer.length < 0:
        raise ValueError("podcast:trailer's length is a number of bytes")
    if trailer.season is not None and not (isinstance(trailer.season, int) and trailer.season > 0):
        raise ValueError("podcast:trailer's season is a positive integer")
    return trailer


class PodcastIndexEntryExtension(BaseEntryExtension):
    """Item tags: podcast:season, podcast:episode, podcast:transcript (repeatable),
    podcast:chapters, podcast:person and podcast:image."""

    def __init__(self):
        self._image = None
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
        if self._image:
            image_element(entry, self._image)
        return entry

    def podcast_image(self, image=None):
        """The episode's own artwork as an :class:`Image`."""
        if image is not None:
            self._image = checked_image(image)
        return self._image

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
