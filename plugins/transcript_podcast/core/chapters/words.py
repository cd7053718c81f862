"""Words that carry a topic: what the chapter finder compares and the titles are made of.

Transcripts from speech recognition capitalise at random and spell one name several ways
("DeepSeek", "deep seek", "Deepseq"), so words are compared by a crude stem of their lower
case; function words, fillers and number words (said in every story) are left out.
"""

import re
from functools import lru_cache

WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’.-]*[A-Za-z0-9]|[A-Za-z]")


def word_set(text):
    """The words of a block of text, as a set (long word lists read best as prose)."""
    return frozenset(text.split())


STOPWORDS = word_set(
    """
    a about above across after again against all almost along already also although always
    am among an and another any anybody anyone anything anyway are aren't around as at away
    back be became because become becomes been before being below between both but by can
    can't cannot could couldn't did didn't do does doesn't doing don't done down during each
    either else enough even ever every everybody everyone everything exactly far few for from
    further get gets getting give given go goes going gone got gotten had hadn't has hasn't
    have haven't having he he'd he'll he's her here here's hers herself him himself his how
    however i i'd i'll i'm i've if in instead into is isn't it it'd it'll it's its itself
    just keep kind least less let let's like made make makes making many may maybe me might
    mine more most much must my myself need needs neither never next no nobody none nor not
    nothing now of off often oh ok okay on once one ones only onto or other others otherwise
    our ours ourselves out over own per perhaps put quite rather re really right said same
    say saying says see seem seems she she'd she'll she's should shouldn't since so some
    somebody someone something sometimes somewhat still such sure take takes than that
    that's the their theirs them themselves then there there's these they they'd they'll
    they're they've thing things think this those though through thus to together too
    toward towards under until up upon us very want wants was wasn't way we we'd we'll we're
    we've well were weren't what what's whatever when where where's whether which while who
    who's whoever whole whom whose why will with within without won't would wouldn't yeah
    yes yet you you'd you'll you're you've your yours yourself yourselves
    actually basically honestly literally genuinely totally completely probably apparently
    mean means know knows thought feel feels look looks looking talk talking talked tell
    told wait hold hmm mm mmm uh um huh wow ah yep nope hey alright gonna wanna gotta
    lot lots bit stuff part point question story stories piece news today week show episode
    interesting fascinating wild true fair good great big real really okay hear heard
    agree push pushback back come comes coming came call called went goes said just yet
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred hundreds thousand thousands million millions billion billions
    trillion trillions first second third fourth fifth half dozen percent point zero
    """
)


@lru_cache(maxsize=1 << 16)
def stem(word):
    """A crude stem, enough to match plural and verb forms of one word."""
    word = word.lower().replace("’", "'").strip("'.-")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: -len(suffix)] + replacement
    return word


def content_words(text):
    """``(surface form, stem)`` of each word of ``text`` that can carry a topic."""
    found = []
    for match in WORD.finditer(text):
        surface = match[0].strip("'’.-")
        lower = surface.lower().replace("’", "'")
        if len(lower) < 2 or lower in STOPWORDS or lower.rstrip("'s") in STOPWORDS:
            continue
        found.append((surface, stem(lower)))
    return found
