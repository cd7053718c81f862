"""Narrations kept on disk, keyed by everything that shapes their bytes.

The key hashes the segments, the narration settings, the ID3 tags and the versions of this
code and of the libraries that make the sound, so a rebuild reuses a narration without calling
eSpeak NG, and any change that would alter the MP3 makes a new one.
"""

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path

from . import speech as narration

CODE_VERSION = 2  # raise when narration.py changes what it produces


@dataclass(frozen=True)
class CachedNarration:
    """A narration MP3 on disk and where each segment's speech ends (seconds)."""

    path: Path
    spoken_ends: tuple[float, ...]
    late: int
    made_now: bool


def cache_key(segments, settings, tags):
    recipe = {
        "code": CODE_VERSION,
        "libraries": [version(name) for name in ("espeakng-loader", "lameenc", "mutagen")],
        "settings": asdict(settings),
        "tags": asdict(tags),
        "segments": [[s.start, s.text] for s in segments],
    }
    text = json.dumps(recipe, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def write_atomically(path, data):
    """Write ``data`` so that a reader never sees half a file, even after a crash."""
    partial = path.with_name(f"{path.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def cached_narration(folder, segments, settings, tags):
    """The narration of ``segments`` from ``folder``, made (and stored) only when missing."""
    folder = Path(folder)
    key = cache_key(segments, settings, tags)
    mp3_path, facts_path = folder / f"{key}.mp3", folder / f"{key}.json"
    if mp3_path.is_file() and facts_path.is_file():
        facts = json.loads(facts_path.read_text())
        return CachedNarration(mp3_path, tuple(facts["spoken_ends"]), facts["late"], False)
    made = narration.narrate(segments, settings, tags)
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(mp3_path, made.mp3)
    facts = {"spoken_ends": list(made.spoken_ends), "late": made.late}
    write_atomically(facts_path, json.dumps(facts).encode())
    return CachedNarration(mp3_path, made.spoken_ends, made.late, True)
