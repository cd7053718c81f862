"""Production settings: ``pelican -s publishconf.py`` fails on any bad transcript."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *

SITEURL = os.environ.get("SITEURL", "https://daily-synthesizer.example.org")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

PODCAST_STRICT = True
