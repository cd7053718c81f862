"""Episodes and channel settings → the podcast RSS feed as bytes (no Pelican here).

Built with feedgen plus :mod:`.itunes` and :mod:`.podcastindex`.  Nothing comes from the
clock: ``lastBuildDate`` is the newest episode's date, so two builds are byte-identical.
"""

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time
from html import escape
from math import gcd

from feedgen.feed import FeedGenerator
from feedgen.util import formatRFC2822

from ..chapters.formats import JSON_FILE
from ..model import Chapters, Enclosure, Episode, Person, TranscriptLink
from ..safe_text import clean_text
from ..standards import SHORT_TEXT, podcast_guid
from ..timing import estimated_duration
from . import itunes, podcastindex, psc, websub
from .itunes import category_pair
from .podcastindex import Funding, Image, License, RemoteFeed, Trailer, Txt, UpdateFrequency
from .rhythm import release_rhythm

# Episodes air on a date, not at a time.  Noon UTC keeps that date, and its weekday, the same
# for listeners from UTC-11 to UTC+11.
AIR_TIME = time(12, 0, tzinfo=UTC)
DESCRIPTION_BYTES = 4000  # Apple's limit for <description>
FEED_TYPE = "application/rss+xml"
# podcast:transcript tags are written in this order, by MIME type.  feedparser (and apps built
# on it) keeps only the *last* repeated tag, so the last is the richest format apps use: WebVTT,
# timed with speakers (<v>), the format Apple Podcasts recommends and most players read.  Apps
# that read every tag (AntennaPod, Pocket Casts, partytime) pick by type, not by position.
TRANSCRIPT_FEED_ORDER = (
    "text/plain",
    "text/html",
    "application/json",
    "application/x-subrip",
    "text/vtt",
)


@dataclass(frozen=True)
class Channel:
    """The show as the feed describes it; URLs absolute."""

    title: str
    link: str
    feed_url: str
    description: str
    language: str
    image_url: str
    author: str
    category: str | tuple[str, str]
    explicit: bool = False
    show_type: str = "episodic"
    owner_name: str | None = None
    owner_email: str | None = None
    guid: str | None = None
    locked: bool = False
    medium: str = "podcast"
    hosts: tuple[Person, ...] = ()
    max_items: int | None = None
    hubs: tuple[str, ...] = ()  # WebSub hubs, written as <atom:link rel="hub">
    image_alt: str | None = None
    image_size: tuple[int, int] | None = None  # the cover's pixels, when the build can read it
    funding: tuple[Funding, ...] = ()
    license: License | None = None
    txt: tuple[Txt, ...] = ()
    podroll: tuple[RemoteFeed, ...] = ()
    # The stated schedule; None derives it from the air dates unless ``derive_schedule`` is off.
    update_frequency: UpdateFrequency | None = None
    derive_schedule: bool = True
    complete: bool = False  # no more episodes: itunes:complete and a complete schedule


@dataclass(frozen=True)
class FeedItem:
    """One episode with its published locations (site-relative or absolute URLs).

    ``audio_note`` is a sentence listeners must read about the audio (that it is synthesized
    narration, not a recording); it ends the description and the show notes.
    """

    episode: Episode
    page_url: str
    enclosure: Enclosure | None
    transcripts: tuple[TranscriptLink, ...] = field(default_factory=tuple)
    audio_note: str | None = None
    chapters: Chapters | None = None  # published as <page_url>chapters.json and psc:chapters
    image_url: str | None = None  # the episode's own artwork, where it is published


def xml_text(text):
    """``text`` with what XML refuses shown replaced, as on the pages; lines kept."""
    return "\n".join(clean_text(line) for line in text.splitlines())


def absolute_url(site_url, url):
    """``url`` as is when it has a scheme, else joined to the site's absolute URL."""
    if "://" in url:
        return url
    return f"{site_url.rstrip('/')}/{url.lstrip('/')}"


def air_datetime(item):
    return datetime.combine(item.episode.air_date, AIR_TIME)


def newest_first(items):
    """Podcast apps expect the newest item first; equal dates keep a stable, named order."""
    return sorted(
        items,
        key=lambda i: (i.episode.air_date, i.episode.number or 0, i.episode.stem),
        reverse=True,
    )


def shorten(text, limit):
    """``text`` cut at a word boundary to at most ``limit`` UTF-8 bytes (with an ellipsis)."""
    if len(text.encode("utf-8")) <= limit:
        return text
    cut = text.encode("utf-8")[: limit - len("…".encode())].decode("utf-8", "ignore")
    return cut.rsplit(" ", 1)[0].rstrip() + "…"


def text(plain):
    """``plain`` as HTML text: ``&``, ``<`` and ``>`` escaped, quotes left as they are."""
    return escape(plain, quote=False)


def description(notes, audio_note):
    """Show notes within Apple's limit, the audio note kept whole after them.

    Podcast apps read ``<description>`` as HTML, so the plain text is HTML-escaped: markup in
    show notes is shown as text, never followed as a link or run as script.  Quotes stay
    characters (``text``): gPodder deletes ``&#x27;``, other apps show it literally.
    """
    note = f"\n\n{text(audio_note)}" if audio_note else ""
    room = DESCRIPTION_BYTES - len(note.encode())
    fitted = text(notes)
    while len(fitted.encode()) > room:
        excess = len(fitted.encode()) - room
        notes = shorten(notes, len(notes.encode()) - excess)
        fitted = text(notes)
    return (fitted + note).strip()


def notes_html(notes, page_url, audio_note=None):
    """Show notes as paragraphs, the audio note, then a link to the transcript.

    Only tags Apple allows.
    """
    lines = [*notes.splitlines(), audio_note or ""]
    paragraphs = [f"<p>{text(line)}</p>" for line in lines if line.strip()]
    paragraphs.append(f'<p><a href="{escape(page_url)}">Read the full transcript</a></p>')
    return "\n".join(paragraphs)


def duration_seconds(item):
    if item.enclosure is not None:
        return round(item.enclosure.duration)
    return round(estimated_duration(item.episode.spoken_segments))


def build_feed(channel, items):
    """The RSS feed for ``items`` (in any order) as UTF-8 bytes."""
    items = newest_first(items)
    generator = feed_generator(channel)
    schedule = update_frequency(channel, items)
    if schedule is not None:
        generator.podcastindex.podcast_update_frequency(schedule)
    for trailer in trailers(channel, items):
        generator.podcastindex.podcast_trailer(trailer)
    if channel.max_items is not None:
        items = items[: channel.max_items]
    if items:
        generator.lastBuildDate(air_datetime(items[0]))
        generator.pubDate(air_datetime(items[0]))
    for item in items:
        add_item(generator, channel, item)
    return generator.rss_str(pretty=True)


def update_frequency(channel, items):
    """The schedule the feed states: the setting's, else the rhythm of every air date (a
    cap on the feed's items does not change the show's rhythm)."""
    if channel.complete:
        text = channel.update_frequency.text if channel.update_frequency else "Complete"
        return UpdateFrequency(text, complete=True)
    if channel.update_frequency is not None or not channel.derive_schedule:
        return channel.update_frequency
    rhythm = release_rhythm(item.episode.air_date for item in items)
    if rhythm is None:
        return None
    start = datetime.combine(rhythm.start, AIR_TIME)
    return UpdateFrequency(rhythm.text, rhythm.rrule, start.strftime("%Y-%m-%dT%H:%M:%S.000Z"))


def trailers(channel, items):
    """A ``podcast:trailer`` for every trailer episode with audio, newest first."""
    for item in items:
        if item.episode.episode_type != "trailer" or item.enclosure is None:
            continue
        yield Trailer(
            title=shorten(xml_text(item.episode.title), SHORT_TEXT),
            url=absolute_url(channel.link, item.enclosure.url),
            pubdate=formatRFC2822(air_datetime(item)),
            length=item.enclosure.length,
            mime_type=item.enclosure.mime_type,
            season=item.episode.season,
        )


def cover_image(channel):
    """The cover as ``podcast:image``: its alt text, and its size when the build read it."""
    alt = channel.image_alt or f"{channel.title} cover art"
    if channel.image_size is None:
        return Image(channel.image_url, alt)
    width, height = channel.image_size
    divisor = gcd(width, height) or 1
    return Image(
        channel.image_url,
        alt,
        aspect_ratio=f"{width // divisor}/{height // divisor}",
        width=width,
        height=height,
    )


def feed_generator(channel):
    generator = FeedGenerator()
    generator.register_extension(
        itunes.EXTENSION_NAME, itunes.ItunesExtension, itunes.ItunesEntryExtension
    )
    generator.register_extension(
        podcastindex.EXTENSION_NAME,
        podcastindex.PodcastIndexExtension,
        podcastindex.PodcastIndexEntryExtension,
    )
    generator.register_extension(psc.EXTENSION_NAME, psc.PscExtension, psc.PscEntryExtension)
    generator.register_extension(websub.EXTENSION_NAME, websub.WebSubExtension)
    generator.title(channel.title)
    # feedgen's RSS <link> is the last link given, so the site comes after the self link.
    generator.link(href=channel.feed_url, rel="self", type=FEED_TYPE)
    generator.link(href=channel.link, rel="alternate")
    generator.description(channel.description)
    generator.language(channel.language)
    generator.image(url=channel.image_url, title=channel.title, link=channel.link)
    generator.generator("transcript-podcast (python-feedgen)")

    apple = generator.itunes
    apple.itunes_author(channel.author)
    apple.itunes_summary(channel.description)
    apple.itunes_image(channel.image_url)
    category, subcategory = category_pair(channel.category)
    apple.itunes_category(
        {"cat": category, "sub": subcategory} if subcategory else {"cat": category}
    )
    apple.itunes_explicit(channel.explicit)
    apple.itunes_type(channel.show_type)
    if channel.owner_email:
        apple.itunes_owner(name=channel.owner_name or channel.author, email=channel.owner_email)

    index = generator.podcastindex
    index.podcast_guid(channel.guid or podcast_guid(channel.feed_url))
    index.podcast_locked(channel.locked, channel.owner_email)
    index.podcast_medium(channel.medium)
    index.podcast_person(list(channel.hosts))
    index.podcast_image(cover_image(channel))
    for funding in channel.funding:
        index.podcast_funding(funding)
    if channel.license is not None:
        index.podcast_license(channel.license)
    for txt in channel.txt:
        index.podcast_txt(txt)
    index.podcast_podroll(list(channel.podroll))
    if channel.complete:
        apple.itunes_complete(True)
    generator.websub.websub_hubs(channel.hubs)
    return generator


def add_item(generator, channel, item):
    episode = item.episode
    site_url = channel.link
    page_url = absolute_url(site_url, item.page_url)
    entry = generator.add_entry(order="append")
    entry.title(xml_text(episode.title))
    entry.link(href=page_url)
    entry.guid(episode.guid, permalink=False)
    entry.pubDate(air_datetime(item))
    notes = xml_text(episode.notes)
    audio_note = item.audio_note if item.enclosure is not None else None
    entry.description(description(notes, audio_note))
    entry.content(notes_html(notes, page_url, audio_note), type="CDATA")
    if item.enclosure is not None:
        entry.enclosure(
            absolute_url(site_url, item.enclosure.url),
            str(item.enclosure.length),
            item.enclosure.mime_type,
        )

    apple = entry.itunes
    apple.itunes_duration(duration_seconds(item))
    apple.itunes_title(xml_text(episode.title))
    apple.itunes_episode_type(episode.episode_type)
    if episode.explicit is not None:
        apple.itunes_explicit(episode.explicit)
    if episode.number is not None:
        apple.itunes_episode(episode.number)
    if episode.season is not None:
        apple.itunes_season(episode.season)
    if item.image_url:
        apple.itunes_image(absolute_url(site_url, item.image_url))
        entry.podcastindex.podcast_image(Image(absolute_url(site_url, item.image_url)))

    index = entry.podcastindex
    index.podcast_season(episode.season)
    index.podcast_episode(episode.number)
    for link in sorted(item.transcripts, key=transcript_feed_rank):
        index.podcast_transcript(
            absolute_url(site_url, link.url), link.mime_type, channel.language, link.timed
        )
    if item.chapters is not None:
        index.podcast_chapters(
            absolute_url(site_url, f"{item.page_url}{JSON_FILE.filename}"), JSON_FILE.mime_type
        )
        entry.psc.psc_chapters(item.chapters.chapters)
    index.podcast_person([replace(p, name=xml_text(p.name)) for p in episode.people])


def transcript_feed_rank(link):
    """Where a transcript link goes among its item's tags (see ``TRANSCRIPT_FEED_ORDER``)."""
    return TRANSCRIPT_FEED_ORDER.index(link.mime_type)
