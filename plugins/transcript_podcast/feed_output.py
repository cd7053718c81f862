"""The Pelican side of the podcast feed: enclosures on episode articles, audio copied next to
each episode, and the feed file.  The feed itself is built by the pure :mod:`.feed`.
"""

import logging
import os
import shutil
from pathlib import Path

from .audio import enclosure, local_audio_file
from .episode import Person
from .errors import TranscriptError
from .feed import Channel, FeedItem, absolute_url, build_feed
from .pelican_shell import BuildStopped, episode_articles
from .render_record import fingerprint
from .settings import SettingsError

logger = logging.getLogger(__name__)


def site_url(settings):
    """``SITEURL``, or the development fallback when it is empty: feed URLs must be absolute."""
    return settings["SITEURL"] or settings["PODCAST_LOCAL_SITEURL"]


def check_feed_settings(pelican):
    """Settings that only make sense together, checked before anything is read."""
    settings = pelican.settings
    if settings["PODCAST_LOCKED"] and not settings["PODCAST_OWNER_EMAIL"]:
        reason = str(SettingsError("PODCAST_LOCKED needs PODCAST_OWNER_EMAIL (the owner's email)"))
        logger.critical("%s", reason)
        raise BuildStopped(reason)


def host(value):
    return Person(name=value) if isinstance(value, str) else Person(**value)


def channel_from_settings(settings):
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
    )


def attach_enclosures(generator):
    """Set ``article.enclosure`` on every episode article (None when it has no audio).

    Reads the episode from ``article.metadata["episode"]`` now, so a receiver connected
    earlier on this signal may give it audio first.  Episodes without audio stay published;
    the build names them once, or stops when ``PODCAST_REQUIRE_AUDIO`` is on.
    """
    settings = generator.settings
    broken, silent = [], []
    for article in episode_articles(generator):
        episode = article.metadata["episode"]
        try:
            article.enclosure = enclosure(episode, settings["PATH"], article.url)
        except TranscriptError as error:
            logger.error("%s", error)
            broken.append(error.path)
            article.enclosure = None
        if article.enclosure is None:
            silent.append(episode.source_path)
    if broken and settings["PODCAST_STRICT"]:
        reason = f"{len(broken)} episode(s) with unusable audio: {', '.join(sorted(broken))}"
        logger.critical("%s", reason)
        raise BuildStopped(reason)
    if not silent:
        return
    names = ", ".join(sorted(silent))
    if settings["PODCAST_REQUIRE_AUDIO"]:
        reason = f"{len(silent)} episode(s) without audio (PODCAST_REQUIRE_AUDIO): {names}"
        logger.critical("%s", reason)
        raise BuildStopped(reason)
    logger.warning(
        "%d episode(s) without audio, published with an estimated duration; "
        "podcast apps skip feed items without audio: %s",
        len(silent),
        names,
    )


def copy_local_audio(article, root, output, record=None):
    """Publish the episode's own audio file at its (site-relative) enclosure URL.

    With the Writer's render record, a copy of the same source file (by path, size and
    time stamp) still on disk as copied is left alone.
    """
    if article.enclosure is None or "://" in article.enclosure.url:
        return
    source = local_audio_file(article.metadata["episode"], root)
    stat = os.stat(source)
    inputs = fingerprint(str(source), stat.st_size, stat.st_mtime_ns)
    if record is not None and record.unchanged([article.enclosure.url], inputs):
        return
    destination = Path(output, article.enclosure.url)
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, destination)
    if record is not None:
        record.made(article.enclosure.url, inputs, destination.read_bytes())


def audio_note(article):
    """What listeners must know about the audio: set by narration (``article.narrated``)."""
    return article.narration_note if getattr(article, "narrated", False) else None


def write_feed(generator, writer):
    """Copy local audio into the output and write the podcast feed."""
    settings = generator.settings
    articles = episode_articles(generator)
    for article in articles:
        copy_local_audio(
            article, settings["PATH"], generator.output_path, getattr(writer, "record", None)
        )
    items = [
        FeedItem(
            episode=article.metadata["episode"],
            page_url=article.url,
            enclosure=article.enclosure,
            transcripts=tuple(getattr(article, "transcripts", ())),
            audio_note=audio_note(article),
        )
        for article in articles
    ]
    path = Path(generator.output_path, settings["PODCAST_FEED_PATH"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(build_feed(channel_from_settings(settings), items))
    logger.info("Wrote the podcast feed %s with %d episode(s)", path, len(items))
