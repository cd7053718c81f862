"""schema.org JSON-LD for the home page and episode pages (no Pelican here).

Search engines read ``PodcastSeries`` and ``PodcastEpisode``; the text comes from transcripts
and show notes, so it is serialised here, never pasted into a template, and escaped so that
nothing in it (``</script>``, ``<!--``) can end the script element it is embedded in.
"""

import json

SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld(data):
    """``data`` as JSON safe to place between ``<script type="application/ld+json">`` tags.

    ``\\u2028`` and ``\\u2029`` stay escaped too (``ensure_ascii``), so the text is plain ASCII.
    """
    return json.dumps(data, ensure_ascii=True, sort_keys=True).translate(SCRIPT_ESCAPES)


def podcast_series(name, description, url, feed_url, image=None):
    """The show as a whole, for the home page."""
    series = {
        "@context": "https://schema.org",
        "@type": "PodcastSeries",
        "name": name,
        "description": description,
        "url": url,
        "webFeed": feed_url,
    }
    if image:
        series["image"] = image
    return series


def podcast_episode(episode, url, series, audio=None):
    """One episode: its air date, show notes, recording (``audio``) and transcript text.

    ``audio`` is an ``(absolute url, mime type, duration seconds)`` triple when the episode has
    a recording; ``series`` is the dict from :func:`podcast_series`.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "PodcastEpisode",
        "name": episode.title,
        "description": episode.notes,
        "url": url,
        "datePublished": episode.air_date.isoformat(),
        "partOfSeries": {
            "@type": "PodcastSeries",
            "name": series["name"],
            "url": series["url"],
        },
    }
    if episode.number:
        data["episodeNumber"] = episode.number
    text = " ".join(segment.text for segment in episode.spoken_segments)
    if text:
        data["transcript"] = text
    if audio:
        media_url, mime_type, duration = audio
        media = {"@type": "AudioObject", "contentUrl": media_url, "encodingFormat": mime_type}
        if duration:
            media["duration"] = iso_duration(duration)
        data["associatedMedia"] = media
    return data


def iso_duration(seconds):
    """Seconds → ISO 8601 duration (``PT1H2M3S``), as schema.org expects."""
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    text = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return text + (f"{seconds}S" if seconds or text == "PT" else "")
