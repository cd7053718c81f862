"""A cached build's output equals a cold build's of the same sources, file for file (#19)."""

import shutil

from transcript_podcast.tools.retract import retract

from .conftest import NARRATION_CACHE, build, file_bytes, make_project

QUIET = {"PODCAST_NARRATION": False, "PODCAST_SEARCH": False, "PODCAST_REQUIRE_AUDIO": False}


def cached_and_cold(tmp_path, steps):
    """Build a project after each of ``steps`` (functions of the project folder returning
    setting overrides), keeping output/ and cache/; then a cold build of the final sources."""
    (tmp_path / "cached").mkdir()
    project = make_project(tmp_path / "cached")
    overrides = dict(QUIET)
    build(project, "publishconf.py", **overrides)
    for step in steps:
        overrides.update(step(project) or {})
        build(project, "publishconf.py", **overrides)
    cold = tmp_path / "cold"
    shutil.copytree(project, cold, ignore=shutil.ignore_patterns("output", "cache"))
    if (project / NARRATION_CACHE).is_dir():  # narration is off; the pool is not output
        shutil.copytree(project / NARRATION_CACHE, cold / NARRATION_CACHE)
    return file_bytes(project / "output"), file_bytes(build(cold, "publishconf.py", **overrides))


def differences(cached, cold):
    names = cached.keys() | cold.keys()
    return sorted(name for name in names if cached.get(name) != cold.get(name))


def retract_and_paginate(project):
    retract("004_7009488f9fc2abd8", project / "seeds" / "guids.lock", project / "seeds")
    return {"DEFAULT_PAGINATION": 2}


def test_retraction_with_a_setting_change_leaves_nothing_behind(tmp_path):
    """The setting changes the content cache's key; the retracted episode and index3.html
    must still go."""
    steps = [lambda p: {"DEFAULT_PAGINATION": 1}, retract_and_paginate]
    cached, cold = cached_and_cold(tmp_path, steps)
    assert differences(cached, cold) == []


def test_a_removed_page_is_removed(tmp_path):
    cached, cold = cached_and_cold(tmp_path, [lambda p: (p / "content/pages/about.md").unlink()])
    assert not any("about" in name for name in cold)
    assert differences(cached, cold) == []


def test_a_development_build_into_the_same_output_leaves_nothing_behind(tmp_path):
    """A draft built by the development settings, then moved away, is not published."""

    def preview_a_draft(project):
        draft = project / "seeds" / "005_draft.txt"
        shutil.copy(project / "seeds" / "000_cf1f7d48bab437eb.txt", draft)
        text = draft.read_text(encoding="utf-8").replace("\n", " Zanzibarquux.\n", 1)
        draft.write_text(text, encoding="utf-8")
        build(project, "pelicanconf.py", **QUIET)
        draft.unlink()

    cached, cold = cached_and_cold(tmp_path, [preview_a_draft])
    assert differences(cached, cold) == []


def test_an_old_slug_is_removed(tmp_path):
    """Without a lock, a sidecar slug moves the episode (and changes the cache's key)."""

    def add_slug(project):
        (project / "seeds" / "001_fcc1d385489321ae.toml").write_text('slug = "moved"\n')
        return {"PODCAST_GUID_LOCK": ""}

    cached, cold = cached_and_cold(tmp_path, [add_slug])
    assert "episodes/moved/index.html" in cold
    assert differences(cached, cold) == []


def test_a_moved_checkout_builds_what_a_cold_build_does(tmp_path):
    """CI checks out into another folder than the podcaster's: no absolute path may leave
    anything of the old place in a cached build."""
    (tmp_path / "here").mkdir()
    project = make_project(tmp_path / "here")
    build(project, "publishconf.py", **QUIET)
    moved = tmp_path / "elsewhere" / "there"
    moved.parent.mkdir()
    shutil.move(project, moved)
    retract("002_3dbd943c478ecbef", moved / "seeds" / "guids.lock", moved / "seeds")
    cached = file_bytes(build(moved, "publishconf.py", **QUIET))
    cold = tmp_path / "cold"
    shutil.copytree(moved, cold, ignore=shutil.ignore_patterns("output", "cache"))
    assert differences(cached, file_bytes(build(cold, "publishconf.py", **QUIET))) == []
