"""Development settings: ``pelican -s pelicanconf.py`` builds the site into ``output/``."""

AUTHOR = "The Daily Synthesizer"
SITENAME = "The Daily Synthesizer"
SITESUBTITLE = (
    "A daily show about AI, chips and the people in between, published from its transcripts."
)
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

# The project root is Pelican's PATH: transcripts live in seeds/, pages in content/.
PATH = "."
ARTICLE_PATHS = ["seeds"]
PAGE_PATHS = ["content/pages"]
STATIC_PATHS = ["content/images"]
EXTRA_PATH_METADATA = {"content/images/cover.png": {"path": "images/cover.png"}}
OUTPUT_PATH = "output"
CACHE_PATH = "cache"  # set here so it is relative to the project, not the working folder

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["transcript_podcast"]
THEME = "theme"

# Every episode lives in its own folder, next to its transcript files.
ARTICLE_URL = "episodes/{slug}/"
ARTICLE_SAVE_AS = "episodes/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DIRECT_TEMPLATES = ["index", "search"]
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
DEFAULT_PAGINATION = 20
ARCHIVES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""

# Pelican's own feeds are replaced by the plugin's podcast feed.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Output must not depend on the clock or file times.
DEFAULT_DATE = None
RELATIVE_URLS = False
LOAD_CONTENT_CACHE = False
# Where the content cache goes when it is turned on (`-e LOAD_CONTENT_CACHE=true
# CACHE_CONTENT=true`): next to this file, not in whatever folder pelican is run from.
CACHE_PATH = "cache"

PODCAST_OPENING_SECONDS = 60
PODCAST_STRICT = False
PODCAST_GUID_LOCK = "seeds/guids.lock"

# Search: Pagefind indexes the written site (PODCAST_PAGEFIND = None: the pagefind-bin one).
PODCAST_SEARCH = True

# The podcast feed (SITEURL is empty here, so its URLs use PODCAST_LOCAL_SITEURL).
PODCAST_FEED_PATH = "feed.xml"
PODCAST_LOCAL_SITEURL = "http://localhost:8000"
PODCAST_DESCRIPTION = None  # SITESUBTITLE
PODCAST_AUTHOR = None  # AUTHOR
PODCAST_OWNER_NAME = "The Daily Synthesizer"
PODCAST_OWNER_EMAIL = "podcast@daily-synthesizer.example.org"
PODCAST_IMAGE = "images/cover.png"
PODCAST_CATEGORY = ("News", "Tech News")
PODCAST_EXPLICIT = False
PODCAST_TYPE = "episodic"
PODCAST_GUID = None  # derived from the feed URL until the show is published
PODCAST_LOCKED = True
PODCAST_MEDIUM = "podcast"
PODCAST_HOSTS = []
PODCAST_MAX_ITEMS = None
PODCAST_LANGUAGE = None  # DEFAULT_LANG
PODCAST_REQUIRE_AUDIO = False

# The transcripts come without recordings: narrate them so every episode plays.  Development
# builds use eSpeak NG (seconds for the five seeds); publishconf.py uses Piper's natural voice.
PODCAST_NARRATION = True
PODCAST_NARRATION_ENGINE = "espeak"
PODCAST_NARRATION_VOICE = "en-us"
PODCAST_NARRATION_BIT_RATE = 32
PODCAST_NARRATION_CACHE = "cache/narration"  # kept apart from the keyed content cache
PODCAST_NARRATION_WORKERS = None  # one process per CPU
