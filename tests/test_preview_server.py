"""The preview server answers Range requests the way static hosts do."""

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
    server = make_server(root, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_port
    server.shutdown()
    server.server_close()


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
