"""Tell WebSub hubs and the Podcast Index that the published feed changed.

Run after a deploy: it reads the BUILT feed, so it pings exactly what was published, the
topic from the feed's ``<atom:link rel="self">`` and the hubs from its ``rel="hub"`` links.
Each hub gets the WebSub publish request (``hub.mode=publish``, ``hub.url=<feed URL>``, form
encoded; a 2xx answer is success) and the Podcast Index its ``hub/pubnotify?url=<feed URL>``
GET, which needs no API key.  The site is already live, so a hub that fails is reported, one
line each, and never makes the command fail: apps still find the episode on their next poll.
"""

import time
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit, urlunsplit
from urllib.request import Request, urlopen

from lxml import etree

from ..check.site import parse_feed
from ..core.locations import is_http_url
from ..core.standards import ATOM_NS

PUBNOTIFY = "https://api.podcastindex.org/api/1.0/hub/pubnotify"
USER_AGENT = "transcript-podcast-ping/1"  # the Podcast Index asks callers to name themselves
TIMEOUT = 5  # seconds each request may take, by default
RETRY_PAUSE = 1  # seconds before the one retry


class PingError(Exception):
    """The folder holds no feed that can be pinged: a usage error, not a hub's failure."""


@dataclass(frozen=True)
class Ping:
    """One request the command sends: whom it tells (``name``), and how."""

    name: str
    method: str
    url: str
    body: bytes | None = None


def feed_links(output, feed_path):
    """(topic, hubs) of the built feed at ``output/feed_path``; ``PingError`` if there is none."""
    feed_file = Path(output) / feed_path
    if not feed_file.is_file():
        raise PingError(f"{feed_path}: no feed in {output} (build the site first, or --feed)")
    try:
        root = parse_feed(feed_file.read_bytes())
    except etree.XMLSyntaxError as exc:
        raise PingError(f"{feed_path}:{exc.lineno}: not well-formed XML: {exc.msg}") from None
    links = root.findall(f"channel/{{{ATOM_NS}}}link")
    topics = [link.get("href", "") for link in links if link.get("rel") == "self"]
    if len(topics) != 1 or not is_http_url(topics[0]):
        raise PingError(
            f'{feed_path}: needs one <atom:link rel="self"> with the feed\'s absolute URL: it '
            "is the topic the hubs are told about"
        )
    hubs = [link.get("href", "") for link in links if link.get("rel") == "hub"]
    return topics[0], hubs


def requests_for(topic, hubs, pubnotify):
    """The WebSub publish request for each hub, then Podcast Index's pubnotify (unless '')."""
    body = urlencode({"hub.mode": "publish", "hub.url": topic}).encode("ascii")
    pings = [Ping(f"hub {hub}", "POST", hub, body) for hub in hubs]
    if pubnotify:
        parts = urlsplit(pubnotify)
        query = "&".join(filter(None, [parts.query, urlencode({"url": topic})]))
        pings.append(
            Ping("Podcast Index pubnotify", "GET", urlunsplit(parts._replace(query=query)))
        )
    return pings


def send(request, timeout):
    """``OK (status)`` or ``failed: reason`` for one request, tried again once after
    ``RETRY_PAUSE`` when that may help (a refused connection, a timeout, a 5xx)."""
    result, retry = attempt_once(request, timeout)
    if retry:
        time.sleep(RETRY_PAUSE)
        result, _ = attempt_once(request, timeout)
    return result


def attempt_once(request, timeout):
    """(result line, whether trying again could help)."""
    if not is_http_url(request.url):
        return "failed: not an absolute http(s) URL", False
    headers = {"User-Agent": USER_AGENT}
    if request.body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    outgoing = Request(request.url, data=request.body, headers=headers, method=request.method)
    try:
        with urlopen(outgoing, timeout=timeout) as response:
            status = response.status
    except HTTPError as error:
        return f"failed: HTTP {error.code} {error.reason}", error.code >= 500
    except TimeoutError:
        return f"failed: no answer within {timeout:g} s", True
    except URLError as error:
        reason = error.reason
        if isinstance(reason, ConnectionRefusedError):
            return "failed: connection refused", True
        if isinstance(reason, TimeoutError):
            return f"failed: no answer within {timeout:g} s", True
        return f"failed: {reason}", True
    except OSError as error:  # e.g. the connection reset half-way
        return f"failed: {error}", True
    if 200 <= status < 300:
        return f"OK ({status})", False
    return f"failed: HTTP {status}", status >= 500


def ping(output, feed_path, *, pubnotify=PUBNOTIFY, timeout=TIMEOUT, dry_run=False, say=print):
    """Ping every hub of the built feed and the Podcast Index; the number of failures.

    ``PingError`` when the folder holds no feed with a self link.
    """
    topic, hubs = feed_links(output, feed_path)
    if not hubs:
        say(f'{feed_path}: no <atom:link rel="hub"> (PODCAST_WEBSUB_HUBS is empty)')
    failures = 0
    for request in requests_for(topic, hubs, pubnotify):
        if dry_run:
            body = f" {request.body.decode('ascii')}" if request.body else ""
            say(f"{request.name}: would {request.method} {request.url}{body}")
            continue
        result = send(request, timeout)
        failures += result.startswith("failed")
        say(f"{request.name}: {result}")
    return failures
