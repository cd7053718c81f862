"""The Pelican side of the theme: Jinja filters that turn site facts into page metadata.

Templates stay free of per-segment loops and of hand-built JSON: the transcript arrives as
HTML made by a filter (:func:`.transcript_formats.html_fragment`) and the JSON-LD from
:mod:`.structured_data`.
"""

from functools import partial

from markupsafe import Markup

from .structured_data import json_ld, podcast_episode, podcast_series
from .transcript_formats import html_fragment


def site_url(path, settings):
    """A site-relative ``path`` (or an absolute URL) as the URL a visitor's browser uses."""
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
    enclosure = getattr(article, "enclosure", None)
    audio = None
    if enclosure:
        audio = (site_url(enclosure.url, settings), enclosure.mime_type, enclosure.duration)
    data = podcast_episode(
        article.metadata["episode"],
        url=site_url(article.url, settings),
        series=series(settings),
        audio=audio,
    )
    return Markup(json_ld(data))


def transcript_html(article):
    """The episode's transcript as HTML, made when its page is rendered.

    Kept as each article's content it would be held for the whole build (~70 KB an episode);
    it is left on the article only until the episode's ``transcript.html`` is written, right
    after its page (:func:`.transcript_output.write_article_transcripts` takes it).
    """
    fragment = html_fragment(article.metadata["episode"].segments)
    article.transcript_fragment = fragment
    return Markup(fragment)


def add_template_filters(generator):
    """Give every generator's Jinja environment the theme's filters."""
    settings = generator.settings
    generator.env.filters["site_url"] = partial(site_url, settings=settings)
    generator.env.filters["series_json_ld"] = partial(series_json_ld, settings=settings)
    generator.env.filters["episode_json_ld"] = partial(episode_json_ld, settings=settings)
    generator.env.filters["transcript_html"] = transcript_html


def link_neighbours(generator):
    """Give each episode ``previous_episode`` (older) and ``next_episode`` (newer) links."""
    episodes = sorted(
        (a for a in generator.articles if "episode" in a.metadata), key=lambda a: (a.date, a.slug)
    )
    for index, article in enumerate(episodes):
        article.previous_episode = episodes[index - 1] if index else None
        article.next_episode = episodes[index + 1] if index + 1 < len(episodes) else None
