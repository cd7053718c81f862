"""Pelican plugin: publish a podcast from its transcripts.

The work lives in :mod:`.core` (and :mod:`.check`, :mod:`.tools`), which never import Pelican;
:mod:`.shell` adapts it to a Pelican build.  ``register()`` imports the shell only when Pelican
loads the plugin, so the core imports (and ``python -m transcript_podcast check`` runs)
without Pelican.
"""


def register():
    """Connect the shell's receivers to Pelican's signals."""
    from .shell.receivers import connect  # noqa: PLC0415 (Pelican is imported only here)

    connect()
