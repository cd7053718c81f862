"""The GUID lock: published GUIDs never change, in the pure core and in real builds."""

import pytest

from transcript_podcast.core.errors import TranscriptError
from transcript_podcast.core.incremental.guid_lock import compare, format_lock, read_lock

from .conftest import ROOT, SEEDS, build, make_project, run_pelican


def test_lock_text_round_trips_sorted_and_stable():
    guids = {"b": "guid b", "a": "https://x.example/a?id=1"}
    text = format_lock(guids)
    assert text.splitlines()[-2:] == ["a\thttps://x.example/a?id=1", "b\tguid b"]
    assert read_lock(text, "seeds/guids.lock") == guids
    assert format_lock(read_lock(text, "seeds/guids.lock")) == text


def test_union_merged_duplicate_line_is_fine_but_two_guids_for_one_stem_are_not():
    assert read_lock("a\tx\na\tx\n", "l") == {"a": "x"}
    with pytest.raises(TranscriptError, match=r"^l:2: a is locked to x already$"):
        read_lock("a\tx\na\ty\n", "l")
    with pytest.raises(TranscriptError, match=r"^l:1: expected <stem> TAB <guid>$"):
        read_lock("a x\n", "l")


def test_compare_names_changed_dropped_and_reused_guids():
    result = compare(
        {"a": "ga", "b": "gb", "c": "gc"}, {"a": "new", "c": "gc", "d": "gb", "e": "ge"}
    )
    assert result.added == {"e": "ge"}
    assert result.problems() == [
        "episode a was published with GUID 'ga'; this build would change it to 'new' "
        "(restore it, e.g. with guid = 'ga' in its sidecar)",
        "episode b was published with GUID 'gb' but no seed file has that stem now "
        "(restore or rename it back; delete its lock line only to retract it)",
        "new episode d has GUID 'gb', already published for episode b",
    ]


def test_skipped_seed_is_not_called_dropped():
    assert compare({"a": "ga"}, {}, skipped={"a"}).problems() == []


def test_committed_lock_holds_the_five_seeds():
    locked = read_lock((ROOT / "seeds" / "guids.lock").read_text(), "seeds/guids.lock")
    assert locked == {seed.stem: seed.stem for seed in SEEDS}


def test_strict_build_fails_naming_the_episode_whose_guid_changed(tmp_path):
    project = make_project(tmp_path, SEEDS[:2])
    (project / "seeds" / "guids.lock").write_text(
        format_lock({seed.stem: seed.stem for seed in SEEDS[:2]})
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
        format_lock({seed.stem: seed.stem for seed in SEEDS[:2]})
    )
    (project / "seeds" / f"{SEEDS[0].stem}.txt").rename(project / "seeds" / "renamed.txt")
    result = run_pelican(project, "publishconf.py")
    assert result.returncode == 1
    assert f"episode {SEEDS[0].stem} was published with GUID" in result.stdout + result.stderr


def test_development_build_only_warns_and_leaves_the_lock_alone(tmp_path):
    project = make_project(tmp_path, SEEDS[:2])
    lock = format_lock({SEEDS[0].stem: "old-guid"})
    (project / "seeds" / "guids.lock").write_text(lock)
    result = run_pelican(project)
    assert result.returncode == 0
    assert f"episode {SEEDS[0].stem} was published with GUID 'old-guid'" in result.stderr
    assert (project / "seeds" / "guids.lock").read_text() == lock


def test_strict_build_appends_new_episodes_and_keeps_the_rest(tmp_path):
    project = make_project(tmp_path, SEEDS[:3])
    (project / "seeds" / "guids.lock").write_text(format_lock({SEEDS[0].stem: SEEDS[0].stem}))
    build(project, "publishconf.py")
    locked = read_lock((project / "seeds" / "guids.lock").read_text(), "lock")
    assert locked == {seed.stem: seed.stem for seed in SEEDS[:3]}


def test_first_strict_build_creates_the_lock(tmp_path):
    project = make_project(tmp_path, SEEDS[:1])
    build(project, "publishconf.py")
    assert (project / "seeds" / "guids.lock").read_text() == format_lock(
        {SEEDS[0].stem: SEEDS[0].stem}
    )
