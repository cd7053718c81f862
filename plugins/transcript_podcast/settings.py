"""The plugin's settings: one table of names, defaults, checks and documentation.

Settings are read from ``pelicanconf.py``/``publishconf.py``.  Every one has a default, is
checked once when Pelican starts (a bad value stops the build with the setting named), and is
documented in the README table, which a test keeps in step with this module.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    check: Callable[[Any], bool]
    expected: str
    doc: str


def positive_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0


def boolean(value):
    return isinstance(value, bool)


SETTINGS = (
    # Reading transcripts
    Setting(
        "PODCAST_OPENING_SECONDS",
        60,
        positive_number,
        "a positive number of seconds",
        "How far into an episode the air date is looked for; later words are never read as a date.",
    ),
    Setting(
        "PODCAST_STRICT",
        False,
        boolean,
        "True or False",
        "Stop the build (non-zero exit) after reporting every bad transcript. "
        "On in `publishconf.py`; off in development, where bad files are skipped.",
    ),
    # The podcast feed
    Setting(
        "PODCAST_FEED_PATH",
        "feed.xml",
        lambda value: isinstance(value, str) and bool(value) and not value.startswith("/"),
        "a path relative to the output folder",
        "Where the podcast RSS feed is written; every page advertises it.",
    ),
    # Transcript files
    # The site and its pages
    # Search
    Setting(
        "PODCAST_SEARCH",
        True,
        boolean,
        "True or False",
        "Index every episode's title, show notes and transcript with Pagefind once the site is "
        "written, and show the search box and page. Without Pagefind the build warns and the "
        "site is written without search.",
    ),
    Setting(
        "PODCAST_PAGEFIND",
        None,
        lambda value: value is None or (isinstance(value, str) and bool(value)),
        "None, or the name or path of a Pagefind executable",
        "The Pagefind executable to run. `None` uses the one the `pagefind-bin` package "
        "installs, else `pagefind` on the PATH.",
    ),
    # Narration
    # Publishing
    Setting(
        "PODCAST_GUID_LOCK",
        "seeds/guids.lock",
        lambda value: value == "" or (isinstance(value, str) and not value.startswith("/")),
        "a path relative to the project, or '' to turn the lock off",
        "The committed record of every published episode GUID. The production build fails if "
        "a GUID in it would change or vanish, and adds new episodes; development builds warn.",
    ),
)


class SettingsError(ValueError):
    """A setting has a value the plugin cannot use."""


def with_defaults(settings):
    """Fill in every missing setting with its default and check every value."""
    for setting in SETTINGS:
        settings.setdefault(setting.name, setting.default)
        value = settings[setting.name]
        if not setting.check(value):
            raise SettingsError(f"{setting.name} must be {setting.expected}, not {value!r}")
    return settings
