"""WebSub: the feed names its hubs, and ``python -m transcript_podcast ping`` tells them.

A real site is built with Pelican with its hubs pointed at stub hubs on 127.0.0.1 (one that
accepts, one that answers 500, one port that refuses connections); the real command runs in
its own process and the stubs record exactly what reached them.
"""

import socket
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import feedparser
import pytest
from lxml import etree

from .conftest import SEEDS, build, make_project, run_pelican

SITEURL = "https://podcast.example.org"
FEED_URL = f"{SITEURL}/feed.xml"
ATOM = "{http://www.w3.org/2005/Atom}"


class StubHub(ThreadingHTTPServer):
    """An HTTP server that answers every request with ``status`` and records what it got:
    (method, path with query, Content-Type, body bytes)."""

    def __init__(self, status):
        super().__init__(("127.0.0.1", 0), RecordingHandler)
        self.status = status
        self.received = []

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_port}/"


class RecordingHandler(BaseHTTPRequestHandler):
    def record(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        self.server.received.append(
            (self.command, self.path, self.headers.get("Content-Type"), body)
        )
        self.send_response(self.server.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = record

    def log_message(self, *args):
        """Quiet: the test reads ``received``, not a log."""


@contextmanager
def running(server):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def refused_port():
    """A port on 127.0.0.1 bound but not listening: every connection to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/"


def quick_project(folder):
    """One seed, built without narration: the feed's channel is what these tests read."""
    return make_project(folder, SEEDS[:1], share_narrations=False)


@pytest.fixture(scope="module")
def hubs():
    """(good hub, failing hub, refused hub URL, Podcast Index stub), running for the module."""
    with (
        running(StubHub(204)) as good,
        running(StubHub(500)) as failing,
        refused_port() as refused,
        running(StubHub(200)) as index,
    ):
        yield good, failing, refused, index


@pytest.fixture(scope="module")
def site(hubs, tmp_path_factory):
    """The output of a real build whose feed names the three hubs."""
    good, failing, refused, _ = hubs
    project = quick_project(tmp_path_factory.mktemp("websub"))
    return build(
        project,
        SITEURL=SITEURL,
        PODCAST_NARRATION=False,
        PODCAST_WEBSUB_HUBS=[good.url, failing.url, refused],
    )


# --- The feed -------------------------------------------------------------------------------


def test_the_feed_names_each_configured_hub_next_to_its_self_link(site, hubs):
    good, failing, refused, _ = hubs
    data = (site / "feed.xml").read_bytes()
    parsed = feedparser.parse(data)
    assert [link.href for link in parsed.feed.links if link.rel == "hub"] == [
        good.url,
        failing.url,
        refused,
    ]
    assert [link.href for link in parsed.feed.links if link.rel == "self"] == [FEED_URL]
    channel = etree.fromstring(data).find("channel")
    links = channel.findall(f"{ATOM}link")
    assert [(link.get("rel"), link.get("href")) for link in links] == [
        ("self", FEED_URL),
        ("hub", good.url),
        ("hub", failing.url),
        ("hub", refused),
    ]
    start = list(channel).index(links[0])
    assert list(channel)[start : start + 4] == links  # the hub links follow the self link


def test_the_default_hub_is_the_public_one(tmp_path):
    output = build(quick_project(tmp_path), SITEURL=SITEURL, PODCAST_NARRATION=False)
    parsed = feedparser.parse((output / "feed.xml").read_bytes())
    hub_links = [link.href for link in parsed.feed.links if link.rel == "hub"]
    assert hub_links == ["https://pubsubhubbub.appspot.com/"]


def test_an_empty_hub_list_turns_websub_off(tmp_path):
    output = build(
        quick_project(tmp_path), SITEURL=SITEURL, PODCAST_NARRATION=False, PODCAST_WEBSUB_HUBS=[]
    )
    data = (output / "feed.xml").read_bytes()
    assert sorted(link.rel for link in feedparser.parse(data).feed.links) == ["alternate", "self"]
    assert etree.fromstring(data).findall(f"channel/{ATOM}link[@rel='hub']") == []


@pytest.mark.parametrize(
    "value",
    ['["ftp://hub.example/"]', '["/hub"]', '"https://pubsubhubbub.appspot.com/"'],
)
def test_a_bad_hub_setting_stops_the_build_naming_it(tmp_path, value):
    project = quick_project(tmp_path)
    with open(project / "pelicanconf.py", "a") as conf:
        conf.write(f"\nPODCAST_WEBSUB_HUBS = {value}\n")
    result = run_pelican(project)
    log = result.stdout + result.stderr
    assert result.returncode == 1
    assert (
        "PODCAST_WEBSUB_HUBS must be a list of absolute http(s) URLs (empty: no WebSub), not "
        f"{eval(value)!r}" in log
    )
    assert "Traceback" not in log
