"""The GUID lock: every published episode's feed GUID, kept in a committed file.

A podcast app identifies an episode by its GUID; a changed or vanished GUID makes apps
download the episode again or lose it.  The lock file remembers, per seed file stem, the GUID
each published episode went out with, so a build can refuse to change it.

Format: one ``<stem><TAB><guid>`` line per episode, sorted by stem, ``#`` comments.  Lines
are only ever added, which lets git merge two additions with ``merge=union``; an identical
line repeated by such a merge is harmless, two different GUIDs for one stem are an error.
"""

from dataclasses import dataclass, field

from ..errors import TranscriptError

HEADER = (
    "# Feed GUIDs of published episodes: <seed file stem> TAB <guid>, sorted by stem.\n"
    "# Written by the production build. Never change a GUID: podcast apps would download\n"
    "# the episode again. Delete a line only when you retract that episode for good.\n"
)


def read_lock(text, name):
    """``{stem: guid}`` from the lock file's text; ``name`` locates errors."""
    guids = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        stem, tab, guid = line.partition("\t")
        if not tab or not stem or not guid.strip():
            raise TranscriptError(name, number, "expected <stem> TAB <guid>")
        if guids.get(stem, guid) != guid:
            raise TranscriptError(name, number, f"{stem} is locked to {guids[stem]} already")
        guids[stem] = guid
    return guids


def format_lock(guids):
    """The lock file's text for ``{stem: guid}``: stable, sorted, one line per episode."""
    return HEADER + "".join(f"{stem}\t{guids[stem]}\n" for stem in sorted(guids))


@dataclass(frozen=True)
class LockCheck:
    """How the episodes of a build compare with the lock."""

    changed: dict = field(default_factory=dict)  # stem -> (locked guid, new guid)
    dropped: dict = field(default_factory=dict)  # stem -> locked guid
    reused: dict = field(default_factory=dict)  # new stem -> (its guid, stem locked to it)
    added: dict = field(default_factory=dict)  # new stem -> guid

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
        )


def compare(locked, current, skipped=()):
    """Compare ``{stem: guid}`` of this build with the lock.

    ``skipped`` are stems whose seed failed to read in a development build: their problem
    is reported already, so they are not called dropped.
    """
    owners = {guid: stem for stem, guid in locked.items()}
    changed = {s: (locked[s], g) for s, g in current.items() if s in locked and locked[s] != g}
    dropped = {s: g for s, g in locked.items() if s not in current and s not in skipped}
    new = {s: g for s, g in current.items() if s not in locked}
    reused = {s: (g, owners[g]) for s, g in new.items() if g in owners}
    added = {s: g for s, g in new.items() if s not in reused}
    return LockCheck(changed, dropped, reused, added)
