"""The README's settings table, generated from :data:`..core.settings.SETTINGS`.

Each setting is documented once, next to its default and check; the README shows the table
this module renders between two HTML comments, and a test fails when the two differ.
``python -m transcript_podcast settings-table --update README.md`` rewrites it.
"""

import re

from ..core.settings import SETTINGS

BEGIN = (
    "<!-- settings-table: generated from plugins/transcript_podcast/core/settings.py; edit "
    "there, then run `python -m transcript_podcast settings-table --update README.md` -->"
)
END = "<!-- end settings-table -->"
SECTION = re.compile(re.escape(BEGIN) + r"\n(.*?)" + re.escape(END), re.DOTALL)


def cell(text):
    """Text safe inside one Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def settings_table():
    """The Markdown table of every setting: name, default, accepted values, meaning."""
    rows = ["| setting | default | accepts | meaning |", "|---|---|---|---|"]
    rows += [
        f"| `{s.name}` | `{cell(repr(s.default))}` | {cell(s.expected)} | {cell(s.doc)} |"
        for s in SETTINGS
    ]
    return "\n".join(rows) + "\n"


def documented_table(readme):
    """The table between the markers in ``readme``'s text, or None without the markers."""
    found = SECTION.search(readme)
    return found and found.group(1)


def with_table(readme):
    """``readme``'s text with the table between the markers regenerated."""
    if documented_table(readme) is None:
        raise ValueError(f"no settings table section: expected a line {BEGIN} ... {END}")
    return SECTION.sub(lambda _: f"{BEGIN}\n{settings_table()}{END}", readme, count=1)
