"""The Pelican side of unchanged files: a Writer that leaves identical pages alone.

Pelican renders and rewrites every page on every build; this Writer (supplied through the
``get_writer`` signal) still renders them, so every page is exactly what a cold build writes,
but writes a page to disk only when its bytes differ from the file already there.
"""

import os

from pelican.writers import FileOverwriteFailedError, Writer

from .unchanged_files import ChangedOnlyFile


class ChangedOnlyWriter(Writer):
    """Pelican's Writer, except that a page with unchanged bytes is not written again."""

    def _open_w(self, filename, encoding, override=False):
        # Pelican's own bookkeeping (Writer._open_w), which opens the file for writing at once.
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
            return open(os.devnull, "w", encoding=encoding)  # the caller closes it
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it '
                "previously (set `override=True` if intended)"
            )
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return ChangedOnlyFile(filename, encoding)


def changed_only_writer(pelican):
    """Receiver for ``get_writer``."""
    return ChangedOnlyWriter
