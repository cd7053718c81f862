"""Plain data for one episode: what the parser produces and every writer consumes.

The classes are frozen dataclasses so they are hashable, comparable in tests and picklable
(Pelican caches reader output between builds).
"""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a timed segment with its own times (Whisper's word timestamps)."""

    start_ms: int
    end_ms: int
    text: str

    def __reduce__(self):
        return (Word, (self.start_ms, self.end_ms, self.text))


@dataclass(frozen=True, slots=True)
class Segment:
    """One fragment of speech: start second, text as written, where it is in its source.

    ``line`` is the 1-based source line, or for JSON transcripts (whose lines say little) a
    locator such as ``"segment 12"``.  Segments read from a timed transcript (WebVTT, SRT,
    JSON) keep the cue's exact ``start_ms`` and ``end_ms``, and ``start`` is its whole
    second; ``.txt`` seed lines say only the second they start (``start_ms`` is None).
    ``words`` holds word timings when the transcript gives them.
    """

    start: int
    text: str
    line: int | str = 0
    speaker: str | None = None
    start_ms: int | None = None
    end_ms: int | None = None
    words: tuple[Word, ...] = ()

    @property
    def timed(self):
        """True when the source gave this segment's exact start and end."""
        return self.end_ms is not None

    def __reduce__(self):
        # Pickled as a plain call: a slotted dataclass's default state goes through
        # ``dataclasses.fields`` for every segment, which made the content cache slow.
        fields = (self.start, self.text, self.line, self.speaker)
        return (Segment, (*fields, self.start_ms, self.end_ms, self.words))


def timed_segment(start_ms, end_ms, text, line, *, speaker=None, words=()):
    """A segment read from a timed transcript: its cue's times kept to the millisecond."""
    return Segment(start_ms // 1000, text, line, speaker, start_ms, end_ms, tuple(words))


@dataclass(frozen=True, slots=True)
class Person:
    """Someone credited on the show or an episode (podcast:person)."""

    name: str
    role: str = "host"
    group: str = "cast"
    href: str | None = None
    img: str | None = None


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a value was written (a sidecar or seed, relative to the project, and its line),
    so a problem found later with the file it names is reported there."""

    path: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class AudioSource:
    """Where an episode's recording comes from: a project file or a remote URL.

    ``path`` is relative to the project root; a remote ``url`` carries its byte ``length``
    (and optionally ``duration`` and MIME ``type``) because the build cannot measure it.
    """

    path: str | None = None
    url: str | None = None
    length: int | None = None
    duration: float | None = None
    mime_type: str | None = None
    origin: Origin | None = None


@dataclass(frozen=True, slots=True)
class Artwork:
    """An episode's own cover art: a remote JPEG/PNG URL or a project file."""

    url: str | None = None
    path: str | None = None
    origin: Origin | None = None


@dataclass(frozen=True, slots=True)
class Enclosure:
    """The audio file as the feed and the player see it: absolute facts, not a source."""

    url: str
    length: int
    mime_type: str
    duration: float


@dataclass(frozen=True, slots=True)
class TranscriptLink:
    """One published transcript file of an episode (page download and podcast:transcript)."""

    label: str
    url: str
    mime_type: str
    timed: bool


@dataclass(frozen=True, slots=True)
class Chapter:
    """One chapter: where it starts (seconds), its title, and what podcast apps may show.

    ``toc=False`` is a hidden marker (metadata only, not listed).  ``line`` is the sidecar
    line an authored chapter was written on (0 for chapters found in the transcript).
    """

    start: float
    title: str
    url: str | None = None
    img: str | None = None
    toc: bool = True
    line: int = 0


@dataclass(frozen=True, slots=True)
class Chapters:
    """An episode's chapters in order, and whether they were found in the transcript
    (``found``) rather than written in its sidecar."""

    chapters: tuple[Chapter, ...]
    found: bool

    @property
    def listed(self):
        """The chapters shown to listeners (hidden markers left out)."""
        return tuple(c for c in self.chapters if c.toc)


@dataclass(frozen=True, slots=True)
class Episode:
    """One published episode, independent of Pelican."""

    stem: str
    source_path: str
    title: str
    notes: str
    air_date: date
    segments: tuple[Segment, ...]
    guid: str
    slug: str | None = None
    number: int | None = None
    season: int | None = None
    episode_type: str = "full"  # itunes:episodeType: full, trailer or bonus
    explicit: bool | None = None
    audio: AudioSource | None = None
    image: Artwork | None = None
    people: tuple[Person, ...] = field(default_factory=tuple)
    chapters: tuple[Chapter, ...] = field(default_factory=tuple)  # authored in the sidecar

    @property
    def spoken_segments(self):
        """Segments that carry words; empty fragments are kept in ``segments`` only."""
        return tuple(s for s in self.segments if s.text)


@dataclass(frozen=True, slots=True)
class Neighbour:
    """The previous or next episode as a page links to it."""

    url: str
    title: str


@dataclass(frozen=True, slots=True)
class Narrated:
    """What synthesized audio adds to an episode: its label and the real end of each
    segment's speech (which times the transcript's cues better than an estimate)."""

    note: str
    spoken_ends: tuple[float, ...]


class StageOrderError(RuntimeError):
    """A build stage read a field of an :class:`EpisodeBuild` before the stage that fills it."""


class Stage:
    """A field of :class:`EpisodeBuild` that one stage fills and later stages read.

    Reading it before it is filled raises :class:`StageOrderError` naming the field, so a
    receiver connected in the wrong order fails at once instead of reading a default.
    """

    def __set_name__(self, owner, name):
        self.name = name
        self.slot = f"_{name}"

    def __get__(self, record, owner=None):
        if record is None:
            return self
        try:
            return getattr(record, self.slot)
        except AttributeError:
            raise StageOrderError(
                f"{record.episode.source_path}: {self.name} was read before the stage that "
                "sets it ran"
            ) from None

    def __set__(self, record, value):
        setattr(record, self.slot, value)


class EpisodeBuild:
    """Everything one build learns about one episode, filled in stage by stage.

    The reader gives the :class:`Episode`; then identity settles ``url``, ``transcripts``
    and ``artwork``, narration sets ``narration`` (and may give ``episode`` its audio),
    chapters set ``chapters`` (and may give ``episode`` audio tagged with them), enclosures
    set ``enclosure``, and the neighbours ``previous`` and ``next``.  Templates
    and writers read these fields only.
    """

    __slots__ = (
        "_artwork",
        "_chapters",
        "_enclosure",
        "_narration",
        "_next",
        "_previous",
        "_transcripts",
        "_url",
        "episode",
        "transcript_html",
    )

    url = Stage()  # the page's site-relative URL, e.g. "episodes/<slug>/"
    artwork = Stage()  # the episode's own cover art: its published URL (site-relative or not)
    transcripts = Stage()  # tuple[TranscriptLink, ...]
    narration = Stage()  # Narrated | None
    chapters = Stage()  # Chapters | None
    enclosure = Stage()  # Enclosure | None
    previous = Stage()  # Neighbour | None: the older episode
    next = Stage()  # Neighbour | None: the newer episode

    @property
    def listed_chapters(self):
        """The chapters the page and the transcript show (none when there are none)."""
        return self.chapters.listed if self.chapters is not None else ()

    def __init__(self, episode):
        self.episode = episode
        # The page's transcript HTML, kept from rendering the page until its transcript.html
        # is written right after it (made once, then dropped).
        self.transcript_html = None
