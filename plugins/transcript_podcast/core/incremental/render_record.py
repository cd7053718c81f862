"""What each output file was made from, so a rebuild can skip making it again (no Pelican).

Pelican renders every page on every build, and the plugin writes five transcript files per
episode; for a site of thousands of episodes nearly all come out as before.  The record
keeps, per output file, a fingerprint of its inputs and a digest of the bytes written.  A
file is made again unless both match: the same inputs, and the file still on disk exactly
as it was written (deleted or edited output is always made afresh).
"""

import hashlib
import json
from pathlib import Path


def fingerprint(*parts):
    """A digest of ``parts`` (strings or bytes), unambiguous about where each one ends."""
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode()
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def file_digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class RenderRecord:
    """``{output name: (input fingerprint, digest of the bytes)}``, kept in a JSON file."""

    def __init__(self, path, output):
        self.path, self.output = Path(path), Path(output)
        try:
            self.entries = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            self.entries = {}
        self.seen, self.kept = set(), 0

    def unchanged(self, names, inputs):
        """True when every one of ``names`` was made from ``inputs`` and is still on disk."""
        self.seen.update(names)
        for name in names:
            entry = self.entries.get(name)
            if entry is None or entry[0] != inputs:
                return False
            try:
                if file_digest(self.output / name) != entry[1]:
                    return False
            except FileNotFoundError:
                return False
        self.kept += len(names)
        return True

    def made(self, name, inputs, data):
        """Note that ``name`` was made from ``inputs`` and holds ``data`` (bytes)."""
        self.seen.add(name)
        self.entries[name] = [inputs, hashlib.sha256(data).hexdigest()]

    def digests(self, names):
        """``{name: digest of its bytes}`` for those of ``names`` checked or made this build."""
        return {name: self.entries[name][1] for name in names if name in self.seen}

    def remove_stale(self):
        """Delete the files this record made before that this build did not make: the pages
        and transcript files of episodes that are gone.  Returns their names."""
        stale = sorted(set(self.entries) - self.seen)
        for name in stale:
            (self.output / name).unlink(missing_ok=True)
            del self.entries[name]
        return stale

    def save(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.entries, sort_keys=True, separators=(",", ":"))
        self.path.write_text(text, encoding="utf-8")
