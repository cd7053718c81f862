"""The Pelican side of the podcast feed: each episode's enclosure, its audio and artwork
copied next to its page, and the feed file.  The feed itself is built by the pure
:mod:`..core.feed`.
"""

import logging
import os
import shutil
from pathlib import Path

from ..core.artwork import apple_cover_problem, image_size
from ..core.errors import TranscriptError
from ..core.feed.enclosures import enclosure, local_audio_file
from ..core.feed.rss import Channel, FeedItem, absolute_url, build_feed
from ..core.incremental.render_record import fingerprint
from ..core.model import Person
from ..core.people import person_from
from ..core.seeds.referenced import artwork_file
from ..core.settings import (
    SettingsError,
    funding_links,
    podroll,
    show_license,
    stated_schedule,
    txt_records,
)
from .articles import episode_articles
from .content_links import outside
from .stop import stop
from .writer import ChangedOnlyWriter

logger = logging.getLogger(__name__)


def site_url(settings):
    """``SITEURL``, or the development fallback when it is empty: feed URLs must be absolute."""
    return settings["SITEURL"] or settings["PODCAST_LOCAL_SITEURL"]


def check_feed_settings(pelican):
    """Settings that only make sense together, checked before anything is read."""
    settings = pelican.settings
    if settings["PODCAST_LOCKED"] and not settings["PODCAST_OWNER_EMAIL"]:
        stop(str(SettingsError("PODCAST_LOCKED needs PODCAST_OWNER_EMAIL (the owner's email)")))


def host(value):
    """A ``PODCAST_HOSTS`` entry (checked at start-up) as the person it credits."""
    return Person(name=value) if isinstance(value, str) else person_from(value)


def cover_art_size(generator):
    """Pixel size of the cover art when it is one of the site's static files inside the
    project (read from its source: static files are copied after the feed is written), else
    None.  A cover Apple would refuse is named in a warning; ``python -m transcript_podcast
    check`` refuses it."""
    cover = generator.settings["PODCAST_IMAGE"]
    source = next(
        (
            static.source_path
            for static in generator.context.get("static_content", {}).values()
            if static.save_as == cover and not outside(static, generator.settings["PATH"])
        ),
        None,
    )
    if source is None:
        return None
    with open(source, "rb") as file:
        size = image_size(file.read(1 << 16))
    problem = size and apple_cover_problem(size)
    if problem:
        where = os.path.relpath(source, generator.settings["PATH"])
        logger.warning("Cover art %s %s", where, problem)
    return size


def channel_from_settings(settings, cover_size=None):
    site = site_url(settings)
    author = settings["PODCAST_AUTHOR"] or settings.get("AUTHOR") or settings["SITENAME"]
    return Channel(
        title=settings["SITENAME"],
        link=f"{site.rstrip('/')}/",
        feed_url=absolute_url(site, settings["PODCAST_FEED_PATH"]),
        description=(
            settings["PODCAST_DESCRIPTION"] or settings.get("SITESUBTITLE") or settings["SITENAME"]
        ),
        language=settings["PODCAST_LANGUAGE"] or settings["DEFAULT_LANG"],
        image_url=absolute_url(site, settings["PODCAST_IMAGE"]),
        author=author,
        category=settings["PODCAST_CATEGORY"],
        explicit=settings["PODCAST_EXPLICIT"],
        show_type=settings["PODCAST_TYPE"],
        owner_name=settings["PODCAST_OWNER_NAME"],
        owner_email=settings["PODCAST_OWNER_EMAIL"],
        guid=settings["PODCAST_GUID"],
        locked=settings["PODCAST_LOCKED"],
        medium=settings["PODCAST_MEDIUM"],
        hosts=tuple(host(value) for value in settings["PODCAST_HOSTS"]),
        max_items=settings["PODCAST_MAX_ITEMS"],
        hubs=tuple(settings["PODCAST_WEBSUB_HUBS"]),
        image_alt=settings["PODCAST_IMAGE_ALT"],
        image_size=cover_size,
        funding=funding_links(settings["PODCAST_FUNDING"]),
        license=show_license(settings["PODCAST_LICENSE"]),
        txt=txt_records(settings["PODCAST_TXT"]),
        podroll=podroll(settings["PODCAST_PODROLL"]),
        update_frequency=stated_schedule(settings["PODCAST_UPDATE_FREQUENCY"]),
        derive_schedule=settings["PODCAST_UPDATE_FREQUENCY"] is None,
        complete=settings["PODCAST_COMPLETE"],
    )


def attach_enclosures(generator):
    """Fill every episode's ``enclosure`` (None when it has no audio).

    Runs after narration, which may have given the record's episode its audio.  Episodes
    without audio stay published; the build names them once, or stops when
    ``PODCAST_REQUIRE_AUDIO`` is on.
    """
    settings = generator.settings
    broken, silent = [], []
    for article in episode_articles(generator):
        record = article.episode_build
        try:
            record.enclosure = enclosure(record.episode, settings["PATH"], record.url)
        except TranscriptError as error:
            logger.error("%s", error)
            broken.append(error.path)
            record.enclosure = None
        if record.enclosure is None:
            silent.append(record.episode.source_path)
    if broken and settings["PODCAST_STRICT"]:
        stop(f"{len(broken)} episode(s) with unusable audio: {', '.join(sorted(broken))}")
    if not silent:
        return
    names = ", ".join(sorted(silent))
    if settings["PODCAST_REQUIRE_AUDIO"]:
        stop(f"{len(silent)} episode(s) without audio (PODCAST_REQUIRE_AUDIO): {names}")
    logger.warning(
        "%d episode(s) without audio, published with an estimated duration; "
        "podcast apps skip feed items without audio: %s",
        len(silent),
        names,
    )


def copy_local_file(source, url, output, record=None):
    """Publish the project file ``source`` at the site-relative ``url``.

    With the Writer's render record, a copy of the same source file (by path, size and
    time stamp) still on disk as copied is left alone.
    """
    stat = os.stat(source)
    inputs = fingerprint(str(source), stat.st_size, stat.st_mtime_ns)
    if record is not None and record.unchanged([url], inputs):
        return
    destination = Path(output, url)
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, destination)
    if record is not None:
        record.made(url, inputs, destination.read_bytes())


def copy_episode_files(episode_build, root, output, record=None):
    """Publish the episode's own audio and artwork files beside its page."""
    episode = episode_build.episode
    enclosure = episode_build.enclosure
    if enclosure is not None and "://" not in enclosure.url:
        copy_local_file(local_audio_file(episode, root), enclosure.url, output, record)
    if episode.image is not None and episode.image.path is not None:
        source = artwork_file(episode.image, root)[0]
        copy_local_file(source, episode_build.artwork, output, record)


def write_feed(generator, writer):
    """Copy local audio into the output and write the podcast feed."""
    settings = generator.settings
    records = [article.episode_build for article in episode_articles(generator)]
    render_record = writer.record if isinstance(writer, ChangedOnlyWriter) else None
    for record in records:
        copy_episode_files(record, settings["PATH"], generator.output_path, render_record)
    items = [
        FeedItem(
            episode=record.episode,
            page_url=record.url,
            enclosure=record.enclosure,
            transcripts=record.transcripts,
            audio_note=record.narration.note if record.narration else None,
            chapters=record.chapters,
            image_url=record.artwork,
        )
        for record in records
    ]
    path = Path(generator.output_path, settings["PODCAST_FEED_PATH"])
    path.parent.mkdir(parents=True, exist_ok=True)
    channel = channel_from_settings(settings, cover_art_size(generator))
    path.write_bytes(build_feed(channel, items))
    logger.info("Wrote the podcast feed %s with %d episode(s)", path, len(items))
