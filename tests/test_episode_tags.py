"""Item numbering and type tags (``itunes:title``, ``itunes:episodeType``, ``podcast:season``,
``podcast:episode``) in a real Pelican build, read by podcastparser, feedparser and
podcast-partytime, and refused by the feed check when malformed."""

import feedparser
import podcastparser
import pytest
from lxml import etree

from .conftest import (
    NS,
    SEEDS,
    build,
    feed_check_problems_after,
    make_project,
    parsed_by_node,
    run_pelican,
)

NUMBERED = "001_fcc1d385489321ae"
PLAIN = "000_cf1f7d48bab437eb"
# Remote audio only so that partytime, which skips items without an enclosure, keeps both.
AUDIO = '[audio]\nurl = "https://cdn.example.org/{}.mp3"\nlength = 1000\n'
SIDECAR = 'episode = 12\nseason = 3\nepisode_type = "bonus"\n'


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("numbered"), SEEDS[:2])
    (project / "seeds" / f"{NUMBERED}.toml").write_text(SIDECAR + AUDIO.format(NUMBERED))
    (project / "seeds" / f"{PLAIN}.toml").write_text(AUDIO.format(PLAIN))
    return build(project, PODCAST_NARRATION=False)


def item(output, guid):
    tree = etree.parse(output / "feed.xml")
    return next(i for i in tree.iter("item") if i.findtext("guid") == guid)


def test_sidecar_numbers_and_type_are_written_in_both_namespaces(output):
    numbered = item(output, NUMBERED)
    assert numbered.findtext("itunes:episode", namespaces=NS) == "12"
    assert numbered.findtext("itunes:season", namespaces=NS) == "3"
    assert numbered.findtext("podcast:episode", namespaces=NS) == "12"
    assert numbered.findtext("podcast:season", namespaces=NS) == "3"
    assert numbered.findtext("itunes:episodeType", namespaces=NS) == "bonus"
    assert numbered.findtext("itunes:title", namespaces=NS) == numbered.findtext("title")


def test_without_those_keys_an_episode_is_full_and_unnumbered(output):
    plain = item(output, PLAIN)
    assert plain.findtext("itunes:episodeType", namespaces=NS) == "full"
    assert plain.findtext("itunes:title", namespaces=NS) == plain.findtext("title")
    for tag in ("itunes:episode", "itunes:season", "podcast:episode", "podcast:season"):
        assert plain.find(tag, namespaces=NS) is None


def test_python_parsers_read_the_numbers_and_type(output):
    episodes = podcastparser.parse("http://x/feed.xml", (output / "feed.xml").open("rb"))
    by_guid = {e["guid"]: e for e in episodes["episodes"]}
    assert by_guid[NUMBERED]["number"] == 12
    assert by_guid[NUMBERED]["type"] == "bonus"
    assert by_guid[PLAIN]["type"] == "full"
    entries = {e.id: e for e in feedparser.parse((output / "feed.xml").read_bytes()).entries}
    assert entries[NUMBERED].itunes_episode == "12"
    assert entries[NUMBERED].itunes_season == "3"
    assert entries[NUMBERED].itunes_episodetype == "bonus"


def test_podcast_partytime_reads_the_numbers_and_type(output):
    parsed = dict(
        parsed_by_node(
            "podcast-partytime",
            output / "feed.xml",
            "feed.items.map((i) => [i.guid, [i.itunesEpisode, i.itunesSeason, "
            "i.itunesEpisodeType, i.podcastSeason, i.podcastEpisode]])",
        )
    )
    episode, season, episode_type, podcast_season, podcast_episode = parsed[NUMBERED]
    assert (episode, season, episode_type) == (12, 3, "bonus")
    assert podcast_season == {"number": 3}
    assert podcast_episode == {"number": 12}
    assert parsed[PLAIN][2] == "full"
    assert parsed[PLAIN][3:] == [None, None]


def test_a_bad_episode_type_is_reported_at_its_sidecar_line(tmp_path):
    """Development builds skip the episode; strict (production) builds stop on it."""
    project = make_project(tmp_path, SEEDS[:1])
    stem = SEEDS[0].stem
    (project / "seeds" / f"{stem}.toml").write_text('episode = 2\nepisode_type = "teaser"\n')
    result = run_pelican(project, "pelicanconf.py", "PODCAST_STRICT=true")
    assert result.returncode != 0
    assert (
        f"seeds/{stem}.toml:2: 'episode_type' must be one of full, trailer, bonus, not 'teaser'"
        in result.stdout + result.stderr
    )
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "<itunes:episodeType>bonus<",
            "<itunes:episodeType>extra<",
            "<itunes:episodeType> 'extra' is not full/trailer/bonus",
        ),
        ("<podcast:episode>12<", "<podcast:episode>-1<", "<podcast:episode> '-1' is not"),
        ("<podcast:season>3<", "<podcast:season>x<", "<podcast:season> 'x' is not a positive"),
    ],
)
def test_the_feed_check_refuses_malformed_tags(output, tmp_path, old, new, problem):
    problems = feed_check_problems_after(output, tmp_path, old, new)
    assert any(problem in p for p in problems), problems
