"""The files an episode names, its recording and its artwork: inside the project, present,
and what they claim to be.

Checked on every build (not only when a seed is read, which Pelican's content cache may
skip), and reported where the file was named: the sidecar's line, or the seed for audio
found beside it.  A podcaster is never told about an audio file as if it were an episode.
"""

import mutagen

from ..errors import TranscriptError
from ..locations import image_type, inside_project

IMAGE_SUFFIXES = {"image/png": ".png", "image/jpeg": ".jpg"}


def project_file(root, relative, where, what):
    """The real path of the project file ``relative``; raises :class:`TranscriptError` at
    ``where`` (an :class:`~..model.Origin`) when it leads outside the project, also through
    a symbolic link, or is not a file."""
    path = inside_project(root, relative)
    if path is None:
        raise TranscriptError(
            where.path, where.line, f"{what} {relative} leads outside the project"
        )
    if not path.is_file():
        raise TranscriptError(where.path, where.line, f"{what} file {relative} does not exist")
    return path


def audio_facts(path, relative, where):
    """(byte length, duration in seconds, MIME types mutagen knows) of a recording."""
    try:
        recording = mutagen.File(path)
        duration = float(recording.info.length) if recording is not None else 0.0
    except Exception as exc:  # mutagen parses untrusted bytes: any failure means not audio
        reason = f" ({exc})" if isinstance(exc, mutagen.MutagenError) else ""
        raise TranscriptError(
            where.path, where.line, f"audio {relative} is not a readable audio file{reason}"
        ) from None
    if not 0 < duration < float("inf"):
        raise TranscriptError(
            where.path, where.line, f"audio {relative} is not an audio file mutagen can read"
        )
    return path.stat().st_size, duration, list(recording.mime)


def artwork_file(artwork, root):
    """``(path, suffix)`` of the episode's own artwork file; its first bytes must be PNG or
    JPEG (the only artwork podcast apps show), whatever its name says."""
    path = project_file(root, artwork.path, artwork.origin, "image")
    with open(path, "rb") as file:
        mime_type = image_type(file.read(16))
    if mime_type is None:
        raise TranscriptError(
            artwork.origin.path,
            artwork.origin.line,
            f"image {artwork.path} is not a PNG or JPEG file (podcast apps show only those)",
        )
    return path, IMAGE_SUFFIXES[mime_type]
