"""The Podcast Index and iTunes feedgen extensions, on their own."""

import pytest
from feedgen.feed import FeedGenerator
from lxml import etree

from transcript_podcast.core.feed import itunes, podcastindex
from transcript_podcast.core.model import Person
from transcript_podcast.core.standards import ITUNES_NS, PODCAST_NS, podcast_guid

NS = {"podcast": PODCAST_NS, "itunes": ITUNES_NS}


@pytest.mark.parametrize(
    ("feed_url", "guid"),
    [
        # The namespace's own example (tags/guid.md): podnews.net/rss
        ("https://podnews.net/rss", "9b024349-ccf0-5f69-a609-6b82873eab3c"),
        ("http://podnews.net/rss/", "9b024349-ccf0-5f69-a609-6b82873eab3c"),
        ("podnews.net/rss//", "9b024349-ccf0-5f69-a609-6b82873eab3c"),
        ("https://mp3s.nashownotes.com/pc20rss.xml", "917393e3-1b1e-5cef-ace4-edaa54e1f810"),
    ],
)
def test_podcast_guid_follows_the_namespace(feed_url, guid):
    assert podcast_guid(feed_url) == guid


def minimal_feed():
    feed = FeedGenerator()
    feed.register_extension(
        podcastindex.EXTENSION_NAME,
        podcastindex.PodcastIndexExtension,
        podcastindex.PodcastIndexEntryExtension,
    )
    feed.register_extension(
        itunes.EXTENSION_NAME, itunes.ItunesExtension, itunes.ItunesEntryExtension
    )
    feed.title("t")
    feed.link(href="https://example.org/")
    feed.description("d")
    return feed


def test_extension_writes_podcast_tags_under_the_official_namespace():
    feed = minimal_feed()
    feed.podcastindex.podcast_guid("9b024349-ccf0-5f69-a609-6b82873eab3c")
    feed.podcastindex.podcast_locked(True, "owner@example.org")
    feed.podcastindex.podcast_medium("podcast")
    feed.podcastindex.podcast_person([Person("Ada", href="https://example.org/ada")])
    feed.itunes.itunes_explicit(True)
    entry = feed.add_entry(order="append")
    entry.title("e")
    entry.podcastindex.podcast_transcript("https://example.org/t.vtt", "text/vtt", "en", True)
    entry.podcastindex.podcast_transcript("https://example.org/t.txt", "text/plain", "en")
    entry.itunes.itunes_explicit(False)
    root = etree.fromstring(feed.rss_str())
    assert root.nsmap["podcast"] == "https://podcastindex.org/namespace/1.0"
    channel = root.find("channel")
    assert channel.findtext("podcast:guid", namespaces=NS) == "9b024349-ccf0-5f69-a609-6b82873eab3c"
    locked = channel.find("podcast:locked", namespaces=NS)
    assert (locked.text, locked.get("owner")) == ("yes", "owner@example.org")
    person = channel.find("podcast:person", namespaces=NS)
    assert (person.text, person.get("role"), person.get("group")) == ("Ada", "host", "cast")
    assert channel.findtext("itunes:explicit", namespaces=NS) == "true"
    item = channel.find("item")
    assert item.findtext("itunes:explicit", namespaces=NS) == "false"
    transcripts = [dict(t.attrib) for t in item.findall("podcast:transcript", namespaces=NS)]
    assert transcripts == [
        {
            "url": "https://example.org/t.vtt",
            "type": "text/vtt",
            "language": "en",
            "rel": "captions",
        },
        {"url": "https://example.org/t.txt", "type": "text/plain", "language": "en"},
    ]


def test_extension_setters_refuse_bad_values():
    feed = minimal_feed()
    with pytest.raises(ValueError, match="badly formed"):
        feed.podcastindex.podcast_guid("podnews.net/rss")
    with pytest.raises(ValueError, match="podcast:medium must be one of"):
        feed.podcastindex.podcast_medium("radio")
    with pytest.raises(ValueError, match="True or False"):
        feed.itunes.itunes_explicit("yes")
    with pytest.raises(ValueError, match="not an Apple Podcasts category"):
        feed.itunes.itunes_category({"cat": "Technology", "sub": "Tech News"})
    entry = feed.add_entry()
    with pytest.raises(ValueError, match="needs a url and a type"):
        entry.podcastindex.podcast_transcript("https://example.org/t.vtt", "")


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("Technology", True),
        (("News", "Tech News"), True),
        (["Society & Culture", "Documentary"], True),
        ("News & Politics", False),  # feedgen's old list
        (("Technology", "Podcasting"), False),
        (("News",), False),
        (42, False),
    ],
)
def test_apple_categories_are_the_current_list(value, valid):
    assert itunes.is_apple_category(value) is valid


@pytest.mark.parametrize(
    ("setter", "value", "message"),
    [
        ("podcast_funding", podcastindex.Funding("ftp://x.org/", "Give"), "http\\(s\\) URL"),
        ("podcast_funding", podcastindex.Funding("https://x.org/", " "), "non-empty text"),
        ("podcast_license", podcastindex.License("mine"), "give the URL of its text"),
        ("podcast_txt", podcastindex.Txt("x" * 4001), "at most 4000 characters"),
        ("podcast_podroll", [podcastindex.RemoteFeed("feed-1")], "is not a UUID"),
        (
            "podcast_update_frequency",
            podcastindex.UpdateFrequency("Weekly", "WEEKLY"),
            "not an RFC 5545 recurrence rule",
        ),
        (
            "podcast_trailer",
            podcastindex.Trailer("T", "https://x.org/t", "Mon, 02 Mar 2026", 1, "audio/mpeg", -1),
            "season is a positive integer",
        ),
        ("podcast_image", podcastindex.Image("images/cover.png"), "http\\(s\\) href"),
    ],
)
def test_channel_tag_setters_refuse_bad_values(setter, value, message):
    feed = minimal_feed()
    with pytest.raises(ValueError, match=message):
        getattr(feed.podcastindex, setter)(value)


def test_podroll_guids_are_written_in_lower_case():
    feed = minimal_feed()
    feed.podcastindex.podcast_podroll([podcastindex.RemoteFeed(GUID.upper())])
    remote = etree.fromstring(feed.rss_str()).find("channel/podcast:podroll/podcast:remoteItem", NS)
    assert remote.attrib == {"feedGuid": GUID}


GUID = "917393e3-1b1e-5cef-ace4-edaa54e1f810"
