"""Many narrations at once, each in its own fresh process, with progress and the time left.

A cold narration of a season takes minutes, so the episodes are spoken in parallel (one
process each, ``workers`` at a time: each engine runs on one thread) and every finished
episode is reported with an estimate of the time left.
"""

import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

from . import speech


@dataclass(frozen=True)
class Job:
    """One episode to narrate: its name (for progress), segments, settings and tags, and
    how long its audio is expected to last (seconds)."""

    name: str
    segments: tuple
    settings: speech.NarrationSettings
    tags: speech.NarrationTags
    expected_seconds: float


class Progress:
    """Estimates the time left from the audio still to make, at the pace seen so far.

    The pace is the wall time a worker has taken per second of audio, over the finished
    episodes; episodes being spoken have used part of their share already, and the work
    left is shared by the workers (but never ends before the longest episode in hand).
    """

    def __init__(self, jobs, workers, clock=time.monotonic):
        self.jobs, self.workers, self.clock = jobs, workers, clock
        self.started_at = clock()
        self.started, self.finished = {}, {}

    def start(self, index):
        self.started[index] = self.clock()

    def finish(self, index):
        self.finished[index] = self.clock()

    def seconds_left(self):
        """Seconds until the last job is done (called once a job has finished)."""
        done = list(self.finished)
        pace = sum(self.finished[i] - self.started[i] for i in done) / sum(
            self.jobs[i].expected_seconds for i in done
        )
        now = self.clock()
        left = [
            max(0.0, pace * job.expected_seconds - (now - self.started.get(i, now)))
            for i, job in enumerate(self.jobs)
            if i not in self.finished
        ]
        return max([sum(left) / self.workers, *left]) if left else 0.0

    def line(self, index, made):
        """What to print when job ``index`` is done: which, how far along, the time left."""
        job, elapsed = self.jobs[index], self.clock() - self.started_at
        left = self.seconds_left()
        return (
            f"Narrated {len(self.finished)}/{len(self.jobs)}: {job.name} "
            f"({minutes(made.seconds)} of audio) after {minutes(elapsed)}, "
            f"about {minutes(left)} left"
        )


def minutes(seconds):
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def narrate_all(jobs, workers, report):
    """Narrate ``jobs`` with ``workers`` at a time; yield ``(index, Narration)`` as each is
    done, after passing its progress line to ``report``."""
    progress = Progress(jobs, workers)

    def narrated(index):
        progress.start(index)
        job = jobs[index]
        return speech.narrate(job.segments, job.settings, job.tags)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(narrated, index): index for index in range(len(jobs))}
        try:
            for future in as_completed(futures):
                index = futures[future]
                made = future.result()
                progress.finish(index)
                report(progress.line(index, made))
                yield index, made
        finally:  # a failure (or a caller that stops early) starts no more episodes
            for future in futures:
                future.cancel()
