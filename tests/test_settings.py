import re

import pytest

from transcript_podcast.core.settings import SETTINGS, SettingsError, with_defaults

from .conftest import ROOT


def test_every_setting_is_documented_in_the_readme_table():
    readme = (ROOT / "README.md").read_text()
    documented = dict(re.findall(r"^\| `(PODCAST_\w+)` \| `([^`]*)` \|", readme, re.MULTILINE))
    assert documented == {s.name: repr(s.default) for s in SETTINGS}


def test_defaults_fill_in_and_bad_values_are_named():
    settings = with_defaults({})
    assert settings["PODCAST_OPENING_SECONDS"] == 60
    with pytest.raises(SettingsError, match="PODCAST_STRICT must be True or False, not 'yes'"):
        with_defaults({"PODCAST_STRICT": "yes"})
