"""Rebuilds with Pelican's content cache and unchanged files left alone equal a cold build."""

from .conftest import SEEDS, build, file_bytes, make_project

CACHE_ON = {
    "LOAD_CONTENT_CACHE": True,
    "CACHE_CONTENT": True,
    "CONTENT_CACHING_LAYER": "reader",
    "GZIP_CACHE": False,
}


def rebuilt_and_cold(tmp_path, change, seeds=SEEDS, **settings):
    """Build, ``change`` the project, rebuild in place; and a cold build of the changed one."""
    (tmp_path / "cached").mkdir()
    (tmp_path / "cold").mkdir()
    cached = make_project(tmp_path / "cached", seeds)
    first = file_bytes(build(cached, **CACHE_ON, **settings))
    assert (cached / "cache").is_dir()
    change(cached)
    rebuilt = file_bytes(build(cached, **CACHE_ON, **settings))
    cold_project = make_project(tmp_path / "cold", seeds)
    change(cold_project)
    cold = file_bytes(build(cold_project))
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

    # A new title is a new slug; with the output folder emptied first, as a clean build does.
    rebuilt, cold = rebuilt_and_cold(tmp_path, retitle, DELETE_OUTPUT_DIRECTORY=True)
    assert rebuilt == cold


def test_cached_rebuild_after_a_template_change_equals_a_cold_build(tmp_path):
    def change_template(project):
        template = project / "theme" / "templates" / "article.html"
        text = template.read_text(encoding="utf-8")
        template.write_text(text.replace("Show notes</h2>", "About this episode</h2>"))

    rebuilt, cold = rebuilt_and_cold(tmp_path, change_template)
    assert rebuilt == cold
    pages = [text for path, text in cold.items() if path.endswith("index.html")]
    assert any(b"About this episode</h2>" in page for page in pages)


def test_rebuild_after_a_title_edit_removes_the_old_pages_without_emptying_the_output(tmp_path):
    def retitle(project):
        seed = project / "seeds" / SEEDS[2].name
        title, rest = seed.read_text(encoding="utf-8-sig").split("\n", 1)
        seed.write_text(f"{title} (corrected)\n{rest}", encoding="utf-8")

    rebuilt, cold = rebuilt_and_cold(tmp_path, retitle)
    assert rebuilt == cold


def test_cached_rebuild_after_a_sidecar_change_equals_a_cold_build(tmp_path):
    def number_it(project):
        (project / "seeds" / SEEDS[1].with_suffix(".toml").name).write_text("episode = 42\n")

    rebuilt, cold = rebuilt_and_cold(tmp_path, number_it)
    assert rebuilt == cold
    assert any(b"Episode 42" in text for path, text in cold.items() if path.endswith("index.html"))


def test_cached_rebuild_after_a_settings_change_equals_a_cold_build(tmp_path):
    def rename_site(project):
        conf = project / "pelicanconf.py"
        text = conf.read_text(encoding="utf-8")
        conf.write_text(text.replace('SITENAME = "The Daily Synthesizer"', 'SITENAME = "Renamed"'))

    rebuilt, cold = rebuilt_and_cold(tmp_path, rename_site)
    assert rebuilt == cold
    assert all(
        b"Renamed" in text
        for path, text in cold.items()
        if path.startswith("episodes/") and path.endswith("/index.html")
    )


def test_cached_rebuild_after_a_neighbour_goes_equals_a_cold_build(tmp_path):
    """Removing an episode changes only its neighbours' links, and its own files go."""

    def remove_episode(project):
        (project / "seeds" / SEEDS[2].name).unlink()

    rebuilt, cold = rebuilt_and_cold(tmp_path, remove_episode)
    assert rebuilt == cold


def test_an_edited_or_deleted_output_page_is_rendered_again(tmp_path):
    project = make_project(tmp_path)
    output = build(project, **CACHE_ON)
    first = file_bytes(output)
    pages = sorted((output / "episodes").glob("*/index.html"))
    pages[0].write_text("edited by hand")
    pages[1].unlink()
    (pages[2].parent / "transcript.vtt").unlink()
    build(project, **CACHE_ON)
    assert file_bytes(output) == first
