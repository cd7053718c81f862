"""Piper narration: the real neural voice, heard back through FFmpeg's decoder.

Short texts only (a cold Piper narration of a few segments takes a few seconds); the five
seeds are narrated with Piper by ``bench/narration.py``, not here.  Alignment is checked on
the decoded MP3: speech (found by silence detection) starts within 0.25 s of each timestamp.
"""

import hashlib
import html
import json
import os
import shutil
import subprocess
import sys

import mutagen.mp3
import numpy
import pytest

from transcript_podcast.core.model import Segment
from transcript_podcast.core.narration import speech
from transcript_podcast.core.narration.batch import Job, Progress, narrate_all
from transcript_podcast.core.narration.cache import cache_key
from transcript_podcast.core.narration.engine import Voice
from transcript_podcast.core.narration.piper import PiperEngine, bundled_voice_file, piper_voice
from transcript_podcast.core.narration.speech import (
    NarrationSettings,
    NarrationTags,
    narrate,
    narration_note,
)

from .conftest import ROOT, build, file_bytes, make_project, require
from .test_narration import seed_text

TAGS = NarrationTags("A generated episode", "The Test Show", "2026-01-02")
# One timestamp with two fragments, a gap, words too many for their four seconds, the end.
SEGMENTS = (
    Segment(0, "Welcome to the test show.", 1),
    Segment(0, "This fragment shares the first second.", 2),
    Segment(5, "Here is the second segment.", 3),
    Segment(
        11,
        "Now a segment with far too many words for the four seconds it has before the next "
        "one, so the voice has to hurry.",
        4,
    ),
    Segment(15, "", 5),
    Segment(15, "And the last words of the episode.", 6),
)
ONSET_TOLERANCE = 0.25
FRAME = 0.02  # seconds per loudness frame in the silence detection
SPEECH_LEVEL = 0.02  # frame RMS (of full scale) above which a frame holds speech


@pytest.fixture(scope="module")
def voice():
    return piper_voice()


@pytest.fixture(scope="module")
def settings(voice):
    return NarrationSettings(voice=voice)


@pytest.fixture(scope="module")
def narrated(settings):
    return narrate(SEGMENTS, settings, TAGS)


def decoded(mp3, tmp_path):
    """The MP3 decoded by FFmpeg: (float samples in [-1, 1], sample rate)."""
    ffmpeg = shutil.which("ffmpeg")
    require(ffmpeg, "FFmpeg", "apt-get install ffmpeg")
    path = tmp_path / "narration.mp3"
    path.write_bytes(mp3)
    rate = mutagen.mp3.MP3(path).info.sample_rate
    pcm = subprocess.run(
        [ffmpeg, "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1", "-"],
        capture_output=True,
        check=True,
    ).stdout
    return numpy.frombuffer(pcm, dtype="<i2") / 32768, rate


def onsets(samples, rate, silence=0.15):
    """Times (seconds) where speech starts after at least ``silence`` seconds of quiet."""
    size = round(FRAME * rate)
    frames = samples[: len(samples) // size * size].reshape(-1, size)
    loud = numpy.sqrt((frames**2).mean(axis=1)) > SPEECH_LEVEL
    starts, quiet = [], silence / FRAME  # the start of the file counts as quiet
    for number, is_loud in enumerate(loud):
        if is_loud and quiet >= silence / FRAME:
            starts.append(number * FRAME)
        quiet = 0 if is_loud else quiet + 1
    return starts


def test_each_timestamp_starts_speech_in_the_decoded_mp3(narrated, tmp_path):
    samples, rate = decoded(narrated.mp3, tmp_path)
    heard = onsets(samples, rate)
    for start in sorted({s.start for s in SEGMENTS if s.text}):
        nearest = min(heard, key=lambda onset: abs(onset - start))
        assert abs(nearest - start) <= ONSET_TOLERANCE, (start, heard)
    # The gap after second 5 is silent: no speech starts between its end and second 11.
    assert not [t for t in heard if narrated.spoken_ends[2] + 0.1 < t < 11 - ONSET_TOLERANCE]
    assert narrated.late == 0


def test_crowded_words_are_spoken_faster_and_never_cut(voice, settings, narrated):
    engine = PiperEngine(voice.path)
    crowded = SEGMENTS[3].text
    natural = len(speech.trimmed(engine.synthesize(crowded, 1.0))) / 2 / engine.sample_rate
    assert natural > 15 - 11  # at its own pace the segment would run into the next one
    assert 11 < narrated.spoken_ends[3] <= 15  # spoken faster, it ends in time
    # Not cut: it lasts as long as the words take at a speed within the limit.
    spoken_for = narrated.spoken_ends[3] - 11
    assert spoken_for >= natural / settings.max_speedup - 0.2


def test_mp3_decodes_with_the_expected_duration(narrated, tmp_path):
    samples, rate = decoded(narrated.mp3, tmp_path)
    # LAME adds under 0.1 s of encoder delay and padding; nothing is lost.
    assert narrated.seconds <= len(samples) / rate < narrated.seconds + 0.1
    assert narrated.seconds > narrated.spoken_ends[-1] > SEGMENTS[-1].start
    path = tmp_path / "narration.mp3"
    path.write_bytes(narrated.mp3)
    assert abs(mutagen.mp3.MP3(path).info.length - narrated.seconds) < 0.1


def test_tags_name_the_engine_and_voice(narrated, voice, tmp_path):
    path = tmp_path / "narration.mp3"
    path.write_bytes(narrated.mp3)
    tags = mutagen.mp3.MP3(path).tags
    assert voice.label == "Piper voice 'joe'"
    assert str(tags["TPE1"]) == "Synthesized narration (Piper voice 'joe')"
    assert str(tags["COMM::eng"]) == narration_note(voice)
    assert "synthesized narration of the transcript, Piper voice 'joe'" in narration_note(voice)


def test_two_cold_narrations_are_byte_identical(voice, settings, narrated):
    """The noise Piper samples is seeded: a fresh process draws the same noise every time."""
    engine = PiperEngine(voice.path)
    text = SEGMENTS[0].text
    # The model really samples noise: one process saying a text twice says it differently...
    assert engine.synthesize(text, 1.0) != engine.synthesize(text, 1.0)
    # ...so each narration is made in a fresh process, seeded the same way.
    again = narrate(SEGMENTS, settings, TAGS)
    assert hashlib.sha256(again.mp3).digest() == hashlib.sha256(narrated.mp3).digest()
    assert again.spoken_ends == narrated.spoken_ends


NO_NETWORK = """
import socket, sys

def refuse(*args, **kwargs):
    raise OSError("network used")

socket.socket = socket.create_connection = socket.getaddrinfo = refuse
from transcript_podcast.core.model import Segment
from transcript_podcast.core.narration.piper import piper_voice
from transcript_podcast.core.narration.speech import NarrationSettings, NarrationTags, narrate_here
made = narrate_here(
    (Segment(0, "Nothing is downloaded."),),
    NarrationSettings(voice=piper_voice()),
    NarrationTags("t", "s", "2026-01-01"),
)
print(len(made.mp3))
"""


def test_piper_narrates_with_the_network_unreachable():
    result = subprocess.run(
        [sys.executable, "-c", NO_NETWORK], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 1000


def test_cache_key_changes_with_engine_voice_file_and_settings(voice, settings):
    key = cache_key(SEGMENTS, settings, TAGS)
    other_file = Voice("piper", voice.name, "0" * 64, voice.path)
    moved = Voice("piper", voice.name, voice.digest, "elsewhere/voice.onnx")
    assert cache_key(SEGMENTS, NarrationSettings(voice=other_file), TAGS) != key
    assert cache_key(SEGMENTS, NarrationSettings(), TAGS) != key  # eSpeak NG
    assert cache_key(SEGMENTS, NarrationSettings(voice=voice, max_speedup=1.5), TAGS) != key
    # Where the voice file lies on this machine does not matter, only what it holds.
    assert cache_key(SEGMENTS, NarrationSettings(voice=moved), TAGS) == key
    # eSpeak NG's words a minute do not shape Piper's sound.
    assert cache_key(SEGMENTS, NarrationSettings(voice=voice, rate=200), TAGS) == key


# Progress of many narrations.


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_time_left_follows_the_pace_of_finished_episodes():
    jobs = [Job(f"seeds/{n}.txt", (), None, None, 600.0) for n in range(4)]
    clock = Clock()
    progress = Progress(jobs, workers=2, clock=clock)
    progress.start(0)
    progress.start(1)
    clock.now = 60.0  # one episode of 10 minutes took a minute of a worker's time
    progress.finish(0)
    progress.start(2)
    # Left: job 1 (started a minute ago, nearly done), jobs 2 and 3 (a minute each).
    assert progress.seconds_left() == pytest.approx(60.0)
    made = speech.Narration(b"", (), 0, 612.0)
    assert progress.line(0, made) == (
        "Narrated 1/4: seeds/0.txt (10:12 of audio) after 1:00, about 1:00 left"
    )


def test_narrating_in_parallel_reports_each_episode(monkeypatch):
    lines = []
    jobs = [
        Job(f"seeds/{n}.txt", (Segment(0, f"Episode {n}."),), NarrationSettings(), TAGS, 2.0)
        for n in range(3)
    ]
    made = dict(narrate_all(jobs, 2, lines.append))
    assert sorted(made) == [0, 1, 2]
    assert all(m.mp3 for m in made.values())
    assert [line.split(":")[0] for line in lines] == [f"Narrated {n}/3" for n in (1, 2, 3)]
    assert lines[-1].endswith("about 0:00 left")


# Piper in a real production build of a short generated episode.


@pytest.fixture
def piper_project(tmp_path, monkeypatch):
    monkeypatch.setenv("SITEURL", "https://pod.example.org")
    project = make_project(tmp_path, seeds=[], share_narrations=False, piper=True)
    lines = [(s.start, s.text) for s in SEGMENTS]
    (project / "seeds" / "first.txt").write_text(seed_text("The first generated episode", lines))
    (project / "seeds" / "first.toml").write_text("date = 2026-01-02\n")
    return project


def test_production_build_narrates_with_piper_labels_it_and_reuses_it(
    piper_project, monkeypatch, capsys
):
    output = build(piper_project, "publishconf.py")
    printed = capsys.readouterr().out
    assert "Narrating 1 episode(s)" in printed
    assert "with Piper voice 'joe'" in printed
    assert "Narrated 1/1: seeds/first.txt" in printed
    folder = output / "episodes" / "the-first-generated-episode"
    note = narration_note(piper_voice())
    assert note in html.unescape((folder / "index.html").read_text())
    feed = (output / "feed.xml").read_text()
    assert note in feed  # description and show notes, quotes as characters
    audio = mutagen.mp3.MP3(folder / "the-first-generated-episode.mp3")
    assert str(audio.tags["TPE1"]) == "Synthesized narration (Piper voice 'joe')"

    first, cache = file_bytes(output), file_bytes(piper_project / "cache" / "narration")

    def no_synthesis(*_args):
        raise AssertionError("the narration was synthesized again")

    monkeypatch.setattr(speech, "narrate", no_synthesis)
    assert file_bytes(build(piper_project, "publishconf.py")) == first
    assert file_bytes(piper_project / "cache" / "narration") == cache
    assert "Narrating" not in capsys.readouterr().out


def test_a_piper_voice_file_is_taken_by_path(piper_project, caplog):
    voices = piper_project / "voices"
    voices.mkdir()
    bundled = bundled_voice_file()
    for source, name in ((bundled, "mine.onnx"), (bundled.with_suffix(".onnx.json"), None)):
        target = voices / (name or "mine.onnx.json")
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
    voice = piper_voice("voices/mine.onnx", piper_project)
    assert (voice.name, voice.digest) == ("joe", piper_voice().digest)  # named by its data set

    (voices / "mine.onnx.json").unlink()
    with pytest.raises(SystemExit):
        build(piper_project, "publishconf.py", PODCAST_NARRATION_VOICE="voices/mine.onnx")
    assert (
        "PODCAST_NARRATION_VOICE: voices/mine.onnx: its configuration mine.onnx.json is "
        "missing beside it"
    ) in caplog.text


@pytest.mark.parametrize(
    ("voice", "message"),
    [
        ("voices/none.onnx", "voices/none.onnx: no such Piper voice file"),
        ("README.md", "README.md: a Piper voice is an .onnx file"),
    ],
)
def test_an_unusable_piper_voice_stops_the_build_naming_it(piper_project, caplog, voice, message):
    with pytest.raises(SystemExit):
        build(piper_project, "publishconf.py", PODCAST_NARRATION_VOICE=voice)
    assert f"PODCAST_NARRATION_VOICE: {message}" in caplog.text
    assert not (piper_project / "cache" / "narration").exists()


def test_production_narrates_with_the_bundled_piper_voice_development_with_espeak():
    script = (
        "import json; from pelican.settings import read_settings; "
        "names = ('PODCAST_NARRATION_ENGINE', 'PODCAST_NARRATION_VOICE'); "
        "print(json.dumps([[read_settings(f)[n] for n in names] "
        "for f in ('publishconf.py', 'pelicanconf.py')]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == [["piper", None], ["espeak", "en-us"]]
