"""A local preview server for the built site that answers HTTP Range requests.

Python's ``http.server`` (and so ``pelican --listen``) ignores ``Range``; without ranges
Chromium cannot seek in an MP3, so a timestamp link would restart the episode instead of
jumping. Static hosts serve ranges; this server does too, so the preview behaves like them.

    python -m transcript_podcast.tools.preview_server output --port 8000
"""

import argparse
import contextlib
import os
import re
import shutil
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

RANGE = re.compile(r"bytes=([0-9]*)-([0-9]*)")
CHUNK = 64 * 1024
# Byte positions longer than this many digits are past the end of any file: Python refuses
# to read numbers of more than 4,300 digits, and no file has more than 10**18 bytes.
POSITION_DIGITS = 18


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
        size = os.fstat(file.fileno()).st_size
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
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Length", str(last - first + 1))
        if span:
            self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        file.seek(first)
        self.remaining = last - first + 1
        return file

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
