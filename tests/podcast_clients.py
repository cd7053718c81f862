"""How the real-client tests and ``bench/clients.py`` drive gPodder and newsboat, and what
they count as the show notes' text kept whole."""

import json
import os
import re
import shutil
import sqlite3
import subprocess

from transcript_podcast.core.seeds.files import load_episode

from .conftest import ROOT, SEEDS

ENTITY = re.compile(r"&(#\w+|[a-z]+);")  # residue such as &#x27; or &amp; in shown text


def client_env(home):
    home.mkdir(parents=True, exist_ok=True)
    return {
        "HOME": str(home),
        "PATH": os.environ["PATH"],
        "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "GPODDER_HOME": str(home / "gpodder"),
        "GPODDER_DOWNLOAD_DIR": str(home / "downloads"),
    }


def words_to_keep(guid):
    """The words of an episode's show notes with an apostrophe, ampersand or dash."""
    notes = load_episode(next(s for s in SEEDS if s.stem == guid), ROOT).notes
    return re.findall(r"[^\s<>]*['&—][^\s<>]*", notes[:1500].rsplit(" ", 1)[0])


def as_gpodder_shows(html_texts):
    """The texts as gPodder shows them: its own ``remove_html_tags``, run by gpo's Python."""
    with open(shutil.which("gpo")) as script:
        python = script.readline().removeprefix("#!").strip()
    code = (
        "import json, sys; from gpodder.util import remove_html_tags; "
        "print(json.dumps([remove_html_tags(t) for t in json.load(sys.stdin)]))"
    )
    result = subprocess.run(
        [python, "-c", code],
        input=json.dumps(html_texts),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def newsboat_items(feed_url, home):
    """``(guid, title, content, enclosure URL)`` of every item newsboat stores after one
    reload of ``feed_url``, with its own files in ``home``."""
    env = client_env(home)
    (home / "urls").write_text(f"{feed_url}\n")
    (home / "config").mkdir()
    (home / "config" / "newsboat").write_text("")
    cache = home / "cache.db"
    command = ["newsboat", "-u", str(home / "urls"), "-c", str(cache)]
    command += ["-C", str(home / "config" / "newsboat"), "-x", "reload"]
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, (result.stdout, result.stderr)
    with sqlite3.connect(cache) as db:
        return db.execute("SELECT guid, title, content, enclosure_url FROM rss_item").fetchall()
