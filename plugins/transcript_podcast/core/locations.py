"""Where a value may point: an http(s) URL, or a path that stays inside its folder.

One rule each, used by the settings, the sidecars and the site checker alike, so a value one
of them accepts is never refused (or let through) by another.
"""

import posixpath
from urllib.parse import urlsplit


def is_http_url(value):
    """An absolute URL podcast apps can fetch: scheme http or https, and a host."""
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def path_inside(value):
    """``value`` as a normalised relative POSIX path inside its folder, or None if it is not one.

    Refused: anything but a non-blank string, an absolute path (``/x``, ``\\x``, ``//host``),
    any ``:`` (a Windows drive, a URL, an NTFS stream), a path that climbs out with ``..``,
    and the folder itself (``.``).  Backslashes count as separators.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    path = value.replace("\\", "/")
    normal = posixpath.normpath(path)
    if path.startswith("/") or ":" in path or normal in (".", "..") or normal.startswith("../"):
        return None
    return normal
