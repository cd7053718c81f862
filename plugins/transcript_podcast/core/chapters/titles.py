"""A short, specific title for each chapter, from its own words.

The title is the chapter's most distinctive phrase: a run of up to three topic words (see
:mod:`.words`) that this chapter says often, early and in few other chapters of the
episode, preferring names (words capitalised where the fragment is not capitalised
throughout).  The opening and closing segments say what they are before it ("Opening:
...", "Reflection: ...", "Recap: ...").  Two chapters never get the same title.
"""

import math
import re
from collections import Counter, defaultdict

from .words import STOPWORDS, WORD, stem, word_set

PHRASE_WORDS = 3
EARLY_SHARE = 0.3  # a phrase said in the chapter's first 30 % is likely what it is about
ROLES = {"opening": "Opening", "reflection": "Reflection", "recap": "Recap"}
# Words that say when or how, not what: never a title on their own.
VAGUE = word_set(
    """
    today tomorrow yesterday tonight morning evening night week weekend month year years day
    days monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december daily listeners
    better worse different new old same whole huge massive little small large bigger
    important significant remarkable strange weird funny honest clear simple hard easy
    showed shows depending sit sounds sound feel felt means matter matters happened happen
    reason reasons problem problems idea ideas case sense word words world people person
    """
)
BREAK = re.compile(r"[.!?…,;:—–()\"“”]")


def phrases(text):
    """``(stems, surface words, is a name)`` of every phrase of up to three topic words."""
    found = []
    for part in BREAK.split(text):
        words = [m[0].strip("'’.-") for m in WORD.finditer(part)]
        capitalised = sum(w[:1].isupper() for w in words)
        shouted = len(words) > 2 and capitalised > 0.6 * len(words)
        run = []
        for position, word in enumerate([*words, ""]):
            lower = word.lower().replace("’", "'")
            if word and len(lower) > 1 and lower not in STOPWORDS and lower not in VAGUE:
                run.append((word, stem(lower), position > 0 and word[:1].isupper() and not shouted))
                continue
            for size in range(1, PHRASE_WORDS + 1):
                for begin in range(len(run) - size + 1):
                    piece = run[begin : begin + size]
                    found.append(
                        (
                            tuple(p[1] for p in piece),
                            [p[0] for p in piece],
                            any(p[2] for p in piece),
                        )
                    )
            run = []
    return found


def chapter_texts(segments, starts):
    """The fragments' texts of each chapter, in order."""
    texts = [[] for _ in starts]
    index = 0
    for segment in segments:
        while index + 1 < len(starts) and segment.start >= starts[index + 1]:
            index += 1
        if segment.text.strip():
            texts[index].append(segment.text.strip())
    return texts


def surface(forms):
    """The way a phrase is written most often, its first letter capitalised; words shouted
    in capitals (speech recognition's emphasis) written as words."""
    words = Counter(" ".join(f) for f in forms).most_common(1)[0][0].split()
    words = [w.capitalize() if w.isupper() and len(w) > 4 else w for w in words]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def ranked_phrases(texts, avoid=frozenset()):
    """Per chapter, its phrases from the most distinctive on: (score, stems, title text,
    whether it is a name); phrases with a word of ``avoid`` (the show's name) left out."""
    per_chapter = []
    for fragments in texts:
        counts, first, forms, names = Counter(), {}, defaultdict(list), Counter()
        total = max(1, len(fragments))
        for position, fragment in enumerate(fragments):
            for stems, words, name in phrases(fragment):
                counts[stems] += 1
                first.setdefault(stems, position / total)
                forms[stems].append(words)
                names[stems] += name
        per_chapter.append((counts, first, forms, names))
    spread = Counter(stems for counts, *_ in per_chapter for stems in counts)
    ranked = []
    for counts, first, forms, names in per_chapter:
        scored = []
        for stems, count in counts.items():
            if avoid & set(stems):
                continue
            if len(stems) > 1 and count < 2:  # kept to tell names said as one phrase
                scored.append((0.0, stems, surface(forms[stems]), False))
                continue
            rarity = math.log((len(per_chapter) + 1) / spread[stems]) ** 2
            early = 1.5 if first[stems] <= EARLY_SHARE else 1.0
            named = 1.8 if names[stems] * 2 >= count else 1.0
            length = 1 + 0.8 * (len(stems) - 1)
            score = count * rarity * early * named * length
            scored.append((score, stems, surface(forms[stems]), named > 1))
        scored.sort(key=lambda item: (-item[0], item[2]))
        ranked.append(scored)
    return ranked


def chapter_titles(segments, starts, kinds, avoid=()):
    """A title for each chapter starting at ``starts`` (its signpost kind in ``kinds``),
    never made of the words in ``avoid`` (the show's own name, said in every episode)."""
    avoid = frozenset(stem(word) for word in avoid)
    ranked = ranked_phrases(chapter_texts(segments, starts), avoid)
    titles, used = [], set()
    for kind, options in zip(kinds, ranked, strict=True):
        best = title_from(options, used)
        used.add(best.lower())
        role = ROLES.get(kind)
        titles.append(f"{role}: {best}" if role else best)
    return titles


def title_from(options, used):
    """The best phrase not used yet, a name or several words rather than one plain word
    when one is nearly as good; a one-word name is joined by the next best name ("Huawei
    and DeepSeek")."""
    fresh = [option for option in options if option[2].lower() not in used] or options
    if not fresh:
        return "Conversation"
    score, stems, text, named = fresh[0]
    if len(stems) == 1 and not named:
        better = [o for o in fresh[1:] if o[0] >= 0.6 * score and (o[3] or len(o[1]) > 1)]
        if better:
            score, stems, text, named = better[0]
    if len(stems) == 1 and named:
        for other_score, other_stems, other_text, other_named in fresh[1:]:
            if other_score < 0.5 * score:
                break
            if (
                other_named
                and not set(other_stems) & set(stems)
                and not said_together(fresh, stems, other_stems)
            ):
                return f"{text} and {other_text}"
    return text


def said_together(options, first, second):
    """Whether two words are one name said as a phrase somewhere ("Sam" "Altman")."""
    return any(set(stems) >= {*first, *second} for _, stems, _, _ in options)
