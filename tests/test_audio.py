"""Enclosure facts from real audio files and sidecar URLs."""

import dataclasses
from datetime import date

import pytest

from transcript_podcast.core.errors import TranscriptError
from transcript_podcast.core.feed.enclosures import enclosure
from transcript_podcast.core.model import AudioSource, Episode, Segment
from transcript_podcast.core.timing import estimated_duration

from .audio_samples import write_mp3

SEGMENTS = (Segment(0, "Hello and welcome"), Segment(95, "that is all for today friends"))
EPISODE = Episode(
    stem="ep", source_path="seeds/ep.txt", title="T", notes="n",
    air_date=date(2026, 5, 17), segments=SEGMENTS, guid="ep",
)  # fmt: skip


def with_audio(**audio):
    return dataclasses.replace(EPISODE, audio=AudioSource(**audio))


def test_local_mp3_is_measured(tmp_path):
    (tmp_path / "seeds").mkdir()
    data = write_mp3(tmp_path / "seeds" / "ep.mp3", seconds=2.0)
    found = enclosure(with_audio(path="seeds/ep.mp3"), tmp_path, "episodes/hello/")
    assert found.url == "episodes/hello/hello.mp3"
    assert found.length == len(data)
    assert found.mime_type == "audio/mpeg"
    assert found.duration == pytest.approx(2.0, abs=0.1)


def test_remote_audio_keeps_its_url_and_length():
    found = enclosure(
        with_audio(url="https://cdn.example.org/ep.m4a?x=1", length=1234), "/", "episodes/e/"
    )
    assert (found.url, found.length, found.mime_type) == (
        "https://cdn.example.org/ep.m4a?x=1",
        1234,
        "audio/x-m4a",
    )
    assert found.duration == estimated_duration(SEGMENTS)


def test_no_audio_is_no_enclosure(tmp_path):
    assert enclosure(EPISODE, tmp_path, "episodes/e/") is None


def test_paths_leaving_the_project_are_refused(tmp_path):
    project = tmp_path / "project"
    (project / "seeds").mkdir(parents=True)
    write_mp3(tmp_path / "outside.mp3")
    (project / "seeds" / "ep.mp3").symlink_to(tmp_path / "outside.mp3")
    for path in ("../outside.mp3", str(tmp_path / "outside.mp3"), "seeds/ep.mp3"):
        with pytest.raises(TranscriptError, match="leads outside the project"):
            enclosure(with_audio(path=path), project, "episodes/e/")


def test_missing_and_unreadable_audio_are_named(tmp_path):
    with pytest.raises(TranscriptError, match=r"seeds/ep\.txt: audio file media/x\.mp3 does not"):
        enclosure(with_audio(path="media/x.mp3"), tmp_path, "episodes/e/")
    (tmp_path / "fake.mp3").write_text("not audio at all")
    # Named where the audio was named (here the seed), never as if the audio were an episode.
    with pytest.raises(TranscriptError, match=r"^seeds/ep\.txt: audio fake\.mp3 is not a readable"):
        enclosure(with_audio(path="fake.mp3"), tmp_path, "episodes/e/")
