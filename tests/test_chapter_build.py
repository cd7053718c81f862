"""Chapters in real builds: the seeds' found chapters in every place they belong, authored
chapters that win, a supplied recording left as it is, and refused chapters."""

import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
import webvtt
from lxml import etree, html
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from transcript_podcast.check.site import check_site
from transcript_podcast.core.seeds.layout import format_stamp as stamp

from .audio_samples import write_mp3
from .conftest import SEEDS, build, make_project, parsed_by_node, run_pelican
from .test_content_cache import rebuilt_and_cold

SCHEMA = json.loads(
    (Path(__file__).parent / "chapters" / "json-chapters-1.2.schema.json").read_text()
)
NS = {
    "podcast": "https://podcastindex.org/namespace/1.0",
    "psc": "http://podlove.org/simple-chapters",
}
TONE = """Tones with chapters
Show notes
A generated tone.
Show transcript
00:00:00: This is your daily synthesizer, Sunday, May seventeen twenty-twenty six.
00:00:12: Here is the second moment of the show.
00:00:24: And this is the third moment, at twenty-four seconds.
00:00:36: The last words of the test.
"""
TONE_CHAPTERS = """\
[[chapters]]
start = "00:00:00"
title = "Welcome"

[[chapters]]
start = "00:00:12"
title = "The second moment"
url = "https://example.org/second"

[[chapters]]
start = "00:00:20"
title = "A hidden marker"
toc = false

[[chapters]]
start = "00:00:24"
title = "The third moment"
"""


def items(site):
    return etree.parse(str(site / "feed.xml")).getroot().findall("channel/item")


def local(site, url):
    return site / urlsplit(url).path.lstrip("/")


def chapters_of(site, item):
    url = item.find("podcast:chapters", NS).get("url")
    return json.loads(local(site, url).read_text())["chapters"]


def test_every_seed_has_found_chapters_in_the_feed_and_files(seed_site):
    for item in items(seed_site):
        linked = item.find("podcast:chapters", NS)
        assert linked.get("type") == "application/json+chapters"
        document = json.loads(local(seed_site, linked.get("url")).read_text())
        jsonschema.validate(document, SCHEMA)
        starts = [c["startTime"] for c in document["chapters"]]
        assert starts[0] == 0
        assert starts == sorted(set(starts))
        assert len(starts) >= 8
        assert float(item.findtext("itunes:duration", namespaces={"itunes": ITUNES})) > starts[-1]
        psc = item.find("psc:chapters", NS)
        assert [c.get("title") for c in psc] == [c["title"] for c in document["chapters"]]
        vtt = local(seed_site, linked.get("url").replace("chapters.json", "chapters.vtt"))
        cues = webvtt.read(str(vtt))
        assert [round(c.start_in_seconds, 3) for c in cues] == starts


ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"


def test_narrated_mp3s_carry_id3_chapters_equal_to_the_json(seed_site):
    for item in items(seed_site):
        chapters = chapters_of(seed_site, item)
        tags = ID3(local(seed_site, item.find("enclosure").get("url")))
        frames = sorted(tags.getall("CHAP"), key=lambda frame: frame.start_time)
        assert [f.start_time / 1000 for f in frames] == [c["startTime"] for c in chapters]
        assert [str(f.sub_frames["TIT2"]) for f in frames] == [c["title"] for c in chapters]
        assert tags.getall("CTOC")[0].child_element_ids == [f.element_id for f in frames]
        assert frames[-1].end_time > frames[-1].start_time


def test_the_page_lists_the_chapters_says_they_were_found_and_heads_the_transcript(seed_site):
    item = items(seed_site)[0]
    chapters = chapters_of(seed_site, item)
    page = html.parse(str(local(seed_site, item.findtext("link")) / "index.html")).getroot()
    listed = page.xpath('//ol[@class="chapter-list"]/li')
    assert [li.get("data-chapter-start") for li in listed] == [
        str(c["startTime"]) for c in chapters
    ]
    assert [li.xpath('.//span[@class="chapter-title"]')[0].text for li in listed] == [
        c["title"] for c in chapters
    ]
    links = [li.xpath('a[@class="chapter-link"]')[0].get("href") for li in listed]
    assert links == [f"#t={stamp(c['startTime'])}" for c in chapters]
    for link in links:  # every chapter link lands on a moment of the transcript
        assert page.get_element_by_id(link[1:]) is not None
    assert (
        "found automatically"
        in page.xpath('//nav[@class="chapters"]/p[@class="hint"]')[0].text_content()
    )
    headings = page.xpath('//div[@class="transcript"]/h3[@class="chapter-heading"]')
    assert [h.text for h in headings] == [c["title"] for c in chapters]
    track = page.xpath("//audio/track")[0]
    assert track.get("kind") == "chapters"
    assert track.get("src").endswith("/chapters.vtt")


def test_podcast_partytime_reads_the_chapters_url(seed_site):
    parsed = dict(
        parsed_by_node(
            "podcast-partytime",
            seed_site / "feed.xml",
            "feed.items.map((item) => [item.guid, item.podcastChapters])",
        )
    )
    for item in items(seed_site):
        chapters = parsed[item.findtext("guid")]
        assert chapters == {
            "url": item.find("podcast:chapters", NS).get("url"),
            "type": "application/json+chapters",
        }
        assert local(seed_site, chapters["url"]).is_file()


def test_the_check_command_validates_chapters(seed_site, tmp_path):
    assert check_site(seed_site) == []
    broken = tmp_path / "site"
    shutil.copytree(seed_site, broken)
    url = items(broken)[1].find("podcast:chapters", NS).get("url")
    path = local(broken, url)
    document = json.loads(path.read_text())
    document["chapters"][2]["startTime"] = document["chapters"][1]["startTime"]
    document["chapters"][-1]["startTime"] = 99999
    path.write_text(json.dumps(document))
    name = path.relative_to(broken).as_posix()
    assert check_site(broken) == [
        f"{name}: chapter 3 starts at {document['chapters'][1]['startTime']}, not after the "
        "chapter before it",
        f"{name}: chapter {len(document['chapters'])} starts at 99999, after the episode ends "
        f"({int(items(broken)[1].findtext('itunes:duration', namespaces={'itunes': ITUNES}))} s)",
    ]


@pytest.fixture(scope="module")
def tone_site(tmp_path_factory):
    """One episode with a supplied 45 s recording and authored chapters."""
    project = make_project(tmp_path_factory.mktemp("tone-chapters"), [])
    (project / "seeds" / "tone.txt").write_text(TONE)
    (project / "seeds" / "tone.toml").write_text(TONE_CHAPTERS)
    source = write_mp3(project / "seeds" / "tone.mp3", seconds=45)
    return project, source, build(project)


def test_authored_chapters_win_and_hidden_markers_stay_out_of_lists(tone_site):
    _, _, site = tone_site
    (item,) = items(site)
    assert chapters_of(site, item) == [
        {"startTime": 0, "title": "Welcome"},
        {"startTime": 12, "title": "The second moment", "url": "https://example.org/second"},
        {"startTime": 20, "title": "A hidden marker", "toc": False},
        {"startTime": 24, "title": "The third moment"},
    ]
    assert [c.get("start") for c in item.find("psc:chapters", NS)] == [
        "00:00:00.000",
        "00:00:12.000",
        "00:00:24.000",
    ]
    page = html.parse(str(local(site, item.findtext("link")) / "index.html")).getroot()
    assert len(page.xpath('//ol[@class="chapter-list"]/li')) == 3
    assert not page.xpath('//nav[@class="chapters"]/p[@class="hint"]')  # not found: authored
    cues = webvtt.read(
        str(local(site, item.find("podcast:chapters", NS).get("url")).with_suffix(".vtt"))
    )
    assert [(c.start, c.end) for c in cues][-1][0] == "00:00:24.000"
    assert check_site(site) == []


def test_a_supplied_recording_is_published_as_it_is(tone_site):
    _, source, site = tone_site
    (item,) = items(site)
    assert local(site, item.find("enclosure").get("url")).read_bytes() == source


def test_a_setting_writes_id3_chapters_into_the_published_recording(tmp_path):
    project = make_project(tmp_path, [])
    (project / "seeds" / "tone.txt").write_text(TONE)
    (project / "seeds" / "tone.toml").write_text(TONE_CHAPTERS)
    source = write_mp3(project / "seeds" / "tone.mp3", seconds=45)
    site = build(project, PODCAST_CHAPTERS_IN_RECORDINGS=True)
    (item,) = items(site)
    published = local(site, item.find("enclosure").get("url"))
    assert (project / "seeds" / "tone.mp3").read_bytes() == source  # never changed
    frames = sorted(ID3(published).getall("CHAP"), key=lambda frame: frame.start_time)
    end = round(MP3(project / "seeds" / "tone.mp3").info.length * 1000)
    assert [(f.start_time, f.end_time) for f in frames] == [
        (0, 12000),
        (12000, 20000),
        (20000, 24000),
        (24000, end),
    ]
    assert int(item.find("enclosure").get("length")) == published.stat().st_size


def test_a_chapter_after_the_end_of_the_recording_is_refused_with_its_line(tmp_path):
    project = make_project(tmp_path, [])
    (project / "seeds" / "tone.txt").write_text(TONE)
    (project / "seeds" / "tone.toml").write_text(
        TONE_CHAPTERS + '\n[[chapters]]\nstart = "00:01:10"\ntitle = "Too late"\n'
    )
    write_mp3(project / "seeds" / "tone.mp3", seconds=45)
    result = run_pelican(project, "publishconf.py", "PODCAST_NARRATION=false")
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert (
        "seeds/tone.toml:19: chapter 'Too late' starts at 00:01:10, not before the end of the "
        "episode (00:00:45)"
    ) in log


def test_chapter_files_are_left_alone_when_nothing_changed(tone_site):
    project, _, site = tone_site
    files = sorted(site.rglob("chapters.*"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    build(project)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == before


def test_a_cached_rebuild_after_authoring_chapters_equals_a_cold_build(tmp_path):
    """Chapters take part in the incremental build: the page, the transcript files, the
    chapter files, the MP3 and the feed follow a sidecar's new chapters."""
    seed = SEEDS[0]

    def author(project):
        (project / "seeds" / seed.with_suffix(".toml").name).write_text(
            '[[chapters]]\nstart = "00:00:00"\ntitle = "All of it"\n\n'
            '[[chapters]]\nstart = "00:10:00"\ntitle = "The second half"\n'
        )

    rebuilt, cold = rebuilt_and_cold(tmp_path, author, [seed])
    assert rebuilt == cold
    (name,) = [n for n in rebuilt if n.endswith("/chapters.json")]
    assert [c["title"] for c in json.loads(rebuilt[name])["chapters"]] == [
        "All of it",
        "The second half",
    ]
