"""One rule for URLs, project paths and credited people, whoever reads the value: the settings,
a sidecar or the site checker accept and refuse the same values."""

import pytest

from transcript_podcast.core.errors import TranscriptError
from transcript_podcast.core.locations import is_http_url, path_inside
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
