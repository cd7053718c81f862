"""A key for Pelican's content cache that covers what its file stamps miss.

Pelican's reader cache re-reads a file only when that file changes.  An episode also depends
on its sidecar, on whether audio sits beside it, on the plugin's code and on the settings;
caching under a key made of those keeps a cached build byte-identical to a fresh one.
"""

import hashlib
import json
from pathlib import Path

from ..seeds.files import AUDIO_SUFFIXES


def cache_key(article_folders, plugin_folder, settings):
    """A short hex digest of everything besides a transcript that shapes its episode.

    Sidecars and the plugin's code count by content; audio beside transcripts by name and
    size (the reader only notes that it is there); settings by their plain values.
    """
    digest = hashlib.sha256()
    for folder in article_folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.suffix not in (".toml", *AUDIO_SUFFIXES) or not path.is_file():
                continue
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            if path.suffix == ".toml":
                digest.update(path.read_bytes())
            else:
                digest.update(str(path.stat().st_size).encode())
    for path in sorted(Path(plugin_folder).rglob("*.py")):
        digest.update(path.relative_to(plugin_folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    plain = json.dumps(settings, sort_keys=True, default=lambda value: type(value).__name__)
    digest.update(plain.encode())
    return digest.hexdigest()[:16]
