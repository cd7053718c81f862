import re
from datetime import date

import pytest

from transcript_podcast.core.errors import TranscriptError
from transcript_podcast.core.model import Artwork, AudioSource, Origin, Person
from transcript_podcast.core.seeds.files import load_episode
from transcript_podcast.core.seeds.sidecar import read_sidecar

from .conftest import SEEDS

FULL = b"""
date = 2026-05-18
slug = "usa-wants-back"
guid = "legacy-guid-149"
episode = 149
season = 2
episode_type = "trailer"
explicit = false
image = "https://cdn.example.org/149.jpg"

[audio]
url = "https://cdn.example.org/149.mp3"
length = 12345678
duration = 1337.5

[[people]]
name = "Emma"
role = "Host"
href = "https://example.org/emma"

[[speakers]]
start = "00:00:00"
name = "Emma"

[[speakers]]
start = "00:00:21"
name = "Synthesizer"
"""


def test_every_key_is_read():
    values = read_sidecar(FULL, "seeds/x.toml")
    assert values == {
        "air_date": date(2026, 5, 18),
        "slug": "usa-wants-back",
        "guid": "legacy-guid-149",
        "number": 149,
        "season": 2,
        "episode_type": "trailer",
        "explicit": False,
        "image": Artwork(url="https://cdn.example.org/149.jpg", origin=Origin("seeds/x.toml", 9)),
        "audio": AudioSource(
            url="https://cdn.example.org/149.mp3",
            length=12345678,
            duration=1337.5,
            origin=Origin("seeds/x.toml", 11),
        ),
        "people": (Person(name="Emma", role="host", href="https://example.org/emma"),),
        "speakers": ((0, "Emma"), (21, "Synthesizer")),
    }


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (b"episode = 'three'", "'episode' must be a positive integer"),
        (b"episode = 0", "'episode' must be a positive integer"),
        (b"episode = -3", "'episode' must be a positive integer"),
        (b"episode_type = 'teaser'", "'episode_type' must be one of full, trailer, bonus"),
        (b"episode_type = true", "'episode_type' must be one of full, trailer, bonus"),
        (b"explicit = 'no'", "'explicit' must be true or false"),
        (b"date = 'May 5'", "'date' must be a date"),
        (b"titel = 'x'", "unknown key 'titel'"),
        (b"image = 'javascript:alert(1)'", "'image' must be an http(s) URL"),
        (b"image = 'https://x.org/cover.gif'", "'image' must be a .jpg, .jpeg or .png URL"),
        (b"image = 'https://x.org/cover'", "'image' must be a .jpg, .jpeg or .png URL"),
        (b"image = 'https://x.org/a b.png'", "'image' must be an http(s) URL"),
        (b"image = '../cover.png'", "'image' must be a path inside the project"),
        (b"date = 1066-10-14", "'date' must be a date like 2026-05-17 between 1900 and 2199"),
        (b"date = 9999-12-31", "'date' must be a date like 2026-05-17 between 1900 and 2199"),
        (b"audio = '../outside.mp3'", "'audio.path' must be a path inside the project"),
        (b"audio = '/etc/passwd'", "'audio.path' must be a path inside the project"),
        (b"[audio]\nurl = 'https://x.org/a.mp3'", "needs its byte 'length'"),
        (b"[audio]\npath = 'a.mp3'\nlength = 3", "'audio.length' is measured from the file"),
        (b"slug = 'Has Spaces'", "'slug' must be lowercase"),
        (b"[[people]]\nrole = 'host'", "'people[0]' needs a 'name'"),
        (b"[[speakers]]\nstart = '1:2'\nname = 'A'", "'speakers[0].start' must be a time"),
    ],
)
def test_bad_values_name_the_key(text, words):
    with pytest.raises(TranscriptError) as caught:
        read_sidecar(text, "seeds/x.toml")
    assert re.match(r"seeds/x.toml:\d+: ", str(caught.value))
    assert words in str(caught.value)


def test_toml_syntax_error_names_the_line():
    with pytest.raises(TranscriptError) as caught:
        read_sidecar(b"slug = 'a'\nepisode = = 3\n", "seeds/x.toml")
    assert caught.value.line == 2
    assert str(caught.value).startswith("seeds/x.toml:2: not valid TOML")


def test_sidecar_overrides_the_episode(tmp_path):
    (tmp_path / "seeds").mkdir()
    seed = tmp_path / "seeds" / SEEDS[1].name
    seed.write_bytes(SEEDS[1].read_bytes())
    seed.with_suffix(".toml").write_bytes(FULL)
    episode = load_episode(seed, tmp_path)
    assert (episode.air_date, episode.guid, episode.number, episode.slug) == (
        date(2026, 5, 18),
        "legacy-guid-149",
        149,
        "usa-wants-back",
    )
    speakers = {s.start: s.speaker for s in episode.segments}
    assert speakers[0] == "Emma"
    assert speakers[21] == "Synthesizer"
    assert speakers[26] == "Synthesizer"


def test_identity_comes_from_the_file_stem(tmp_path):
    (tmp_path / "seeds").mkdir()
    seed = tmp_path / "seeds" / SEEDS[0].name
    seed.write_bytes(SEEDS[0].read_bytes())
    before = load_episode(seed, tmp_path)
    seed.write_text(seed.read_text().replace("USA vs China", "A new title", 1))
    after = load_episode(seed, tmp_path)
    assert after.title.startswith("A new title")
    assert before.guid == after.guid == "000_cf1f7d48bab437eb"


def test_audio_next_to_the_transcript_is_found(tmp_path):
    (tmp_path / "seeds").mkdir()
    seed = tmp_path / "seeds" / SEEDS[0].name
    seed.write_bytes(SEEDS[0].read_bytes())
    seed.with_suffix(".m4a").write_bytes(b"\0" * 10)  # checked when the site is built
    assert load_episode(seed, tmp_path).audio == AudioSource(
        path=f"seeds/{seed.stem}.m4a", origin=Origin(f"seeds/{seed.name}")
    )


# Every string a sidecar can hold, with a placeholder where the hostile character goes.
STRING_KEYS = {
    "slug": 'slug = "a{}b"',
    "guid": 'guid = "a{}b"',
    "image": 'image = "https://x.org/a{}b.png"',
    "audio.path": 'audio = "media/a{}b.mp3"',
    "audio.url": '[audio]\nurl = "https://x.org/a{}b.mp3"\nlength = 3',
    "audio.type": '[audio]\nurl = "https://x.org/a.mp3"\nlength = 3\ntype = "audio/mpeg{}"',
    "people[0].name": '[[people]]\nname = "A{}B"',
    "people[0].role": '[[people]]\nname = "A"\nrole = "host{}"',
    "people[0].group": '[[people]]\nname = "A"\ngroup = "cast{}"',
    "people[0].href": '[[people]]\nname = "A"\nhref = "https://x.org/{}"',
    "people[0].img": '[[people]]\nname = "A"\nimg = "https://x.org/{}.png"',
    "speakers[0].name": '[[speakers]]\nstart = "00:00:00"\nname = "A{}B"',
}
HOSTILE = ["\\n", "\\r", "\\t", "\\u0000", "\\u0001", "\\u001f", "\\u007f", "\\u0085",
           "\\u2028", "\\u2029", "\\uFFFE"]  # fmt: skip


@pytest.mark.parametrize("key", sorted(STRING_KEYS))
@pytest.mark.parametrize("escape", HOSTILE)
def test_no_sidecar_string_may_hold_what_a_feed_cannot_carry(key, escape):
    text = STRING_KEYS[key].format(escape)
    with pytest.raises(TranscriptError) as caught:
        read_sidecar(text.encode(), "seeds/x.toml")
    assert re.match(r"seeds/x.toml:\d+: ", str(caught.value))
    assert f"{key!r} " in str(caught.value)
    # The same value without it is fine.
    read_sidecar(STRING_KEYS[key].format("").encode(), "seeds/x.toml")


def test_a_trailing_newline_is_not_part_of_a_valid_value():
    with pytest.raises(TranscriptError, match=r"'audio.type' contains a line break"):
        read_sidecar(
            b'[audio]\nurl = "https://x.org/a.mp3"\nlength = 3\ntype = """audio/mpeg\n"""',
            "seeds/x.toml",
        )


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e308", "0", "-5", "3600001", "true"])
def test_audio_duration_must_be_a_finite_positive_number(value):
    text = f'[audio]\nurl = "https://x.org/a.mp3"\nlength = 3\nduration = {value}\n'
    with pytest.raises(TranscriptError) as caught:
        read_sidecar(text.encode(), "seeds/x.toml")
    assert str(caught.value).startswith(
        "seeds/x.toml:4: 'audio.duration' must be a positive number of seconds up to 3600000"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://x.org/cover.jpeg",
        "https://x.org/COVER.PNG",
        "https://x.org/cover.Jpg?v=2",
        "https://x.org/cover.png#big",
    ],
)
def test_jpeg_and_png_artwork_urls_in_any_spelling_are_read(url):
    values = read_sidecar(f'image = "{url}"'.encode(), "seeds/x.toml")
    assert values["image"] == Artwork(url=url, origin=Origin("seeds/x.toml", 1))
