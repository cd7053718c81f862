"""The Pelican side of transcript files: write every format of every episode into the output.

Runs when the articles are written (``article_writer_finalized``), after other receivers had
their chance to set ``article.enclosure`` (whose real duration ends the last cue) and
``article.spoken_ends`` (narration timings). Files are written in a fixed order, as UTF-8 with
``\\n`` line ends, so two builds are byte-identical; a file already holding the same bytes is
left alone.
"""

import logging
from pathlib import Path

from .transcript_formats import FORMATS, make_transcript, render
from .unchanged_files import write_if_changed

logger = logging.getLogger(__name__)


def known_duration(article):
    """The audio's real length in seconds: the enclosure's, else the sidecar's, else None."""
    enclosure = getattr(article, "enclosure", None)
    if enclosure is not None and enclosure.duration:
        return enclosure.duration
    audio = article.metadata["episode"].audio
    return audio.duration if audio is not None else None


def article_transcript(article):
    """The episode's transcript, timed by narration when it reports its real timings."""
    episode = article.metadata["episode"]
    lang = getattr(article, "lang", None) or "en"
    spoken_ends = getattr(article, "spoken_ends", None)
    try:
        return make_transcript(
            episode.segments, episode.title, lang, known_duration(article), spoken_ends
        )
    except ValueError as exc:
        logger.warning("%s: narration timings ignored: %s", episode.source_path, exc)
        return make_transcript(episode.segments, episode.title, lang, known_duration(article))


def write_transcripts(generator, writer=None):
    """Write ``OUTPUT_PATH/<article.url>transcript.<ext>`` for every link in ``transcripts``."""
    output = Path(generator.settings["OUTPUT_PATH"])
    formats = {f.filename: f for f in FORMATS}
    articles = [a for a in generator.articles if "episode" in a.metadata]
    for article in sorted(articles, key=lambda a: a.url):
        transcript = article_transcript(article)
        for link in getattr(article, "transcripts", ()):
            target = output / link.url
            write_if_changed(target, render(formats[target.name], transcript).encode("utf-8"))
        logger.debug("wrote the transcript files of %s", article.url)
