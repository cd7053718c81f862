"""The publish workflow: its GUID lock can be neither lost nor resurrected, and it deploys
only what the strict build of main makes (scripted with real git and real builds)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from transcript_podcast.core.incremental.guid_lock import Locked, format_lock, read_lock

from .conftest import ROOT, SEEDS, file_bytes, make_project

WORKFLOWS = ROOT / ".github" / "workflows"
PUSH_LOCK = ROOT / ".github" / "publish" / "push-lock.sh"
LOCK = "seeds/guids.lock"
SITE = "https://pod.example.org"
PUBLISHED = read_lock((ROOT / LOCK).read_text(), LOCK)  # the seeds' real GUIDs and slugs


def git(repo, *args, check=True):
    result = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=False,
        env={**os.environ, "GIT_AUTHOR_NAME": "Pod Caster", "GIT_AUTHOR_EMAIL": "pod@example.org",
             "GIT_COMMITTER_NAME": "Pod Caster", "GIT_COMMITTER_EMAIL": "pod@example.org"},
    )  # fmt: skip
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def cli(repo, *args):
    return subprocess.run(
        [sys.executable, "-m", "transcript_podcast", *args],
        cwd=repo, capture_output=True, text=True, check=False,
    )  # fmt: skip


def publish_build(repo):
    """The workflow's build step: the strict production build of this checkout."""
    return subprocess.run(
        [sys.executable, "-m", "pelican", "-s", "publishconf.py", "--log-handler", "plain"],
        cwd=repo, capture_output=True, text=True, check=False,
        env={**os.environ, "SITEURL": SITE},
    )  # fmt: skip


def push_lock(repo):
    """The workflow's lock step, the very script it runs."""
    return subprocess.run(
        ["bash", str(repo / ".github" / "publish" / "push-lock.sh"), LOCK, "main"],
        cwd=repo, capture_output=True, text=True, check=False,
    )  # fmt: skip


@pytest.fixture
def origin(tmp_path):
    """A bare repository holding a published show of two episodes, locked."""
    (tmp_path / "first").mkdir()
    project = make_project(tmp_path / "first", SEEDS[:2], share_narrations=False)
    with (project / "publishconf.py").open("a") as conf:
        conf.write("PODCAST_NARRATION = False\nPODCAST_REQUIRE_AUDIO = False\n")  # no audio
    for part in (".gitattributes", ".gitignore", ".github/publish/push-lock.sh"):
        (project / part).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / part, project / part)
    (project / LOCK).write_text(format_lock({s.stem: PUBLISHED[s.stem] for s in SEEDS[:2]}))
    bare = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "The show")
    git(project, "push", "-q", str(bare), "main")
    return bare


def clone(origin, folder):
    git(origin.parent, "clone", "-q", str(origin), str(folder))
    return folder


def add_episode(repo, seed):
    shutil.copy(seed, repo / "seeds" / seed.name)
    git(repo, "add", "seeds")
    git(repo, "commit", "-q", "-m", f"Episode {seed.stem}")
    git(repo, "push", "-q", "origin", "main")


def lock_at_origin(origin):
    return read_lock(git(origin, "show", f"main:{LOCK}").stdout, LOCK)


def test_a_retraction_pushed_during_a_publish_stays_retracted(origin, tmp_path):
    podcaster, ci = clone(origin, tmp_path / "podcaster"), tmp_path / "ci"
    add_episode(podcaster, SEEDS[2])
    clone(origin, ci)  # the publish run checks out the new episode's commit ...
    built = publish_build(ci)
    assert built.returncode == 0, built.stdout + built.stderr
    # ... and while it builds, the podcaster retracts the first episode.
    retracted = cli(podcaster, "retract", f"seeds/{SEEDS[0].name}")
    assert retracted.returncode == 0, retracted.stderr
    assert f"seeds/{SEEDS[0].name}: deleted" in retracted.stdout
    git(podcaster, "commit", "-q", "-am", "Retract the first episode")
    git(podcaster, "push", "-q", "origin", "main")

    pushed = push_lock(ci)  # main moved: the lock commit is rebased onto the retraction
    assert pushed.returncode == 0, pushed.stdout + pushed.stderr
    first, second, third = (PUBLISHED[seed.stem] for seed in SEEDS[:3])
    assert lock_at_origin(origin) == {
        SEEDS[0].stem: Locked(first.guid, first.slug, retracted=True),
        SEEDS[1].stem: second,
        SEEDS[2].stem: third,
    }
    assert git(origin, "log", "-1", "--format=%s", "main").stdout.strip() == (
        "Lock the GUIDs and URLs of newly published episodes"
    )
    # The next publish, from main as it is now, builds without the retracted episode.
    rerun = clone(origin, tmp_path / "rerun")
    built = publish_build(rerun)
    assert built.returncode == 0, built.stdout + built.stderr
    pages = {name for name in file_bytes(rerun / "output") if name.endswith("/index.html")}
    assert f"episodes/{first.slug}/index.html" not in pages
    assert {f"episodes/{e.slug}/index.html" for e in (second, third)} <= pages
    assert push_lock(rerun).stdout.strip() == f"{LOCK}: no episode added, nothing to lock"


def test_a_deleted_lock_line_comes_back_and_the_build_says_how_to_retract(origin, tmp_path):
    """Why a retraction is a line added: union merging brings a deleted line back (here the
    line next to the one the publish adds, so the two changes overlap)."""
    podcaster, ci = clone(origin, tmp_path / "podcaster"), tmp_path / "ci"
    add_episode(podcaster, SEEDS[2])
    clone(origin, ci)
    assert publish_build(ci).returncode == 0
    lock = podcaster / LOCK
    lock.write_text("".join(line for line in lock.read_text().splitlines(keepends=True)
                            if not line.startswith(SEEDS[1].stem)))  # fmt: skip
    (podcaster / "seeds" / SEEDS[1].name).unlink()
    git(podcaster, "commit", "-q", "-am", "Retract the first episode the old way")
    git(podcaster, "push", "-q", "origin", "main")
    assert push_lock(ci).returncode == 0
    assert SEEDS[1].stem in lock_at_origin(origin)  # resurrected by the merge
    rerun = clone(origin, tmp_path / "rerun")
    built = publish_build(rerun)
    assert built.returncode != 0
    assert f"python -m transcript_podcast retract {SEEDS[1].stem}" in built.stdout + built.stderr


def test_two_publish_runs_racing_lock_each_episode_once(origin, tmp_path):
    podcaster = clone(origin, tmp_path / "podcaster")
    add_episode(podcaster, SEEDS[2])
    early = clone(origin, tmp_path / "early")
    add_episode(podcaster, SEEDS[3])
    late = clone(origin, tmp_path / "late")
    for run in (early, late):
        assert publish_build(run).returncode == 0
    assert push_lock(late).returncode == 0
    assert push_lock(early).returncode == 0  # rebased onto the later run's lock
    text = git(origin, "show", f"main:{LOCK}").stdout
    assert lock_at_origin(origin) == {s.stem: PUBLISHED[s.stem] for s in SEEDS[:4]}
    starts = [line.split("\t")[0] for line in text.splitlines() if not line.startswith("#")]
    assert starts == [s.stem for s in SEEDS[:4]], text


def test_a_refused_lock_push_stops_the_publish_before_the_deploy(origin, tmp_path):
    hook = origin / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'main is protected' >&2\nexit 1\n")
    hook.chmod(0o755)
    podcaster = clone(origin, tmp_path / "podcaster")
    shutil.copy(SEEDS[2], podcaster / "seeds" / SEEDS[2].name)
    git(podcaster, "add", "seeds")
    git(podcaster, "commit", "-q", "-m", "A new episode")
    before = git(origin, "rev-parse", "main").stdout
    assert publish_build(podcaster).returncode == 0
    pushed = push_lock(podcaster)
    assert pushed.returncode == 1
    assert "could not push the lock to main; not deploying" in pushed.stderr
    assert git(origin, "rev-parse", "main").stdout == before


def test_nothing_new_pushes_nothing(origin, tmp_path):
    ci = clone(origin, tmp_path / "ci")
    assert publish_build(ci).returncode == 0
    before = git(origin, "rev-parse", "main").stdout
    assert push_lock(ci).returncode == 0
    assert git(origin, "rev-parse", "main").stdout == before


def workflow(name):
    return yaml.safe_load((WORKFLOWS / name).read_text())


def steps_of(job):
    return [step.get("name") or step.get("uses", "").split("@")[0] for step in job["steps"]]


def test_publish_locks_before_it_deploys_and_tells_apps_after():
    job = workflow("publish.yml")["jobs"]["publish"]
    order = steps_of(job)
    positions = [
        order.index(step)
        for step in (
            "Build (strict production settings)",
            "Check the feed and transcripts",
            "Lock new episodes on main before they go live",
            "actions/upload-pages-artifact",
            "actions/deploy-pages",
            "Tell WebSub hubs and Podcast Index",
        )
    ]
    assert positions == sorted(positions)
    assert "bash .ci/run" not in str(job)
    assert "tasks.py test" not in str(job)


def test_publish_runs_only_from_main_and_every_path_the_build_reads_triggers_it():
    flow = workflow("publish.yml")
    assert flow["jobs"]["publish"]["if"] == "github.ref == 'refs/heads/main'"
    assert flow["jobs"]["publish"]["steps"][0]["with"]["ref"] == "main"
    triggers = flow[True]["push"]  # YAML 1.1 reads the key "on" as True
    assert triggers["branches"] == ["main"]
    # Every folder the settings read from, and where the README keeps sidecar audio.
    script = (
        "import json; from pelican.settings import read_settings; s = read_settings("
        "'publishconf.py'); print(json.dumps(s['ARTICLE_PATHS'] + s['PAGE_PATHS'] + "
        "s['STATIC_PATHS'] + s['PLUGIN_PATHS'] + [s['THEME']]))"
    )
    read = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    folders = {Path(os.path.relpath(f, ROOT)).parts[0] for f in yaml.safe_load(read.stdout)}
    wanted = {f"{folder}/**" for folder in folders | {"media"}}
    wanted |= {"pelicanconf.py", "publishconf.py", "pyproject.toml", ".gitattributes"}
    assert wanted <= set(triggers["paths"])
    key = next(s for s in flow["jobs"]["publish"]["steps"] if s.get("id") == "key")["run"]
    for pattern in wanted - {".gitattributes"}:
        assert f"'{pattern}'" in key


def test_publish_caches_only_the_build_cache_under_a_key_of_its_inputs():
    steps = workflow("publish.yml")["jobs"]["publish"]["steps"]
    caches = [s for s in steps if s.get("uses", "").startswith("actions/cache")]
    assert [s["uses"].split("@")[0] for s in caches] == [
        "actions/cache/restore",
        "actions/cache/save",
    ]
    assert all(s["with"]["path"] == "cache" for s in caches)  # never output/: no stale site
    assert caches[0]["if"] == "${{ !inputs.clean }}"  # the clean-build route
    key = next(s for s in steps if s.get("id") == "key")["run"]
    assert "hashFiles(" in key
    assert "SITEURL" in key
    for machine_specific in ("github.workspace", "runner.", "run_id"):
        assert machine_specific not in key
    flow = workflow("publish.yml")
    assert flow[True]["workflow_dispatch"]["inputs"]["clean"]["type"] == "boolean"
    assert any("gh cache delete" in s.get("run", "") for s in steps)


def test_development_ci_runs_the_readme_test_command_on_debian():
    job = workflow("test.yml")["jobs"]["test"]
    assert job["container"].endswith("-bookworm")
    assert [s["run"] for s in job["steps"] if "run" in s] == ["bash .ci/run"]
    assert "python3 tasks.py test" in (ROOT / ".ci" / "run").read_text()
