"""The theme's pages as search engines, social sites and feed readers read them."""

import json

import pytest
from lxml import html

from .conftest import SEEDS, build, make_project

SITEURL = "https://show.example.org"
COVER = "https://media.example.org/cover.png"
TITLE = 'Chips & "quotes" </title></script><!-- and -->'


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("theme-site"))
    seed = project / "seeds" / SEEDS[0].name
    seed.write_text(TITLE + "\n" + seed.read_text().split("\n", 1)[1])
    # Without narration (the plugin's default): pages of episodes that have no audio.
    return build(
        project,
        SITEURL=SITEURL,
        DEFAULT_PAGINATION=2,
        PODCAST_IMAGE=COVER,
        PODCAST_NARRATION=False,
    )


def page(output, path):
    return html.fromstring((output / path / "index.html").read_bytes())


def episode_paths(output):
    return sorted(p.parent.relative_to(output) for p in output.glob("episodes/*/index.html"))


def meta(tree, attribute, name):
    (value,) = tree.xpath(f'//meta[@{attribute}="{name}"]/@content')
    return value


def json_ld(tree):
    return [json.loads(t) for t in tree.xpath('//script[@type="application/ld+json"]/text()')]


def test_episode_head_describes_the_episode(site):
    path = next(p for p in episode_paths(site) if p.name.startswith("chips"))
    tree = page(site, path)
    url = f"{SITEURL}/{path.as_posix()}/"
    assert tree.xpath('//link[@rel="canonical"]/@href') == [url]
    assert meta(tree, "property", "og:url") == url
    assert meta(tree, "property", "og:title") == f"{TITLE} · The Daily Synthesizer"
    assert tree.findtext(".//title") == f"{TITLE} · The Daily Synthesizer"
    assert meta(tree, "name", "twitter:card") == "summary"
    assert meta(tree, "name", "description").startswith("The US-China AI arms race just got real")
    assert tree.xpath('//link[@rel="alternate"][@type="application/rss+xml"]/@href') == [
        f"{SITEURL}/feed.xml"
    ]
    (data,) = json_ld(tree)
    assert data["@type"] == "PodcastEpisode"
    assert data["name"] == TITLE
    assert data["url"] == url
    assert data["datePublished"] == "2026-04-05"
    assert data["partOfSeries"]["url"] == f"{SITEURL}/"
    assert "associatedMedia" not in data  # no recording, no media claimed
    assert len(tree.xpath("//script")) == 2
    assert tree.xpath("//h1")[0].text_content() == TITLE
    assert tree.xpath("//audio") == []


def test_home_page_has_the_show_the_subscribe_box_and_pages(site):
    tree = page(site, ".")
    (data,) = json_ld(tree)
    assert data["@type"] == "PodcastSeries"
    assert data["webFeed"] == f"{SITEURL}/feed.xml"
    assert data["image"] == COVER
    assert tree.xpath('//img[@class="cover"]/@src') == [COVER]
    assert meta(tree, "property", "og:image") == COVER
    assert tree.xpath('//input[@id="feed-url"]/@value') == [f"{SITEURL}/feed.xml"]
    apps = tree.xpath('//ul[@class="apps"]//a/@href')
    assert "podcast://show.example.org/feed.xml" in apps
    assert "overcast://x-callback-url/add?url=https%3A//show.example.org/feed.xml" in apps
    assert len(tree.xpath('//li[@class="episode-card"]')) == 2
    assert tree.xpath('//link[@rel="next"]/@href') == [f"{SITEURL}/index2.html"]
    older = html.fromstring((site / "index3.html").read_bytes())
    assert len(older.xpath('//li[@class="episode-card"]')) == 1
    assert json_ld(older) == []  # the show is described once, on the home page


def test_episodes_link_to_their_neighbours_in_air_date_order(site):
    chain, path = (
        [],
        "episodes/"
        + min(
            (p.name for p in episode_paths(site)),
            key=lambda name: page(site, f"episodes/{name}").xpath("//time/@datetime")[0],
        ),
    )
    while path:
        tree = page(site, path)
        chain.append(tree.xpath("//time/@datetime")[0])
        (previous,) = tree.xpath('//nav[@class="neighbours"]/a[@rel="prev"]/@href') or [None]
        assert (previous is None) == (len(chain) == 1)
        following = tree.xpath('//nav[@class="neighbours"]/a[@rel="next"]/@href')
        path = following[0].removeprefix(SITEURL + "/").rstrip("/") if following else None
    assert chain == sorted(chain)
    assert len(chain) == 5


def test_the_transcript_reads_in_paragraphs_with_every_segment_linked(site):
    tree = page(site, episode_paths(site)[0])
    segments = tree.xpath('//div[@class="transcript"]//span[@class="segment"]')
    paragraphs = tree.xpath('//div[@class="transcript"]/p')
    assert 10 < len(paragraphs) < len(segments) / 3
    for segment in segments:
        (link,) = segment.xpath('a[@class="timestamp"]/@href')
        assert link == f"#t={segment.xpath('a')[0].text}"


def test_transcript_downloads_are_listed(site):
    tree = page(site, episode_paths(site)[0])
    links = tree.xpath('//section[@class="downloads"]//a/@href')
    assert [link.rsplit(".", 1)[1] for link in links] == ["vtt", "srt", "json", "html", "txt"]
    assert all(link.startswith(f"{SITEURL}/episodes/") for link in links)
