"""The Pelican side of transcript files: write every format of every episode into the output.

Runs as the articles are written (the plugin's Writer writes an episode's files right after
its page; :func:`.writer.write_remaining_transcripts` writes any it did not), after the build
record's ``enclosure`` (whose real duration ends the last cue) and ``narration`` (whose
spoken ends time the cues) are filled. Files are written in a fixed order, as UTF-8 with
``\\n`` line ends, so two builds are byte-identical; a file already holding the same bytes is
left alone.
"""

import logging
from pathlib import Path

from ..core.incremental.render_record import fingerprint
from ..core.incremental.unchanged_files import write_if_changed
from ..core.transcripts.formats import FORMATS, make_transcript, render

logger = logging.getLogger(__name__)


def known_duration(record):
    """The audio's real length in seconds: the enclosure's, else the sidecar's, else None."""
    if record.enclosure is not None and record.enclosure.duration:
        return record.enclosure.duration
    audio = record.episode.audio
    return audio.duration if audio is not None else None


def spoken_ends(record):
    return record.narration.spoken_ends if record.narration is not None else None


def article_transcript(article, fragment=None):
    """The episode's transcript, timed by narration when it reports its real timings."""
    record = article.episode_build
    episode = record.episode
    lang = article.lang or "en"
    duration = known_duration(record)
    chapters = record.listed_chapters
    try:
        return make_transcript(
            episode.segments,
            episode.title,
            lang,
            duration,
            spoken_ends(record),
            fragment=fragment,
            chapters=chapters,
        )
    except ValueError as exc:
        logger.warning("%s: narration timings ignored: %s", episode.source_path, exc)
        return make_transcript(
            episode.segments, episode.title, lang, duration, fragment=fragment, chapters=chapters
        )


def transcript_inputs(writer, article):
    """The fingerprint of everything an episode's transcript files are made from."""
    record = article.episode_build
    return fingerprint(
        writer.site,
        writer.episode_inputs(record.episode),
        article.lang,
        known_duration(record),
        repr(spoken_ends(record)),
        repr(record.transcripts),
        repr(record.chapters),
    )


def write_article_transcripts(article, output, writer=None):
    """Write ``OUTPUT_PATH/<url>transcript.<ext>`` for every link in the record's
    ``transcripts``.

    With the Writer's render record, an episode whose files were made from the same inputs,
    and are still on disk as written, is skipped.  The transcript HTML its page was just
    rendered with is taken from the build record (and dropped), not made a second time.
    """
    episode_build = article.episode_build
    fragment, episode_build.transcript_html = episode_build.transcript_html, None
    record = writer.record if writer is not None else None
    names = [link.url for link in episode_build.transcripts]
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
