"""Test-only stand-in for the feed work's audio handling: ``seeds/<stem>.mp3`` → enclosure.

Until the feed part (which sets ``article.enclosure`` and copies the audio) is on main, the
browser tests load this tiny plugin so the theme's player has a real recording to play.
Delete it, and its use in ``test_browser.py``, once the feed part lands.
"""

import shutil
from pathlib import Path

from pelican import signals

from transcript_podcast.episode import Enclosure


def attach_audio(generator):
    output = Path(generator.settings["OUTPUT_PATH"])
    for article in generator.articles:
        episode = article.metadata.get("episode")
        audio = Path(generator.path, "seeds", f"{episode.stem}.mp3") if episode else None
        if not audio or not audio.is_file():
            continue
        target = output / article.save_as
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(audio, target.parent / audio.name)
        article.enclosure = Enclosure(
            f"{article.url}{audio.name}", audio.stat().st_size, "audio/mpeg", 0.0
        )


def register():
    signals.article_generator_finalized.connect(attach_audio)
