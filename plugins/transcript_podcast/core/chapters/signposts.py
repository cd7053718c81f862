"""The hosts' own signposts: phrases with which a show turns from one topic to the next.

Each pattern has a weight (how surely it opens a chapter) and a kind: ``side`` for the story
told before the news ("but first"), ``news`` for a turn to the next item, ``reflection`` and
``recap`` for the closing segments.  A phrase said late in a fragment turns to what the
next fragment says, so where in the fragment it is said is kept too.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Signpost:
    """A turn the hosts say: its pattern, weight and kind, and the words (``keys``) one of
    which it always contains, so most fragments are never searched for it."""

    pattern: re.Pattern
    weight: float
    kind: str
    keys: frozenset


def signpost(keys, expression, weight, kind="news"):
    return Signpost(re.compile(expression, re.IGNORECASE), weight, kind, frozenset(keys.split()))


OK = r"(?:okay|ok|alright|all right|anyway)\b"
LET = "let let's lets"
WEEKDAY = "(?:sunday|monday|tuesday|wednesday|thursday|friday|saturday)"

SIGNPOSTS = (
    # The story before the news, and the turn to the news itself.
    signpost("first", r"\bbut first\b", 1.0, "side"),
    signpost("before", r"\bbefore we (?:get into|dive into|start|begin)\b", 1.0, "side"),
    signpost(
        LET,
        r"\blet'?s (?:get into|dive (?:straight )?in|do the news|actually do|"
        r"start with|kick off)\b",
        1.0,
    ),
    signpost("into", r"\b(?:get|getting) into the (?:actual )?(?:news|show|stories)\b", 1.0),
    # Turns from one item to the next.
    signpost(
        "moving up next next one's",
        r"\b(?:moving on|next up|first up|up next|next one's|on to the next)\b",
        1.0,
    ),
    signpost("next", r"(?:^|[.!?…]\s*)(?:and |the )?next one\b", 0.9),
    signpost("next", r"\b(?:our |the )?next (?:story|piece|item|topic|headline)\b", 1.0),
    signpost("story", r"\bstory (?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\b", 1.0),
    signpost("story", r"\b(?:second|third|fourth|fifth|final|last|next) story\b", 1.0),
    signpost(
        LET,
        r"\blet'?s (?:go to|move (?:on|to)|shift gears|switch|turn to|talk about|do the)\b",
        0.9,
    ),
    signpost("gears", r"\blet (?:shift|switch|move) gears\b", 0.9),
    signpost("gears", r"\b(?:shift(?:ing)?|switch(?:ing)?) gears\b", 0.8),
    signpost(LET, r"\blet'?s go (?:west|east|north|south|over|back)\b", 0.9),
    signpost("brings", r"\bwhich brings us to\b", 0.9),
    signpost("speaking", r"\b(?:and )?speaking of\b", 0.7),
    signpost("connects", r"\bwhich connects (?:perfectly |nicely )?(?:to|with)\b", 0.7),
    signpost("finally", r"\b(?:and )?finally\b", 0.7),
    signpost("quick", r"\bquick one\b", 0.9),
    signpost("fun", r"\b(?:a )?fun one to close\b", 0.9),
    signpost("other next", r"\b(?:and )?(?:then|now) (?:the|this) (?:other|next)\b", 0.5),
    signpost("other", r"\bthe other (?:paper|story|study|report)\b", 0.7),
    signpost("now", r"\bnow (?:let'?s|this is where)\b", 0.5),
    signpost("one", r"\bthis one\b", 0.3),
    # The closing segments.
    signpost("personal", r"\bpersonal (?:reflection|read|take)\b", 1.0, "reflection"),
    signpost("before", r"\bbefore we (?:close|wrap|go|sign off)\b", 1.0, "reflection"),
    signpost("land", r"\blet'?s land this\b", 1.0, "reflection"),
    signpost(
        "things takeaway takeaways",
        r"\b(?:three|two|four|five) (?:things|takeaways?) (?:to|for|take|you|we)\b",
        1.0,
        "recap",
    ),
    signpost("takeaways", r"\b(?:three|two|four|five) takeaways\b", 1.0, "recap"),
    signpost(
        "that's thats that",
        r"\bthat(?:'?s| is) (?:it for today|all for today|"
        rf"(?:the |our )?(?:\w+ ){{0,2}}(?:daily|show|podcast)|our {WEEKDAY})\b",
        1.0,
        "recap",
    ),
    signpost(
        "listeners everyone", r"\b(?:listeners|everyone)[\s.,!]+that(?:'s| is) our\b", 1.0, "recap"
    ),
)
OPENING_TURN = re.compile(rf"^\W*{OK}", re.IGNORECASE)  # "Okay, ..." opening a fragment
OPENING_TURN_WEIGHT = 0.25
LATE = 0.5  # a signpost past this share of a fragment's text turns to the next fragment


@dataclass(frozen=True)
class Signal:
    """A signpost heard: how strongly it marks a turn, its kind, and whether it is said
    late in its fragment (so the turn is to the next one)."""

    weight: float
    kind: str
    late: bool


KEY_WORD = re.compile(r"[a-z']+")


def signals(text):
    """The signposts said in one fragment's ``text``."""
    found = []
    said = set(KEY_WORD.findall(text.lower()))
    for sign in (s for s in SIGNPOSTS if s.keys & said):
        for match in sign.pattern.finditer(text):
            late = len(text) > 40 and match.start() > LATE * len(text)
            found.append(Signal(sign.weight, sign.kind, late))
    if OPENING_TURN.match(text) and len(text.split()) > 1:
        found.append(Signal(OPENING_TURN_WEIGHT, "news", False))
    return found
