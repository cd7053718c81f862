"""Read the optional ``<stem>.toml`` sidecar that adds or overrides an episode's metadata.

Every key is checked for its type and meaning here, so a typo in a sidecar fails the build
with the file and key named instead of silently doing nothing.
"""

import contextlib
import math
import re
import tomllib
from datetime import date

from ..errors import TranscriptError
from ..locations import artwork_type, is_http_url, looks_like_url, path_inside
from ..model import Artwork, AudioSource, Chapter, Origin
from ..people import PersonError, person_from
from ..safe_text import unsafe_character
from .layout import stamp_seconds
from .spoken_date import EARLIEST_YEAR, LATEST_YEAR

SIDECAR_KEYS = (
    "title", "notes", "date", "slug", "guid", "episode", "season", "episode_type",
    "explicit", "audio", "image", "people", "speakers", "chapters",
)  # fmt: skip
EPISODE_TYPES = ("full", "trailer", "bonus")  # Apple's itunes:episodeType values
AUDIO_KEYS = ("path", "url", "length", "duration", "type")
SPEAKER_KEYS = ("start", "name")
CHAPTER_KEYS = ("start", "title", "url", "img", "toc")
CHAPTER_START = re.compile(r"^(\d{1,3}:\d{2}:\d{2})(\.\d{1,3})?\Z")
SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")
AUDIO_TYPE = re.compile(r"audio/[\w.+-]+", re.ASCII)
# The longest recording a duration may give: as long as a seed's timestamps can say (999 h).
LONGEST_SECONDS = 1000 * 3600
TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def read_sidecar(data, path):
    """Sidecar bytes → dict of checked values keyed like :class:`Episode` fields."""
    try:
        table = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise TranscriptError(path, None, "not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        located = TOML_LINE.search(str(exc))
        line = int(located[1]) if located else None
        raise TranscriptError(
            path, line, f"not valid TOML: {TOML_LINE.sub('', str(exc)).strip()}"
        ) from None
    check = Checker(path, data.decode("utf-8-sig"))
    unknown = sorted(set(table) - set(SIDECAR_KEYS))
    if unknown:
        raise TranscriptError(
            path,
            check.line_of(unknown[0]),
            f"unknown key {unknown[0]!r} (known keys: {', '.join(SIDECAR_KEYS)})",
        )
    values = {}
    # The single values: sidecar key, Episode field, and the check that reads it.
    for key, name, read in (
        ("title", "title", check.text),
        ("notes", "notes", check.notes),
        ("date", "air_date", check.date),
        ("slug", "slug", check.slug),
        ("guid", "guid", check.text),
        ("episode", "number", check.positive),
        ("season", "season", check.positive),
        ("episode_type", "episode_type", check.episode_type),
        ("explicit", "explicit", check.boolean),
        ("image", "image", check.image),
    ):
        if key in table:
            values[name] = read(key, table[key])
    if "audio" in table:
        values["audio"] = check.audio(table["audio"])
    if "people" in table:
        values["people"] = tuple(
            check.person(i, p) for i, p in enumerate(check.tables("people", table["people"]))
        )
    if "speakers" in table:
        values["speakers"] = check.speakers(table["speakers"])
    if "chapters" in table:
        values["chapters"] = check.chapters(table["chapters"])
    return values


class Checker:
    """Type and meaning checks for sidecar values, each naming the offending key."""

    def __init__(self, path, text=""):
        self.path = path
        self.lines = text.splitlines()

    def line_of(self, key):
        """The line where ``key`` (or its table) is written: tomllib keeps no positions."""
        names = [part for part in re.split(r"[.\[\]]", key) if part and not part.isdigit()]
        for name in reversed(names):
            pattern = re.compile(rf"^\s*(\[\[?\s*)?{re.escape(name)}\s*(=|\]\]?)")
            for number, line in enumerate(self.lines, start=1):
                if pattern.match(line):
                    return number
        return None

    def fail(self, key, problem):
        raise TranscriptError(self.path, self.line_of(key), f"{key!r} {problem}")

    def origin(self, key):
        return Origin(self.path, self.line_of(key))

    def date(self, key, value):
        found = None
        if isinstance(value, date) and not hasattr(value, "hour"):
            found = value
        elif isinstance(value, str):
            with contextlib.suppress(ValueError):
                found = date.fromisoformat(value)
        if found is None or not EARLIEST_YEAR <= found.year <= LATEST_YEAR:
            self.fail(
                key,
                f"must be a date like 2026-05-17 between {EARLIEST_YEAR} and {LATEST_YEAR}, "
                f"not {value!r}",
            )
        return found

    def text(self, key, value):
        """A non-empty string that a feed can carry on one line (every sidecar string)."""
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"must be a non-empty string, not {value!r}")
        problem = unsafe_character(value)
        if problem:
            self.fail(key, f"contains {problem}: write it on one line, without control characters")
        return value.strip()

    def notes(self, key, value):
        """Show notes: one or more lines (a TOML multi-line string), each line trimmed and
        held to the one-line rule (no control characters besides the line breaks)."""
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"must be a non-empty string, not {value!r}")
        lines = [line.strip() for line in value.replace("\r\n", "\n").split("\n")]
        for line in lines:
            problem = unsafe_character(line)
            if problem:
                self.fail(key, f"contains {problem}: only line breaks may split show notes")
        return "\n".join(lines).strip()

    def number(self, key, value):
        """A positive, finite number of seconds no longer than a seed can time."""
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not math.isfinite(value)
            or not 0 < value <= LONGEST_SECONDS
        ):
            self.fail(
                key, f"must be a positive number of seconds up to {LONGEST_SECONDS}, not {value!r}"
            )
        return value

    def slug(self, key, value):
        value = self.text(key, value)
        if not SLUG.fullmatch(value):
            self.fail(key, f"must be lowercase letters, digits, '-' or '_', not {value!r}")
        return value

    def positive(self, key, value):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.fail(key, f"must be a positive integer, not {value!r}")
        return value

    def episode_type(self, key, value):
        if value not in EPISODE_TYPES:
            self.fail(key, f"must be one of {', '.join(EPISODE_TYPES)}, not {value!r}")
        return value

    def boolean(self, key, value):
        if not isinstance(value, bool):
            self.fail(key, f"must be true or false, not {value!r}")
        return value

    def url(self, key, value):
        value = self.text(key, value)
        if not is_http_url(value):
            self.fail(key, f"must be an http(s) URL, not {value!r}")
        return value

    def project_path(self, key, value):
        """A relative path that stays inside the project (see :func:`.locations.path_inside`)."""
        value = self.text(key, value)
        normal = path_inside(value)
        if normal is None:
            self.fail(key, f"must be a path inside the project, not {value!r}")
        return normal

    def image(self, key, value):
        """Episode artwork: a JPEG/PNG URL, or a project file (checked when it is published)."""
        if looks_like_url(value):
            url = self.url(key, value)
            if artwork_type(url) is None:
                self.fail(
                    key,
                    "must be a .jpg, .jpeg or .png URL (podcast apps show only JPEG and PNG "
                    f"artwork), not {url!r}",
                )
            return Artwork(url=url, origin=self.origin(key))
        return Artwork(path=self.project_path(key, value), origin=self.origin(key))

    def tables(self, key, value):
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail(key, "must be an array of tables ([[" + key + "]])")
        return value

    def only(self, key, table, allowed):
        unknown = sorted(set(table) - set(allowed))
        if unknown:
            self.fail(key, f"has unknown key {unknown[0]!r} (known: {', '.join(allowed)})")

    def audio(self, value):
        if isinstance(value, str):
            value = {"url": value} if looks_like_url(value) else {"path": value}
        if not isinstance(value, dict):
            self.fail("audio", "must be a path, a URL, or a table with path or url")
        self.only("audio", value, AUDIO_KEYS)
        if ("path" in value) == ("url" in value):
            self.fail("audio", "needs exactly one of 'path' or 'url'")
        duration = value.get("duration")
        if duration is not None:
            duration = self.number("audio.duration", duration)
        mime_type = value.get("type")
        if mime_type is not None:
            mime_type = self.text("audio.type", mime_type)
            if not AUDIO_TYPE.fullmatch(mime_type):
                self.fail("audio.type", f"must be an audio MIME type, not {mime_type!r}")
        if "path" in value:
            if "length" in value:
                self.fail("audio.length", "is measured from the file; give it only with 'url'")
            return AudioSource(
                path=self.project_path("audio.path", value["path"]),
                duration=duration,
                mime_type=mime_type,
                origin=self.origin("audio.path"),
            )
        if "length" not in value:
            self.fail("audio", "with a 'url' needs its byte 'length' (podcast apps require it)")
        return AudioSource(
            url=self.url("audio.url", value["url"]),
            length=self.positive("audio.length", value["length"]),
            duration=duration,
            mime_type=mime_type,
            origin=self.origin("audio"),
        )

    def person(self, index, table):
        key = f"people[{index}]"
        try:
            return person_from(table)
        except PersonError as error:
            self.fail(f"{key}.{error.key}" if error.key else key, error.problem)

    def speakers(self, value):
        """Speaker turns: each ``{start = "HH:MM:SS", name = "..."}`` holds until the next."""
        turns = []
        for index, table in enumerate(self.tables("speakers", value)):
            key = f"speakers[{index}]"
            self.only(key, table, SPEAKER_KEYS)
            start = stamp_seconds(str(table.get("start", "")))
            if start is None:
                self.fail(
                    f"{key}.start", f'must be a time like "00:03:21", not {table.get("start")!r}'
                )
            if turns and start < turns[-1][0]:
                self.fail(f"{key}.start", "goes back before the previous speaker turn")
            turns.append((start, self.text(f"{key}.name", table.get("name"))))
        return tuple(turns)

    def entry_line(self, array, index, key=None):
        """The line of the ``index``-th ``[[array]]`` table, or of its ``key`` in it."""
        headers = [
            number
            for number, line in enumerate(self.lines, start=1)
            if re.match(rf"^\s*\[\[\s*{re.escape(array)}\s*\]\]", line)
        ]
        if index >= len(headers):
            return self.line_of(array)
        if key is None:
            return headers[index]
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number in range(headers[index] + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if re.match(r"^\s*\[", line):
                break
            if pattern.match(line):
                return number
        return headers[index]

    def chapters(self, value):
        """Authored chapters, each ``{start = "HH:MM:SS", title = "..."}`` with optional
        ``url``, ``img`` and ``toc = false``; starts must go up, none twice."""
        chapters = []
        for index, table in enumerate(self.tables("chapters", value)):
            line = self.entry_line("chapters", index)

            def refuse(problem, key=None, index=index):
                number = self.entry_line("chapters", index, key)
                name = f"chapters[{index}]" + (f".{key}" if key else "")
                raise TranscriptError(self.path, number, f"{name!r} {problem}")

            unknown = sorted(set(table) - set(CHAPTER_KEYS))
            if unknown:
                refuse(f"has unknown key {unknown[0]!r} (known: {', '.join(CHAPTER_KEYS)})")
            start = chapter_start(table.get("start"))
            if start is None:
                refuse(f'must be a time like "00:03:21", not {table.get("start")!r}', "start")
            title = table.get("title")
            if not isinstance(title, str) or not title.strip():
                refuse(f"must be a non-empty string, not {title!r}", "title")
            if unsafe_character(title):
                refuse(f"contains {unsafe_character(title)}: write it on one line", "title")
            toc = table.get("toc", True)
            if not isinstance(toc, bool):
                refuse(f"must be true or false, not {toc!r}", "toc")
            links = {}
            for key in ("url", "img"):
                if key in table:
                    link = table[key]
                    if not is_http_url(link):
                        refuse(f"must be an http(s) URL, not {link!r}", key)
                    links[key] = link
            if chapters and start == chapters[-1].start:
                refuse(f"starts at the same time as the chapter before it ({table['start']})")
            if chapters and start < chapters[-1].start:
                refuse(
                    f"starts at {table['start']}, before the chapter before it: "
                    "chapters must be in order"
                )
            chapters.append(Chapter(start, title.strip(), toc=toc, line=line, **links))
        return tuple(chapters)


def chapter_start(value):
    """``"HH:MM:SS"`` or ``"HH:MM:SS.mmm"`` → seconds, or None."""
    match = CHAPTER_START.match(value) if isinstance(value, str) else None
    if not match or stamp_seconds(match[1]) is None:
        return None
    return stamp_seconds(match[1]) + (float(match[2]) if match[2] else 0)
