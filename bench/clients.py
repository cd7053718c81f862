"""Benchmark: the built feed as real podcast clients show it.

    python3 bench/clients.py [--json clients.json]

Builds the five seeds (development settings: eSpeak NG narration gives every episode audio)
with a sample of the channel settings (funding, license, txt, podroll), serves the output on
127.0.0.1 with the preview server, and asks each client what it sees:

- gPodder's ``gpo`` subscribes and downloads one episode (Debian package ``gpodder``);
- newsboat reloads the feed (Debian package ``newsboat``);
- feedparser and podcastparser (Python), podcast-partytime and feedsmith (Node.js, ``npm ci``).

For each: the episodes it lists, its text fidelity (episodes whose shown description keeps
every apostrophe, ampersand and dash of the show notes' words and has no entity residue such
as ``&#x27;``), the transcript types it sees, whether the download equals the enclosure byte
for byte, and the namespace channel tags it reads.  A missing client is reported as such.
"""

import argparse
import json
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT)]

import feedparser  # noqa: E402
import podcastparser  # noqa: E402
from lxml import etree  # noqa: E402

from tests.podcast_clients import (  # noqa: E402
    ENTITY,
    as_gpodder_shows,
    client_env,
    newsboat_items,
    words_to_keep,
)
from transcript_podcast.tools.preview_server import make_server  # noqa: E402

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PROJECT_PARTS = ("pelicanconf.py", "publishconf.py", "plugins", "theme", "content")
CHANNEL_SETTINGS = {
    "PODCAST_FUNDING": [["Support the show", "https://example.org/support"]],
    "PODCAST_LICENSE": "CC-BY-4.0",
    "PODCAST_TXT": [["applepodcastsverify", "05124"]],
    "PODCAST_PODROLL": ["917393e3-1b1e-5cef-ace4-edaa54e1f810"],
}
NODE = {
    "podcast-partytime": (
        'const feed = require("podcast-partytime").parseFeed(xml);'
        "const out = {items: feed.items.map((i) => ({guid: i.guid, text: i.description,"
        " transcripts: (i.podcastTranscripts || []).map((t) => t.type)})),"
        " tags: {funding: !!feed.podcastFunding, license: !!feed.license,"
        " txt: !!(feed.podcastTxt && feed.podcastTxt.some((t) => t.value)),"
        " podroll: !!feed.podroll, image: false, updateFrequency: false}};"
    ),
    "feedsmith": (
        'const feed = require("feedsmith").parseRssFeed(xml); const p = feed.podcast || {};'
        "const out = {items: feed.items.map((i) => ({guid: i.guid.value, text: i.description,"
        " transcripts: ((i.podcast || {}).transcripts || []).map((t) => t.type)})),"
        " tags: {funding: !!p.fundings, license: !!p.license, txt: !!p.txts,"
        " podroll: !!p.podroll, image: !!p.images, updateFrequency: !!p.updateFrequency}};"
    ),
}


def faithful(shown):
    """How many of ``{guid: shown text}`` keep every such word and have no entity residue."""
    return sum(
        1
        for guid, text in shown.items()
        if text is not None
        and not ENTITY.search(text)
        and all(w in text for w in words_to_keep(guid))
    )


def build(folder, site_url):
    project = folder / "project"
    project.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        copy = shutil.copytree if source.is_dir() else shutil.copy2
        copy(source, project / part)
    shutil.copytree(ROOT / "seeds", project / "seeds", ignore=shutil.ignore_patterns("*.lock"))
    settings = {"SITEURL": site_url, "PODCAST_SEARCH": False, **CHANNEL_SETTINGS}
    overrides = [f"{name}={json.dumps(value)}" for name, value in settings.items()]
    subprocess.run(
        [sys.executable, "-m", "pelican", "-s", "pelicanconf.py", "-e", *overrides],
        cwd=project,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return project / "output"


def gpodder(feed_url, output, folder):
    if not shutil.which("gpo"):
        return None
    env = client_env(folder / "gpodder-home")
    stem = SEEDS[0].stem
    for command in (["subscribe", feed_url], ["download", feed_url, stem]):
        subprocess.run(["gpo", *command], env=env, check=True, capture_output=True, timeout=300)
    with sqlite3.connect(folder / "gpodder-home" / "gpodder" / "Database") as db:
        rows = db.execute("SELECT guid, description, description_html FROM episode").fetchall()
    texts = dict(
        zip([r[0] for r in rows], as_gpodder_shows([t or h for _, t, h in rows]), strict=True)
    )
    downloaded = list((folder / "gpodder-home" / "downloads").rglob("*.mp3"))
    item = next(i for i in items(output) if i.findtext("guid") == stem)
    audio = output / urlsplit(item.find("enclosure").get("url")).path.lstrip("/")
    exact = len(downloaded) == 1 and downloaded[0].read_bytes() == audio.read_bytes()
    # gPodder reads transcripts with podcastparser, which knows only the old namespace URI.
    return row(texts, podcastparser_transcripts(output), "yes" if exact else "NO", {})


def newsboat(feed_url, folder):
    if not shutil.which("newsboat"):
        return None
    rows = newsboat_items(feed_url, folder / "newsboat-home")
    texts = {guid: unescape(re.sub(r"<[^>]+>", " ", content)) for guid, _, content, _ in rows}
    return row(texts, ["not read"], "-", {})


def podcastparser_episodes(output):
    with (output / "feed.xml").open("rb") as feed:
        return podcastparser.parse("http://127.0.0.1/feed.xml", feed)["episodes"]


def podcastparser_transcripts(output):
    """The file types of the ``transcript_url`` podcastparser keeps (the last tag's), if any."""
    urls = {e.get("transcript_url") for e in podcastparser_episodes(output)} - {None}
    return sorted({Path(urlsplit(url).path).suffix for url in urls}) or ["none"]


def python_parsers(output):
    episodes = podcastparser_episodes(output)
    pp = row(
        {e["guid"]: e["description"] for e in episodes}, podcastparser_transcripts(output), "-", {}
    )
    parsed = feedparser.parse((output / "feed.xml").read_bytes())
    fp = row(
        {e.id: unescape(re.sub(r"<[^>]+>", " ", e.summary)) for e in parsed.entries},
        sorted({e.get("podcast_transcript", {}).get("type") for e in parsed.entries} - {None}),
        "-",
        {},
    )
    return pp, fp


def node_parser(package, output):
    node = shutil.which("node")
    if not node or not (ROOT / "node_modules" / package).is_dir():
        return None
    script = (
        'const xml = require("fs").readFileSync(process.argv[1], "utf8");'
        f"{NODE[package]} console.log(JSON.stringify(out));"
    )
    result = subprocess.run(
        [node, "-e", script, str(output / "feed.xml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    parsed = json.loads(result.stdout.splitlines()[-1])
    texts = {i["guid"]: unescape(re.sub(r"<[^>]+>", " ", i["text"] or "")) for i in parsed["items"]}
    types = sorted({t for i in parsed["items"] for t in i["transcripts"]})
    return row(texts, types, "-", parsed["tags"])


def row(texts, transcripts, download, tags):
    return {
        "episodes": len(texts),
        "faithful": faithful(texts),
        "transcripts": transcripts,
        "download": download,
        "channel tags read": sorted(name for name, seen in tags.items() if seen),
    }


def items(output):
    return etree.parse(str(output / "feed.xml")).getroot().iter("item")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the table as JSON")
    args = parser.parse_args()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    site_url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        print("Building the five seeds (narration with eSpeak NG)...", flush=True)
        output = build(folder, site_url)
        server = make_server(output, port=port)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        feed_url = f"{site_url}/feed.xml"
        try:
            table = {"gPodder (gpo)": gpodder(feed_url, output, folder)}
            table["newsboat"] = newsboat(feed_url, folder)
            table["podcastparser"], table["feedparser"] = python_parsers(output)
            for package in NODE:
                table[package] = node_parser(package, output)
        finally:
            server.shutdown()
            server.server_close()
    print(f"\n{'client':<20} {'episodes':>8} {'text kept':>9}  download  transcripts seen")
    for client, found in table.items():
        if found is None:
            print(f"{client:<20} not installed")
            continue
        print(
            f"{client:<20} {found['episodes']:>8} {found['faithful']:>4}/{found['episodes']:<4}"
            f"  {found['download']:<8}  {', '.join(found['transcripts'])}"
        )
        if found["channel tags read"]:
            print(f"{'':<20} channel tags read: {', '.join(found['channel tags read'])}")
    if args.json:
        args.json.write_text(json.dumps(table, indent=2) + "\n")


if __name__ == "__main__":
    main()
