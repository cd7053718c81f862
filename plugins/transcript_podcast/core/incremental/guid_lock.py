"""The GUID lock: every published episode's feed GUID and URL slug, kept in a committed file.

A podcast app identifies an episode by its GUID, and listeners' links and search engines by
its URL; a changed GUID makes apps download the episode again, a moved URL breaks every
link.  The lock remembers, per seed file stem, the GUID and the slug each published episode
went out with, so a build can refuse to change either and never give them to another episode.

Format (UTF-8 text, ``\\n`` ends a line, ``#`` starts a comment)::

    <seed file stem> TAB <guid> TAB <slug>

one line per published episode, sorted by stem.  A line without its slug (``<stem> TAB
<guid>``, written before slugs were locked) is read as "slug not recorded yet"; the next
production build fills it in with the slug the episode is published at.  No field may hold
a tab, a line break or another control character (:func:`..safe_text.unsafe_character`).
Lines are only ever added, which lets git merge two additions with ``merge=union``; an
identical line repeated by such a merge is harmless, two GUIDs or two slugs for one stem (or
one GUID or slug for two stems) are an error naming both lines.
"""

from dataclasses import dataclass, field

from ..errors import TranscriptError
from ..safe_text import unsafe_character

HEADER = (
    "# Published episodes: <seed file stem> TAB <feed GUID> TAB <URL slug>, sorted by stem.\n"
    "# Written by the production build once every check passed. Never change a GUID or a\n"
    "# slug: podcast apps would download the episode again and links to it would break.\n"
    "# Delete a line only when you retract that episode for good.\n"
)


@dataclass(frozen=True)
class Locked:
    """What one published episode went out with; ``slug`` is None until it is recorded."""

    guid: str
    slug: str | None = None


def read_lock(text, name):
    """``{stem: Locked}`` from the lock file's text; ``name`` locates errors."""
    entries, first_line, owners = {}, {}, {}
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) not in (2, 3) or not all(fields):
            raise TranscriptError(name, number, "expected <stem> TAB <guid> TAB <slug>")
        for value in fields:
            problem = unsafe_character(value)
            if problem:
                raise TranscriptError(name, number, f"{value!r} contains {problem}")
        stem, entry = fields[0], Locked(*fields[1:])
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
        entries[stem] = Locked(known.guid, known.slug or entry.slug)
        first_line.setdefault(stem, number)
    return entries


def format_lock(entries):
    """The lock file's text for ``{stem: Locked}``: stable, sorted, one line per episode."""
    lines = []
    for stem in sorted(entries):
        entry = entries[stem]
        lines.append("\t".join([stem, entry.guid] + ([entry.slug] if entry.slug else [])))
    return HEADER + "".join(f"{line}\n" for line in lines)


def updated(locked, published):
    """The lock after a successful build published ``{stem: Locked}``.

    Locked episodes keep their GUID and slug (a slug not recorded yet is filled in); new
    episodes are added.  Nothing is removed: a retraction deletes its line by hand.
    """
    entries = dict(locked)
    for stem, entry in published.items():
        known = entries.get(stem)
        entries[stem] = entry if known is None else Locked(known.guid, known.slug or entry.slug)
    return entries


@dataclass(frozen=True)
class LockCheck:
    """How the episodes of a build compare with the lock."""

    changed: dict = field(default_factory=dict)  # stem -> (locked guid, new guid)
    dropped: dict = field(default_factory=dict)  # stem -> locked guid
    reused: dict = field(default_factory=dict)  # new stem -> (its guid, stem locked to it)
    moved: dict = field(default_factory=dict)  # stem -> (locked slug, sidecar slug)

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
                f"stem now (restore or rename it back; delete its lock line only to retract it)"
                for stem, guid in sorted(self.dropped.items())
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
    dropped = {s: e.guid for s, e in locked.items() if s not in guids and s not in skipped}
    reused = {
        s: (g, owners[g]) for s, g in guids.items() if s not in locked and owners.get(g, s) != s
    }
    moved = {
        s: (locked[s].slug, slug)
        for s, slug in (sidecar_slugs or {}).items()
        if s in locked and locked[s].slug and locked[s].slug != slug
    }
    return LockCheck(changed, dropped, reused, moved)
