"""Ending a build on bad input: one critical line, exit status 1, no traceback."""

import logging

logger = logging.getLogger(__name__)


class BuildStopped(SystemExit):
    """Ends ``pelican`` with exit status 1 and a one-line reason, without a traceback."""

    def __init__(self, reason):
        super().__init__(1)
        self.reason = reason

    def __str__(self):
        return self.reason


def stop(reason):
    """Log ``reason`` as critical and stop the build."""
    logger.critical("%s", reason)
    raise BuildStopped(reason)
