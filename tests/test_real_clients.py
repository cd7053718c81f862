"""Real podcast clients subscribe to a real build served on 127.0.0.1 by the preview server.

gPodder's ``gpo`` and newsboat run with a temporary HOME, so nothing of the user's is read or
touched; they see what a listener's app would: every episode, the descriptions as written
(apostrophes kept), and an episode downloaded byte for byte.
"""

import shutil
import socket
import sqlite3
import subprocess
import threading
from html import unescape
from urllib.parse import urlsplit

import pytest
from lxml import etree

from transcript_podcast.tools.preview_server import make_server

from .audio_samples import write_mp3
from .conftest import SEEDS, build, make_project, require
from .podcast_clients import ENTITY, as_gpodder_shows, client_env, newsboat_items, words_to_keep
from .test_build import TITLES

WITH_AUDIO = "000_cf1f7d48bab437eb"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(feed URL, output folder): the seeds built for, and served at, a local address."""
    port = free_port()
    site_url = f"http://127.0.0.1:{port}"
    project = make_project(tmp_path_factory.mktemp("clients-site"))
    write_mp3(project / "seeds" / f"{WITH_AUDIO}.mp3")
    output = build(project, SITEURL=site_url, PODCAST_NARRATION=False, PODCAST_STRICT=True)
    server = make_server(output, port=port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"{site_url}/feed.xml", output
    server.shutdown()
    server.server_close()


def run(command, env):
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, (command, result.stdout, result.stderr)
    return result.stdout


def test_gpodder_subscribes_downloads_and_keeps_apostrophes(served, tmp_path):
    require(shutil.which("gpo"), "gPodder's gpo", "apt-get install gpodder")
    feed_url, output = served
    env = client_env(tmp_path / "home")
    run(["gpo", "subscribe", feed_url], env)
    run(["gpo", "download", feed_url, WITH_AUDIO], env)
    with sqlite3.connect(tmp_path / "home" / "gpodder" / "Database") as db:
        episodes = db.execute(
            "SELECT guid, title, description, description_html, file_size FROM episode"
        ).fetchall()
        podcast = db.execute("SELECT http_etag, http_last_modified FROM podcast").fetchone()
    assert {guid: title for guid, title, *_ in episodes} == TITLES
    # gPodder keeps the preview server's validators: its next update is a conditional request.
    assert all(podcast), podcast
    shown = as_gpodder_shows([text or html for _, _, text, html, _ in episodes])
    kept = 0
    for (guid, *_), text in zip(episodes, shown, strict=True):
        assert not ENTITY.search(text), (guid, text[:200])
        for word in words_to_keep(guid):
            assert word in text, (guid, word, text[:300])
            kept += 1
    assert kept >= len(SEEDS)  # the seeds' notes do have apostrophes to lose
    length = next(size for guid, *_, size in episodes if guid == WITH_AUDIO)
    items = etree.parse(str(output / "feed.xml")).getroot().iter("item")
    enclosure = next(i for i in items if i.findtext("guid") == WITH_AUDIO).find("enclosure")
    audio = output / urlsplit(enclosure.get("url")).path.lstrip("/")
    assert int(enclosure.get("length")) == audio.stat().st_size
    downloaded = list((tmp_path / "home" / "downloads").rglob("*.mp3"))
    assert len(downloaded) == 1
    assert downloaded[0].read_bytes() == audio.read_bytes()
    assert downloaded[0].stat().st_size == length


def test_newsboat_reloads_the_feed_and_sees_every_item(served, tmp_path):
    require(shutil.which("newsboat"), "newsboat", "apt-get install newsboat")
    feed_url, _ = served
    items = newsboat_items(feed_url, tmp_path / "home")
    assert {guid: title for guid, title, *_ in items} == TITLES
    for guid, _, content, _ in items:
        assert not ENTITY.search(unescape(content)), guid
    enclosures = {guid: enclosure for guid, *_, enclosure in items}
    assert enclosures[WITH_AUDIO].endswith(".mp3")
    assert len(SEEDS) == len(items)
