"""From a seed transcript and its optional sidecar to an :class:`Episode`.

File names are ids: the stem is the episode's identity (its default GUID), never its date or
number.  Audio is found next to the transcript (``<stem>.mp3`` or ``<stem>.m4a``) unless the
sidecar names it.
"""

import dataclasses
from pathlib import Path

from ..model import AudioSource, Episode
from .layout import decode_seed, parse_seed
from .sidecar import read_sidecar
from .spoken_date import find_air_date

AUDIO_SUFFIXES = (".mp3", ".m4a")


def relative_name(path, root):
    """The path as the podcaster sees it in messages: relative to the project, with '/'."""
    path, root = Path(path), Path(root)
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_episode(path, root, opening_seconds=60):
    """Read ``path`` (and ``<stem>.toml`` beside it) into an :class:`Episode`."""
    path = Path(path)
    name = relative_name(path, root)
    parsed = parse_seed(decode_seed(path.read_bytes(), name), name)

    sidecar_path = path.with_suffix(".toml")
    extra = {}
    if sidecar_path.is_file():
        extra = read_sidecar(sidecar_path.read_bytes(), relative_name(sidecar_path, root))

    segments = parsed.segments
    turns = extra.pop("speakers", ())
    if turns:
        segments = tuple(with_speakers(segments, turns))
    if "air_date" not in extra:
        extra["air_date"] = find_air_date(segments, name, opening_seconds)
    if "audio" not in extra:
        extra["audio"] = audio_beside(path, root)
    return Episode(
        stem=path.stem,
        source_path=name,
        title=parsed.title,
        notes=parsed.notes,
        segments=segments,
        guid=extra.pop("guid", path.stem),
        **extra,
    )


def with_speakers(segments, turns):
    """Give each segment the speaker whose turn started last at or before it."""
    turn = -1
    for segment in segments:
        while turn + 1 < len(turns) and turns[turn + 1][0] <= segment.start:
            turn += 1
        speaker = turns[turn][1] if turn >= 0 else None
        yield dataclasses.replace(segment, speaker=speaker)


def audio_beside(path, root):
    """``<stem>.mp3`` or ``<stem>.m4a`` next to the transcript, if there is one.

    The name is taken without following a symbolic link, so the audio module can see (and
    refuse) a link that leads outside the project.
    """
    for suffix in AUDIO_SUFFIXES:
        candidate = path.with_suffix(suffix)
        if candidate.is_file():
            return AudioSource(path=f"{relative_name(path.parent, root)}/{candidate.name}")
    return None
