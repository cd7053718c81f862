"""Enclosure facts for an episode's recording: a project file measured with mutagen, or a
remote URL whose byte length the sidecar gives.

Podcast apps check the enclosure's byte length and MIME type, and show ``itunes:duration``,
so these come from the file itself, never from a guess, whenever there is a file.
"""

from pathlib import PurePosixPath

from ..model import Enclosure, Origin
from ..seeds.referenced import audio_facts, project_file
from ..standards import AUDIO_TYPES
from ..timing import estimated_duration

DEFAULT_REMOTE_TYPE = AUDIO_TYPES[".mp3"]  # a remote URL without a known suffix


def local_audio_file(episode, root):
    """The project file holding ``episode``'s audio, or None for remote or missing audio.

    Refuses a path that leads outside the project, also through a symbolic link, naming the
    file that named the audio (its sidecar line, or the seed for audio found beside it).
    """
    audio = episode.audio
    if audio is None or audio.path is None:
        return None
    return project_file(root, audio.path, where_named(episode), "audio")


def where_named(episode):
    """Where the episode's audio was named: its sidecar's line, else the seed itself."""
    return episode.audio.origin or Origin(episode.source_path)


def published_name(episode_folder_name, path):
    """The audio's file name on the site: the episode folder's name plus the file's suffix."""
    return f"{episode_folder_name}{path.suffix.lower()}"


def enclosure(episode, root, folder_url):
    """The episode's :class:`Enclosure`, or None when it has no audio.

    ``folder_url`` is the episode's site-relative folder (``episodes/<slug>/``); local audio is
    published there, so the enclosure URL is site-relative too.  Remote audio keeps its URL.
    """
    audio = episode.audio
    if audio is None:
        return None
    if audio.url:
        suffix = PurePosixPath(audio.url.split("?", 1)[0]).suffix.lower()
        return Enclosure(
            url=audio.url,
            length=audio.length,
            mime_type=audio.mime_type or AUDIO_TYPES.get(suffix, DEFAULT_REMOTE_TYPE),
            duration=audio.duration or estimated_duration(episode.spoken_segments),
        )
    path = local_audio_file(episode, root)
    length, duration, known_types = audio_facts(path, audio.path, where_named(episode))
    folder = PurePosixPath(folder_url.rstrip("/"))
    return Enclosure(
        url=f"{folder}/{published_name(folder.name, path)}",
        length=length,
        mime_type=audio.mime_type or AUDIO_TYPES.get(path.suffix.lower()) or known_types[0],
        duration=duration,
    )
