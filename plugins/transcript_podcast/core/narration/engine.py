"""What narration asks of a speech engine, and the voice it is asked to speak with.

An engine turns one text, at a speed (1 is the voice's own pace, 2 twice as fast), into 16-bit
mono PCM at its sample rate.  Alignment, fitting, encoding and tagging (``speech``) work on that
alone, so they are the same whichever engine speaks, and an engine knows nothing of them.
"""

from dataclasses import dataclass
from typing import Protocol

ENGINES = ("espeak", "piper")
ENGINE_NAMES = {"espeak": "eSpeak NG", "piper": "Piper"}


class VoiceError(ValueError):
    """The voice asked for cannot be used (unknown name, missing or unreadable voice file)."""


class Engine(Protocol):
    sample_rate: int  # samples per second of all it returns
    max_speed: float  # the fastest speed it can speak at

    def synthesize(self, text: str, speed: float) -> bytes:
        """``text`` spoken at ``speed`` as little-endian 16-bit mono PCM."""


@dataclass(frozen=True)
class Voice:
    """A voice resolved for one build: what speaks, and what identifies its sound.

    ``path`` locates a Piper voice file on this machine and is left out of the cache key, so a
    narration made in another checkout is reused; ``digest`` (of the voice's files) stands in.
    """

    engine: str
    name: str
    digest: str = ""
    path: str | None = None

    @property
    def label(self):
        """How the page, the ID3 tags and the feed name it: "Piper voice 'joe'"."""
        return f"{ENGINE_NAMES[self.engine]} voice '{self.name}'"

    def recipe(self):
        """The voice's part of a narration's cache key."""
        return {"engine": self.engine, "name": self.name, "digest": self.digest}


def open_engine(voice, rate):
    """The engine that speaks ``voice``; ``rate`` is eSpeak NG's words a minute at speed 1."""
    if voice.engine == "piper":
        from .piper import PiperEngine  # noqa: PLC0415 - ONNX Runtime loads only when used

        return PiperEngine(voice.path)
    from .espeak import EspeakEngine  # noqa: PLC0415

    return EspeakEngine(voice.name, rate)
