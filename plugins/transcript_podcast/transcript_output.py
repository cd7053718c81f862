"""The Pelican side of transcript files: write every format of every episode into the output.

Runs as the articles are written (the plugin's Writer writes an episode's files right after
its page; ``article_writer_finalized`` writes any it did not), after other receivers had their
chance to set ``article.enclosure`` (whose real duration ends the last cue) and
``article.spoken_ends`` (narration timings). Files are written in a fixed order, as UTF-8 with
``\\n`` line ends, so two builds are byte-identical; a file already holding the same bytes is
left alone.
"""

import logging
from pathlib import Path

from .render_record import fingerprint
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


def article_transcript(article, fragment=None):
    """The episode's transcript, timed by narration when it reports its real timings."""
    episode = article.metadata["episode"]
    lang = getattr(article, "lang", None) or "en"
    spoken_ends = getattr(article, "spoken_ends", None)
    duration = known_duration(article)
    try:
        return make_transcript(
            episode.segments, episode.title, lang, duration, spoken_ends, fragment=fragment
        )
    except ValueError as exc:
        logger.warning("%s: narration timings ignored: %s", episode.source_path, exc)
        return make_transcript(episode.segments, episode.title, lang, duration, fragment=fragment)


def transcript_inputs(writer, article):
    """The fingerprint of everything an episode's transcript files are made from."""
    return fingerprint(
        writer.site,
        writer.episode_inputs(article.metadata["episode"]),
        getattr(article, "lang", None),
        known_duration(article),
        repr(getattr(article, "spoken_ends", None)),
        repr(getattr(article, "transcripts", None)),
    )


def write_article_transcripts(article, output, writer=None):
    """Write ``OUTPUT_PATH/<article.url>transcript.<ext>`` for every link in ``transcripts``.

    With the Writer's render record, an episode whose files were made from the same inputs,
    and are still on disk as written, is skipped.  The transcript HTML its page was just
    rendered with is taken from the article (and dropped), not made a second time.
    """
    fragment = article.__dict__.pop("transcript_fragment", None)
    record = getattr(writer, "record", None)
    links = getattr(article, "transcripts", ())
    names = [link.url for link in links]
    inputs = transcript_inputs(writer, article) if record is not None else None
    if record is not None and record.unchanged(names, inputs):
        return
    formats = {f.filename: f for f in FORMATS}
    transcript = article_transcript(article, fragment)
    for name in names:
        data = render(formats[Path(name).name], transcript).encode("utf-8")
        write_if_changed(Path(output, name), data)
        if record is not None:
            record.made(name, inputs, data)
    logger.debug("wrote the transcript files of %s", article.url)


def write_transcripts(generator, writer=None):
    """Receiver for ``article_writer_finalized``: the transcript files of every episode that
    the Writer did not already write next to its page (all of them with Pelican's Writer)."""
    done = getattr(writer, "transcripts_written", set())
    articles = [a for a in generator.articles if "episode" in a.metadata and id(a) not in done]
    for article in sorted(articles, key=lambda a: a.url):
        write_article_transcripts(article, generator.settings["OUTPUT_PATH"], writer)
