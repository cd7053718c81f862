"""From a seed transcript and its optional sidecar to an :class:`Episode`.

File names are ids: the stem is the episode's identity (its default GUID), never its date or
number.  The seed's suffix says how it is read: ``.txt`` is the transcription page layout
(:mod:`.layout`), ``.vtt`` WebVTT, ``.srt`` SubRip and ``.json`` a Podcast Index transcript
or Whisper's output.  Timed formats carry no title or show notes, so their sidecar must give
``title`` and ``notes``; the air date is the sidecar's, else the one spoken in the opening.
Audio is found next to the transcript (``<stem>.mp3`` or ``<stem>.m4a``) unless the
sidecar names it.
"""

import dataclasses
import os
from pathlib import Path

from ..errors import TranscriptError
from ..locations import inside_project
from ..model import AudioSource, Episode, Origin
from ..safe_text import unsafe_character
from .json_input import decode_json, is_podcast_index
from .layout import decode_seed, parse_seed
from .podcast_index_input import read_podcast_index
from .sidecar import read_sidecar
from .spoken_date import find_air_date
from .srt_input import read_srt
from .webvtt_input import read_vtt
from .whisper_input import read_whisper

AUDIO_SUFFIXES = (".mp3", ".m4a")
TIMED_FORMATS = {".vtt": "a WebVTT file", ".srt": "an SRT file", ".json": "a JSON transcript"}
SEED_SUFFIXES = (".txt", *TIMED_FORMATS)


def relative_name(path, root):
    """The path as the podcaster sees it in messages: relative to the project, with '/'.

    Symbolic links are not followed: a link is named as the podcaster committed it.
    """
    path, root = Path(os.path.abspath(path)), Path(os.path.abspath(root))
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def sidecar_of(source_name):
    """The sidecar of the seed named ``source_name``, named the same way."""
    return f"{source_name.rsplit('.', 1)[0]}.toml"


def read_inside(path, root, name):
    """The bytes of a seed or sidecar, refused when a symbolic link leads outside the project."""
    if inside_project(root, path) is None:
        raise TranscriptError(
            name, None, "a symbolic link that leads outside the project: not read"
        )
    return path.read_bytes()


def load_episode(path, root, opening_seconds=60, srt_speakers=False):
    """Read ``path`` (and ``<stem>.toml`` beside it) into an :class:`Episode`.

    ``srt_speakers`` reads an SRT cue's ``Name: `` prefix as its speaker.
    """
    path = Path(path)
    name = relative_name(path, root)
    problem = unsafe_character(path.stem)
    if problem:
        raise TranscriptError(
            name, None, f"the file name contains {problem}: it is the episode's GUID; rename it"
        )
    text = decode_seed(read_inside(path, root, name), name)
    suffix = path.suffix.lower()
    if suffix in TIMED_FORMATS:
        segments, written = timed_segments(suffix, text, name, srt_speakers), None
    else:
        parsed = parse_seed(text, name)
        segments, written = parsed.segments, (parsed.title, parsed.notes)

    sidecar_path = path.with_suffix(".toml")
    sidecar_name = relative_name(sidecar_path, root)
    extra = {}
    if os.path.lexists(sidecar_path):
        extra = read_sidecar(read_inside(sidecar_path, root, sidecar_name), sidecar_name)
    if written is None:
        title, notes = titled(extra, suffix, name, sidecar_name)
    else:
        title, notes = extra.pop("title", written[0]), extra.pop("notes", written[1])

    turns = extra.pop("speakers", ())
    if turns:
        if any(segment.speaker for segment in segments):
            raise TranscriptError(
                sidecar_name, None, f"'speakers' given, but {name} names its speakers itself"
            )
        segments = tuple(with_speakers(segments, turns))
    if "air_date" not in extra:
        extra["air_date"] = find_air_date(segments, name, opening_seconds)
    if "audio" not in extra:
        extra["audio"] = audio_beside(path, root, name)
    return Episode(
        stem=path.stem,
        source_path=name,
        title=title,
        notes=notes,
        segments=segments,
        guid=extra.pop("guid", path.stem),
        **extra,
    )


def timed_segments(suffix, text, name, srt_speakers):
    """The segments of a WebVTT, SRT or JSON seed, each with its cue's times."""
    if suffix == ".vtt":
        return read_vtt(text, name)
    if suffix == ".srt":
        return read_srt(text, name, speaker_prefixes=srt_speakers)
    document = decode_json(text, name)
    if is_podcast_index(document):
        return read_podcast_index(document, name)
    return read_whisper(document, name)


def titled(extra, suffix, name, sidecar_name):
    """The sidecar's ``title`` and ``notes``, which a timed format cannot carry itself."""
    missing = [key for key in ("title", "notes") if key not in extra]
    if missing:
        raise TranscriptError(
            name,
            None,
            f"{TIMED_FORMATS[suffix]} carries no title or show notes: give "
            f"{' and '.join(repr(key) for key in missing)} in its sidecar {sidecar_name}",
        )
    return extra.pop("title"), extra.pop("notes")


def with_speakers(segments, turns):
    """Give each segment the speaker whose turn started last at or before it."""
    turn = -1
    for segment in segments:
        while turn + 1 < len(turns) and turns[turn + 1][0] <= segment.start:
            turn += 1
        speaker = turns[turn][1] if turn >= 0 else None
        yield dataclasses.replace(segment, speaker=speaker)


def audio_beside(path, root, name):
    """``<stem>.mp3`` or ``<stem>.m4a`` next to the transcript, if there is one.

    The name is taken without following a symbolic link, so the audio module can see (and
    refuse) a link that leads outside the project.
    """
    for suffix in AUDIO_SUFFIXES:
        candidate = path.with_suffix(suffix)
        if os.path.lexists(candidate):
            return AudioSource(
                path=f"{relative_name(path.parent, root)}/{candidate.name}", origin=Origin(name)
            )
    return None
