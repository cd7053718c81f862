"""The podcast namespace's channel tags (``podcast:image``, ``funding``, ``license``,
``txt``, ``podroll``, ``updateFrequency``, ``trailer``) in real Pelican builds, read back by
lxml, podcast-partytime and feedsmith, and refused by the feed check when malformed."""

from datetime import date, timedelta

import pytest
from lxml import etree

from transcript_podcast.core.settings import SettingsError, with_defaults

from .conftest import (
    NS,
    SEEDS,
    build,
    feed_check_problems_after,
    make_project,
    parsed_by_node,
    run_pelican,
)

FIRST_MONDAY = date(2026, 3, 2)
TRAILER, WITH_ART = SEEDS[0].stem, SEEDS[1].stem
PODROLL_GUID = "917393e3-1b1e-5cef-ace4-edaa54e1f810"
SETTINGS = {
    "PODCAST_NARRATION": False,
    "PODCAST_SEARCH": False,
    "PODCAST_IMAGE_ALT": "Two hosts at a synthesizer",
    "PODCAST_FUNDING": [("Support the show", "https://example.org/support")],
    "PODCAST_LICENSE": ("synth-license-1", "https://example.org/license"),
    "PODCAST_TXT": [("applepodcastsverify", "05124"), (None, "free text")],
    "PODCAST_PODROLL": [
        PODROLL_GUID.upper(),
        {
            "feedGuid": "29cdca4a-32d8-56ba-b48b-09a011c5daa9",
            "feedUrl": "https://example.org/other.rss",
            "title": "Other & Co",
        },
    ],
}


def sidecar(number, stem):
    """Weekly Monday air dates; remote audio so that partytime, which drops items without
    an enclosure, keeps every item."""
    lines = [
        f"date = {FIRST_MONDAY + timedelta(weeks=number)}",
        f'[audio]\nurl = "https://cdn.example.org/{stem}.mp3"\nlength = {1000 + number}',
    ]
    if stem == TRAILER:
        lines.insert(0, 'episode_type = "trailer"\nseason = 2')
    if stem == WITH_ART:
        lines.insert(0, 'image = "https://cdn.example.org/art.jpg"')
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("channel"))
    for number, seed in enumerate(SEEDS):
        (project / "seeds" / f"{seed.stem}.toml").write_text(sidecar(number, seed.stem))
    return build(project, **SETTINGS)


def channel(output):
    return etree.parse(output / "feed.xml").find("channel")


def test_each_tag_is_written_as_the_namespace_documents_it(output):
    show = channel(output)
    (image,) = show.findall("podcast:image", NS)
    assert image.attrib == {
        "href": show.find("itunes:image", NS).get("href"),
        "alt": "Two hosts at a synthesizer",
        "aspect-ratio": "1/1",
        "width": "1400",  # read from content/images/cover.png
        "height": "1400",
        "purpose": "artwork",
    }
    (funding,) = show.findall("podcast:funding", NS)
    assert (funding.get("url"), funding.text) == ("https://example.org/support", "Support the show")
    (license,) = show.findall("podcast:license", NS)
    assert (license.get("url"), license.text) == ("https://example.org/license", "synth-license-1")
    txt = [(t.get("purpose"), t.text) for t in show.findall("podcast:txt", NS)]
    assert txt == [("applepodcastsverify", "05124"), (None, "free text")]
    (podroll,) = show.findall("podcast:podroll", NS)
    assert [r.attrib for r in podroll] == [
        {"feedGuid": PODROLL_GUID},
        {
            "feedGuid": "29cdca4a-32d8-56ba-b48b-09a011c5daa9",
            "feedUrl": "https://example.org/other.rss",
            "title": "Other & Co",
        },
    ]


def test_every_page_links_the_funding_pages_too(output):
    for page in ("index.html", next(output.glob("episodes/*/index.html")).relative_to(output)):
        footer = etree.parse(output / page, etree.HTMLParser()).find(".//footer")
        links = [(a.text, a.get("href")) for a in footer.iter("a")]
        assert ("Support the show", "https://example.org/support") in links, page


def test_the_schedule_is_read_from_the_air_dates(output):
    (frequency,) = channel(output).findall("podcast:updateFrequency", NS)
    assert frequency.attrib == {
        "dtstart": f"{FIRST_MONDAY}T12:00:00.000Z",
        "rrule": "FREQ=WEEKLY;BYDAY=MO",
    }
    assert frequency.text == "Weekly on Mondays"


def test_a_trailer_episode_is_also_the_channel_trailer(output):
    show = channel(output)
    (trailer,) = show.findall("podcast:trailer", NS)
    item = next(i for i in show.iter("item") if i.findtext("guid") == TRAILER)
    enclosure = item.find("enclosure")
    assert trailer.text == item.findtext("title")
    assert trailer.attrib == {
        "url": enclosure.get("url"),
        "length": enclosure.get("length"),
        "type": enclosure.get("type"),
        "pubdate": item.findtext("pubDate"),
        "season": "2",
    }
    assert item.findtext("itunes:episodeType", namespaces=NS) == "trailer"


def test_episode_artwork_is_also_a_podcast_image(output):
    images = {
        i.findtext("guid"): [e.attrib for e in i.findall("podcast:image", NS)]
        for i in channel(output).iter("item")
    }
    assert images.pop(WITH_ART) == [
        {"href": "https://cdn.example.org/art.jpg", "aspect-ratio": "1/1", "purpose": "artwork"}
    ]
    assert all(found == [] for found in images.values())


def test_podcast_partytime_reads_the_tags(output):
    parsed = parsed_by_node(
        "podcast-partytime",
        output / "feed.xml",
        "[feed.podcastFunding, feed.license, feed.podcastTxt, feed.podroll, feed.trailers,"
        " feed.items.length]",
    )
    funding, license, txt, podroll, trailers, items = parsed
    assert funding == [{"url": "https://example.org/support", "message": "Support the show"}]
    assert license == {"identifier": "synth-license-1", "url": "https://example.org/license"}
    # partytime 5.0 reads an all-digit value (Apple's codes are digits) as empty, a limit of
    # the parser (its XML library turns it into a number); feedsmith reads it, below.
    assert txt[0]["purpose"] == "applepodcastsverify"
    assert txt[1] == {"value": "free text"}
    assert [r["feedGuid"] for r in podroll] == [
        PODROLL_GUID,
        "29cdca4a-32d8-56ba-b48b-09a011c5daa9",
    ]
    assert podroll[1]["title"] == "Other & Co"
    (trailer,) = trailers
    assert trailer["url"] == f"https://cdn.example.org/{TRAILER}.mp3"
    assert (trailer["length"], trailer["season"]) == (1000, 2)
    assert trailer["pubdate"].startswith(f"{FIRST_MONDAY}T12:00:00")
    assert items == 5


def test_feedsmith_reads_the_tags(output):
    """feedsmith also reads the two tags partytime does not know: the current image tag and
    updateFrequency."""
    podcast = parsed_by_node("feedsmith", output / "feed.xml", "feed.podcast")
    assert podcast["updateFrequency"] == {
        "display": "Weekly on Mondays",
        "dtstart": f"{FIRST_MONDAY}T12:00:00.000Z",
        "rrule": "FREQ=WEEKLY;BYDAY=MO",
    }
    (image,) = podcast["images"]
    assert (image["alt"], image["aspectRatio"], image["purpose"]) == (
        "Two hosts at a synthesizer",
        "1/1",
        "artwork",
    )
    assert podcast["fundings"] == [
        {"url": "https://example.org/support", "display": "Support the show"}
    ]
    assert podcast["license"] == {
        "display": "synth-license-1",
        "url": "https://example.org/license",
    }
    assert [t["display"] for t in podcast["txts"]] == ["05124", "free text"]
    assert len(podcast["podroll"]["remoteItems"]) == 2
    (trailer,) = podcast["trailers"]
    assert (trailer["display"], trailer["season"], trailer["length"]) == (
        channel(output).findtext("podcast:trailer", namespaces=NS),
        2,
        1000,
    )


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('rrule="FREQ=WEEKLY;BYDAY=MO"', 'rrule="WEEKLY"', "is not an RFC 5545 rule"),
        ('url="https://example.org/support"', 'url="support"', "<podcast:funding url> 'support'"),
        ('feedGuid="917393e3', 'feedGuid="x917393e3', "<podcast:remoteItem feedGuid>"),
        ('aspect-ratio="1/1"', 'aspect-ratio="square"', "'square' is not a ratio"),
        ('width="1400"', 'width="1500"', "says width 1500, height 1400; the file is 1400×1400"),
        (' url="https://example.org/license"', "", "is not a well-known license"),
        (' season="2"', ' season="two"', "<podcast:trailer season> 'two'"),
        ('pubdate="Mon, ', 'pubdate="Tue, ', "says Tue, but that day is a Mon"),
    ],
)
def test_the_feed_check_refuses_malformed_tags(output, tmp_path, old, new, problem):
    problems = feed_check_problems_after(output, tmp_path, old, new)
    assert any(problem in p for p in problems), problems


@pytest.fixture(scope="module")
def plain_project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("plain"))


def test_defaults_write_the_image_and_nothing_unasked(plain_project):
    show = channel(build(plain_project, PODCAST_NARRATION=False, PODCAST_SEARCH=False))
    (image,) = show.findall("podcast:image", NS)
    assert image.get("alt") == f"{show.findtext('title')} cover art"
    for tag in ("funding", "license", "txt", "podroll", "trailer"):
        assert show.find(f"podcast:{tag}", NS) is None, tag
    # The seeds air on 22 Mar, 5 and 8 Apr, 17 May and 7 Jun: no rule fits, none is stated.
    assert show.find("podcast:updateFrequency", NS) is None
    assert show.find("itunes:complete", NS) is None


def test_a_complete_show_says_so_in_both_namespaces(plain_project):
    show = channel(
        build(plain_project, PODCAST_NARRATION=False, PODCAST_SEARCH=False, PODCAST_COMPLETE=True)
    )
    assert show.findtext("itunes:complete", namespaces=NS) == "Yes"  # as Apple writes it
    (frequency,) = show.findall("podcast:updateFrequency", NS)
    assert (frequency.attrib, frequency.text) == ({"complete": "true"}, "Complete")


def test_a_stated_schedule_replaces_the_derived_one(plain_project):
    stated = ("Every other Monday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO")
    show = channel(
        build(
            plain_project,
            PODCAST_NARRATION=False,
            PODCAST_SEARCH=False,
            PODCAST_UPDATE_FREQUENCY=stated,
        )
    )
    (frequency,) = show.findall("podcast:updateFrequency", NS)
    assert (frequency.text, frequency.attrib) == (stated[0], {"rrule": stated[1]})


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PODCAST_FUNDING", [("Support", "javascript:alert(1)")]),
        ("PODCAST_FUNDING", [("x" * 129, "https://example.org/")]),
        ("PODCAST_FUNDING", ["https://example.org/"]),
        ("PODCAST_LICENSE", "my-own-license"),
        ("PODCAST_LICENSE", ("my-own-license", "ftp://example.org/license")),
        ("PODCAST_TXT", [("verify", "")]),
        ("PODCAST_TXT", [("p" * 129, "code")]),
        ("PODCAST_PODROLL", ["not-a-guid"]),
        ("PODCAST_PODROLL", [{"feedGuid": PODROLL_GUID, "url": "https://x.org/"}]),
        ("PODCAST_PODROLL", [{"feedGuid": PODROLL_GUID, "medium": "radio"}]),
        ("PODCAST_UPDATE_FREQUENCY", ("Weekly", "every week")),
        ("PODCAST_UPDATE_FREQUENCY", "FREQ=WEEKLY"),
        ("PODCAST_COMPLETE", "yes"),
        ("PODCAST_IMAGE_ALT", ""),
    ],
)
def test_bad_values_are_refused_at_start_up(name, value):
    with pytest.raises(SettingsError, match=rf"^{name} must be "):
        with_defaults({name: value})


def test_known_licenses_and_good_values_are_accepted():
    settings = with_defaults(
        {
            "PODCAST_LICENSE": "CC-BY-4.0",
            "PODCAST_UPDATE_FREQUENCY": "",
            **{k: v for k, v in SETTINGS.items() if k != "PODCAST_LICENSE"},
        }
    )
    assert settings["PODCAST_LICENSE"] == "CC-BY-4.0"


def test_a_bad_setting_stops_the_real_build_with_its_name(tmp_path):
    project = make_project(tmp_path, SEEDS[:1])
    result = run_pelican(project, "pelicanconf.py", 'PODCAST_LICENSE="my-own-license"')
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "PODCAST_LICENSE must be None, one of ARR, CC0-1.0" in output
    assert "Traceback" not in output
