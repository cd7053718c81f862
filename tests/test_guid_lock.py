"""The GUID lock: published GUIDs never change, in the pure core and in real builds."""

import shutil
import subprocess
import sys
from datetime import date, timedelta

import pytest

from transcript_podcast.core.errors import TranscriptError
from transcript_podcast.core.incremental.guid_lock import (
    Locked,
    compare,
    format_lock,
    read_lock,
    retracted,
    updated,
)
from transcript_podcast.core.model import Episode
from transcript_podcast.core.seeds.identity import duplicate_guids, unique_slugs

from .conftest import ROOT, SEEDS, build, make_project, run_pelican


def locks(guids):
    """``{stem: Locked}`` with unrecorded slugs, from ``{stem: guid}``."""
    return {stem: Locked(guid) for stem, guid in guids.items()}


def test_lock_text_round_trips_sorted_and_stable():
    entries = {"b": Locked("guid b", "b-slug"), "a": Locked("https://x.example/a?id=1", "a")}
    text = format_lock(entries)
    assert text.splitlines()[-2:] == ["a\thttps://x.example/a?id=1\ta", "b\tguid b\tb-slug"]
    assert read_lock(text, "seeds/guids.lock") == entries
    assert format_lock(read_lock(text, "seeds/guids.lock")) == text


def test_lines_without_a_slug_are_read_and_filled_in_by_the_next_update():
    assert read_lock("a\tga\r\nb\tgb\tb\n", "l") == {"a": Locked("ga"), "b": Locked("gb", "b")}
    # A union merge may keep a line both before and after its slug was recorded.
    assert read_lock("a\tga\na\tga\ta-slug\n", "l") == {"a": Locked("ga", "a-slug")}
    assert updated(locks({"a": "ga"}), {"a": Locked("ga", "a"), "c": Locked("gc", "c")}) == {
        "a": Locked("ga", "a"),
        "c": Locked("gc", "c"),
    }
    # A published episode keeps its GUID and slug whatever the build says now.
    assert updated({"a": Locked("ga", "a")}, {"a": Locked("other", "b")}) == {
        "a": Locked("ga", "a")
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a\tx\na\ty\n", "l:2: a is locked to the GUID x already (line 1)"),
        ("a\tx\ts\na\tx\tt\n", "l:2: a is locked to the slug s already (line 1)"),
        ("a\tx\nb\tx\n", "l:2: the GUID 'x' of b is locked for a already (line 1)"),
        ("a\tx\ts\nb\ty\ts\n", "l:2: the slug 's' of b is locked for a already (line 1)"),
        ("a x\n", "l:1: expected <stem> TAB <guid> TAB <slug>"),
        ("a\t\n", "l:1: expected <stem> TAB <guid> TAB <slug>"),
        ("a\tx\ts\textra\n", "l:1: the fourth field may only be 'retracted', not 'extra'"),
        ("a\tx\ts\tretracted\tx\n", "l:1: expected <stem> TAB <guid> TAB <slug>"),
        # Only \n ends a line: a GUID holding a line separator is named, not split in two.
        ("a\tx\u2028y\n", "l:1: 'x\\u2028y' contains a line separator (U+2028)"),
        ("a\tx\x0cy\n", "l:1: 'x\\x0cy' contains a control character (U+000C)"),
    ],
)
def test_broken_lock_lines_are_named(text, message):
    assert read_lock("a\tx\na\tx\n", "l") == {"a": Locked("x")}
    with pytest.raises(TranscriptError) as caught:
        read_lock(text, "l")
    assert str(caught.value) == message


def test_compare_names_changed_dropped_reused_guids_and_moved_slugs():
    result = compare(
        {**locks({"a": "ga", "b": "gb", "c": "gc"}), "f": Locked("gf", "f-slug")},
        {"a": "new", "c": "gc", "d": "gb", "e": "ge", "f": "gf"},
        {"f": "elsewhere", "e": "e-slug"},
    )
    assert result.problems() == [
        "episode a was published with GUID 'ga'; this build would change it to 'new' "
        "(restore it, e.g. with guid = 'ga' in its sidecar)",
        "episode b was published with GUID 'gb' but no seed file has that stem now "
        "(restore or rename it back; to retract it for good, run "
        "'python -m transcript_podcast retract b')",
        "new episode d has GUID 'gb', already published for episode b",
        "episode f was published at the slug 'f-slug'; its sidecar's slug 'elsewhere' would "
        "move its URL (remove that slug, or set slug = 'f-slug')",
    ]


def test_a_retraction_is_a_line_that_wins_over_the_plain_one_in_any_order():
    gone = Locked("ga", "a-slug", retracted=True)
    for text in ("a\tga\ta-slug\na\tga\ta-slug\tretracted\n",
                 "a\tga\ta-slug\tretracted\na\tga\ta-slug\n"):  # fmt: skip
        assert read_lock(text, "l") == {"a": gone}
    assert format_lock({"a": gone}).endswith("a\tga\ta-slug\tretracted\n")
    assert read_lock(format_lock({"a": gone}), "l") == {"a": gone}
    # A build never takes a retraction back, and never gives its GUID or slug away.
    assert updated({"a": gone}, {"b": Locked("gb", "b")}) == {"a": gone, "b": Locked("gb", "b")}
    assert compare({"a": gone}, {}).problems() == []
    assert compare({"a": gone}, {"b": "ga"}).problems() == [
        "new episode b has GUID 'ga', already published for episode a"
    ]
    assert unique_slugs([(1, "a-slug", date(2026, 1, 1), "b")], {"a": "a-slug"}) == {1: "a-slug-2"}


def test_a_retracted_episode_whose_seed_comes_back_is_named():
    gone = Locked("ga", "a-slug", retracted=True)
    assert compare({"a": gone}, {"a": "ga"}).problems() == [
        "episode a (GUID 'ga') is retracted in the lock but its seed is back (delete it "
        "again; to publish it again, take 'retracted' off its lock line)"
    ]


def test_only_a_published_episode_with_its_slug_can_be_retracted():
    assert retracted({"a": Locked("ga", "s")}, "a") == {"a": Locked("ga", "s", retracted=True)}
    with pytest.raises(ValueError, match="b is not in the lock"):
        retracted({"a": Locked("ga", "s")}, "b")
    with pytest.raises(ValueError, match="a has no slug recorded yet"):
        retracted({"a": Locked("ga")}, "a")
    with pytest.raises(TranscriptError, match="l:1: the fourth field may only be 'retracted'"):
        read_lock("a\tga\ts\tgone\n", "l")


def test_skipped_seed_is_not_called_dropped():
    assert compare(locks({"a": "ga"}), {}, skipped={"a"}).problems() == []


def test_published_slugs_stay_with_their_episodes_and_newcomers_get_the_suffix():
    day = date(2026, 5, 17)
    candidates = [
        ("new", "same", day - timedelta(days=9), "000_new"),  # older air date, new episode
        ("old", "same", day, "001_old"),
        ("renamed", "title-now", day, "002_renamed"),
        ("taker", "gone", day, "003_taker"),
    ]
    locked = {"001_old": "same", "002_renamed": "title-then", "009_gone": "gone"}
    assert unique_slugs(candidates, locked) == {
        "new": "same-2",
        "old": "same",
        "renamed": "title-then",  # a published URL never moves with its title
        "taker": "gone-2",  # a published slug is never given away, even when its seed is absent
    }
    # Without a lock, the earlier air date keeps the slug.
    assert unique_slugs(candidates[:2]) == {"new": "same", "old": "same-2"}


def test_shared_guids_name_every_file_but_the_published_owner():
    a, b, c = (
        Episode(stem=s, source_path=f"seeds/{s}.txt", title=s, notes="", air_date=date(2026, 1, 1),
                segments=(), guid="g")
        for s in "abc"
    )  # fmt: skip
    assert duplicate_guids([a, b]) == {
        "seeds/a.txt": "the GUID 'g' is also the GUID of seeds/b.txt: every episode needs its "
        "own (set a different guid in the sidecar)",
        "seeds/b.txt": "the GUID 'g' is also the GUID of seeds/a.txt: every episode needs its "
        "own (set a different guid in the sidecar)",
    }
    assert sorted(duplicate_guids([a, b, c], {"g": "b"})) == ["seeds/a.txt", "seeds/c.txt"]


def lock_of(project):
    return read_lock((project / "seeds" / "guids.lock").read_text(), "seeds/guids.lock")


COMMITTED = lock_of(ROOT)


def test_committed_lock_holds_the_five_seeds_at_their_urls(seed_site):
    assert {stem: entry.guid for stem, entry in COMMITTED.items()} == {
        s.stem: s.stem for s in SEEDS
    }
    for entry in COMMITTED.values():
        assert (seed_site / "episodes" / entry.slug / "index.html").is_file(), entry.slug


def test_strict_build_fails_naming_the_episode_whose_guid_changed(tmp_path):
    project = make_project(tmp_path, SEEDS[:2])
    (project / "seeds" / "guids.lock").write_text(
        format_lock(locks({seed.stem: seed.stem for seed in SEEDS[:2]}))
    )
    (project / "seeds" / f"{SEEDS[1].stem}.toml").write_text('guid = "renamed"\n')
    result = run_pelican(project, "publishconf.py")
    log = result.stdout + result.stderr
    assert result.returncode == 1
    assert (
        f"episode {SEEDS[1].stem} was published with GUID '{SEEDS[1].stem}'; "
        "this build would change it to 'renamed'" in log
    )
    assert "1 published GUID(s) would change; nothing was published" in log
    assert "Traceback" not in log
    assert not (project / "output" / "index.html").exists()


def test_strict_build_fails_when_a_published_episode_is_renamed(tmp_path):
    project = make_project(tmp_path, SEEDS[:2])
    (project / "seeds" / "guids.lock").write_text(
        format_lock(locks({seed.stem: seed.stem for seed in SEEDS[:2]}))
    )
    (project / "seeds" / f"{SEEDS[0].stem}.txt").rename(project / "seeds" / "renamed.txt")
    result = run_pelican(project, "publishconf.py")
    assert result.returncode == 1
    assert f"episode {SEEDS[0].stem} was published with GUID" in result.stdout + result.stderr


def test_development_build_only_warns_and_leaves_the_lock_alone(tmp_path):
    project = make_project(tmp_path, SEEDS[:2])
    lock = format_lock(locks({SEEDS[0].stem: "old-guid"}))
    (project / "seeds" / "guids.lock").write_text(lock)
    result = run_pelican(project)
    assert result.returncode == 0
    assert f"episode {SEEDS[0].stem} was published with GUID 'old-guid'" in result.stderr
    assert (project / "seeds" / "guids.lock").read_text() == lock


def test_strict_build_appends_new_episodes_and_keeps_the_rest(tmp_path):
    project = make_project(tmp_path, SEEDS[:3])
    (project / "seeds" / "guids.lock").write_text(
        format_lock(locks({SEEDS[0].stem: SEEDS[0].stem}))
    )
    build(project, "publishconf.py")
    # The GUID kept, and the slug each episode is published at filled in or added.
    assert lock_of(project) == {seed.stem: COMMITTED[seed.stem] for seed in SEEDS[:3]}


def test_first_strict_build_creates_the_lock(tmp_path):
    project = make_project(tmp_path, SEEDS[:1])
    build(project, "publishconf.py")
    assert (project / "seeds" / "guids.lock").read_text() == format_lock(
        {SEEDS[0].stem: COMMITTED[SEEDS[0].stem]}
    )


def test_a_failed_production_build_appends_nothing(tmp_path):
    project = make_project(tmp_path, SEEDS[:2])
    lock = format_lock({SEEDS[0].stem: Locked(SEEDS[0].stem, "usa")})
    (project / "seeds" / "guids.lock").write_text(lock)
    (project / "seeds" / "broken.txt").write_text("Title\nShow notes\nNotes\n")
    assert run_pelican(project, "publishconf.py").returncode == 1
    assert (project / "seeds" / "guids.lock").read_text() == lock
    # A check that stops the build later (here: an episode without audio) appends nothing
    # either: the lock is written only once every output is.
    (project / "seeds" / "broken.txt").unlink()
    result = run_pelican(
        project, "publishconf.py", "PODCAST_NARRATION=false", "PODCAST_REQUIRE_AUDIO=true"
    )
    assert result.returncode == 1, result.stderr
    assert "without audio (PODCAST_REQUIRE_AUDIO)" in result.stderr
    assert (project / "seeds" / "guids.lock").read_text() == lock
    # Fixed, the next production build locks the new episode and keeps the published URL.
    build(project, "publishconf.py", PODCAST_NARRATION=False, PODCAST_REQUIRE_AUDIO=False)
    assert lock_of(project) == {
        SEEDS[0].stem: Locked(SEEDS[0].stem, "usa"),
        SEEDS[1].stem: Locked(SEEDS[1].stem, "the-usa-wants-back-but-chinas-done"),
    }
    assert (project / "output" / "episodes" / "usa" / "index.html").is_file()


def test_a_guid_used_twice_fails_production_naming_both_files(tmp_path):
    project = make_project(tmp_path, SEEDS[:3])
    (project / "seeds" / f"{SEEDS[2].stem}.toml").write_text(f'guid = "{SEEDS[1].stem}"\n')
    result = run_pelican(project, "publishconf.py", "PODCAST_NARRATION=false")
    log = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in log
    one, two = (f"seeds/{seed.name}" for seed in SEEDS[1:3])
    assert f"{one}: the GUID '{SEEDS[1].stem}' is also the GUID of {two}" in log
    assert f"{two}: the GUID '{SEEDS[1].stem}' is also the GUID of {one}" in log
    assert not (project / "seeds" / "guids.lock").exists()
    # Once the first is published, it keeps its GUID and only the newcomer is refused.
    (project / "seeds" / "guids.lock").write_text(
        format_lock(locks({SEEDS[1].stem: SEEDS[1].stem}))
    )
    dev = run_pelican(project, "pelicanconf.py", "PODCAST_NARRATION=false")
    assert dev.returncode == 0
    assert f"{two}: the GUID" in dev.stderr
    assert f"{one}: the GUID" not in dev.stderr
    assert len(list((project / "output" / "episodes").glob("*/index.html"))) == 2


def test_a_newcomer_with_a_published_title_gets_the_suffix_and_the_published_url_stays(
    tmp_path,
):
    project = make_project(tmp_path, SEEDS[:1])
    build(project, "publishconf.py", PODCAST_NARRATION=False, PODCAST_REQUIRE_AUDIO=False)
    published = lock_of(project)[SEEDS[0].stem].slug
    # Same title, an air date a year earlier, and a stem that sorts first.
    text = (
        SEEDS[0].read_text(encoding="utf-8-sig").replace("twenty-twenty six", "twenty-twenty five")
    )
    (project / "seeds" / "0_newcomer.txt").write_text(text)
    # And the published episode's title is corrected: its URL stays too.
    seed = project / "seeds" / SEEDS[0].name
    seed.write_text("Corrected title\n" + seed.read_text(encoding="utf-8-sig").split("\n", 1)[1])
    result = run_pelican(
        project, "publishconf.py", "PODCAST_NARRATION=false", "PODCAST_REQUIRE_AUDIO=false"
    )
    assert result.returncode == 0, result.stderr
    assert f"another episode has the slug {published}; publishing this one as {published}-2" in (
        result.stderr
    )
    pages = project / "output" / "episodes"
    assert "Corrected title" in (pages / published / "index.html").read_text()
    assert (pages / f"{published}-2" / "index.html").is_file()
    assert lock_of(project)["0_newcomer"] == Locked("0_newcomer", f"{published}-2")
    assert lock_of(project)[SEEDS[0].stem].slug == published


def test_a_sidecar_slug_that_would_move_a_published_url_fails_production(tmp_path):
    project = make_project(tmp_path, SEEDS[:1])
    (project / "seeds" / "guids.lock").write_text(
        format_lock({SEEDS[0].stem: Locked(SEEDS[0].stem, "first-url")})
    )
    (project / "seeds" / f"{SEEDS[0].stem}.toml").write_text('slug = "second-url"\n')
    result = run_pelican(project, "publishconf.py", "PODCAST_NARRATION=false")
    assert result.returncode == 1
    assert (
        f"episode {SEEDS[0].stem} was published at the slug 'first-url'; its sidecar's slug "
        "'second-url' would move its URL" in result.stderr
    )
    dev = run_pelican(project, "pelicanconf.py", "PODCAST_NARRATION=false")
    assert dev.returncode == 0
    assert (project / "output" / "episodes" / "first-url" / "index.html").is_file()


def test_a_retracted_episode_is_taken_down_and_cannot_come_back_unnoticed(tmp_path):
    project = make_project(tmp_path, SEEDS[:2])
    lock = {seed.stem: COMMITTED[seed.stem] for seed in SEEDS[:2]}
    (project / "seeds" / "guids.lock").write_text(format_lock(lock))
    (project / "seeds" / f"{SEEDS[0].stem}.toml").write_text("episode = 1\n")
    retract = subprocess.run(
        [sys.executable, "-m", "transcript_podcast", "retract", SEEDS[0].stem],
        cwd=project, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert retract.returncode == 0, retract.stderr
    assert retract.stdout.splitlines()[:3] == [
        f"seeds/guids.lock: {SEEDS[0].stem} retracted (its GUID and slug stay reserved)",
        f"seeds/{SEEDS[0].stem}.toml: deleted",
        f"seeds/{SEEDS[0].stem}.txt: deleted",
    ]
    result = run_pelican(project, "publishconf.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (project / "output" / "episodes" / COMMITTED[SEEDS[0].stem].slug).exists()
    assert lock_of(project)[SEEDS[0].stem].retracted  # the production build kept it
    # The seed brought back (a revert, a merge): the production build refuses, naming it.
    shutil.copy(SEEDS[0], project / "seeds")
    result = run_pelican(project, "publishconf.py")
    assert result.returncode == 1
    assert f"episode {SEEDS[0].stem} (GUID '{SEEDS[0].stem}') is retracted in the lock" in (
        result.stdout + result.stderr
    )
    assert "Traceback" not in result.stdout + result.stderr
