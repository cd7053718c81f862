"""feedgen extension for Podlove Simple Chapters (``<psc:chapters>`` in an item).

``<psc:chapters version="1.2">`` holds one ``<psc:chapter start="HH:MM:SS.mmm" title>`` per
listed chapter, with ``href`` and ``image`` when the chapter has them.  The format has no
hidden markers, so chapters with ``toc = false`` are left out.
"""

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.util import xml_elem

from ..chapters.formats import psc_start
from ..safe_text import clean_text
from ..standards import PSC_NS

EXTENSION_NAME = "psc"
VERSION = "1.2"


class PscExtension(BaseExtension):
    """Declares the ``psc`` prefix on the feed."""

    def extend_ns(self):
        return {"psc": PSC_NS}


class PscEntryExtension(BaseEntryExtension):
    """An item's ``<psc:chapters>``."""

    def __init__(self):
        self._chapters = []

    def extend_ns(self):
        return {"psc": PSC_NS}

    def extend_rss(self, entry):
        listed = [c for c in self._chapters if c.toc]
        if not listed:
            return entry
        element = xml_elem(f"{{{PSC_NS}}}chapters", entry, version=VERSION)
        for chapter in listed:
            attributes = {"start": psc_start(chapter.start), "title": clean_text(chapter.title)}
            if chapter.url:
                attributes["href"] = chapter.url
            if chapter.img:
                attributes["image"] = chapter.img
            xml_elem(f"{{{PSC_NS}}}chapter", element, **attributes)
        return entry

    def psc_chapters(self, chapters=None):
        """Set the item's chapters (:class:`Chapter` objects, starts ascending)."""
        if chapters is not None:
            starts = [c.start for c in chapters]
            if starts != sorted(starts):
                raise ValueError("psc:chapter starts must go up")
            self._chapters = list(chapters)
        return self._chapters
