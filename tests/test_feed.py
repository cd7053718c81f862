"""End-to-end: the podcast feed of a real build, read by podcastparser, feedparser and lxml.

The project holds the real seeds plus an MP3 encoded by the test beside the first one, and
is built with a production ``SITEURL`` and without narration (the plugin's default), so the
other episodes have no audio.  The narrated feed is tested in ``test_narration``.
"""

import io
import re
import shutil
import struct
import uuid
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import mutagen
import podcastparser
import pytest
from lxml import etree
from lxml import html as lxml_html

from transcript_podcast.check.site import check_site
from transcript_podcast.core.feed.rss import TRANSCRIPT_FEED_ORDER
from transcript_podcast.core.seeds.files import load_episode
from transcript_podcast.core.timing import estimated_duration
from transcript_podcast.core.transcripts.formats import FORMATS

from .audio_samples import write_mp3
from .conftest import ROOT, SEEDS, build, file_bytes, make_project, run_pelican
from .test_build import EXPECTED, TITLES

SITEURL = "https://podcast.example.org"
FEED_URL = f"{SITEURL}/feed.xml"
WITH_AUDIO = "000_cf1f7d48bab437eb"
HOSTS = [{"name": "Ada Synth", "href": "https://example.org/ada"}, "Ben Tone"]
NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
}
AIR_DATES = {stem: date.fromisoformat(day) for stem, (day, _) in EXPECTED.items()}


def build_with_audio(folder, **overrides):
    project = make_project(folder)
    write_mp3(project / "seeds" / f"{WITH_AUDIO}.mp3")
    settings = {
        "SITEURL": SITEURL,
        "PODCAST_STRICT": True,
        "PODCAST_HOSTS": HOSTS,
        "PODCAST_NARRATION": False,
    }
    return project, build(project, **(settings | overrides))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project, output = build_with_audio(tmp_path_factory.mktemp("feed-site"))
    return project, output


@pytest.fixture(scope="module")
def feed_bytes(site):
    return (site[1] / "feed.xml").read_bytes()


@pytest.fixture(scope="module")
def tree(feed_bytes):
    return etree.fromstring(feed_bytes)


@pytest.fixture(scope="module")
def channel(tree):
    return tree.find("channel")


@pytest.fixture(scope="module")
def items(channel):
    return channel.findall("item")


@pytest.fixture(scope="module")
def site_files(site):
    """The bytes published at each absolute URL of the site."""
    return {f"{SITEURL}/{path}": data for path, data in file_bytes(site[1]).items()}


def item_by_guid(items, guid):
    return next(i for i in items if i.findtext("guid") == guid)


# --- What each parser sees -------------------------------------------------------------------


def test_podcastparser_sees_five_episodes_with_titles_dates_guids(feed_bytes):
    parsed = podcastparser.parse(FEED_URL, io.BytesIO(feed_bytes))
    assert parsed["title"] == "The Daily Synthesizer"
    assert parsed["link"] == f"{SITEURL}/"
    assert parsed["cover_url"] == f"{SITEURL}/images/cover.png"
    assert parsed["itunes_categories"] == [["News", "Tech News"]]
    assert parsed["explicit"] is False
    assert parsed["type"] == "episodic"
    episodes = parsed["episodes"]
    assert len(episodes) == 5
    assert [e["published"] for e in episodes] == sorted(
        (e["published"] for e in episodes), reverse=True
    )
    assert {e["guid"]: e["title"] for e in episodes} == TITLES
    for episode in episodes:
        published = datetime.fromtimestamp(episode["published"], UTC).date()
        assert published == AIR_DATES[episode["guid"]]
        assert episode["total_time"] > 0
        assert episode["link"].startswith(f"{SITEURL}/episodes/")
    with_audio = next(e for e in episodes if e["guid"] == WITH_AUDIO)
    assert [(x["mime_type"], x["url"].startswith(SITEURL)) for x in with_audio["enclosures"]] == [
        ("audio/mpeg", True)
    ]
    assert all(not e["enclosures"] for e in episodes if e["guid"] != WITH_AUDIO)


def test_feedparser_sees_five_entries_with_titles_dates_guids(feed_bytes, site_files):
    parsed = feedparser.parse(feed_bytes)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert parsed.feed.title == "The Daily Synthesizer"
    assert parsed.feed.language == "en"
    assert len(parsed.entries) == 5
    assert {e.id: e.title for e in parsed.entries} == TITLES
    for entry in parsed.entries:
        assert entry.guidislink is False
        assert date(*entry.published_parsed[:3]) == AIR_DATES[entry.id]
        # feedparser keeps only the last of the repeated podcast:transcript tags.
        # WebVTT is written last on purpose, so feedparser apps get timed captions.
        assert entry.podcast_transcript["type"] == "text/vtt"
        assert entry.podcast_transcript["rel"] == "captions"
    # feedparser 6.0.14 maps only yes/clean; "false" must never read as explicit.
    assert parsed.feed.get("itunes_explicit") is not True
    entry = next(e for e in parsed.entries if e.id == WITH_AUDIO)
    assert [(x.type, int(x.length)) for x in entry.enclosures] == [
        ("audio/mpeg", len(site_files[entry.enclosures[0].href]))
    ]


def test_lxml_sees_five_items_newest_first(items):
    assert len(items) == 5
    guids = [i.findtext("guid") for i in items]
    assert guids == sorted(AIR_DATES, key=AIR_DATES.get, reverse=True)
    assert [i.findtext("title") for i in items] == [TITLES[g] for g in guids]


# --- Audio ---------------------------------------------------------------------------------


def test_enclosure_length_is_the_published_file_size(site, items, site_files):
    project, _ = site
    enclosure = item_by_guid(items, WITH_AUDIO).find("enclosure")
    source = project / "seeds" / f"{WITH_AUDIO}.mp3"
    published = site_files[enclosure.get("url")]
    assert published == source.read_bytes()
    assert int(enclosure.get("length")) == source.stat().st_size
    assert enclosure.get("type") == "audio/mpeg"
    duration = item_by_guid(items, WITH_AUDIO).findtext("itunes:duration", namespaces=NS)
    assert int(duration) == round(mutagen.File(source).info.length) == 3


def test_episodes_without_audio_keep_an_estimated_duration(items):
    for seed in SEEDS:
        if seed.stem == WITH_AUDIO:
            continue
        item = item_by_guid(items, seed.stem)
        episode = load_episode(seed, ROOT)
        assert item.find("enclosure") is None
        estimate = round(estimated_duration(episode.spoken_segments))
        assert int(item.findtext("itunes:duration", namespaces=NS)) == estimate > 60


# --- Transcripts ---------------------------------------------------------------------------


def test_one_transcript_tag_per_format_with_the_right_type(items):
    for item in items:
        tags = item.findall("podcast:transcript", namespaces=NS)
        page = item.findtext("link")
        ordered = sorted(FORMATS, key=lambda f: TRANSCRIPT_FEED_ORDER.index(f.mime_type))
        assert [t.get("type") for t in tags] == [
            "text/plain",
            "text/html",
            "application/json",
            "application/x-subrip",
            "text/vtt",
        ]
        assert [t.get("url") for t in tags] == [f"{page}{f.filename}" for f in ordered]
        assert [t.get("rel") for t in tags] == ["captions" if f.timed else None for f in ordered]
        assert {t.get("language") for t in tags} == {"en"}


def test_every_transcript_link_is_a_published_file(items, site_files):
    urls = [t.get("url") for i in items for t in i.findall("podcast:transcript", namespaces=NS)]
    assert len(urls) == 5 * len(FORMATS)
    assert all(site_files.get(url) for url in urls)


def test_the_published_feed_passes_the_feed_check(site):
    assert check_site(site[1], site_url=SITEURL) == []


# --- Identity ------------------------------------------------------------------------------


def test_podcast_guid_is_the_uuid5_of_the_feed_url(channel):
    expected = uuid.uuid5(
        uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"), "podcast.example.org/feed.xml"
    )
    assert channel.findtext("podcast:guid", namespaces=NS) == str(expected)
    parsed = feedparser.parse(etree.tostring(channel.getparent()))
    assert parsed.feed.podcast_guid == str(expected)


def test_special_characters_in_titles_round_trip(feed_bytes):
    wanted = {
        "004_7009488f9fc2abd8": "AI Avengers Unite: Altman's Socialist Turn & Mythos Unveiled",
        "002_3dbd943c478ecbef": "China's AI Takeover—And Why It Might Fail",
    }
    assert b"&amp;" in feed_bytes
    seen_lxml = {
        i.findtext("guid"): i.findtext("title") for i in etree.fromstring(feed_bytes).iter("item")
    }
    seen_feedparser = {e.id: e.title for e in feedparser.parse(feed_bytes).entries}
    seen_podcastparser = {
        e["guid"]: e["title"]
        for e in podcastparser.parse(FEED_URL, io.BytesIO(feed_bytes))["episodes"]
    }
    for seen in (seen_lxml, seen_feedparser, seen_podcastparser):
        assert {g: seen[g] for g in wanted} == wanted


ENTITY = re.compile(r"&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
SPECIAL_WORD = re.compile(r"\S*['’&—]\S*")


def plain(html_text):
    """What a reader sees of an HTML value: tags off, references decoded once."""
    return unescape(re.sub(r"<[^>]+>", " ", html_text))


def test_descriptions_and_show_notes_carry_no_entity_residue_in_any_parser(feed_bytes):
    """Quotes are characters, only & < > escaped once: no client shows '&#x27;' or drops it."""
    notes = {s.stem: load_episode(s, ROOT).notes for s in SEEDS}
    assert "'" in "".join(notes.values())  # the seeds do have apostrophes to lose
    texts = {}
    for entry in feedparser.parse(feed_bytes).entries:
        texts[("feedparser description", entry.id)] = plain(entry.summary)
        texts[("feedparser content", entry.id)] = plain(entry.content[0].value)
    for episode in podcastparser.parse(FEED_URL, io.BytesIO(feed_bytes))["episodes"]:
        texts[("podcastparser description", episode["guid"])] = episode["description"]
        texts[("podcastparser html", episode["guid"])] = plain(episode["description_html"])
    assert len(texts) == 4 * len(notes)
    for (reader, guid), text in texts.items():
        assert not ENTITY.search(text), (reader, guid, ENTITY.search(text))
        # Every word with an apostrophe, ampersand or dash in the first notes arrives intact.
        first = notes[guid][:1500].rsplit(" ", 1)[0]
        for word in SPECIAL_WORD.findall(first):
            assert word in text, (reader, guid, word)


def test_changing_a_title_keeps_every_guid(tmp_path, items):
    project, output = build_with_audio(tmp_path)
    seed = project / "seeds" / "001_fcc1d385489321ae.txt"
    seed.write_text("A Completely New Title & More\n" + seed.read_text().split("\n", 1)[1])
    shutil.rmtree(output)
    rebuilt = build(project, SITEURL=SITEURL, PODCAST_HOSTS=HOSTS, PODCAST_NARRATION=False)
    rebuilt = etree.fromstring((rebuilt / "feed.xml").read_bytes())
    before = sorted(i.findtext("guid") for i in items)
    after = {i.findtext("guid"): i.findtext("title") for i in rebuilt.iter("item")}
    assert sorted(after) == before
    assert after["001_fcc1d385489321ae"] == "A Completely New Title & More"


def test_two_builds_write_identical_feeds_and_audio(tmp_path, site, feed_bytes):
    _, output = build_with_audio(tmp_path)
    assert (output / "feed.xml").read_bytes() == feed_bytes
    audio = sorted(p.relative_to(output) for p in output.rglob("*.mp3"))
    assert audio == sorted(p.relative_to(site[1]) for p in site[1].rglob("*.mp3"))
    assert len(audio) == 1
    assert (output / audio[0]).read_bytes() == (site[1] / audio[0]).read_bytes()


# --- The reference checklist (podcast-feed-rules.md) ---------------------------------------


class AllowedTags(HTMLParser):
    def __init__(self, text):
        super().__init__()
        self.tags = set()
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)


def png_facts(data):
    """(width, height, colour type) from a PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, _depth, colour = struct.unpack(">IIBB", data[16:26])
    return width, height, colour


def test_rules_channel(feed_bytes, tree, channel, site_files):
    # R1: well-formed UTF-8, rss 2.0, one channel
    assert feed_bytes.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    feed_bytes.decode("utf-8")
    assert tree.tag == "rss"
    assert tree.get("version") == "2.0"
    assert len(tree.findall("channel")) == 1
    # Namespaces: exact strings
    assert {tree.nsmap[p] for p in NS} == set(NS.values())
    # R4: title, link, description, language, itunes:image, itunes:category, itunes:explicit
    for tag in ("title", "link", "description", "language"):
        assert channel.findtext(tag).strip()
    assert re.fullmatch(r"[a-z]{2}(-[a-z]{2})?", channel.findtext("language"))
    # R6: explicit true/false
    assert channel.findtext("itunes:explicit", namespaces=NS) == "false"
    # R7: itunes:image absolute, square PNG 1400-3000 px, RGB
    image = channel.find("itunes:image", namespaces=NS).get("href")
    assert image.startswith("https://")
    width, height, colour = png_facts(site_files[image])
    assert width == height
    assert 1400 <= width <= 3000
    assert colour == 2  # truecolour RGB, no alpha
    # One category from Apple's list
    categories = channel.findall("itunes:category", namespaces=NS)
    assert [(c.get("text"), [s.get("text") for s in c]) for c in categories] == [
        ("News", ["Tech News"])
    ]
    # R8
    assert channel.findtext("itunes:type", namespaces=NS) in ("episodic", "serial")
    # R10: exactly one atom:link rel=self with the feed's own URL
    selves = [x for x in channel.findall("atom:link", namespaces=NS) if x.get("rel") == "self"]
    assert [(x.get("href"), x.get("type")) for x in selves] == [(FEED_URL, "application/rss+xml")]
    # R25: podcast:guid checked in its own test; present once here
    assert len(channel.findall("podcast:guid", namespaces=NS)) == 1
    # R26: locked yes|no with the owner's email
    locked = channel.find("podcast:locked", namespaces=NS)
    assert locked.text in ("yes", "no")
    assert locked.get("owner") == channel.findtext("itunes:owner/itunes:email", namespaces=NS)
    assert "@" in locked.get("owner")
    # R27: hosts as podcast:person; R28: medium
    persons = channel.findall("podcast:person", namespaces=NS)
    assert [(p.text, p.get("role"), p.get("href")) for p in persons] == [
        ("Ada Synth", "host", "https://example.org/ada"),
        ("Ben Tone", "host", None),
    ]
    assert channel.findtext("podcast:medium", namespaces=NS) == "podcast"
    # lastBuildDate is the newest episode, never the clock
    newest = max(parsedate_to_datetime(i.findtext("pubDate")) for i in channel.iter("item"))
    assert parsedate_to_datetime(channel.findtext("lastBuildDate")) == newest


def test_rules_items(items):
    guids = [i.findtext("guid") for i in items]
    assert len(set(guids)) == len(guids)  # R16 unique
    for item in items:
        # R12/R13: title; at most one enclosure, with url, length, type
        assert item.findtext("title").strip()
        enclosures = item.findall("enclosure")
        assert len(enclosures) == (1 if item.findtext("guid") == WITH_AUDIO else 0)
        for enclosure in enclosures:
            assert enclosure.get("url").startswith("https://")
            assert int(enclosure.get("length")) > 0
            assert enclosure.get("type") in ("audio/mpeg", "audio/x-m4a")
        # R16: guid, not a URL, isPermaLink="false"
        assert item.find("guid").get("isPermaLink") == "false"
        # R17: RFC 2822 with the right weekday
        pub_date = item.findtext("pubDate")
        parsed = parsedate_to_datetime(pub_date)
        assert pub_date.startswith(parsed.strftime("%a, "))
        assert parsed.date() == AIR_DATES[item.findtext("guid")]
        # R18: whole seconds; R19: no episode/season numbers unless known
        assert item.findtext("itunes:duration", namespaces=NS).isdigit()
        assert item.find("itunes:episode", namespaces=NS) is None
        assert item.find("itunes:season", namespaces=NS) is None
        # R20: description at most 4000 bytes; content:encoded uses only p, ol, ul, li, a
        assert len(item.findtext("description").encode()) <= 4000
        html = item.findtext("content:encoded", namespaces=NS)
        assert AllowedTags(html).tags <= {"p", "ol", "ul", "li", "a"}
        assert item.findtext("link") in html
        # R22: transcripts with url and type, https in production
        for tag in item.findall("podcast:transcript", namespaces=NS):
            assert tag.get("url").startswith("https://")
            assert tag.get("type")


# --- Missing and unsafe audio --------------------------------------------------------------


def test_missing_audio_is_named_once_and_strict_audio_stops_the_build(tmp_path):
    project = make_project(tmp_path, SEEDS[:2])
    write_mp3(project / "seeds" / f"{WITH_AUDIO}.mp3")
    with open(project / "pelicanconf.py", "a") as conf:
        conf.write("\nPODCAST_NARRATION = False\n")
    result = run_pelican(project)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert log.count("episode(s) without audio") == 1
    assert "seeds/001_fcc1d385489321ae.txt" in log
    assert f"seeds/{WITH_AUDIO}.txt" not in log
    assert len(etree.parse(project / "output" / "feed.xml").findall(".//item")) == 2

    with open(project / "pelicanconf.py", "a") as conf:
        conf.write("\nPODCAST_REQUIRE_AUDIO = True\n")
    result = run_pelican(project)
    log = result.stdout + result.stderr
    assert result.returncode == 1
    assert (
        "1 episode(s) without audio (PODCAST_REQUIRE_AUDIO): seeds/001_fcc1d385489321ae.txt" in log
    )
    assert "Traceback" not in log


def test_audio_symlinked_outside_the_project_is_refused(tmp_path):
    outside = tmp_path / "elsewhere.mp3"
    write_mp3(outside)
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project", SEEDS[:2])
    (project / "seeds" / f"{WITH_AUDIO}.mp3").symlink_to(outside)
    result = run_pelican(project, "pelicanconf.py", "PODCAST_NARRATION=false")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert f"seeds/{WITH_AUDIO}.txt: audio seeds/{WITH_AUDIO}.mp3 leads outside the project" in log
    assert f"seeds/{WITH_AUDIO}.txt was skipped; every other episode is published" in log
    assert not list((project / "output").rglob("*.mp3"))
    assert len(list((project / "output" / "episodes").glob("*/index.html"))) == 1
    result = run_pelican(project, "publishconf.py")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr


# --- Settings that shape the feed -----------------------------------------------------------


def test_sidecar_explicit_and_max_items(tmp_path):
    project = make_project(tmp_path)
    (project / "seeds" / "003_d29b12e1e87793c7.toml").write_text("explicit = true\nepisode = 7\n")
    output = build(project, PODCAST_MAX_ITEMS=2, PODCAST_LOCKED=False)
    parsed = podcastparser.parse("http://localhost:8000/feed.xml", (output / "feed.xml").open("rb"))
    assert [e["guid"] for e in parsed["episodes"]] == [
        "003_d29b12e1e87793c7",
        "001_fcc1d385489321ae",
    ]
    flagged = parsed["episodes"][0]
    assert (flagged["explicit"], flagged["number"]) == (True, 7)
    tree = etree.parse(output / "feed.xml")
    assert tree.findtext(".//item/itunes:explicit", namespaces=NS) == "true"
    assert tree.findtext(".//podcast:locked", namespaces=NS) == "no"
    # Development build: SITEURL is empty, so URLs use PODCAST_LOCAL_SITEURL
    assert tree.findtext("channel/link") == "http://localhost:8000/"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("PODCAST_CATEGORY = ('News', 'Gossip')", "PODCAST_CATEGORY must be an Apple Podcasts"),
        ("PODCAST_OWNER_EMAIL = None", "PODCAST_LOCKED needs PODCAST_OWNER_EMAIL"),
        ("PODCAST_GUID = 'not-a-uuid'", "PODCAST_GUID must be None or a UUID"),
    ],
)
def test_bad_feed_settings_stop_the_build_with_their_name(tmp_path, line, message):
    project = make_project(tmp_path, SEEDS[:1])
    with open(project / "pelicanconf.py", "a") as conf:
        conf.write(f"\n{line}\n")
    result = run_pelican(project)
    assert result.returncode == 1
    assert message in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_feed_is_advertised_on_every_page(site):
    for page in Path(site[1]).rglob("index.html"):
        assert (
            f'type="application/rss+xml" title="The Daily Synthesizer" href="{FEED_URL}"'
            in page.read_text()
        )


def test_odd_and_hostile_transcripts_all_reach_a_well_formed_feed(tmp_path):
    corpus = Path(__file__).parent / "corpus"
    files = sorted((corpus / "odd").iterdir()) + sorted((corpus / "hostile").iterdir())
    seeds = [path for path in files if path.suffix.lower() == ".txt"]
    project = make_project(tmp_path, seeds)
    for path in files:  # sidecars, the artwork one names, files that are not episodes
        shutil.copy(path, project / "seeds")
    output = build(project)
    items = etree.parse(output / "feed.xml").findall(".//item")
    assert len(items) == len(list((output / "episodes").glob("*/index.html"))) == len(seeds)
    assert all(item.find("enclosure") is not None for item in items)  # all narrated
    titles = {i.findtext("guid"): i.findtext("title") for i in items}
    # XML cannot carry control characters: shown replaced, as on the page; the rest is kept.
    assert titles["control-characters"] == "Control\ufffd characters\ufffd[31m"
    assert titles["script-title"] == '</script><script>alert("title")</script>'
    # Apps read <description> and content:encoded as HTML: markup from the notes stays text.
    for item in items:
        for html in (item.findtext("description"), item.findtext("content:encoded", namespaces=NS)):
            tree = lxml_html.fragment_fromstring(html, create_parent="div")
            assert not tree.xpath("//script|//img|//*[starts-with(@href, 'javascript:')]")
    notes = lxml_html.fragment_fromstring(
        next(i for i in items if i.findtext("guid") == "javascript-in-notes").findtext(
            "description"
        ),
        create_parent="div",
    )
    assert notes.text_content().startswith('<a href="javascript:alert(1)">click</a>')
    assert not feedparser.parse((output / "feed.xml").read_bytes()).bozo
