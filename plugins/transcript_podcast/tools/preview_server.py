"""A local preview server for the built site that answers HTTP Range requests.

Python's ``http.server`` (and so ``pelican --listen``) ignores ``Range``; without ranges
Chromium cannot seek in an MP3, so a timestamp link would restart the episode instead of
jumping. Static hosts serve ranges; this server does too, so the preview behaves like them.
Like a good static host it also sends each file's type with its charset, an ``ETag`` (a hash of
the bytes) and ``Last-Modified``, answers conditional requests with 304 (podcast apps fetch the
feed conditionally), and sends ``Access-Control-Allow-Origin: *`` so browser-based players on
other origins can read transcripts, chapters and the feed.

    python -m transcript_podcast.tools.preview_server output --port 8000
"""

import argparse
import contextlib
import hashlib
import os
import re
import shutil
from email.utils import formatdate, parsedate_to_datetime
from functools import lru_cache, partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import PurePath

from ..core.standards import SITE_TYPES, TEXT_TYPES

RANGE = re.compile(r"bytes=([0-9]*)-([0-9]*)")
CHUNK = 64 * 1024
# Byte positions longer than this many digits are past the end of any file: Python refuses
# to read numbers of more than 4,300 digits, and no file has more than 10**18 bytes.
POSITION_DIGITS = 18


def content_type(path):
    """The Content-Type for a file: the site's type for its suffix, text types with charset."""
    mime = SITE_TYPES.get(PurePath(path).suffix.lower(), "application/octet-stream")
    return f"{mime}; charset=utf-8" if mime in TEXT_TYPES else mime


@lru_cache(maxsize=4096)
def entity_tag(path, size, mtime_ns):
    """A strong ETag from the file's bytes (cached while its size and time stay the same)."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return f'"{digest.hexdigest()[:32]}"'


def not_modified(headers, etag, mtime):
    """True when a conditional request's copy is current (RFC 9110 §13.1.2, §13.1.3).

    ``If-None-Match`` wins over ``If-Modified-Since`` when both are sent.
    """
    match = headers.get("If-None-Match")
    if match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in match.split(",")}
        return "*" in tags or etag in tags
    since = headers.get("If-Modified-Since")
    if since is None:
        return False
    try:
        return int(mtime) <= parsedate_to_datetime(since).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return False  # an unreadable date: send the file


class UnsatisfiableRange(ValueError):
    """The requested range starts past the end of the file."""


def byte_range(header, size):
    """The inclusive ``(first, last)`` byte span a ``Range`` header asks of a ``size``-byte file.

    ``None`` means "send the whole file": no header, a malformed one, or several ranges
    (a server may ignore ``Range``, RFC 9110 §14.2).
    """
    match = RANGE.fullmatch((header or "").strip())
    if not match or match.group(1) == match.group(2) == "":
        return None
    first, last = match.groups()
    if first == "":
        length = position(last)
        if length == 0:
            raise UnsatisfiableRange(header)
        return max(0, size - length), size - 1
    first = position(first)
    last = size - 1 if last == "" else min(position(last), size - 1)
    if first > last or first >= size:
        raise UnsatisfiableRange(header)
    return first, last


def position(digits):
    """A byte position from its digits; one too long to read is past the end of any file."""
    return int(digits) if len(digits) <= POSITION_DIGITS else 10**POSITION_DIGITS


def is_usable_path(path):
    """False for a path no file can have: a NUL byte, or undecodable %-escapes (surrogates)."""
    try:
        return b"\0" not in os.fsencode(path)
    except UnicodeEncodeError:
        return False


class RangeRequestHandler(SimpleHTTPRequestHandler):
    """Serves files with ``Accept-Ranges: bytes`` and ``206 Partial Content`` answers."""

    remaining = None

    def send_head(self):
        self.remaining = None
        path = self.translate_path(self.path)
        if not is_usable_path(path):
            # A NUL or a lone surrogate would make open() raise and drop the connection.
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad request path")
            return None
        if os.path.isdir(path):
            index = os.path.join(path, "index.html")
            if not self.path.split("?", 1)[0].endswith("/") or not os.path.isfile(index):
                return super().send_head()  # the redirect to "dir/", or a listing
            path = index
        try:
            file = open(path, "rb")  # noqa: SIM115 - returned to do_GET, which closes it
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        stat = os.fstat(file.fileno())
        size = stat.st_size
        etag = entity_tag(path, size, stat.st_mtime_ns)
        validators = {"ETag": etag, "Last-Modified": formatdate(stat.st_mtime, usegmt=True)}
        if not_modified(self.headers, etag, stat.st_mtime):
            file.close()
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_validators(validators)
            self.end_headers()
            return None
        try:
            span = byte_range(self.headers.get("Range"), size)
        except UnsatisfiableRange:
            file.close()
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        first, last = span or (0, size - 1)
        self.send_response(HTTPStatus.PARTIAL_CONTENT if span else HTTPStatus.OK)
        self.send_header("Content-Type", content_type(path))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Length", str(last - first + 1))
        if span:
            self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
        self.send_validators(validators)
        self.end_headers()
        file.seek(first)
        self.remaining = last - first + 1
        return file

    def send_validators(self, validators):
        """ETag, Last-Modified, revalidation on every use, and CORS for other origins' players."""
        for name, value in validators.items():
            self.send_header(name, value)
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Access-Control-Allow-Origin", "*")

    def copyfile(self, source, outputfile):
        if self.remaining is None:
            shutil.copyfileobj(source, outputfile)
            return
        try:
            while self.remaining > 0:
                chunk = source.read(min(CHUNK, self.remaining))
                if not chunk:
                    break
                outputfile.write(chunk)
                self.remaining -= len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser dropped a media request it no longer needs: normal when seeking


def make_server(directory, host="127.0.0.1", port=8000):
    """A threading server for ``directory`` (port 0 picks a free one: see ``server_port``)."""
    handler = partial(RangeRequestHandler, directory=os.fspath(directory))
    return ThreadingHTTPServer((host, port), handler)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default="output", help="the built site")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    options = parser.parse_args(argv)
    with make_server(options.directory, options.host, options.port) as server:
        host, port = server.server_address[:2]
        print(f"Serving {options.directory} at http://{host}:{port}/ (Ctrl+C stops)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


if __name__ == "__main__":
    main()
