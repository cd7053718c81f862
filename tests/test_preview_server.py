"""The preview server answers Range and conditional requests the way static hosts do."""

import hashlib
import http.client
import re
import socket
import threading

import pytest

from transcript_podcast.tools.preview_server import UnsatisfiableRange, byte_range, make_server

BODY = bytes(range(256)) * 40  # 10,240 bytes, every offset recognisable


@pytest.mark.parametrize(
    ("header", "span"),
    [
        (None, None),
        ("bytes=0-99", (0, 99)),
        ("bytes=100-", (100, 10239)),
        ("bytes=-100", (10140, 10239)),
        ("bytes=-99999", (0, 10239)),
        ("bytes=10000-99999", (10000, 10239)),
        ("bytes=0-1,5-6", None),  # several ranges: the whole file is a valid answer
        ("items=0-1", None),
        ("bytes=-", None),
    ],
)
def test_byte_range(header, span):
    assert byte_range(header, len(BODY)) == span


def test_positions_too_long_to_read_are_past_the_end_of_the_file():
    huge = "9" * 5000  # more digits than Python reads as a number
    assert byte_range(f"bytes=0-{huge}", len(BODY)) == (0, 10239)
    assert byte_range(f"bytes=-{huge}", len(BODY)) == (0, 10239)
    with pytest.raises(UnsatisfiableRange):
        byte_range(f"bytes={huge}-", len(BODY))


@pytest.mark.parametrize("header", ["bytes=10240-", "bytes=500-100", "bytes=-0"])
def test_unsatisfiable_ranges(header):
    with pytest.raises(UnsatisfiableRange):
        byte_range(header, len(BODY))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    (root / "episode.mp3").write_bytes(BODY)
    (root / "episodes" / "one").mkdir(parents=True)
    (root / "episodes" / "one" / "index.html").write_text("<p>one</p>")
    for name, text in TEXT_FILES.items():
        (root / name).write_text(text, encoding="utf-8")
    server = make_server(root, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_port
    server.shutdown()
    server.server_close()


TEXT_FILES = {
    "feed.xml": "<rss version='2.0'><channel><title>Café</title></channel></rss>",
    "transcript.vtt": "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nIt’s here\n",
    "transcript.srt": "1\n00:00:00,000 --> 00:00:01,000\nIt’s here\n",
    "transcript.json": '{"version": "1.0.0", "segments": []}',
    "transcript.txt": "It’s here — really.",
    "transcript.html": "<p>It’s here</p>",
    "chapters.json": '{"version": "1.2.0", "chapters": []}',
    "site.css": "body { color: black; }",
    "site.js": "console.log('é');",
    "icon.svg": "<svg xmlns='http://www.w3.org/2000/svg'><title>Café</title></svg>",
}
TYPES = {
    "feed.xml": "application/xml; charset=utf-8",
    "transcript.vtt": "text/vtt; charset=utf-8",
    "transcript.srt": "application/x-subrip; charset=utf-8",
    "transcript.json": "application/json; charset=utf-8",
    "transcript.txt": "text/plain; charset=utf-8",
    "transcript.html": "text/html; charset=utf-8",
    "chapters.json": "application/json; charset=utf-8",
    "site.css": "text/css; charset=utf-8",
    "site.js": "text/javascript; charset=utf-8",
    "icon.svg": "image/svg+xml; charset=utf-8",
    "episode.mp3": "audio/mpeg",
}


def get(port, path, headers=None, method="GET"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_a_range_gets_partial_content(server):
    response, body = get(server, "/episode.mp3", {"Range": "bytes=1000-1999"})
    assert response.status == 206
    assert response.headers["Content-Range"] == "bytes 1000-1999/10240"
    assert response.headers["Content-Type"] == "audio/mpeg"
    assert body == BODY[1000:2000]


def test_an_open_range_runs_to_the_end(server):
    response, body = get(server, "/episode.mp3", {"Range": "bytes=10000-"})
    assert response.status == 206
    assert body == BODY[10000:]


def test_no_range_gets_the_whole_file_and_learns_ranges_work(server):
    response, body = get(server, "/episode.mp3")
    assert response.status == 200
    assert response.headers["Accept-Ranges"] == "bytes"
    assert int(response.headers["Content-Length"]) == len(BODY) == len(body)


def test_head_sends_no_body(server):
    response, body = get(server, "/episode.mp3", {"Range": "bytes=0-9"}, method="HEAD")
    assert response.status == 206
    assert response.headers["Content-Length"] == "10"
    assert body == b""


def test_a_range_past_the_end_is_refused(server):
    response, _ = get(server, "/episode.mp3", {"Range": "bytes=20000-"})
    assert response.status == 416
    assert response.headers["Content-Range"] == "bytes */10240"


def test_folders_serve_their_index_and_missing_files_are_404(server):
    response, body = get(server, "/episodes/one/")
    assert (response.status, body) == (200, b"<p>one</p>")
    response, _ = get(server, "/episodes/one")
    assert response.status == 301
    assert response.headers["Location"] == "/episodes/one/"
    response, _ = get(server, "/missing.mp3")
    assert response.status == 404


def status_line(port, request):
    """The first line the server answers to raw ``request`` bytes ('' if it hung up)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while b"\r\n" not in answer:
            chunk = connection.recv(4096)
            if not chunk:
                break
            answer += chunk
    return answer.split(b"\r\n", 1)[0].decode("latin-1")


HUGE = b"9" * 5000


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET /%00 HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        (b"GET /episode.mp3%00.html HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        (b"HEAD /episodes/%00/ HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        (b"GET /%ED%A0%80 HTTP/1.1\r\nHost: x\r\n\r\n", 400),  # a lone surrogate
        (b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 404),
        (b"GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 404),
        (b"GET /episode.mp3 HTTP/1.1\r\nRange: bytes=" + HUGE + b"-\r\n\r\n", 416),
        (b"GET /episode.mp3 HTTP/1.1\r\nRange: bytes=0-" + HUGE + b"\r\n\r\n", 206),
        (b"GET /episode.mp3 HTTP/1.1\r\nRange: bytes=-" + HUGE + b"\r\n\r\n", 206),
        (b"GET /episode.mp3 HTTP/1.1\r\nRange: bytes=\xb2-\r\n\r\n", 200),  # not a digit
        (b"GET /episode.mp3 HTTP/1.1\r\nRange: bytes=" + HUGE + b"-1\r\n\r\n", 416),
    ],
)
def test_every_request_gets_a_status_line(server, request_bytes, status):
    assert re.match(rf"HTTP/1\.[01] {status} ", status_line(server, request_bytes))
    response, _ = get(server, "/episode.mp3", {"Range": "bytes=0-9"})
    assert response.status == 206  # and the server still serves


@pytest.mark.parametrize(("name", "mime"), sorted(TYPES.items()))
def test_every_site_file_type_has_its_mime_type_and_text_its_charset(server, name, mime):
    response, body = get(server, f"/{name}")
    assert response.status == 200
    assert response.headers["Content-Type"] == mime
    if name in TEXT_FILES:
        assert body.decode("utf-8") == TEXT_FILES[name]


@pytest.mark.parametrize("name", sorted(TYPES))
def test_every_file_may_be_read_by_players_on_other_origins(server, name):
    response, _ = get(server, f"/{name}", {"Origin": "https://player.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_the_etag_is_a_hash_of_the_bytes_and_last_modified_a_date(server):
    response, body = get(server, "/transcript.vtt")
    assert response.headers["ETag"] == f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    assert re.fullmatch(
        r"\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT", response.headers["Last-Modified"]
    )
    again, _ = get(server, "/transcript.vtt")
    assert again.headers["ETag"] == response.headers["ETag"]
    other, _ = get(server, "/transcript.srt")
    assert other.headers["ETag"] != response.headers["ETag"]


def test_if_none_match_with_the_current_etag_gets_304_without_a_body(server):
    first, _ = get(server, "/feed.xml")
    etag = first.headers["ETag"]
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        response, body = get(server, "/feed.xml", {"If-None-Match": header})
        assert (response.status, body) == (304, b"")
        assert response.headers["ETag"] == etag
    response, body = get(server, "/feed.xml", {"If-None-Match": '"stale"'})
    assert response.status == 200
    assert body.decode() == TEXT_FILES["feed.xml"]


def test_if_modified_since_gets_304_until_the_file_changes(server):
    first, _ = get(server, "/chapters.json")
    modified = first.headers["Last-Modified"]
    response, body = get(server, "/chapters.json", {"If-Modified-Since": modified})
    assert (response.status, body) == (304, b"")
    old = "Mon, 01 Jan 1990 00:00:00 GMT"
    response, _ = get(server, "/chapters.json", {"If-Modified-Since": old})
    assert response.status == 200
    response, _ = get(server, "/chapters.json", {"If-Modified-Since": "not a date"})
    assert response.status == 200
    # If-None-Match wins: a stale tag gets the file whatever the date says.
    response, _ = get(
        server, "/chapters.json", {"If-None-Match": '"stale"', "If-Modified-Since": modified}
    )
    assert response.status == 200


def test_a_changed_file_gets_a_new_etag(tmp_path):
    (tmp_path / "feed.xml").write_text("<rss/>")
    server = make_server(tmp_path, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        first, _ = get(server.server_port, "/feed.xml")
        (tmp_path / "feed.xml").write_text("<rss version='2.0'/>")
        response, body = get(
            server.server_port, "/feed.xml", {"If-None-Match": first.headers["ETag"]}
        )
        assert (response.status, body) == (200, b"<rss version='2.0'/>")
        assert response.headers["ETag"] != first.headers["ETag"]
    finally:
        server.shutdown()
        server.server_close()


def test_ranges_still_work_with_validators(server):
    response, body = get(server, "/episode.mp3", {"Range": "bytes=0-9"})
    assert (response.status, body) == (206, BODY[:10])
    assert response.headers["ETag"] == f'"{hashlib.sha256(BODY).hexdigest()[:32]}"'
