"""Synthesized narration of a transcript, aligned to its timestamps, as a tagged MP3.

Each group of segments that share one start second is spoken from that second on, fragment
after fragment.  When the words do not fit before the next group starts, they are spoken
faster, up to ``max_speedup`` times the voice's own pace.  Only if even that is too slow (a last
resort: nothing is ever cut) the speech runs on, and the next group starts right after it
instead of at its timestamp; alignment returns at the first group with room to spare.
The engine that speaks (``engine``: eSpeak NG or Piper) only turns a text and a speed into PCM.
Identical input gives byte-identical MP3s: each narration is made in a fresh process (both
engines keep state from one utterance to the next: eSpeak NG's wave generator, Piper's seeded
noise generators), LAME is deterministic, and the ID3 tags hold nothing from the clock.
"""

import io
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import groupby

import lameenc
import numpy
from mutagen.id3 import COMM, ID3, TALB, TCON, TDRC, TIT2, TPE1, TSSE

from .engine import ENGINE_NAMES, Voice, open_engine
from .info_frame import with_info_frame

JOIN_SECONDS = 0.12  # between fragments that share one start second
BREATH_SECONDS = 0.2  # left free before the next segment's timestamp
TAIL_SECONDS = 0.5  # after the last words
FITTING_ATTEMPTS = 3  # speaking rates tried per group before running on
LAME_QUALITY = 7  # LAME's fast algorithm: plenty for synthesized speech
MP3_BIT_RATES = (16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)  # MPEG-2 layer III
ESPEAK_DEFAULT = Voice("espeak", "en-us")
QUIET = 64  # of 32767: quieter samples (below -54 dBFS) before and after the words are trimmed


@dataclass(frozen=True)
class NarrationSettings:
    """How the narration sounds: the voice, eSpeak NG's words a minute at speed 1, how much
    faster it may speak to fit, and the MP3's kbit/s."""

    voice: Voice = ESPEAK_DEFAULT
    rate: int = 175
    max_speedup: float = 2.0
    bit_rate: int = 32

    def recipe(self):
        """What shapes the sound, for the cache key (the rate only where eSpeak NG speaks)."""
        return {
            "voice": self.voice.recipe(),
            "rate": self.rate if self.voice.engine == "espeak" else None,
            "max_speedup": self.max_speedup,
            "bit_rate": self.bit_rate,
        }


def narration_note(voice):
    """The sentence the page, the MP3 and the feed item carry about the audio."""
    return (
        f"This audio is synthesized narration of the transcript, {voice.label}, "
        "not a recording of the episode."
    )


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
    seconds: float  # how long the audio lasts


def trimmed(pcm):
    """``pcm`` without the (near) silence an engine puts before and after the words."""
    samples = numpy.frombuffer(pcm, dtype="<i2")
    loud = numpy.flatnonzero((samples > QUIET) | (samples < -QUIET))
    if not loud.size:
        return b""
    return pcm[loud[0] * 2 : (loud[-1] + 1) * 2]


def spoken(texts, engine, speed):
    return [trimmed(engine.synthesize(text, speed)) for text in texts]


def fitted(texts, budget, engine, settings, join):
    """The fragments spoken at the slowest speed (from 1 up) that fits ``budget`` bytes.

    ``budget`` is None for the last group, which has all the time it needs.
    """
    fastest = min(settings.max_speedup, engine.max_speed)
    speed = 1.0 if budget is None or budget > 0 else fastest
    pieces = spoken(texts, engine, speed)
    for _ in range(FITTING_ATTEMPTS):
        needed = sum(map(len, pieces)) + join * (len(pieces) - 1)
        if budget is None or needed <= budget or speed >= fastest:
            break
        speed = min(fastest, speed * needed / budget * 1.03)
        pieces = spoken(texts, engine, speed)
    return pieces


def speech_timeline(segments, settings, engine):
    """Speak ``segments`` (``Segment`` objects) with ``engine`` into one aligned PCM timeline."""
    rate = engine.sample_rate
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
        pieces = fitted([s.text for _, s in group], budget, engine, settings, join)
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
    voice = settings.voice
    id3 = ID3()
    id3.add(TIT2(encoding=3, text=tags.title))
    id3.add(TALB(encoding=3, text=tags.show))
    id3.add(TPE1(encoding=3, text=f"Synthesized narration ({voice.label})"))
    id3.add(TDRC(encoding=3, text=tags.date))
    id3.add(TCON(encoding=3, text="Podcast"))
    id3.add(TSSE(encoding=3, text=f"{ENGINE_NAMES[voice.engine]}, LAME"))
    id3.add(COMM(encoding=3, lang="eng", desc="", text=narration_note(voice)))
    buffer = io.BytesIO(mp3)
    id3.save(buffer, padding=lambda _info: 0)
    return buffer.getvalue()


def narrate(segments, settings, tags):
    """The episode's narration as tagged MP3 bytes, with each segment's spoken end.

    Made in a fresh process, so the same input always gives the same bytes; several
    narrations can be made at once from different threads, each in its own process.
    """
    fresh = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=fresh) as worker:
        return worker.submit(narrate_here, segments, settings, tags).result()


def narrate_here(segments, settings, tags):
    """:func:`narrate` in this process: reproducible only in a process that has not spoken."""
    engine = open_engine(settings.voice, settings.rate)
    timeline = speech_timeline(segments, settings, engine)
    mp3 = encode_mp3(timeline.pcm, timeline.sample_rate, settings.bit_rate)
    seconds = len(timeline.pcm) / 2 / timeline.sample_rate
    return Narration(
        with_tags(mp3, tags, settings), timeline.spoken_ends, timeline.late, round(seconds, 3)
    )
