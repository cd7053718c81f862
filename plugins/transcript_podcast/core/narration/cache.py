"""Narrations kept on disk, keyed by everything that shapes their bytes.

The key hashes the segments, the narration settings (engine, voice name and the digest of the
voice's files, speed-up, bit rate), the ID3 tags and the versions of this code and of the
libraries that make the sound, so a rebuild reuses a narration without starting an engine,
and any change that would alter the MP3 makes a new one.
"""

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path

CODE_VERSION = 3  # raise when speech.py changes what it produces
ENGINE_LIBRARIES = {"espeak": ("espeakng-loader",), "piper": ("piper-tts", "onnxruntime")}


@dataclass(frozen=True)
class CachedNarration:
    """A narration MP3 on disk and where each segment's speech ends (seconds)."""

    path: Path
    spoken_ends: tuple[float, ...]
    late: int


def cache_key(segments, settings, tags):
    libraries = (*ENGINE_LIBRARIES[settings.voice.engine], "lameenc", "mutagen")
    recipe = {
        "code": CODE_VERSION,
        "libraries": [version(name) for name in libraries],
        "settings": settings.recipe(),
        "tags": asdict(tags),
        "segments": [[s.start, s.text] for s in segments],
    }
    text = json.dumps(recipe, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def files_of(folder, key):
    return Path(folder) / f"{key}.mp3", Path(folder) / f"{key}.json"


def stored_narration(folder, key):
    """The narration kept under ``key``, or None when there is none."""
    mp3_path, facts_path = files_of(folder, key)
    if not (mp3_path.is_file() and facts_path.is_file()):
        return None
    facts = json.loads(facts_path.read_text())
    return CachedNarration(mp3_path, tuple(facts["spoken_ends"]), facts["late"])


def write_atomically(path, data):
    """Write ``data`` so that a reader never sees half a file, even after a crash."""
    partial = path.with_name(f"{path.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def store_narration(folder, key, made):
    """Keep ``made`` (a ``speech.Narration``) under ``key``: its MP3, then its facts."""
    mp3_path, facts_path = files_of(folder, key)
    mp3_path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(mp3_path, made.mp3)
    facts = {"spoken_ends": list(made.spoken_ends), "late": made.late}
    write_atomically(facts_path, json.dumps(facts).encode())
    return CachedNarration(mp3_path, made.spoken_ends, made.late)
