"""Write a file only when its content changes (no Pelican here).

A rebuild produces mostly the same pages and transcript files as the build before; leaving
an identical file alone spares the disk the write (on a busy disk, ``open`` for writing was
most of the cost of writing a page) and keeps its time stamp for rsync and for caches.
The result on disk is byte for byte what writing it would have left.
"""

import io
import os
from pathlib import Path


def write_if_changed(path, data):
    """Write ``data`` (bytes) to ``path`` unless it already holds exactly that; True if written."""
    path = Path(path)
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


class ChangedOnlyFile(io.StringIO):
    """A text file opened for writing that, on close, is written only if its text changed."""

    def __init__(self, path, encoding="utf-8"):
        super().__init__(newline="")
        self.path, self.encoding_name = path, encoding

    def close(self):
        if not self.closed:
            text = self.getvalue()
            if os.linesep != "\n":  # as ``open(path, "w")`` would have written it
                text = text.replace("\n", os.linesep)
            write_if_changed(self.path, text.encode(self.encoding_name))
        super().close()
