"""Random weeks of a podcaster's actions: after each sequence, the cached production build
(output/ and cache/ kept, as CI and a podcaster's checkout keep them) equals a cold build of
the same sources, file for file (#19)."""

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import SEEDS, build, file_bytes, make_project
from .test_cached_equals_cold import QUIET, differences

# Without the lock a sidecar slug may move an episode, which is one of the actions; the lock's
# own retraction is covered with real builds in test_guid_lock.py and test_cached_equals_cold.py.
OFF = {**QUIET, "PODCAST_GUID_LOCK": ""}


def seeds_of(project):
    return sorted((project / "seeds").glob("*.txt"))


def add(project):
    present = {path.name for path in seeds_of(project)}
    spare = [seed for seed in SEEDS if seed.name not in present]
    if spare:
        shutil.copy(spare[0], project / "seeds" / spare[0].name)


def edit(project):
    seed = seeds_of(project)[0]
    lines = seed.read_text(encoding="utf-8").split("\n")
    at = lines.index("Show transcript") + 3
    lines[at] += " edited"
    seed.write_text("\n".join(lines), encoding="utf-8")


def retitle(project):
    seed = seeds_of(project)[-1]
    title, rest = seed.read_text(encoding="utf-8").split("\n", 1)
    seed.write_text(f"{title} (corrected)\n{rest}", encoding="utf-8")


def retract(project):
    seeds = seeds_of(project)
    if len(seeds) > 1:
        seeds[-1].unlink()
        seeds[-1].with_suffix(".toml").unlink(missing_ok=True)


def toggle_slug(project):
    sidecar = seeds_of(project)[0].with_suffix(".toml")
    if sidecar.exists():
        sidecar.unlink()
    else:
        sidecar.write_text('slug = "a-custom-slug"\n', encoding="utf-8")


def change_setting(project, overrides):
    pagination = 1 if overrides.get("DEFAULT_PAGINATION") != 1 else 2
    return {"DEFAULT_PAGINATION": pagination, "SITEURL": f"https://p{pagination}.example.org"}


def remove_page(project):
    (project / "content" / "pages" / "about.md").unlink(missing_ok=True)


def preview_a_draft(project, overrides):
    """``tasks.py serve``'s build into the same output/, of a draft moved away afterwards."""
    draft = project / "seeds" / "009_draft.txt"
    text = SEEDS[0].read_text(encoding="utf-8").replace("\n", " Draftwordquux.\n", 1)
    draft.write_text(text, encoding="utf-8")
    build(project, "pelicanconf.py", **{**overrides, "SITEURL": ""})
    draft.unlink()


ACTIONS = {
    "add": add,
    "edit": edit,
    "retitle": retitle,
    "retract": retract,
    "slug": toggle_slug,
    "setting": change_setting,
    "page": remove_page,
    "preview": preview_a_draft,
}
WITH_SETTINGS = {"setting", "preview"}


def cached_then_cold(folder, actions, overrides):
    """The cached output after ``actions``, and a cold build's of the same final sources."""
    (folder / "cached").mkdir(parents=True)
    project = make_project(folder / "cached", SEEDS[:2])
    overrides = dict(overrides)
    build(project, "publishconf.py", **overrides)
    for name in actions:
        action = ACTIONS[name]
        changed = action(project, overrides) if name in WITH_SETTINGS else action(project)
        overrides.update(changed or {})
        build(project, "publishconf.py", **overrides)
    cold = folder / "cold"
    shutil.copytree(project, cold, ignore=shutil.ignore_patterns("output", "cache"))
    return file_bytes(project / "output"), file_bytes(build(cold, "publishconf.py", **overrides))


@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,  # the same sequences on every run: a failure is reproducible
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.sampled_from(sorted(ACTIONS)), min_size=1, max_size=4))
def test_any_sequence_of_actions_leaves_the_cached_site_equal_to_a_cold_one(
    tmp_path_factory, actions
):
    cached, cold = cached_then_cold(tmp_path_factory.mktemp("week"), actions, OFF)
    assert differences(cached, cold) == [], actions


def test_with_search_a_previewed_draft_and_a_reverted_word_are_not_findable(tmp_path):
    """Search on: the preview's bundle and an edit taken back leave nothing in the index."""

    def revert(project):
        seed = seeds_of(project)[0]
        seed.write_text(SEEDS[0].read_text(encoding="utf-8"), encoding="utf-8")

    searched = {**OFF, "PODCAST_SEARCH": True}
    project = make_project(tmp_path / "cached" if (tmp_path / "cached").mkdir() is None else None,
                           SEEDS[:2])  # fmt: skip
    build(project, "publishconf.py", **searched)
    for step in (edit, revert):
        step(project)
        build(project, "publishconf.py", **searched)
    preview_a_draft(project, searched)
    build(project, "publishconf.py", **searched)
    cold = tmp_path / "cold"
    shutil.copytree(project, cold, ignore=shutil.ignore_patterns("output", "cache"))
    cached, fresh = (
        file_bytes(project / "output"),
        file_bytes(build(cold, "publishconf.py", **searched)),
    )
    assert any(name.startswith("pagefind/") for name in fresh)
    assert differences(cached, fresh) == []
