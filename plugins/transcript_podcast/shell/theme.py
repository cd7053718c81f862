"""The Pelican side of the theme: Jinja filters that turn site facts into page metadata.

Templates stay free of per-segment loops and of hand-built JSON: the transcript arrives as
HTML made by a filter (:func:`..core.transcripts.formats.html_fragment`) and the JSON-LD
from :mod:`..core.site.structured_data`.
"""

from functools import partial

from markupsafe import Markup

from ..core.model import Neighbour
from ..core.seeds.layout import format_stamp
from ..core.site.structured_data import json_ld, podcast_episode, podcast_series
from ..core.transcripts.formats import html_fragment
from .articles import episode_articles


def site_url(path, settings):
    """A site-relative ``path`` (or an absolute URL) as the URL a visitor's browser uses.

    The theme's one way to write a URL (``''`` is the home page): templates never join
    ``SITEURL`` themselves.
    """
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings['SITEURL']}/{path}"


def series(settings):
    """The show; ``PODCAST_IMAGE`` is the feed's cover art setting, used when it is set."""
    return podcast_series(
        name=settings["SITENAME"],
        description=settings.get("SITESUBTITLE") or settings["SITENAME"],
        url=f"{settings['SITEURL']}/",
        feed_url=site_url(settings["PODCAST_FEED_PATH"], settings),
        image=site_url(settings["PODCAST_IMAGE"], settings)
        if settings.get("PODCAST_IMAGE")
        else None,
    )


def series_json_ld(_, settings):
    """The home page's ``PodcastSeries`` (the filter's input is ignored: the show is global)."""
    return Markup(json_ld(series(settings)))


def episode_json_ld(article, settings):
    """An episode page's ``PodcastEpisode``, with its recording when it has one."""
    record = article.episode_build
    enclosure = record.enclosure
    audio = None
    if enclosure:
        audio = (site_url(enclosure.url, settings), enclosure.mime_type, enclosure.duration)
    data = podcast_episode(
        record.episode,
        url=site_url(record.url, settings),
        series=series(settings),
        audio=audio,
    )
    return Markup(json_ld(data))


def transcript_html(article):
    """The episode's transcript as HTML, made when its page is rendered.

    Kept as each article's content it would be held for the whole build (~70 KB an episode);
    it is left on the build record only until the episode's ``transcript.html`` is written,
    right after its page (:func:`.transcripts.write_article_transcripts` takes it).
    """
    record = article.episode_build
    record.transcript_html = html_fragment(record.episode.segments, record.listed_chapters)
    return Markup(record.transcript_html)


def stamp(seconds):
    """Seconds → ``HH:MM:SS``, as timestamp links write them."""
    return format_stamp(int(seconds))


def add_template_filters(generator):
    """Give every generator's Jinja environment the theme's filters."""
    settings = generator.settings
    generator.env.filters["site_url"] = partial(site_url, settings=settings)
    generator.env.filters["series_json_ld"] = partial(series_json_ld, settings=settings)
    generator.env.filters["episode_json_ld"] = partial(episode_json_ld, settings=settings)
    generator.env.filters["transcript_html"] = transcript_html
    generator.env.filters["stamp"] = stamp


def link_neighbours(generator):
    """Fill each episode's ``previous`` (older) and ``next`` (newer) neighbour."""
    episodes = sorted(episode_articles(generator), key=lambda a: (a.date, a.slug))
    links = [Neighbour(a.episode_build.url, a.title) for a in episodes]
    for index, article in enumerate(episodes):
        article.episode_build.previous = links[index - 1] if index else None
        article.episode_build.next = links[index + 1] if index + 1 < len(episodes) else None
