"""What synthesized narration costs, for both engines: per episode, and per build of the seeds.

    .venv/bin/python bench/narration.py                    # everything (Piper: ~25 min of CPU)
    .venv/bin/python bench/narration.py --engines espeak   # only eSpeak NG (seconds)
    .venv/bin/python bench/narration.py --piper-seeds 1 --builds none   # Piper tuning only

Per episode, each narrated in a fresh process as the build does: CPU seconds of synthesis
(the aligned timeline, speed fitting included), of LAME encoding and of loading the engine,
the audio's length, the real-time factor (CPU seconds per second of audio; x60 is CPU
seconds per minute) and the share of synthesized audio spoken faster to fit a gap.  Piper's
ONNX Runtime settings are compared on one seed: one intra-op thread (what the build uses)
against two, and one sentence per run against sentences batched.  Per build (a real
``pelican`` process on a copy of the project, ``-e PODCAST_NARRATION_ENGINE=...``):
narration off, cold (empty narration cache) and warm, with wall-clock and CPU seconds of all
processes; the load average is printed with each, since the machine is shared and wall time
follows it.
"""

import argparse
import hashlib
import json
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from transcript_podcast.core.narration import speech
from transcript_podcast.core.narration.engine import open_engine
from transcript_podcast.core.narration.espeak import espeak_voice
from transcript_podcast.core.narration.piper import PiperEngine, piper_voice
from transcript_podcast.core.seeds.files import load_episode

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("pelicanconf.py", "publishconf.py", "plugins", "theme", "content", "seeds")
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


class Counting:
    """An engine that also counts the seconds of audio it made, and those made faster than
    speed 1 (to fit a gap: spoken again, or at once when the gap was already gone)."""

    def __init__(self, engine):
        self.engine, self.seconds, self.faster = engine, 0.0, 0.0
        self.sample_rate, self.max_speed = engine.sample_rate, engine.max_speed

    def synthesize(self, text, speed):
        pcm = self.engine.synthesize(text, speed)
        seconds = len(pcm) / 2 / self.sample_rate
        self.seconds += seconds
        self.faster += seconds if speed != 1 else 0
        return pcm


def narrated_here(path, settings, threads, until=None):
    """One seed (up to second ``until``) narrated in this fresh process: CPU and wall seconds
    of each step."""
    episode = load_episode(path, ROOT)
    segments = [s for s in episode.segments if until is None or s.start < until]
    cpu, wall = time.process_time(), time.perf_counter()
    if settings.voice.engine == "piper":
        engine = PiperEngine(settings.voice.path, threads)
    else:
        engine = open_engine(settings.voice, settings.rate)
    loaded, counting = time.process_time(), Counting(engine)
    synth_wall = time.perf_counter()
    timeline = speech.speech_timeline(segments, settings, counting)
    synthesized, synth_wall = time.process_time(), time.perf_counter() - synth_wall
    mp3 = speech.encode_mp3(timeline.pcm, timeline.sample_rate, settings.bit_rate)
    encoded = time.process_time()
    audio = len(timeline.pcm) / 2 / timeline.sample_rate
    return {
        "seed": path.stem,
        "audio": audio,
        "load": loaded - cpu,
        "synth": synthesized - loaded,
        "synth_wall": synth_wall,
        "encode": encoded - synthesized,
        "faster": counting.faster / counting.seconds,
        "late": timeline.late,
        "kB/min": len(mp3) / 1e3 / (audio / 60),
        "wall": time.perf_counter() - wall,
        "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def in_fresh_process(function, *args):
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as worker:
        return worker.submit(function, *args).result()


def per_episode(name, settings, seeds, threads=1):
    print(f"\n{name}, per episode (each in a fresh process, one after another):")
    print(
        f"{'seed':26} {'audio':>7} {'synth':>7} {'encode':>7} {'load':>5} {'RTF':>6} "
        f"{'CPU/min':>8} {'wall RTF':>8} {'faster':>7} late kB/min  RSS"
    )
    rows = [in_fresh_process(narrated_here, seed, settings, threads) for seed in seeds]
    for row in rows:
        cpu = row["synth"] + row["encode"] + row["load"]
        print(
            f"{row['seed']:26} {row['audio'] / 60:5.1f}mn {row['synth']:7.1f} "
            f"{row['encode']:7.2f} {row['load']:5.2f} {cpu / row['audio']:6.3f} "
            f"{cpu / row['audio'] * 60:7.2f}s {row['synth_wall'] / row['audio']:8.3f} "
            f"{row['faster']:7.1%} {row['late']:4} {row['kB/min']:6.0f} {row['rss']:4.0f}MB"
        )
    audio = sum(r["audio"] for r in rows)
    cpu = sum(r["synth"] + r["encode"] + r["load"] for r in rows)
    print(
        f"{'all':26} {audio / 60:5.1f}mn  CPU {cpu:.1f} s: real-time factor {cpu / audio:.3f} "
        f"({cpu / audio * 60:.2f} CPU s per minute of audio); load average {load()}"
    )
    return rows


def batched_here(model, texts, batch):
    """CPU seconds per second of audio with ``batch`` sentences per ONNX Runtime run."""
    import numpy  # noqa: PLC0415

    engine = PiperEngine(model)
    voice = engine.voice
    sentences = [ids for text in texts for ids in map(voice.phonemes_to_ids, voice.phonemize(text))]
    scales = numpy.array([0.667, 1.0, 0.8], dtype=numpy.float32)
    started, audio = time.process_time(), 0
    for first in range(0, len(sentences), batch):
        group = sentences[first : first + batch]
        longest = max(map(len, group))
        ids = numpy.zeros((len(group), longest), dtype=numpy.int64)
        for row, sentence in enumerate(group):
            ids[row, : len(sentence)] = sentence
        lengths = numpy.array(list(map(len, group)), dtype=numpy.int64)
        out = voice.session.run(None, {"input": ids, "input_lengths": lengths, "scales": scales})
        audio += out[0].shape[-1] * len(group)  # padded: an upper bound of the audio made
    return (time.process_time() - started) / (audio / engine.sample_rate)


def tuning(model, seed):
    """ONNX Runtime threads and sentence batching on the first ten minutes of one seed."""
    episode = load_episode(seed, ROOT)
    texts = [s.text for s in episode.segments if s.text and s.start < 600]
    print(f"\nPiper tuning on {seed.stem}'s first 10 minutes ({len(texts)} fragments):")
    for threads in (1, 2):
        settings = speech.NarrationSettings(voice=model)
        row = in_fresh_process(narrated_here, seed, settings, threads, 600)
        cpu = row["synth"] + row["encode"] + row["load"]
        print(
            f"  {threads} intra-op thread(s): RTF CPU {cpu / row['audio']:.3f}, "
            f"RTF wall {row['wall'] / row['audio']:.3f} (load average {load()})"
        )
    for batch in (1, 4, 8):
        rtf = in_fresh_process(batched_here, model.path, texts, batch)
        print(f"  {batch} sentence(s) per run: RTF CPU {rtf:.3f} (of padded audio)")


def load():
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(project, conf, *extra):
    """Wall-clock and CPU seconds (all processes) of one ``pelican`` build."""
    command = [sys.executable, "-m", "pelican", "-s", conf, "--log-handler", "plain", *extra]
    cpu, started = children_cpu(), time.perf_counter()
    subprocess.run(command, cwd=project, check=True, stdout=subprocess.DEVNULL)
    return round(time.perf_counter() - started, 1), round(children_cpu() - cpu, 1)


def per_build(engine, conf):
    """Off, cold and warm builds of the five seeds with ``engine``."""
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        for part in PARTS:
            source = ROOT / part
            if source.is_dir():
                shutil.copytree(
                    source, project / part, ignore=shutil.ignore_patterns("__pycache__")
                )
            else:
                shutil.copy(source, project / part)
        chosen = ("-e", f"PODCAST_NARRATION_ENGINE={json.dumps(engine)}")
        runs, outputs = {}, {}
        for name, extra in (
            ("narration off", ("-e", "PODCAST_NARRATION=false")),
            ("cold", ()),
            ("warm", ()),
        ):
            if name == "cold":
                shutil.rmtree(project / "cache", ignore_errors=True)
            before = load()
            runs[name] = timed_build(project, conf, *chosen, *extra)
            wall, cpu = runs[name]
            print(
                f"build {conf} with {engine}, {name:13} wall {wall:7.1f} s  CPU {cpu:7.1f} s  "
                f"(load average before {before}, after {load()})"
            )
            outputs[name] = tree_digest(project / "output")
        made = len(list((project / "cache" / "narration").glob("*.mp3")))
        print(
            f"  {made} narrations cached; warm output identical to cold: "
            f"{outputs['warm'] == outputs['cold']}"
        )


def tree_digest(folder):
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(folder)}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="espeak,piper")
    parser.add_argument("--piper-seeds", type=int, default=len(SEEDS))
    parser.add_argument("--builds", default="espeak,piper", help="engines to build with, or none")
    parser.add_argument("--tuning", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs, load average {load()}")
    engines = args.engines.split(",")
    if "espeak" in engines:
        per_episode("eSpeak NG", speech.NarrationSettings(voice=espeak_voice("en-us")), SEEDS)
    if "piper" in engines:
        settings = speech.NarrationSettings(voice=piper_voice())
        per_episode("Piper 'joe'", settings, SEEDS[: args.piper_seeds])
        if args.tuning:
            tuning(settings.voice, SEEDS[0])
    for engine in filter(None, args.builds.replace("none", "").split(",")):
        per_build(engine, "publishconf.py" if engine == "piper" else "pelicanconf.py")


if __name__ == "__main__":
    main()
