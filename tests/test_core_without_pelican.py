"""The core, the checker and the tools import, and ``python -m transcript_podcast check`` runs,
with Pelican made unimportable: only :mod:`transcript_podcast.shell` may need it."""

import os
import subprocess
import sys

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "plugins" / "transcript_podcast"
# Installed as sitecustomize, so it is in place before any module runs, as with no Pelican.
NO_PELICAN = """
import importlib.abc
import sys


class NoPelican(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "pelican" or name.startswith("pelican."):
            raise ImportError(f"No module named {name!r} (Pelican is blocked in this test)")
        return None


sys.meta_path.insert(0, NoPelican())
"""


def pure_modules():
    """Every module of the core, the checker and the tools, by dotted name."""
    names = []
    for part in ("core", "check", "tools"):
        for path in sorted((PACKAGE / part).rglob("*.py")):
            dotted = path.relative_to(PACKAGE.parent).with_suffix("").parts
            names.append(".".join(dotted[:-1] if dotted[-1] == "__init__" else dotted))
    return names


@pytest.fixture
def without_pelican(tmp_path):
    """Run Python with Pelican unimportable; returns a function taking the arguments."""
    (tmp_path / "sitecustomize.py").write_text(NO_PELICAN)

    def run(*args):
        return subprocess.run(
            [sys.executable, *args],
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(tmp_path)},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return run


def test_every_core_check_and_tools_module_imports_without_pelican(without_pelican):
    modules = pure_modules()
    assert "transcript_podcast.check.site" in modules
    assert "transcript_podcast.core.feed.rss" in modules
    script = (
        "import importlib, sys\n"
        f"names = {modules!r}\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'pelican']\n"
        "print('imported', len(names))\n"
    )
    done = without_pelican("-c", script)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"imported {len(modules)}"


def test_the_block_really_keeps_pelican_out(without_pelican):
    done = without_pelican("-c", "import transcript_podcast.shell.receivers")
    assert done.returncode == 1
    assert "Pelican is blocked in this test" in done.stderr


@pytest.mark.parametrize("command", ["check", "settings-table"])
def test_the_command_line_runs_without_pelican(without_pelican, command):
    done = without_pelican("-m", "transcript_podcast", command, "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"usage: python -m transcript_podcast {command}")
