"""The rules a podcast feed must follow, as podcast apps and directories enforce them: RSS
2.0, Apple's podcast guide and the podcast namespace.

:class:`FeedCheck` makes one pass over a parsed feed and collects every problem as a line
naming the item (``feed.xml: item 3 (guid x): ...``), and the transcript files the feed points
to, for :mod:`.transcript_rules`; chapters with :mod:`.chapters`.
"""

import re
import uuid
from email.utils import parsedate_to_datetime
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from ..core.artwork import apple_cover_problem
from ..core.locations import is_http_url
from ..core.standards import (
    ATOM_NS,
    AUDIO_TYPES,
    CAPTION_TYPES,
    CHAPTERS_TYPE,
    ITUNES_NS,
    PODCAST_NS,
    PSC_NS,
    TRANSCRIPT_TYPES,
    podcast_guid,
)
from .chapters import duration_seconds, json_chapter_problems, psc_problems
from .namespace_tags import channel_problems, file_image_size, image_problems

NS = {"podcast": PODCAST_NS, "itunes": ITUNES_NS, "atom": ATOM_NS, "psc": PSC_NS}
CHANNEL_TAGS = ("title", "link", "description", "language")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
RFC2822 = re.compile(
    r"^(?P<weekday>[A-Z][a-z]{2}), \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(:\d{2})? "
    r"([+-]\d{4}|GMT|UT|[A-Z]{3})$"
)
EPISODE_TYPES = ("full", "trailer", "bonus")
DURATION = re.compile(r"^(\d+|(\d+:)?[0-5]?\d:[0-5]\d)\Z")


class FeedCheck:
    """One pass over one feed, collecting problems instead of stopping at the first."""

    def __init__(self, output, feed_path, root, site_url):
        self.output, self.feed_path, self.root = output, feed_path, root
        self.site_url = site_url
        self.found = []
        self.transcript_files = []  # (output file, MIME type) of each linked transcript

    def problems(self):
        channels = self.root.findall("channel")
        if self.root.tag != "rss" or self.root.get("version") != "2.0":
            self.report("channel", 'the root element must be <rss version="2.0">')
        if len(channels) != 1:
            self.report("channel", f"expected one <channel>, found {len(channels)}")
            return self.found
        channel = channels[0]
        if self.site_url is None:
            self.site_url = text(channel, "link") or ""
        self.check_channel(channel)
        seen = {}
        for number, item in enumerate(channel.findall("item"), start=1):
            self.check_item(number, item, seen)
        return self.found

    def report(self, where, message):
        self.found.append(f"{self.feed_path}: {where}: {message}")

    def check_channel(self, channel):
        for tag in CHANNEL_TAGS:
            if not text(channel, tag):
                self.report("channel", f"missing <{tag}>")
        image = channel.find("itunes:image", NS)
        if image is None:
            self.report("channel", "missing <itunes:image href> with an absolute http(s) URL")
        else:
            self.check_image("channel", image)
        if channel.find("itunes:category", NS) is None:
            self.report("channel", "missing <itunes:category>")
        explicit = text(channel, "itunes:explicit")
        if explicit not in {"true", "false", "yes", "no", "clean"}:
            self.report("channel", f"<itunes:explicit> must be true or false, not {explicit!r}")
        kind = text(channel, "itunes:type")
        if kind is not None and kind not in {"episodic", "serial"}:
            self.report("channel", f"<itunes:type> must be episodic or serial, not {kind!r}")
        self_links = [
            link for link in channel.findall("atom:link", NS) if link.get("rel") == "self"
        ]
        if len(self_links) != 1 or not is_http_url(self_links[0].get("href", "")):
            self.report("channel", 'expected one <atom:link rel="self"> with the feed URL')
            feed_url = None
        else:
            feed_url = self_links[0].get("href")
        self.check_hubs(channel, self_links)
        self.check_podcast_guid(channel, feed_url)
        for problem in channel_problems(channel, self.local_file, date_problem):
            self.report("channel", problem)

    def check_hubs(self, channel, self_links):
        """WebSub hubs: absolute http(s) URLs, and a self link naming the topic they push."""
        hubs = [link for link in channel.findall("atom:link", NS) if link.get("rel") == "hub"]
        for hub in hubs:
            href = hub.get("href", "")
            if not is_http_url(href):
                self.report(
                    "channel", f'<atom:link rel="hub"> {href!r} is not an absolute http(s) URL'
                )
        if hubs and not self_links:
            self.report(
                "channel",
                '<atom:link rel="hub"> needs <atom:link rel="self">: WebSub hubs push the '
                "feed at its self URL (the topic)",
            )

    def check_podcast_guid(self, channel, feed_url):
        value = text(channel, "podcast:guid")
        if value is None:
            self.report("channel", "missing <podcast:guid>")
            return
        try:
            parsed = uuid.UUID(value)
        except ValueError:
            self.report("channel", f"<podcast:guid> {value!r} is not a UUID")
            return
        if parsed.version != 5 or str(parsed) != value:
            self.report("channel", f"<podcast:guid> {value!r} is not a lower-case UUIDv5")
        elif feed_url and value != podcast_guid(feed_url):
            self.report(
                "channel",
                f"<podcast:guid> {value} != {podcast_guid(feed_url)} (UUIDv5 of {feed_url})",
            )

    def check_item(self, number, item, seen):
        guid = item.find("guid")
        guid_text = (guid.text or "").strip() if guid is not None else ""
        where = f"item {number} (guid {guid_text})" if guid_text else f"item {number}"
        if not text(item, "title"):
            self.report(where, "missing <title>")
        if not guid_text:
            self.report(where, "missing <guid>")
        else:
            if guid_text in seen:
                self.report(where, f"guid {guid_text} is also the guid of item {seen[guid_text]}")
            seen.setdefault(guid_text, number)
            if not is_http_url(guid_text) and guid.get("isPermaLink") != "false":
                self.report(where, 'a guid that is not a URL needs isPermaLink="false"')
        self.check_pub_date(where, text(item, "pubDate"))
        description = text(item, "description") or ""
        if len(description.encode()) > 4000:
            self.report(where, f"<description> is {len(description.encode())} bytes (max 4000)")
        duration = text(item, "itunes:duration")
        if duration is not None and not DURATION.match(duration):
            self.report(where, f"<itunes:duration> {duration!r} is not seconds or HH:MM:SS")
        for tag in ("itunes:episode", "itunes:season", "podcast:episode", "podcast:season"):
            value = text(item, tag)
            if value is not None and not (value.isdigit() and int(value) > 0):
                self.report(where, f"<{tag}> {value!r} is not a positive integer")
        episode_type = text(item, "itunes:episodeType")
        if episode_type is not None and episode_type not in EPISODE_TYPES:
            self.report(where, f"<itunes:episodeType> {episode_type!r} is not full/trailer/bonus")
        if item.find("itunes:title", NS) is not None and not text(item, "itunes:title"):
            self.report(where, "empty <itunes:title>")
        image = item.find("itunes:image", NS)
        if image is not None:
            self.check_image(where, image)
        for image in item.findall("podcast:image", NS):
            for problem in image_problems(image, self.local_file):
                self.report(where, problem)
        enclosures = item.findall("enclosure")
        if len(enclosures) > 1:
            self.report(where, f"{len(enclosures)} <enclosure> tags (one at most)")
        for enclosure in enclosures:
            self.check_enclosure(where, enclosure)
        for transcript in item.findall("podcast:transcript", NS):
            self.check_transcript(where, transcript)
        self.check_chapters(where, item, duration_seconds(duration))

    def check_chapters(self, where, item, duration):
        """The item's chapters: one podcast:chapters with its file, and psc:chapters."""
        chapters = item.findall("podcast:chapters", NS)
        if len(chapters) > 1:
            self.report(where, f"{len(chapters)} <podcast:chapters> tags (one at most)")
        for element in chapters:
            url, kind = element.get("url"), element.get("type")
            if not url or kind != CHAPTERS_TYPE:
                self.report(where, f"<podcast:chapters> needs a url and type {CHAPTERS_TYPE}")
                continue
            local = self.local_file(url)
            if local is None:
                continue
            if not local.is_file():
                self.report(where, f"chapters {url} points to no file in the output")
                continue
            name = local.relative_to(self.output).as_posix()
            content = local.read_bytes().decode("utf-8", "replace")
            for message in json_chapter_problems(content, duration):
                self.found.append(f"{name}: {message}")
        for element in item.findall("psc:chapters", NS):
            for message in psc_problems(element, duration):
                self.report(where, message)

    def check_pub_date(self, where, value):
        problem = date_problem(value)
        if problem:
            self.report(where, f"<pubDate> {problem}" if value else "missing <pubDate>")

    def check_enclosure(self, where, enclosure):
        url, length, kind = (enclosure.get(a) for a in ("url", "length", "type"))
        for name, value in (("url", url), ("length", length), ("type", kind)):
            if not value:
                self.report(where, f"enclosure has no {name}")
        if not url:
            return
        suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
        if kind and suffix in AUDIO_TYPES and kind != AUDIO_TYPES[suffix]:
            self.report(where, f"enclosure type {kind} != {AUDIO_TYPES[suffix]} for {suffix}")
        if length and not length.isdigit():
            self.report(where, f"enclosure length {length!r} is not a number of bytes")
            return
        local = self.local_file(url)
        if local is None:
            return
        if not local.is_file():
            self.report(where, f"enclosure {url} is not in the output")
        elif length and int(length) != local.stat().st_size:
            self.report(where, f"enclosure length {length} != file size {local.stat().st_size}")

    def check_image(self, where, image):
        """Artwork: an absolute http(s) URL, and a file in the output when under the site."""
        href = image.get("href", "")
        if not is_http_url(href):
            self.report(where, f"<itunes:image href> {href!r} is not an absolute http(s) URL")
            return
        local = self.local_file(href)
        if local is not None and not local.is_file():
            self.report(where, f"<itunes:image> {href} is not in the output")
        elif local is not None and where == "channel":
            size = file_image_size(local)
            problem = size and apple_cover_problem(size)
            if problem:
                self.report(where, f"cover art {href} {problem}")

    def check_transcript(self, where, transcript):
        url, kind, rel = (transcript.get(a) for a in ("url", "type", "rel"))
        if not url or not kind:
            self.report(where, "<podcast:transcript> needs url and type")
            return
        extension = PurePosixPath(urlsplit(url).path).suffix.lstrip(".").lower()
        expected = TRANSCRIPT_TYPES.get(extension)
        if expected is None:
            self.report(where, f"transcript {url} has an unknown extension")
        elif kind != expected:
            self.report(where, f"transcript {url} has type {kind}, expected {expected}")
        if rel is not None and (rel != "captions" or kind not in CAPTION_TYPES):
            self.report(where, f'transcript {url}: rel="{rel}" is only for timed formats')
        local = self.local_file(url)
        if local is None:
            self.report(where, f"transcript {url} is not under the site URL {self.site_url}")
        elif not local.is_file():
            self.report(where, f"transcript {url} points to no file in the output")
        else:
            self.transcript_files.append((local, expected))

    def local_file(self, url):
        """The output file a URL under the site URL names, or None for other URLs."""
        base = (self.site_url or "").rstrip("/") + "/"
        if base == "/" or not url.startswith(base):
            return None
        relative = PurePosixPath(unquote(urlsplit(url[len(base) :]).path))
        if ".." in relative.parts:
            return None
        return self.output.joinpath(*relative.parts)


def date_problem(value):
    """What is wrong with an RFC 2822 date as podcast apps read it, or None."""
    if value is None:
        return "missing"
    match = RFC2822.match(value)
    try:
        when = parsedate_to_datetime(value) if match else None
    except (TypeError, ValueError):
        when = None
    if when is None:
        return f"{value!r} is not an RFC 2822 date"
    if match["weekday"] != WEEKDAYS[when.weekday()]:
        return f"{value!r} says {match['weekday']}, but that day is a {WEEKDAYS[when.weekday()]}"
    return None


def text(element, path):
    found = element.find(path, NS)
    if found is None or found.text is None:
        return None
    return found.text.strip()
