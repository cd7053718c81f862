"""The GUID lock: every published episode's feed GUID and URL slug, kept in a committed file.

A podcast app identifies an episode by its GUID, and listeners' links and search engines by
its URL; a changed GUID makes apps download the episode again, a moved URL breaks every
link.  The lock remembers, per seed file stem, the GUID and the slug each published episode
went out with, so a build can refuse to change either and never give them to another episode.

Format (UTF-8 text, ``\\n`` ends a line, ``#`` starts a comment)::

    <seed file stem> TAB <guid> TAB <slug>
    <seed file stem> TAB <guid> TAB <slug> TAB retracted

one line per published episode, sorted by stem.  A line without its slug (``<stem> TAB
<guid>``, written before slugs were locked) is read as "slug not recorded yet"; the next
production build fills it in with the slug the episode is published at.  No field may hold
a tab, a line break or another control character (:func:`..safe_text.unsafe_character`).

Nothing is ever taken back by deleting a line: a retraction is recorded by ending the
episode's line with ``retracted``, and its GUID and slug stay reserved.  Every change is thus
a line added (an edited line reads as a line added beside the old one), which lets git merge
two versions with ``merge=union`` without bringing anything back: lines for one stem are read
together, and any of them saying ``retracted`` retracts it.  Two GUIDs or two slugs for one
stem (or one GUID or slug for two stems) are an error naming both lines.
"""

from dataclasses import dataclass, field

from ..errors import TranscriptError
from ..safe_text import unsafe_character

HEADER = (
    "# Published episodes: <seed file stem> TAB <feed GUID> TAB <URL slug>, sorted by stem.\n"
    "# Written by the production build once every check passed. Never change a GUID or a\n"
    "# slug: podcast apps would download the episode again and links to it would break.\n"
    "# To retract an episode for good, end its line with TAB retracted (never delete it).\n"
)


RETRACTED = "retracted"


@dataclass(frozen=True)
class Locked:
    """What one published episode went out with; ``slug`` is None until it is recorded, and
    a retracted episode keeps its GUID and slug so no other episode is ever given them."""

    guid: str
    slug: str | None = None
    retracted: bool = False


def read_lock(text, name):
    """``{stem: Locked}`` from the lock file's text; ``name`` locates errors."""
    entries, first_line, owners = {}, {}, {}
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) not in (2, 3, 4) or not all(fields):
            raise TranscriptError(name, number, "expected <stem> TAB <guid> TAB <slug>")
        if len(fields) == 4 and fields[3] != RETRACTED:
            raise TranscriptError(
                name, number, f"the fourth field may only be {RETRACTED!r}, not {fields[3]!r}"
            )
        for value in fields:
            problem = unsafe_character(value)
            if problem:
                raise TranscriptError(name, number, f"{value!r} contains {problem}")
        stem, entry = fields[0], Locked(*fields[1:3], retracted=len(fields) == 4)
        known = entries.get(stem, entry)
        for what, old, new in (("GUID", known.guid, entry.guid), ("slug", known.slug, entry.slug)):
            if old and new and old != new:
                raise TranscriptError(
                    name,
                    number,
                    f"{stem} is locked to the {what} {old} already (line {first_line[stem]})",
                )
            owner = owners.setdefault((what, new), stem) if new else stem
            if owner != stem:
                raise TranscriptError(
                    name,
                    number,
                    f"the {what} {new!r} of {stem} is locked for {owner} already "
                    f"(line {first_line[owner]})",
                )
        entries[stem] = Locked(
            known.guid, known.slug or entry.slug, known.retracted or entry.retracted
        )
        first_line.setdefault(stem, number)
    return entries


def format_lock(entries):
    """The lock file's text for ``{stem: Locked}``: stable, sorted, one line per episode."""
    lines = []
    for stem in sorted(entries):
        entry = entries[stem]
        fields = [stem, entry.guid] + ([entry.slug] if entry.slug else [])
        lines.append("\t".join(fields + ([RETRACTED] if entry.retracted else [])))
    return HEADER + "".join(f"{line}\n" for line in lines)


def updated(locked, published):
    """The lock after a successful build published ``{stem: Locked}``.

    Locked episodes keep their GUID, slug and retraction (a slug not recorded yet is filled
    in); new episodes are added.  Nothing is ever removed.
    """
    entries = dict(locked)
    for stem, entry in published.items():
        known = entries.get(stem)
        entries[stem] = (
            entry
            if known is None
            else Locked(known.guid, known.slug or entry.slug, known.retracted)
        )
    return entries


def retracted(locked, stem):
    """The lock with ``stem`` retracted; ValueError says why it cannot be."""
    entry = locked.get(stem)
    if entry is None:
        raise ValueError(
            f"{stem} is not in the lock: an episode never published needs no retraction"
        )
    if entry.slug is None:
        raise ValueError(
            f"{stem} has no slug recorded yet: run a production build first, then retract it"
        )
    return {**locked, stem: Locked(entry.guid, entry.slug, retracted=True)}


@dataclass(frozen=True)
class LockCheck:
    """How the episodes of a build compare with the lock."""

    changed: dict = field(default_factory=dict)  # stem -> (locked guid, new guid)
    dropped: dict = field(default_factory=dict)  # stem -> locked guid
    reused: dict = field(default_factory=dict)  # new stem -> (its guid, stem locked to it)
    moved: dict = field(default_factory=dict)  # stem -> (locked slug, sidecar slug)
    returned: dict = field(default_factory=dict)  # retracted stem -> its guid

    def problems(self):
        """One sentence per broken promise, naming the episode."""
        return (
            [
                f"episode {stem} was published with GUID {old!r}; this build would change it "
                f"to {new!r} (restore it, e.g. with guid = {old!r} in its sidecar)"
                for stem, (old, new) in sorted(self.changed.items())
            ]
            + [
                f"episode {stem} was published with GUID {guid!r} but no seed file has that "
                f"stem now (restore or rename it back; to retract it for good, run "
                f"'python -m transcript_podcast retract {stem}')"
                for stem, guid in sorted(self.dropped.items())
            ]
            + [
                f"episode {stem} (GUID {guid!r}) is retracted in the lock but its seed is back "
                f"(delete it again; to publish it again, take 'retracted' off its lock line)"
                for stem, guid in sorted(self.returned.items())
            ]
            + [
                f"new episode {stem} has GUID {guid!r}, already published for episode {owner}"
                for stem, (guid, owner) in sorted(self.reused.items())
            ]
            + [
                f"episode {stem} was published at the slug {old!r}; its sidecar's slug {new!r} "
                f"would move its URL (remove that slug, or set slug = {old!r})"
                for stem, (old, new) in sorted(self.moved.items())
            ]
        )


def compare(locked, guids, sidecar_slugs=None, skipped=()):
    """Compare this build's ``{stem: guid}`` (and ``{stem: slug}`` set in sidecars) with the
    lock ``{stem: Locked}``.

    ``skipped`` are stems whose seed failed to read in a development build: their problem
    is reported already, so they are not called dropped.
    """
    owners = {entry.guid: stem for stem, entry in locked.items()}
    changed = {
        s: (locked[s].guid, g) for s, g in guids.items() if s in locked and locked[s].guid != g
    }
    dropped = {
        s: e.guid
        for s, e in locked.items()
        if s not in guids and s not in skipped and not e.retracted
    }
    reused = {
        s: (g, owners[g]) for s, g in guids.items() if s not in locked and owners.get(g, s) != s
    }
    moved = {
        s: (locked[s].slug, slug)
        for s, slug in (sidecar_slugs or {}).items()
        if s in locked and locked[s].slug and locked[s].slug != slug
    }
    returned = {s: locked[s].guid for s in guids if s in locked and locked[s].retracted}
    return LockCheck(changed, dropped, reused, moved, returned)
