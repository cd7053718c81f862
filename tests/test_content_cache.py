"""Pelican's content cache with episodes: adding one keeps the output a cold build's."""

from .conftest import SEEDS, build, make_project

CACHE_ON = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True, "CONTENT_CACHING_LAYER": "reader"}


def tree(output):
    return {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}


def test_cached_rebuild_after_a_new_episode_equals_a_cold_build(tmp_path):
    (tmp_path / "cached").mkdir()
    (tmp_path / "cold").mkdir()
    cached = make_project(tmp_path / "cached", SEEDS[:4])
    build(cached, **CACHE_ON)
    assert (cached / "cache").is_dir()
    (cached / "seeds" / SEEDS[4].name).write_bytes(SEEDS[4].read_bytes())
    rebuilt = build(cached, **CACHE_ON)

    cold = build(make_project(tmp_path / "cold", SEEDS))
    assert tree(rebuilt) == tree(cold)
