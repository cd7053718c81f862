"""Where a value may point: an http(s) URL, a path that stays inside its folder (and, on
disk, inside the project), artwork that is JPEG or PNG.

One rule each, used by the settings, the sidecars, the feed and the site checker alike, so a
value one of them accepts is never refused (or let through, or crashed on) by another.
"""

import posixpath
import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from .safe_text import unsafe_character

URL_SCHEME = re.compile(r"^[A-Za-z][\w+.-]*:")
# Apple reads only JPEG and PNG artwork; the suffix of the URL's path (any case) says which.
ARTWORK_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}
IMAGE_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def is_http_url(value):
    """An absolute URL podcast apps can fetch: scheme http or https, and a host; no
    whitespace or character a feed attribute cannot carry."""
    if not isinstance(value, str) or unsafe_character(value) or re.search(r"\s", value):
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


def looks_like_url(value):
    """True for a value written as a URL (``scheme:``), whatever its scheme."""
    return isinstance(value, str) and bool(URL_SCHEME.match(value))


def inside_project(root, relative):
    """The real path of ``relative`` when it stays inside ``root``, symbolic links followed;
    None when it leads outside."""
    root = Path(root).resolve()
    path = (root / relative).resolve()
    return path if path.is_relative_to(root) else None


def artwork_type(location):
    """``image/jpeg`` or ``image/png`` from the suffix of a URL's path or a file path (any
    case; a query or fragment is not part of it), else None."""
    try:
        path = urlsplit(location).path if looks_like_url(location) else location
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    if path.endswith("/"):
        return None  # a folder, whatever its name
    return ARTWORK_TYPES.get(PurePosixPath(path).suffix.lower())


def image_type(data):
    """``image/png`` or ``image/jpeg`` from a file's first bytes, else None."""
    for signature, mime_type in IMAGE_SIGNATURES.items():
        if data.startswith(signature):
            return mime_type
    return None
