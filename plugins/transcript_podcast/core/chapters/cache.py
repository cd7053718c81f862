"""Found chapters and chapter-tagged MP3s kept on disk, keyed by everything that shapes them.

Finding an episode's chapters takes tens of milliseconds; a rebuild of a large archive would
spend most of its time finding the same chapters again.  Each result is stored under a hash
of its inputs and of this package's code, so any change to either finds them anew.
"""

import hashlib
import json
from functools import cache
from importlib.metadata import version
from pathlib import Path

from ..model import Chapter
from ..narration.cache import write_atomically
from . import find_chapters
from .id3 import with_chapters

PACKAGE = Path(__file__).parent


@cache
def code_digest():
    """A digest of the chapter code (finder, titles, ID3 writer) and of mutagen's version."""
    digest = hashlib.sha256(version("mutagen").encode())
    for path in sorted(PACKAGE.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def key(*parts):
    text = json.dumps([code_digest(), *parts], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def cached_found_chapters(folder, segments, shortest, longest, end, *, show_name="", hosts=()):
    """:func:`.find_chapters` of these inputs, from ``folder`` when found there before."""
    lines = [[s.start, s.text] for s in segments]
    path = Path(folder, f"found-{key(lines, shortest, longest, end, show_name, list(hosts))}.json")
    if path.is_file():
        return tuple(Chapter(start, title) for start, title in json.loads(path.read_text()))
    found = find_chapters(segments, shortest, longest, end, show_name=show_name, hosts=tuple(hosts))
    path.parent.mkdir(parents=True, exist_ok=True)
    made = [[c.start, c.title] for c in found]
    write_atomically(path, json.dumps(made, ensure_ascii=False).encode())
    return found


def tagged_copy(source, chapters, duration, folder):
    """The path of ``source`` (an MP3) with ``chapters`` as ID3 chapters, made if missing;
    the source itself is never changed."""
    data = Path(source).read_bytes()
    recipe = repr((chapters, round(duration, 3)))
    path = Path(folder, f"{key(hashlib.sha256(data).hexdigest(), recipe)}.mp3")
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, with_chapters(data, chapters, duration))
    return path
