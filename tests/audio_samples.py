"""Real audio files made by the tests: a short MP3 encoded with LAME (via lameenc)."""

import math
from array import array

import lameenc

SAMPLE_RATE = 16000


def write_mp3(path, seconds=3.0, pitch=440):
    """Encode ``seconds`` of a sine tone as a mono MP3 at ``path``; returns its bytes."""
    samples = array(
        "h",
        (
            int(8000 * math.sin(2 * math.pi * pitch * i / SAMPLE_RATE))
            for i in range(int(seconds * SAMPLE_RATE))
        ),
    )
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(32)
    encoder.set_in_sample_rate(SAMPLE_RATE)
    encoder.set_channels(1)
    encoder.set_quality(7)
    data = bytes(encoder.encode(samples.tobytes()) + encoder.flush())
    path.write_bytes(data)
    return data
