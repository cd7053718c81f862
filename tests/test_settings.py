import re

import pytest

from transcript_podcast.core.settings import SETTINGS, SettingsError, with_defaults
from transcript_podcast.tools.cli import main
from transcript_podcast.tools.settings_table import BEGIN, END, documented_table, settings_table

from .conftest import ROOT


def test_the_readme_settings_table_is_the_one_generated_from_the_settings():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert documented_table(readme) == settings_table(), (
        "README.md's settings table differs from core/settings.py (or its markers are gone): "
        "run `.venv/bin/python -m transcript_podcast settings-table --update README.md`"
    )


def test_the_generated_table_lists_every_setting_once_with_its_default():
    rows = re.findall(r"^\| `(PODCAST_\w+)` \| `([^`]*)` \|", settings_table(), re.MULTILINE)
    assert rows == [(s.name, repr(s.default)) for s in SETTINGS]
    assert len({name for name, _ in rows}) == len(SETTINGS)


def test_updating_the_readme_rewrites_only_the_marked_table(tmp_path):
    stale = f"# Title\n\n{BEGIN}\n| old | table |\n{END}\n\nAfter.\n"
    readme = tmp_path / "README.md"
    readme.write_text(stale, encoding="utf-8")
    assert main(["settings-table", "--update", str(readme)]) == 0
    text = readme.read_text(encoding="utf-8")
    assert text == f"# Title\n\n{BEGIN}\n{settings_table()}{END}\n\nAfter.\n"
    readme.write_text("# No markers\n", encoding="utf-8")
    assert main(["settings-table", "--update", str(readme)]) == 1
    assert readme.read_text(encoding="utf-8") == "# No markers\n"


def test_defaults_fill_in_and_bad_values_are_named():
    settings = with_defaults({})
    assert settings["PODCAST_OPENING_SECONDS"] == 60
    with pytest.raises(SettingsError, match="PODCAST_STRICT must be True or False, not 'yes'"):
        with_defaults({"PODCAST_STRICT": "yes"})
