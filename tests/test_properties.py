"""Property tests through whole builds: random sidecars (every key, TOML values of every type)
and random seed files never make a build print a traceback, and never cost a good episode.

Each example is one project of several random episodes beside the five real seeds, built by
a real ``pelican`` process in development and production.  Which episodes must be published
is decided by the pure core (``load_episode`` and the referenced-file checks), so the test
checks the build against it: the development build publishes exactly those (found by a
marker in each episode's show notes, in the feed) and names every other; the production
build exits 0 only when there is no other, and never writes a lock when it fails.
Examples are few (each is two builds); the parser alone is fuzzed harder in test_fuzz.py.
"""

import re
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from transcript_podcast.core.errors import TranscriptError
from transcript_podcast.core.feed.enclosures import local_audio_file, where_named
from transcript_podcast.core.seeds.files import load_episode
from transcript_podcast.core.seeds.referenced import artwork_file, audio_facts
from transcript_podcast.core.seeds.sidecar import SIDECAR_KEYS

from .conftest import SEEDS, make_project, run_pelican

BUILDS = settings(
    max_examples=3,  # each example is two builds
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
QUIET = ("PODCAST_NARRATION=false", "PODCAST_SEARCH=false", "PODCAST_REQUIRE_AUDIO=false")
OPENING = "00:00:00: Hello.\n00:00:02: Sunday, May seventeen twenty-twenty six.\n"

TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
ANY_VALUE = st.recursive(
    st.one_of(
        TEXT,
        st.integers(-(2**63), 2**63 - 1),
        st.floats(allow_nan=True, allow_infinity=True),
        st.booleans(),
        st.dates(),
        st.datetimes(),
        st.times(),
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6,
)
URLS = st.sampled_from(
    [
        "https://cdn.example.org/a.jpeg",
        "https://cdn.example.org/A.PNG?v=2",
        "https://cdn.example.org/a.gif",
        "https://cdn.example.org/a.mp3",
        "http://x.example/a b.png",
        "javascript:alert(1)",
        "content/images/cover.png",
        "seeds/missing.png",
        "../outside.png",
        "/etc/passwd",
        "seeds",
    ]
)
STAMPS = st.sampled_from(["00:00:00", "00:00:02", "00:61:00", "1:2", "00:00:05\n"])
PERSON = st.fixed_dictionaries(
    {}, optional=dict.fromkeys(("name", "role", "group", "href", "img"), TEXT | URLS | ANY_VALUE)
)
AUDIO = st.one_of(
    URLS,
    st.fixed_dictionaries(
        {},
        optional={
            "path": URLS | TEXT,
            "url": URLS,
            "length": st.integers(-5, 2**40) | ANY_VALUE,
            "duration": st.floats(allow_nan=True, allow_infinity=True) | ANY_VALUE,
            "type": st.sampled_from(["audio/mpeg", "audio/mpeg\n", "video/mp4", "audio/x-m4a"]),
        },
    ),
)
PLAUSIBLE = {
    "date": st.dates() | TEXT,
    "slug": st.from_regex(r"[a-z0-9][a-z0-9_-]{0,8}", fullmatch=True) | TEXT,
    "guid": TEXT | st.sampled_from(["shared-guid", "a\u2028b", "fuzz-0"]),
    "episode": st.integers(-3, 10**12),
    "season": st.integers(-3, 10**12),
    "explicit": st.booleans(),
    "image": URLS | TEXT,
    "audio": AUDIO,
    "people": st.lists(PERSON, max_size=2),
    "speakers": st.lists(st.fixed_dictionaries({"start": STAMPS, "name": TEXT}), max_size=2),
}
SIDECAR = st.dictionaries(
    st.sampled_from([*SIDECAR_KEYS, "tittle"]),
    st.none(),  # replaced below: a value that fits the key, or any TOML value
    max_size=4,
).flatmap(
    lambda keys: st.fixed_dictionaries(
        {key: PLAUSIBLE.get(key, ANY_VALUE) | ANY_VALUE for key in keys}
    )
)


def seed_text(number):
    return f"Fuzz episode {number}\nShow notes\nmarker-{number}-end\nShow transcript\n{OPENING}"


def published_markers(project):
    """The marker of every episode in the development build's feed."""
    feed = etree.parse(str(project / "output" / "feed.xml"))
    notes = " ".join(feed.xpath("//item/description/text()"))
    return {int(n) for n in re.findall(r"marker-(\d+)-end", notes)}


def expected_published(project, count):
    """What the core says must be published, in the build's order: read; then a GUID no
    other read episode has; then usable audio and artwork files."""
    read = {}
    for number in range(count):
        try:
            read[number] = load_episode(project / "seeds" / f"fuzz-{number}.txt", project)
        except TranscriptError:
            continue
    guids = Counter(e.guid for e in read.values()) + Counter(seed.stem for seed in SEEDS)
    expected = set()
    for number, episode in read.items():
        if guids[episode.guid] > 1:
            continue
        try:
            audio = local_audio_file(episode, project)
            if audio is not None:
                audio_facts(audio, episode.audio.path, where_named(episode))
            if episode.image is not None and episode.image.path is not None:
                artwork_file(episode.image, project)
        except TranscriptError:
            continue
        expected.add(number)
    return expected


def check_builds(project, count):
    expected = expected_published(project, count)
    dev = run_pelican(project, "pelicanconf.py", *QUIET)
    log = dev.stdout + dev.stderr
    assert dev.returncode == 0, log
    assert "Traceback" not in log
    assert published_markers(project) == expected, log
    for number in set(range(count)) - expected:
        assert re.search(rf"seeds/fuzz-{number}\.(txt|toml)(:\d+)?: ", log), (number, log)
    # The five real seeds are never lost.
    assert len(list((project / "output" / "episodes").glob("*/index.html"))) == 5 + len(expected)
    production = run_pelican(project, "publishconf.py", *QUIET)
    log = production.stdout + production.stderr
    assert "Traceback" not in log
    assert production.returncode == (0 if len(expected) == count else 1), log
    assert (project / "seeds" / "guids.lock").exists() == (production.returncode == 0)


@BUILDS
@given(st.lists(SIDECAR, min_size=3, max_size=6))
def test_random_sidecars_through_whole_builds(sidecars):
    with tempfile.TemporaryDirectory() as folder:
        project = make_project(Path(folder))
        for number, sidecar in enumerate(sidecars):
            (project / "seeds" / f"fuzz-{number}.txt").write_text(seed_text(number))
            (project / "seeds" / f"fuzz-{number}.toml").write_text(tomli_w.dumps(sidecar))
        check_builds(project, len(sidecars))


WORDS = st.sampled_from(
    [
        "May", "March", "February", "twenty", "twenty-six", "twenty-ninth", "thirty-first",
        "nineteen", "eighty-five", "seventeen", "2026", "2027", "5th", "of", "the", ",",
        "today", "Sunday", "Tuesday", "for", "it's", "back", "in", "companies", "two",
        "thousand", "oh", "nine",
    ]
)  # fmt: skip
LINE = st.one_of(
    st.lists(WORDS, max_size=10).map(" ".join),
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\r\n"), max_size=30),
)
TIMED = st.tuples(st.integers(0, 130), LINE).map(
    lambda t: f"{t[0] // 3600:02d}:{t[0] // 60 % 60:02d}:{t[0] % 60:02d}: {t[1]}"
)
SEED = st.tuples(
    st.lists(LINE, max_size=2),
    st.lists(TIMED, min_size=1, max_size=6).map(sorted),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)


@BUILDS
@given(st.lists(SEED, min_size=3, max_size=6))
def test_random_seed_files_through_whole_builds(seeds):
    with tempfile.TemporaryDirectory() as folder:
        project = make_project(Path(folder))
        for number, (notes, timed, newline, residue) in enumerate(seeds):
            lines = [f"Fuzz episode {number}", "Show notes", f"marker-{number}-end", *notes]
            lines += ["Show transcript", *timed] + (["New comment"] if residue else [])
            (project / "seeds" / f"fuzz-{number}.txt").write_bytes(
                newline.join(lines).encode("utf-8")
            )
        check_builds(project, len(seeds))
        shutil.rmtree(project / "output")
