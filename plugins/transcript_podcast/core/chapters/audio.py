"""MP3 copies with ID3 chapters, kept on disk under a key of everything that shapes them.

The copy is what the site publishes (the enclosure measures it), so a rebuild reuses it and
stays byte-identical; the source file itself is never changed.
"""

import hashlib
from importlib.metadata import version
from pathlib import Path

from ..narration.cache import write_atomically
from .id3 import with_chapters

CODE_VERSION = 1  # raise when id3.py changes what it writes


def tagged_copy(source, chapters, duration, folder):
    """The path of ``source`` (an MP3) with ``chapters`` as ID3 chapters, made if missing."""
    data = Path(source).read_bytes()
    recipe = repr((CODE_VERSION, version("mutagen"), chapters, round(duration, 3)))
    key = hashlib.sha256(data + recipe.encode()).hexdigest()[:32]
    path = Path(folder, f"{key}.mp3")
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, with_chapters(data, chapters, duration))
    return path
