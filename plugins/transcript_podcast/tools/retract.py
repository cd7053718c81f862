"""``retract``: take a published episode down for good, recorded so no merge can undo it.

A retraction used to be "delete the episode's lock line", and a lock commit merged with
``merge=union`` brought the line back.  Now the line is kept, marked ``retracted`` (its GUID
and slug stay reserved), and the episode's seed, sidecar and audio are deleted; both changes
go into one commit.
"""

from pathlib import Path

from ..core.errors import TranscriptError
from ..core.incremental.guid_lock import format_lock, read_lock, retracted
from ..core.seeds.files import AUDIO_SUFFIXES, SEED_SUFFIXES

OWN_FILES = (*SEED_SUFFIXES, ".toml", *AUDIO_SUFFIXES)


def retract(episode, lock, seeds):
    """Mark ``episode`` (a seed's stem, or the seed file) retracted in the ``lock`` file and
    delete its own files under ``seeds``.

    Returns the lines to print; raises ValueError (with the file named) when it cannot.
    """
    named = Path(episode)
    stem = named.stem if named.suffix.lower() in SEED_SUFFIXES else named.name
    lock = Path(lock)
    try:
        entries = read_lock(lock.read_text(encoding="utf-8"), str(lock))
    except FileNotFoundError:
        raise ValueError(f"{lock}: no such lock file (nothing was published yet)") from None
    except UnicodeDecodeError:
        raise ValueError(f"{lock}: not UTF-8 text") from None
    except TranscriptError as error:
        raise ValueError(str(error)) from None
    if stem in entries and entries[stem].retracted:
        lines = [f"{lock}: {stem} is retracted already"]
    else:
        try:
            entries = retracted(entries, stem)
        except ValueError as error:
            raise ValueError(f"{lock}: {error}") from None
        written = lock.with_name(f"{lock.name}.new")
        written.write_text(format_lock(entries), encoding="utf-8")
        written.replace(lock)
        lines = [f"{lock}: {stem} retracted (its GUID and slug stay reserved)"]
    own = sorted(
        path
        for path in Path(seeds).rglob(f"{stem}.*")
        if path.is_file() and path.stem == stem and path.suffix.lower() in OWN_FILES
    )
    for path in own:
        path.unlink()
        lines.append(f"{path}: deleted")
    lines.append("commit these changes together; the next publish takes the episode down")
    return lines
