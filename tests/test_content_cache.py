"""Rebuilds with Pelican's content cache and unchanged files left alone equal a cold build."""

from .conftest import SEEDS, build, make_project

CACHE_ON = {
    "LOAD_CONTENT_CACHE": True,
    "CACHE_CONTENT": True,
    "CONTENT_CACHING_LAYER": "reader",
    "GZIP_CACHE": False,
}


def tree(output):
    return {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}


def rebuilt_and_cold(tmp_path, change, seeds=SEEDS, **settings):
    """Build, ``change`` the project, rebuild in place; and a cold build of the changed one."""
    (tmp_path / "cached").mkdir()
    (tmp_path / "cold").mkdir()
    cached = make_project(tmp_path / "cached", seeds)
    first = tree(build(cached, **CACHE_ON, **settings))
    assert (cached / "cache").is_dir()
    change(cached)
    rebuilt = tree(build(cached, **CACHE_ON, **settings))
    cold_project = make_project(tmp_path / "cold", seeds)
    change(cold_project)
    cold = tree(build(cold_project))
    assert rebuilt != first
    return rebuilt, cold


def test_cached_rebuild_after_a_new_episode_equals_a_cold_build(tmp_path):
    def add_episode(project):
        (project / "seeds" / SEEDS[4].name).write_bytes(SEEDS[4].read_bytes())

    rebuilt, cold = rebuilt_and_cold(tmp_path, add_episode, SEEDS[:4])
    assert rebuilt == cold


def test_cached_rebuild_after_a_title_edit_equals_a_cold_build(tmp_path):
    def retitle(project):
        seed = project / "seeds" / SEEDS[2].name
        title, rest = seed.read_text(encoding="utf-8-sig").split("\n", 1)
        seed.write_text(f"{title} (corrected)\n{rest}", encoding="utf-8")

    # A new title is a new slug: the old page goes only when the output folder is emptied
    # first, as publishconf.py does (a development build leaves it behind).
    rebuilt, cold = rebuilt_and_cold(tmp_path, retitle, DELETE_OUTPUT_DIRECTORY=True)
    assert rebuilt == cold


def test_cached_rebuild_after_a_template_change_equals_a_cold_build(tmp_path):
    def change_template(project):
        template = project / "theme" / "templates" / "article.html"
        text = template.read_text(encoding="utf-8")
        template.write_text(text.replace("Show notes</h2>", "About this episode</h2>"))

    rebuilt, cold = rebuilt_and_cold(tmp_path, change_template)
    assert rebuilt == cold
    pages = [text for path, text in cold.items() if path.name == "index.html"]
    assert any(b"About this episode</h2>" in page for page in pages)
