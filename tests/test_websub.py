"""WebSub: the feed names its hubs, and ``python -m transcript_podcast ping`` tells them.

A real site is built with Pelican with its hubs pointed at stub hubs on 127.0.0.1 (one that
accepts, one that answers 500, one port that refuses connections); the real command runs in
its own process and the stubs record exactly what reached them.
"""

import socket
import subprocess
import sys
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode

import feedparser
import pytest
from lxml import etree

from .conftest import SEEDS, build, make_project, run_pelican

SITEURL = "https://podcast.example.org"
FEED_URL = f"{SITEURL}/feed.xml"
ATOM = "{http://www.w3.org/2005/Atom}"
FORM = "application/x-www-form-urlencoded"
PUBLISH_BODY = b"hub.mode=publish&hub.url=https%3A%2F%2Fpodcast.example.org%2Ffeed.xml"


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


@contextmanager
def silent_port():
    """A port on 127.0.0.1 that takes connections and never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/"


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


@pytest.fixture
def stubs(hubs):
    for server in (hubs[0], hubs[1], hubs[3]):
        server.received.clear()
    return hubs


def ping(*args):
    return subprocess.run(
        [sys.executable, "-m", "transcript_podcast", "ping", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
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
    result = ping(output, "--pubnotify", "")
    assert result.returncode == 0, result.stderr
    assert result.stdout == 'feed.xml: no <atom:link rel="hub"> (PODCAST_WEBSUB_HUBS is empty)\n'


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


# --- The ping command -----------------------------------------------------------------------


def test_ping_publishes_the_feed_url_to_every_hub_and_the_podcast_index(site, stubs):
    good, failing, refused, index = stubs
    self_url = next(
        link.href
        for link in feedparser.parse((site / "feed.xml").read_bytes()).feed.links
        if link.rel == "self"
    )
    assert self_url == FEED_URL
    result = ping(site, "--pubnotify", f"{index.url}api/1.0/hub/pubnotify")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"hub {good.url}: OK (204)",
        f"hub {failing.url}: failed: HTTP 500 Internal Server Error",
        f"hub {refused}: failed: connection refused",
        "Podcast Index pubnotify: OK (200)",
        "2 ping(s) failed: apps see the episode on their next poll instead",
    ]
    assert urlencode({"hub.mode": "publish", "hub.url": self_url}).encode() == PUBLISH_BODY
    assert good.received == [("POST", "/", FORM, PUBLISH_BODY)]
    assert failing.received == [("POST", "/", FORM, PUBLISH_BODY)] * 2  # tried again once
    assert index.received == [
        (
            "GET",
            "/api/1.0/hub/pubnotify?url=https%3A%2F%2Fpodcast.example.org%2Ffeed.xml",
            None,
            b"",
        )
    ]


def test_a_hub_that_never_answers_is_reported_after_the_timeout(site, tmp_path, stubs):
    good, failing, _, index = stubs
    feed = (site / "feed.xml").read_text()
    assert failing.url in feed
    with silent_port() as silent:
        (tmp_path / "feed.xml").write_text(feed.replace(failing.url, silent))
        result = ping(tmp_path, "--timeout", "0.5", "--pubnotify", "")
    assert result.returncode == 0, result.stderr
    assert f"hub {silent}: failed: no answer within 0.5 s" in result.stdout.splitlines()
    assert good.received == [("POST", "/", FORM, PUBLISH_BODY)]
    assert failing.received == index.received == []


def test_dry_run_prints_what_would_be_sent_and_sends_nothing(site, stubs):
    good, failing, refused, index = stubs
    result = ping(site, "--dry-run", "--pubnotify", index.url)
    assert result.returncode == 0, result.stderr
    body = PUBLISH_BODY.decode()
    assert result.stdout.splitlines() == [
        f"hub {good.url}: would POST {good.url} {body}",
        f"hub {failing.url}: would POST {failing.url} {body}",
        f"hub {refused}: would POST {refused} {body}",
        f"Podcast Index pubnotify: would GET {index.url}?url=https%3A%2F%2Fpodcast.example.org"
        "%2Ffeed.xml",
    ]
    assert good.received == failing.received == index.received == []


@pytest.mark.parametrize("value", ["0", "-1", "soon"])
def test_a_timeout_that_is_not_a_positive_number_is_a_usage_error(site, stubs, value):
    result = ping(site, "--timeout", value)
    assert result.returncode == 2
    assert f"argument --timeout: not a positive number of seconds: {value!r}" in result.stderr
    assert stubs[0].received == []


def test_a_folder_without_a_feed_is_a_usage_error(tmp_path, stubs):
    result = ping(tmp_path, "--pubnotify", stubs[3].url)
    assert result.returncode == 2
    assert result.stderr == (f"feed.xml: no feed in {tmp_path} (build the site first, or --feed)\n")
    assert result.stdout == ""
    assert stubs[3].received == []


def test_a_feed_without_a_self_link_is_a_usage_error(site, tmp_path, stubs):
    good = stubs[0]
    feed = (site / "feed.xml").read_text()
    self_link = f'<atom:link href="{FEED_URL}" rel="self" type="application/rss+xml"/>'
    assert self_link in feed
    (tmp_path / "podcast").mkdir()
    (tmp_path / "podcast" / "rss.xml").write_text(feed.replace(self_link, ""))
    result = ping(tmp_path, "--feed", "podcast/rss.xml", "--pubnotify", stubs[3].url)
    assert result.returncode == 2
    assert result.stderr == (
        'podcast/rss.xml: needs one <atom:link rel="self"> with the feed\'s absolute URL: it '
        "is the topic the hubs are told about\n"
    )
    assert good.received == []
    assert "Traceback" not in result.stderr
