"""Where the topic changes: chapter starts found in a transcript, without a language model.

Three kinds of evidence are weighed at every moment a fragment starts:

- **signposts**, the hosts' own turns ("but first", "let's get into", "moving on", "personal
  reflection", see :mod:`.signposts`);
- **lexical cohesion**, as TextTiling measures it: how few words the minute before and the
  minute after share, taken as the depth of the valley in that similarity;
- **new names**: words never said before in the episode (after its opening rundown) that
  the next minute keeps repeating, as a new story's company, product or person.

Chapter starts are then chosen together, by dynamic programming, as the set with the most
evidence whose chapters are all between the shortest and longest chapter allowed.  The same
transcript always gives the same chapters.
"""

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import groupby

from .signposts import signals
from .words import content_words

WINDOW_SECONDS = 60  # each side of a moment, for lexical cohesion
NEW_WORD_SECONDS = 20  # a new story's name is said this soon after it starts ...
REPEAT_SECONDS = 75  # ... and repeated within this time ...
MEMORY_SECONDS = 150  # ... and was not said in this time before
SPREAD_SECONDS = 12  # a signposted moment takes the cohesion evidence this close to it
LEAST_DEPTH = 0.2  # a depth this large is a clear valley in any transcript
LEAST_NEW_WORDS = 3
PEAK_SECONDS = 15  # a start must have the most evidence of the moments this close to it
WEIGHTS = {"signpost": 1.5, "depth": 1.0, "novelty": 0.8}
THRESHOLD = 1.4  # the evidence a moment needs to start a chapter


@dataclass(frozen=True)
class Moment:
    """The fragments that start in one second, as one text."""

    start: int
    text: str
    stems: tuple[str, ...]


@dataclass(frozen=True)
class Boundary:
    """A chapter start found, with the evidence for it and the kind of its signpost."""

    start: int
    score: float
    kind: str | None


def moments(segments):
    """Segments with words, joined by start second, in order."""
    joined = []
    spoken = [s for s in segments if s.text.strip()]
    for start, group in groupby(spoken, key=lambda s: s.start):
        text = " ".join(s.text.strip() for s in group)
        joined.append(Moment(start, text, tuple(stem for _, stem in content_words(text))))
    return joined


def signpost_scores(said):
    """Per moment: the strongest signpost that turns to it, and that signpost's kind."""
    scores = [0.0] * len(said)
    kinds = [None] * len(said)
    for index, moment in enumerate(said):
        for signal in signals(moment.text):
            target = index + 1 if signal.late and index + 1 < len(said) else index
            if signal.weight > scores[target]:
                scores[target], kinds[target] = signal.weight, signal.kind
    return scores, kinds


def window(starts, start, end):
    """The indexes of the moments that start from ``start`` to before ``end`` (seconds)."""
    return range(bisect_left(starts, start), bisect_left(starts, end))


class RunningBag:
    """The stems said from ``lo`` to before ``hi`` seconds after a moment that moves
    forward (a running count: each moment's stems are added and removed once)."""

    def __init__(self, said, lo, hi):
        self.said, self.lo, self.hi = said, lo, hi
        self.counts = Counter()
        self.first = self.last = 0  # the moments said[first:last] are counted

    def at(self, time):
        said, counts = self.said, self.counts
        while self.last < len(said) and said[self.last].start < time + self.hi:
            counts.update(said[self.last].stems)
            self.last += 1
        while self.first < self.last and said[self.first].start < time + self.lo:
            for stem in said[self.first].stems:
                counts[stem] -= 1
                if not counts[stem]:
                    del counts[stem]
            self.first += 1
        return counts


def cosine(left, right):
    shared = sum(count * right[word] for word, count in left.items() if word in right)
    norm = math.sqrt(sum(v * v for v in left.values()) * sum(v * v for v in right.values()))
    return shared / norm if norm else 0.0


def depth_scores(said):
    """TextTiling's depth score of the similarity between the words before and after."""
    before = RunningBag(said, -WINDOW_SECONDS, 0)
    after = RunningBag(said, 0, WINDOW_SECONDS)
    similarity = [cosine(before.at(m.start), after.at(m.start)) for m in said]
    smooth = [
        sum(similarity[max(0, i - 1) : i + 2]) / len(similarity[max(0, i - 1) : i + 2])
        for i in range(len(similarity))
    ]
    depths = []
    for index, value in enumerate(smooth):
        left = earlier = index
        while earlier > 0 and smooth[earlier - 1] >= smooth[left]:
            earlier -= 1
            left = earlier
        right = later = index
        while later + 1 < len(smooth) and smooth[later + 1] >= smooth[right]:
            later += 1
            right = later
        depths.append((smooth[left] - value) + (smooth[right] - value))
    return depths


def novelty_scores(said):
    """How many words the next moments bring that the last minutes did not say, counting
    only words said again soon (a new story's names are repeated; a passing word is not)."""
    before = RunningBag(said, -MEMORY_SECONDS, 0)
    soon = RunningBag(said, 0, NEW_WORD_SECONDS)
    later = RunningBag(said, 0, REPEAT_SECONDS)
    scores = []
    for moment in said:
        said_before, said_later = before.at(moment.start), later.at(moment.start)
        scores.append(
            sum(
                1
                for stem in soon.at(moment.start)
                if stem not in said_before and said_later[stem] >= 2
            )
        )
    return scores


def normalised(values, least):
    """Values scaled so the 95th percentile is 1 (a few extreme moments do not flatten all),
    but never by less than ``least``: talk that barely changes stays near 0."""
    ordered = sorted(values)
    top = max(least, ordered[int(0.95 * (len(ordered) - 1))] if ordered else 0)
    return [min(1.5, v / top) for v in values]


def evidence(said):
    """Per moment: the weighed evidence that a chapter starts there, and its signpost kind."""
    starts = [m.start for m in said]
    posts, kinds = signpost_scores(said)
    depths = normalised(depth_scores(said), LEAST_DEPTH)
    novelty = normalised(novelty_scores(said), LEAST_NEW_WORDS)
    cohesion = [
        WEIGHTS["depth"] * d + WEIGHTS["novelty"] * n for d, n in zip(depths, novelty, strict=True)
    ]
    spread = [
        max(cohesion[i] for i in window(starts, t - SPREAD_SECONDS, t + SPREAD_SECONDS + 1))
        for t in starts
    ]
    scores = [WEIGHTS["signpost"] * p + c for p, c in zip(posts, spread, strict=True)]
    return peaks(starts, scores), kinds


def peaks(starts, scores):
    """The scores of moments that have the most evidence of those near them; 0 elsewhere
    (the earlier of equals), so one topic change gives one chapter start."""
    kept = []
    for index, start in enumerate(starts):
        near = window(starts, start - PEAK_SECONDS + 1, start + PEAK_SECONDS)
        strongest = max((scores[j], -j) for j in near)
        kept.append(scores[index] if strongest == (scores[index], -index) else 0.0)
    return kept


def choose(starts, scores, end, shortest, longest):
    """The starts (indexes) with the most evidence above the threshold such that every
    chapter, the first from 0 and the last to ``end``, lasts from ``shortest`` to
    ``longest`` seconds when it can (dynamic programming over the moments)."""
    best = {}  # index → (total, previous index or None)
    for j, start in enumerate(starts):
        gain = scores[j] - THRESHOLD
        # The best chapter before this one: the most evidence, then no chapter (the start
        # at 0) or the earliest; the same choice every time.
        chosen = (gain, 1, None) if shortest <= start <= longest else None
        for k in range(
            bisect_left(starts, start - longest), bisect_right(starts, start - shortest)
        ):
            if k in best:
                option = (best[k][0] + gain, -(k or -1), k)
                if chosen is None or option[:2] > chosen[:2]:
                    chosen = option
        if chosen is not None:
            best[j] = (chosen[0], chosen[2])
    finals = [j for j in best if shortest <= end - starts[j] <= longest]
    if not finals:
        finals = [j for j in best if end - starts[j] >= shortest] or list(best)
    if not finals:
        return []
    last = max(finals, key=lambda j: (best[j][0], -j))
    if end <= longest and best[last][0] <= 0:
        return []  # one chapter is allowed and no set of starts has evidence enough
    chosen = []
    while last is not None:
        chosen.append(last)
        last = best[last][1]
    return sorted(chosen)


def find_boundaries(segments, shortest, longest, end=None):
    """The chapter starts after the first (at 0) found in ``segments``, in order."""
    said = moments(segments)
    if len(said) < 2:
        return []
    scores, kinds = evidence(said)
    end = end if end is not None else said[-1].start + 1
    candidates = [i for i, m in enumerate(said) if shortest <= m.start <= end - shortest]
    chosen = choose(
        [said[i].start for i in candidates], [scores[i] for i in candidates], end, shortest, longest
    )
    return [
        Boundary(said[candidates[j]].start, scores[candidates[j]], kinds[candidates[j]])
        for j in chosen
    ]
