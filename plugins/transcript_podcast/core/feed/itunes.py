"""feedgen's iTunes extension brought up to Apple's current podcast RSS guide.

feedgen 1.0 writes ``itunes:explicit`` only as yes/no/clean, knows Apple's pre-2019 category
list, and takes ``itunes:image`` only for names ending in exactly ``.jpg`` or ``.png`` (it
raises on ``.jpeg``, ``.PNG`` or a ``?v=2`` query); Apple now asks for ``true``/``false``, has
a new list and reads any JPEG or PNG URL.  These subclasses keep everything else of
feedgen's extension and replace just those three parts.
"""

from feedgen.ext.podcast import PodcastExtension
from feedgen.ext.podcast_entry import PodcastEntryExtension
from feedgen.util import xml_elem

from ..locations import artwork_type
from ..standards import ITUNES_NS

EXTENSION_NAME = "itunes"

# Apple Podcasts categories and their subcategories, as Apple's podcaster support lists them.
APPLE_CATEGORIES = {
    "Arts": (
        "Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts",
    ),
    "Business": (
        "Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit",
    ),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": (
        "Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality",
    ),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": (
        "Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies",
        "Home & Garden", "Video Games",
    ),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": (
        "Business News", "Daily News", "Entertainment News", "News Commentary", "Politics",
        "Sports News", "Tech News",
    ),
    "Religion & Spirituality": (
        "Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion", "Spirituality",
    ),
    "Science": (
        "Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics",
        "Natural Sciences", "Nature", "Physics", "Social Sciences",
    ),
    "Society & Culture": (
        "Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships",
    ),
    "Sports": (
        "Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey",
        "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness",
        "Wrestling",
    ),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}  # fmt: skip


def category_pair(value):
    """``"Technology"`` or ``("News", "Tech News")`` → (category, subcategory or None)."""
    if isinstance(value, str):
        return value, None
    if isinstance(value, list | tuple) and len(value) == 2:
        return value[0], value[1]
    raise ValueError(f"not a category or a (category, subcategory) pair: {value!r}")


def is_apple_category(value):
    try:
        category, subcategory = category_pair(value)
    except ValueError:
        return False
    if category not in APPLE_CATEGORIES:
        return False
    return subcategory is None or subcategory in APPLE_CATEGORIES[category]


def explicit_element(parent, explicit):
    xml_elem(f"{{{ITUNES_NS}}}explicit", parent).text = "true" if explicit else "false"


class BooleanExplicit:
    """``itunes_explicit`` as Apple's guide has it now: a bool, written true/false.

    feedgen 1.0 only accepts yes/no/clean, so the extensions keep the flag here and add the
    element themselves.
    """

    _explicit = None

    def itunes_explicit(self, itunes_explicit=None):
        if itunes_explicit is not None:
            if not isinstance(itunes_explicit, bool):
                raise ValueError("itunes:explicit is True or False")
            self._explicit = itunes_explicit
        return self._explicit

    def add_explicit(self, parent):
        if self._explicit is not None:
            explicit_element(parent, self._explicit)


class JpegOrPngImage:
    """``itunes_image`` for any JPEG or PNG URL, by the suffix of its path in any case
    (:func:`..locations.artwork_type`), kept here and written by the extensions."""

    _image = None

    def itunes_image(self, itunes_image=None):
        if itunes_image is not None:
            if artwork_type(itunes_image) is None:
                raise ValueError(f"itunes:image must be a JPEG or PNG URL, not {itunes_image!r}")
            self._image = itunes_image
        return self._image

    def add_image(self, parent):
        if self._image is not None:
            xml_elem(f"{{{ITUNES_NS}}}image", parent).attrib["href"] = self._image


class ItunesExtension(BooleanExplicit, JpegOrPngImage, PodcastExtension):
    """Channel iTunes tags: a true/false explicit flag, only Apple's current categories, any
    JPEG or PNG artwork URL, and ``itunes:complete`` written ``Yes`` as Apple's guide has it
    (feedgen writes ``yes``)."""

    _complete = False

    def extend_rss(self, rss_feed):
        rss_feed = super().extend_rss(rss_feed)
        self.add_explicit(rss_feed[0])
        self.add_image(rss_feed[0])
        if self._complete:
            xml_elem(f"{{{ITUNES_NS}}}complete", rss_feed[0]).text = "Yes"
        return rss_feed

    def itunes_complete(self, itunes_complete=None):
        """True: the show will have no more episodes (Apple then stops checking the feed)."""
        if itunes_complete is not None:
            if not isinstance(itunes_complete, bool):
                raise ValueError("itunes:complete is True or False")
            self._complete = itunes_complete
        return self._complete

    def itunes_category(self, itunes_category=None, replace=False, **kwargs):
        """Only categories from Apple's current list are accepted."""
        if itunes_category is not None:
            entries = itunes_category if isinstance(itunes_category, list) else [itunes_category]
            for entry in entries:
                pair = (entry["cat"], entry["sub"]) if entry.get("sub") else entry["cat"]
                if not is_apple_category(pair):
                    raise ValueError(f"not an Apple Podcasts category: {pair!r}")
        return super().itunes_category(itunes_category, replace, **kwargs)


class ItunesEntryExtension(BooleanExplicit, JpegOrPngImage, PodcastEntryExtension):
    """Item iTunes tags with a true/false explicit flag and any JPEG or PNG artwork URL."""

    def extend_rss(self, entry):
        entry = super().extend_rss(entry)
        self.add_explicit(entry)
        self.add_image(entry)
        return entry
