"""One rule for URLs, project paths, artwork, links and credited people, whoever reads the
value: the settings, a sidecar or the site checker accept and refuse the same values."""

import pytest
from feedgen.feed import FeedGenerator
from lxml import etree

from transcript_podcast.core.content_links import bad_links
from transcript_podcast.core.errors import TranscriptError
from transcript_podcast.core.feed import itunes
from transcript_podcast.core.locations import artwork_type, image_type, is_http_url, path_inside
from transcript_podcast.core.model import Person
from transcript_podcast.core.people import person_from
from transcript_podcast.core.seeds.sidecar import read_sidecar
from transcript_podcast.core.settings import SettingsError, with_defaults

INSIDE = {
    "cache/narration": "cache/narration",
    "cache\\narration": "cache/narration",
    "./a/../b": "b",
    "seeds/x.mp3": "seeds/x.mp3",
}
OUTSIDE = [
    "", " ", ".", "..", "../shared", "a/../../b", "/tmp/n", "\\share\\n", "//host/n",
    "C:/n", "c:n", "seeds/a:b.mp3", "audio.mp3:stream",
]  # fmt: skip
URLS = ["https://example.org/a.mp3", "http://example.org", "HTTPS://example.org/x"]
NOT_URLS = [
    "https://", "http:///a.mp3", "http://:80/a", "ftp://example.org/a", "example.org/a",
    "javascript:alert(1)", "http://[::1", "", None, 3,
    # Nothing a feed attribute cannot carry: whitespace, control characters, separators.
    "https://x.org/a b", "https://x.org/a\n", "https://x.org/\u2028", "https://x.org/\x00",
]  # fmt: skip


@pytest.mark.parametrize(("value", "normal"), INSIDE.items())
def test_a_path_inside_is_normalised(value, normal):
    assert path_inside(value) == normal


@pytest.mark.parametrize("value", [*OUTSIDE, None, 3])
def test_a_path_that_leaves_its_folder_is_refused(value):
    assert path_inside(value) is None


@pytest.mark.parametrize("value", URLS)
def test_an_http_url_has_a_scheme_and_a_host(value):
    assert is_http_url(value)


@pytest.mark.parametrize("value", NOT_URLS)
def test_anything_else_is_not_an_http_url(value):
    assert not is_http_url(value)


def settings_accept(name, value):
    try:
        with_defaults({name: value})
    except SettingsError:
        return False
    return True


def sidecar_accepts(text):
    try:
        read_sidecar(text.encode(), "seeds/x.toml")
    except TranscriptError:
        return False
    return True


@pytest.mark.parametrize("value", [*INSIDE, *OUTSIDE])
def test_settings_and_sidecars_agree_on_project_paths(value):
    setting = settings_accept("PODCAST_NARRATION_CACHE", value)
    sidecar = sidecar_accepts(f"[audio]\npath = '{value}'")
    assert setting == sidecar == (value in INSIDE)


@pytest.mark.parametrize("value", ["../feed.xml", "/feed.xml", "C:feed.xml"])
def test_the_feed_and_the_guid_lock_stay_inside_their_folders(value):
    assert not settings_accept("PODCAST_FEED_PATH", value)
    assert not settings_accept("PODCAST_GUID_LOCK", value)


@pytest.mark.parametrize("value", [u for u in URLS + NOT_URLS if isinstance(u, str)])
def test_settings_sidecars_and_hosts_agree_on_urls(value):
    url = value in URLS
    assert settings_accept("PODCAST_LOCAL_SITEURL", value) == url
    assert sidecar_accepts(f"[audio]\nurl = '{value}'\nlength = 1") == url
    assert settings_accept("PODCAST_HOSTS", [{"name": "Ada", "href": value}]) == url


@pytest.mark.parametrize(
    "table",
    [
        {"name": "Ada", "role": "Guest", "group": "Cast", "img": "https://example.org/a.png"},
        {"name": " Ada "},
        {"name": "Ada", "nick": "A"},
        {"role": "host"},
        {"name": ""},
        {"name": "Ada", "role": 3},
        {"name": "Ada", "href": "mailto:ada@example.org"},
    ],
)
def test_settings_and_sidecars_agree_on_people(table):
    lines = "".join(f"{key} = {value!r}\n" for key, value in table.items())
    sidecar = sidecar_accepts(f"[[people]]\n{lines}")
    assert settings_accept("PODCAST_HOSTS", [table]) == sidecar


def test_people_from_settings_and_sidecars_are_the_same_person():
    table = {"name": " Ada ", "role": "Guest", "href": "https://example.org/ada"}
    lines = "".join(f"{key} = {value!r}\n" for key, value in table.items())
    (from_sidecar,) = read_sidecar(f"[[people]]\n{lines}".encode(), "seeds/x.toml")["people"]
    assert (
        person_from(table)
        == from_sidecar
        == Person("Ada", "guest", "cast", "https://example.org/ada")
    )


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("https://x.org/a.jpeg", "image/jpeg"),
        ("https://x.org/A.JPG?v=2", "image/jpeg"),
        ("https://x.org/a.PNG#x", "image/png"),
        ("https://x.org/a.png/", None),
        ("https://x.org/a.gif", None),
        ("https://x.org/cover?format=png", None),
        ("content/images/ep.Png", "image/png"),
    ],
)
def test_artwork_by_suffix_in_any_case(location, expected):
    assert artwork_type(location) == expected


def test_artwork_files_by_their_first_bytes():
    assert image_type(b"\x89PNG\r\n\x1a\n....") == "image/png"
    assert image_type(b"\xff\xd8\xff\xe0") == "image/jpeg"
    assert image_type(b"GIF89a") is None


@pytest.mark.parametrize("url", ["https://x.org/a.jpeg", "https://x.org/A.PNG?v=2"])
def test_the_feed_takes_any_jpeg_or_png_artwork_url(url):
    generator = FeedGenerator()
    generator.register_extension(
        itunes.EXTENSION_NAME, itunes.ItunesExtension, itunes.ItunesEntryExtension
    )
    generator.title("t")
    generator.link(href="https://x.org/")
    generator.description("d")
    generator.itunes.itunes_image(url)
    entry = generator.add_entry()
    entry.title("e")
    entry.guid("g")
    entry.itunes.itunes_image(url)
    feed = etree.fromstring(generator.rss_str())
    ns = {"itunes": itunes.ITUNES_NS}
    assert [e.get("href") for e in feed.iterfind(".//itunes:image", ns)] == [url, url]
    with pytest.raises(ValueError, match="JPEG or PNG"):
        entry.itunes.itunes_image("https://x.org/a.gif")


def test_links_that_leave_the_project_or_loop_are_found(tmp_path):
    project, outside = tmp_path / "project", tmp_path / "outside"
    (project / "content" / "images" / "deep").mkdir(parents=True)
    (project / "theme").mkdir()
    outside.mkdir()
    (outside / "secret").write_text("x")
    images = project / "content" / "images"
    (images / "evil.png").symlink_to(outside / "secret")
    (images / "deep" / "fine.png").symlink_to(project / "theme")
    (images / "inside-folder").symlink_to(project / "theme")
    (project / "theme" / "also-evil").symlink_to(outside)
    (images / "deep" / "loop").symlink_to(images)
    (images / "dangling.png").symlink_to(project / "missing")
    found = [str(link) for link in bad_links(project, ["content/images"])]
    assert found == [
        "content/images/deep/loop: a symbolic link to a folder that contains it (a loop)",
        "content/images/evil.png: a symbolic link that leads outside the project",
        "content/images/inside-folder/also-evil: a symbolic link that leads outside the project",
    ]
    assert [link.path for link in bad_links(project, ["content/images"], allowed=[outside])] == [
        "content/images/deep/loop"
    ]
