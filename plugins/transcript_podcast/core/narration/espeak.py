"""eSpeak NG through ctypes: text in, 16-bit mono PCM out (a narration engine, see ``engine``).

The library and its voice data come from the ``espeakng-loader`` wheel, so no system package
is needed.  eSpeak NG keeps global state (one voice, one rate, one callback), so every call
holds one process-wide lock: one synthesis at a time, from any thread.  Its output also
depends on what the process spoke before (the wave generator keeps state), so reproducible
audio needs a fresh process (see :func:`narration.narrate`).
"""

import ctypes
import threading

import espeakng_loader

from .engine import Voice, VoiceError

AUDIO_OUTPUT_SYNCHRONOUS = 2
INITIALIZE_DONT_EXIT = 0x8000
PARAMETER_RATE = 1
POSITION_CHARACTER = 1
CHARS_UTF8 = 1
MINIMUM_RATE, MAXIMUM_RATE = 80, 450  # words per minute, eSpeak NG's own bounds

_SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)

_lock = threading.Lock()
_engine = None


class _Engine:
    """The loaded library, initialised once; ``chunks`` collects the callback's samples."""

    def __init__(self):
        self.library = ctypes.CDLL(espeakng_loader.get_library_path())
        self.library.espeak_Initialize.restype = ctypes.c_int
        self.sample_rate = self.library.espeak_Initialize(
            AUDIO_OUTPUT_SYNCHRONOUS,
            0,
            espeakng_loader.get_data_path().encode(),
            INITIALIZE_DONT_EXIT,
        )
        if self.sample_rate <= 0:
            raise RuntimeError("eSpeak NG could not be initialised from espeakng-loader's data")
        self.chunks = []
        self.callback = _SynthCallback(self._collect)  # kept alive as long as the engine
        self.library.espeak_SetSynthCallback(self.callback)
        self.voice = None

    def _collect(self, samples, count, _events):
        if count > 0:
            self.chunks.append(ctypes.string_at(samples, count * 2))
        return 0

    def use_voice(self, voice):
        if voice != self.voice:
            if self.library.espeak_SetVoiceByName(voice.encode()) != 0:
                raise VoiceError(f"eSpeak NG has no voice named {voice!r}")
            self.voice = voice

    def speak(self, text, rate):
        self.library.espeak_SetParameter(PARAMETER_RATE, rate, 0)
        data = text.encode() + b"\0"
        self.chunks = []
        status = self.library.espeak_Synth(
            data, len(data), 0, POSITION_CHARACTER, 0, CHARS_UTF8, None, None
        )
        if status != 0:
            raise RuntimeError(f"eSpeak NG failed (error {status}) to speak {text!r}")
        return b"".join(self.chunks)


def _loaded():
    global _engine  # noqa: PLW0603 - the library is process-wide state, loaded once
    if _engine is None:
        _engine = _Engine()
    return _engine


def sample_rate():
    """Samples per second of everything :func:`synthesize` returns (22050 for eSpeak NG)."""
    with _lock:
        return _loaded().sample_rate


def synthesize(text, voice, rate):
    """``text`` spoken by ``voice`` at ``rate`` words a minute, as little-endian 16-bit PCM."""
    rate = max(MINIMUM_RATE, min(MAXIMUM_RATE, int(rate)))
    with _lock:
        engine = _loaded()
        engine.use_voice(voice)
        return engine.speak(text, rate)


def espeak_voice(name):
    """The eSpeak NG voice called ``name``, checked to exist (:class:`VoiceError` if not)."""
    with _lock:
        _loaded().use_voice(name)
    return Voice("espeak", name)


class EspeakEngine:
    """eSpeak NG speaking one voice, ``rate`` words a minute at speed 1."""

    def __init__(self, voice, rate):
        self.voice, self.rate = voice, rate
        self.sample_rate = sample_rate()
        self.max_speed = MAXIMUM_RATE / rate

    def synthesize(self, text, speed):
        return synthesize(text, self.voice, round(self.rate * speed))
