"""Short real MP3 recordings for tests, encoded with LAME from a generated tone."""

import math
from array import array

import lameenc

SAMPLE_RATE = 16000


def tone_mp3(seconds, frequency=440.0):
    """``seconds`` of a quiet sine tone as MP3 bytes (mono, 32 kbit/s, constant bit rate)."""
    samples = array(
        "h",
        (
            int(3000 * math.sin(2 * math.pi * frequency * n / SAMPLE_RATE))
            for n in range(int(seconds * SAMPLE_RATE))
        ),
    )
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(32)
    encoder.set_in_sample_rate(SAMPLE_RATE)
    encoder.set_channels(1)
    encoder.set_quality(7)
    return bytes(encoder.encode(samples.tobytes()) + encoder.flush())
