"""Synthesized narration of a transcript, aligned to its timestamps, as a tagged MP3.

Each group of segments that share one start second is spoken from that second on, fragment
after fragment.  When the words do not fit before the next group starts, they are spoken
faster, up to ``max_speedup`` times the base rate.  Only if even that is too slow (a last
resort: nothing is ever cut) the speech runs on, and the next group starts right after it
instead of at its timestamp; alignment returns at the first group with room to spare.
Identical input gives byte-identical MP3s: each narration is made in a fresh process (eSpeak
NG's wave generator keeps state from one utterance to the next, so its output depends on what
the process spoke before), LAME is deterministic, and the ID3 tags hold nothing from the clock.
"""

import io
import math
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import groupby

import lameenc
from mutagen.id3 import COMM, ID3, TALB, TCON, TDRC, TIT2, TPE1, TSSE

from . import espeak
from .info_frame import with_info_frame

NARRATION_NOTE = (
    "This audio is synthesized narration of the transcript (eSpeak NG), "
    "not a recording of the episode."
)
JOIN_SECONDS = 0.12  # between fragments that share one start second
BREATH_SECONDS = 0.2  # left free before the next segment's timestamp
TAIL_SECONDS = 0.5  # after the last words
FITTING_ATTEMPTS = 3  # speaking rates tried per group before running on
LAME_QUALITY = 7  # LAME's fast algorithm: plenty for synthesized speech
MP3_BIT_RATES = (16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)  # MPEG-2 layer III


@dataclass(frozen=True)
class NarrationSettings:
    """How the narration sounds: eSpeak NG voice, words a minute, speed-up limit, MP3 kbps."""

    voice: str = "en-us"
    rate: int = 175
    max_speedup: float = 2.0
    bit_rate: int = 32

    @property
    def max_rate(self):
        return min(espeak.MAXIMUM_RATE, round(self.rate * self.max_speedup))


@dataclass(frozen=True)
class NarrationTags:
    """What the MP3's ID3 tags name: the episode, the show and the air date (ISO)."""

    title: str
    show: str
    date: str


@dataclass(frozen=True)
class Timeline:
    """The narration as PCM, and where each segment's speech ends (seconds).

    ``spoken_ends[i]`` belongs to ``segments[i]``; a segment without words ends where it
    starts.  ``late`` counts groups that could not start at their timestamp.
    """

    pcm: bytes
    sample_rate: int
    spoken_ends: tuple[float, ...]
    late: int


@dataclass(frozen=True)
class Narration:
    mp3: bytes
    spoken_ends: tuple[float, ...]
    late: int


def trimmed(pcm):
    """``pcm`` without the digital silence eSpeak NG puts before and after the words."""
    start = len(pcm) - len(pcm.lstrip(b"\0"))
    end = len(pcm.rstrip(b"\0"))
    return pcm[start - start % 2 : end + end % 2]


def spoken(texts, settings, rate):
    return [trimmed(espeak.synthesize(text, settings.voice, rate)) for text in texts]


def fitted(texts, budget, settings, join):
    """The fragments spoken at the slowest rate (from the base up) that fits ``budget`` bytes.

    ``budget`` is None for the last group, which has all the time it needs.
    """
    rate = settings.rate if budget is None or budget > 0 else settings.max_rate
    pieces = spoken(texts, settings, rate)
    for _ in range(FITTING_ATTEMPTS):
        needed = sum(map(len, pieces)) + join * (len(pieces) - 1)
        if budget is None or needed <= budget or rate >= settings.max_rate:
            break
        rate = min(settings.max_rate, math.ceil(rate * needed / budget * 1.03))
        pieces = spoken(texts, settings, rate)
    return pieces


def speech_timeline(segments, settings):
    """Speak ``segments`` (``Segment`` objects) into one aligned PCM timeline."""
    rate = espeak.sample_rate()
    frame = 2  # bytes per 16-bit mono sample

    def at(seconds):
        return round(seconds * rate) * frame

    join, breath = at(JOIN_SECONDS), at(BREATH_SECONDS)
    ends = {i: float(s.start) for i, s in enumerate(segments)}
    groups = [
        list(group)
        for _, group in groupby(
            ((i, s) for i, s in enumerate(segments) if s.text), key=lambda item: item[1].start
        )
    ]
    pcm, late = bytearray(), 0
    for number, group in enumerate(groups):
        slot = at(group[0][1].start)
        if len(pcm) > slot:
            late += 1
            slot = len(pcm)
        following = groups[number + 1][0][1].start if number + 1 < len(groups) else None
        budget = None if following is None else at(following) - breath - slot
        pieces = fitted([s.text for _, s in group], budget, settings, join)
        pcm.extend(bytes(slot - len(pcm)))
        for piece_number, ((index, _), piece) in enumerate(zip(group, pieces, strict=True)):
            if piece_number:
                pcm.extend(bytes(join))
            pcm.extend(piece)
            ends[index] = round(len(pcm) / frame / rate, 3)
        pcm.extend(bytes(breath))
    pcm.extend(bytes(at(TAIL_SECONDS)))
    return Timeline(bytes(pcm), rate, tuple(ends[i] for i in range(len(segments))), late)


def encode_mp3(pcm, sample_rate, bit_rate):
    """Constant-bit-rate mono MP3 of 16-bit PCM, led by the Info frame that gives its length."""
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(bit_rate)
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_out_sample_rate(sample_rate)  # LAME would resample below 32 kbit/s
    encoder.set_channels(1)
    encoder.set_quality(LAME_QUALITY)
    encoder.silence()
    return with_info_frame(bytes(encoder.encode(pcm) + encoder.flush()), len(pcm) // 2)


def with_tags(mp3, tags, settings):
    """``mp3`` with ID3v2.4 tags that say it is synthesized narration (no padding, no clock)."""
    id3 = ID3()
    id3.add(TIT2(encoding=3, text=tags.title))
    id3.add(TALB(encoding=3, text=tags.show))
    id3.add(TPE1(encoding=3, text=f"Synthesized narration (eSpeak NG voice {settings.voice})"))
    id3.add(TDRC(encoding=3, text=tags.date))
    id3.add(TCON(encoding=3, text="Podcast"))
    id3.add(TSSE(encoding=3, text="eSpeak NG, LAME"))
    id3.add(COMM(encoding=3, lang="eng", desc="", text=NARRATION_NOTE))
    buffer = io.BytesIO(mp3)
    id3.save(buffer, padding=lambda _info: 0)
    return buffer.getvalue()


def narrate(segments, settings, tags):
    """The episode's narration as tagged MP3 bytes, with each segment's spoken end.

    Made in a fresh process, so the same input always gives the same bytes; several
    narrations can be made at once from different threads.
    """
    fresh = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=fresh) as worker:
        return worker.submit(narrate_here, segments, settings, tags).result()


def narrate_here(segments, settings, tags):
    """:func:`narrate` in this process: reproducible only in a process that has not spoken."""
    timeline = speech_timeline(segments, settings)
    mp3 = encode_mp3(timeline.pcm, timeline.sample_rate, settings.bit_rate)
    return Narration(with_tags(mp3, tags, settings), timeline.spoken_ends, timeline.late)
