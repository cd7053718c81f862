"""How well chapters found in the transcript match the chapters a careful listener marked.

    .venv/bin/python bench/chapters.py [--tolerance 15] [--show]

For each seed, the chapters found (``find_chapters``, with the settings' defaults) are
compared with the labels in ``tests/chapters/labels/<stem>.toml`` (made by reading the
seeds, see the README there): a found start within ``--tolerance`` seconds of a labelled
start matches it, each at most once (closest pairs first).  The start at 0, which every
chapter list has, is left out.  Prints precision, recall and F1 per seed and over all seeds
(from the summed counts), and with ``--show`` the chapters found next to the labels.
"""

import argparse
import sys
import tomllib
from pathlib import Path

from transcript_podcast.core.chapters import find_chapters
from transcript_podcast.core.seeds.files import load_episode
from transcript_podcast.core.seeds.layout import format_stamp, stamp_seconds
from transcript_podcast.core.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "chapters" / "labels"
DEFAULTS = {s.name: s.default for s in SETTINGS}
SHOW_NAME = "The Daily Synthesizer"  # pelicanconf.py's SITENAME


def labelled_starts(stem):
    """(start seconds, title) of the labelled chapters of a seed."""
    table = tomllib.loads((LABELS / f"{stem}.toml").read_text())
    return [(stamp_seconds(c["start"]), c["title"]) for c in table["chapters"]]


def matches(found, labelled, tolerance):
    """How many found starts match a labelled one (one to one, closest pairs first)."""
    pairs = sorted(
        (abs(f - t), i, j)
        for i, f in enumerate(found)
        for j, t in enumerate(labelled)
        if abs(f - t) <= tolerance
    )
    used_found, used_labelled = set(), set()
    for _, i, j in pairs:
        if i not in used_found and j not in used_labelled:
            used_found.add(i)
            used_labelled.add(j)
    return len(used_found)


def prf(hits, found, labelled):
    precision = hits / found if found else 0.0
    recall = hits / labelled if labelled else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def seed_chapters(path):
    episode = load_episode(path, ROOT)
    return find_chapters(
        episode.segments,
        DEFAULTS["PODCAST_CHAPTERS_MIN_SECONDS"],
        DEFAULTS["PODCAST_CHAPTERS_MAX_SECONDS"],
        show_name=SHOW_NAME,
    )


def evaluate(tolerance=15, show=False, out=sys.stdout):
    """``{stem: (hits, found, labelled)}`` over the seeds, printing the table."""
    counts = {}
    print(f"{'seed':24} {'found':>5} {'labels':>6} {'P':>5} {'R':>5} {'F1':>5}", file=out)
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        chapters = seed_chapters(path)
        labels = labelled_starts(path.stem)
        found = [c.start for c in chapters if c.start > 0]
        wanted = [start for start, _ in labels if start > 0]
        hits = matches(found, wanted, tolerance)
        counts[path.stem] = (hits, len(found), len(wanted))
        p, r, f = prf(hits, len(found), len(wanted))
        print(f"{path.stem:24} {len(found):5} {len(wanted):6} {p:5.2f} {r:5.2f} {f:5.2f}", file=out)
        if show:
            show_side_by_side(chapters, labels, out)
    hits, found, wanted = (sum(c[i] for c in counts.values()) for i in range(3))
    p, r, f = prf(hits, found, wanted)
    print(f"{'all seeds':24} {found:5} {wanted:6} {p:5.2f} {r:5.2f} {f:5.2f}", file=out)
    return counts


def show_side_by_side(chapters, labels, out):
    rows = [(c.start, "found", c.title) for c in chapters]
    rows += [(start, "label", title) for start, title in labels]
    for start, who, title in sorted(rows, key=lambda row: (row[0], row[1])):
        print(f"    {format_stamp(int(start))} {who:5} {title}", file=out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tolerance", type=float, default=15)
    parser.add_argument("--show", action="store_true", help="list found and labelled chapters")
    arguments = parser.parse_args()
    evaluate(arguments.tolerance, arguments.show)


if __name__ == "__main__":
    main()
