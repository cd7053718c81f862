"""Production settings: ``pelican -s publishconf.py`` fails on any bad transcript."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *

SITEURL = os.environ.get("SITEURL", "https://daily-synthesizer.example.org")
RELATIVE_URLS = False
# The output folder is kept between builds (CI caches it with cache/): episode pages and
# transcript files whose inputs did not change are not made again, and the plugin removes
# every file an earlier build made that no current source makes (gone episodes, old slugs and
# pagination pages, pages removed from content/, a development build's drafts).
DELETE_OUTPUT_DIRECTORY = False

PODCAST_STRICT = True

# Incremental rebuilds: parsed transcripts are kept in cache/ (CI keeps it between runs).
# Content hashes, not file times (a fresh checkout resets them), decide what is re-read, and
# the plugin files the cache under a key of sidecars, audio, plugin code and settings, so a
# cached build is byte-identical to a fresh one.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "sha256"
# Uncompressed: gzip level 9 took longer than reading every transcript again (7 s of 1,000).
GZIP_CACHE = False

PODCAST_NARRATION = True
# A neural voice a listener can bear for twenty minutes (Piper, the bundled voice 'joe').  The
# first build narrates every episode (minutes: it prints its progress); later ones reuse them.
PODCAST_NARRATION_ENGINE = "piper"
PODCAST_NARRATION_VOICE = None
# Narration gives every episode audio, so an episode without any is a defect here.
PODCAST_REQUIRE_AUDIO = True
