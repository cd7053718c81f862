"""Narration MP3s carry a Xing/LAME Info frame: ffprobe and mutagen know their exact length."""

import json
import shutil
import subprocess
from array import array

import lameenc
import mutagen.mp3
import pytest

from transcript_podcast.core.model import Segment
from transcript_podcast.core.narration.info_frame import (
    Frame,
    NotAnMp3Error,
    frame_offsets,
    with_info_frame,
)
from transcript_podcast.core.narration.speech import (
    NarrationSettings,
    NarrationTags,
    encode_mp3,
    narrate,
)

from .conftest import require

CLICK = 10_000  # the sample where the test signal's click starts


def clicked_pcm(samples, channels=1):
    """Silence with one loud click at :data:`CLICK`: shows where decoders put sample 0."""
    pcm = array("h", bytes(2 * samples * channels))
    for index in range(CLICK * channels, (CLICK + 20) * channels):
        pcm[index] = 20_000
    return pcm.tobytes()


def lame_frames(pcm, sample_rate, channels, kbps):
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(kbps)
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_out_sample_rate(sample_rate)
    encoder.set_channels(channels)
    encoder.set_quality(7)
    encoder.silence()
    return bytes(encoder.encode(pcm) + encoder.flush())


def ffmpeg_tool(name):
    path = shutil.which(name)
    require(path, name, "apt-get install ffmpeg")
    return path


def ffprobe(path, *options):
    """ffprobe's run on ``path``: its report (JSON when asked) and warnings on stderr."""
    return subprocess.run(
        [ffmpeg_tool("ffprobe"), "-hide_banner", *options, path],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )


def decoded(path, channels):
    """The samples ffmpeg decodes from ``path`` (it honours the LAME tag's delay and padding)."""
    pcm = subprocess.run(
        [ffmpeg_tool("ffmpeg"), "-v", "error", "-i", path, "-f", "s16le", "-"],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    return array("h", pcm)[::channels]


FORMATS = [(22050, 1, 32), (22050, 1, 16), (44100, 2, 128), (48000, 1, 64), (11025, 1, 8)]


@pytest.mark.parametrize(("sample_rate", "channels", "kbps"), FORMATS)
def test_mutagen_reads_the_exact_length_of_a_constant_bit_rate_stream(
    tmp_path, sample_rate, channels, kbps
):
    samples = sample_rate * 2 + 123
    path = tmp_path / "a.mp3"
    path.write_bytes(
        with_info_frame(
            lame_frames(clicked_pcm(samples, channels), sample_rate, channels, kbps), samples
        )
    )
    info = mutagen.mp3.MP3(path).info
    assert info.length == samples / sample_rate
    assert info.bitrate_mode == mutagen.mp3.BitrateMode.CBR
    assert round(info.bitrate, -3) == kbps * 1000
    assert info.encoder_info == "LAME 3.100.0+"
    assert (info.sample_rate, info.channels) == (sample_rate, channels)


@pytest.mark.parametrize(("sample_rate", "channels", "kbps"), FORMATS)
def test_ffmpeg_plays_exactly_the_samples_encoded(tmp_path, sample_rate, channels, kbps):
    samples = sample_rate * 2 + 123
    path = tmp_path / "a.mp3"
    path.write_bytes(
        with_info_frame(
            lame_frames(clicked_pcm(samples, channels), sample_rate, channels, kbps), samples
        )
    )
    probe = ffprobe(path, "-show_entries", "stream_tags=encoder", "-of", "json")
    assert "Estimating duration from bitrate" not in probe.stderr
    # ffmpeg keeps the encoder name only when the tag's own CRC-16 is right.
    assert json.loads(probe.stdout)["streams"][0]["tags"]["encoder"] == "LAME3.100"
    played = decoded(path, channels)
    assert len(played) == samples  # encoder delay and padding dropped: gapless
    loudest = max(range(len(played)), key=lambda i: abs(played[i]))
    assert CLICK <= loudest < CLICK + 40  # the click is where it was put, not 1105 samples late


def test_without_the_frame_ffprobe_estimates(tmp_path):
    path = tmp_path / "bare.mp3"
    path.write_bytes(lame_frames(clicked_pcm(22050), 22050, 1, 32))
    probe = ffprobe(path)
    assert "Estimating duration from bitrate" in probe.stderr


def test_the_info_frame_is_a_larger_frame_of_the_same_stream():
    samples = 22050 * 3
    bare = lame_frames(clicked_pcm(samples), 22050, 1, 32)
    tagged = with_info_frame(bare, samples)
    assert tagged.endswith(bare)
    offsets, first = frame_offsets(tagged)
    first = Frame(int.from_bytes(bare[:4], "big"))
    tag = Frame(int.from_bytes(tagged[:4], "big"))
    assert (tag.sample_rate, tag.channel_mode) == (first.sample_rate, first.channel_mode)
    assert tag.length() == offsets[1] > first.length(padding=0)  # 32 kbit/s cannot hold it
    assert tagged[tag.side_info_end : tag.side_info_end + 4] == b"Info"
    toc = tagged[tag.side_info_end + 16 : tag.side_info_end + 116]
    assert toc[0] == 0
    assert list(toc) == sorted(toc)


def test_narration_encoding_is_led_by_its_info_frame(tmp_path):
    rate = 22050
    path = tmp_path / "narration.mp3"
    path.write_bytes(encode_mp3(clicked_pcm(rate * 3), rate, 32))
    assert mutagen.mp3.MP3(path).info.length == 3.0


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "no frames"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x00", "not an MPEG layer III frame header"),
        (b"\xff\xf3\x40\xc4" + bytes(100) + b"\xff", "stray bytes"),
    ],
)
def test_what_is_not_a_plain_mp3_stream_is_refused(data, problem):
    with pytest.raises(NotAnMp3Error, match=problem):
        with_info_frame(data, 576)


def test_a_tagged_narration_needs_no_estimate(tmp_path):
    made = narrate(
        (Segment(0, "Hello there."), Segment(2, "Goodbye.")),
        NarrationSettings(),
        NarrationTags("An episode", "The show", "2026-01-02"),
    )
    path = tmp_path / "narration.mp3"
    path.write_bytes(made.mp3)
    probe = ffprobe(path, "-show_entries", "format=duration", "-of", "json")
    assert "Estimating duration from bitrate" not in probe.stderr
    length = mutagen.mp3.MP3(path).info.length
    assert made.spoken_ends[-1] < length < made.spoken_ends[-1] + 1
    # ffprobe's duration also counts the encoder's delay and padding (under two frames)
    assert 0 <= float(json.loads(probe.stdout)["format"]["duration"]) - length < 0.06
