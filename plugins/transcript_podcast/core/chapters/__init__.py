"""Chapters: authored in a sidecar or found in the transcript, and the files that carry them.

:func:`find_chapters` is the finder's front door (:mod:`.finding` for where, :mod:`.titles`
for what each chapter is called).
"""

from ..model import Chapter
from .finding import find_boundaries
from .titles import chapter_titles


def find_chapters(segments, shortest, longest, end=None, *, show_name="", hosts=()):
    """Chapters found in ``segments``: the first at 0, each ``shortest`` to ``longest``
    seconds long where the transcript allows, each titled from its own words (never from
    the words of ``show_name`` or of the ``hosts``' names, said in every episode)."""
    boundaries = find_boundaries(segments, shortest, longest, end)
    starts = [0, *(b.start for b in boundaries)]
    kinds = ["opening", *(b.kind for b in boundaries)]
    avoid = [*show_name.split(), *(word for name in hosts for word in name.split())]
    titles = chapter_titles(segments, starts, kinds, avoid)
    return tuple(Chapter(start, title) for start, title in zip(starts, titles, strict=True))
