"""``python -m transcript_podcast``: the project's commands (see :mod:`.tools.cli`)."""

import sys

from .tools.cli import main

sys.exit(main())
