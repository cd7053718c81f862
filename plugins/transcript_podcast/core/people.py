"""Who is credited on the show or an episode (``podcast:person``): one rule for a sidecar's
``[[people]]`` and the ``PODCAST_HOSTS`` setting, so both accept the same tables.
"""

from dataclasses import fields

from .locations import is_http_url
from .model import Person
from .safe_text import unsafe_character

PERSON_KEYS = tuple(f.name for f in fields(Person))
URL_KEYS = ("href", "img")


class PersonError(ValueError):
    """A person table is wrong; ``key`` names the bad key, or is None for the whole table."""

    def __init__(self, key, problem):
        super().__init__(problem)
        self.key, self.problem = key, problem


def person_from(table):
    """The :class:`Person` a table describes: a 'name', optional role and group (compared in
    lower case, as the podcast taxonomy lists them), href and img http(s) URLs."""
    unknown = sorted(set(table) - set(PERSON_KEYS))
    if unknown:
        raise PersonError(None, f"has unknown key {unknown[0]!r} (known: {', '.join(PERSON_KEYS)})")
    if "name" not in table:
        raise PersonError(None, "needs a 'name'")
    values = {}
    for key, given in table.items():
        if not isinstance(given, str) or not given.strip():
            raise PersonError(key, f"must be a non-empty string, not {given!r}")
        value = given.strip()
        problem = unsafe_character(given)
        if problem:
            raise PersonError(key, f"contains {problem}: write it on one line")
        if key in URL_KEYS and not is_http_url(value):
            raise PersonError(key, f"must be an http(s) URL, not {value!r}")
        values[key] = value.lower() if key in ("role", "group") else value
    return Person(**values)
