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
from dataclasses import dataclass, field
from functools import cached_property

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
    ii iii iv vi vii viii ix
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
    in capitals (speech recognition's emphasis) written as words, a final "'s" dropped."""
    words = Counter(" ".join(f) for f in forms).most_common(1)[0][0].split()
    words = [w.capitalize() if w.isupper() and len(w) > 4 else w for w in words]
    words[-1] = re.sub(r"['’]s$", "", words[-1])
    text = " ".join(words)
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Phrase:
    """A phrase of one chapter: how distinctive it is there (``score``), how much it is
    about what other chapters say (``recurring``), and how it was written (``forms``)."""

    score: float
    recurring: float
    stems: tuple[str, ...]
    forms: list = field(compare=False, repr=False)
    named: bool = False
    count: int = 0

    @cached_property
    def text(self):
        """What a title shows (made only for the phrases a title is chosen from)."""
        return surface(self.forms)

    @property
    def fit_for_title(self):
        """A name or several words said twice, or a plain word said often that does not look
        like a verb or an adverb ("sounding", "hidden", "quickly")."""
        if (self.named or len(self.stems) > 1) and self.count >= 2:
            return True
        return self.count >= 3 and self.looks_like_noun

    @property
    def looks_like_noun(self):
        return not self.text.lower().endswith(("ing", "ed", "en", "ly"))


def ranked_phrases(texts, avoid=frozenset()):
    """Per chapter, its :class:`Phrase` list, the most distinctive first; phrases with a
    word of ``avoid`` (the show's name) left out."""
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
            named = names[stems] * 2 >= count
            if len(stems) > 1 and count < 2:  # said once: kept only to tell names said as one
                scored.append(Phrase(0.0, 0.0, stems, forms[stems], named, count))
                continue
            weight = count * (1.8 if named else 1.0) * (1 + 0.8 * (len(stems) - 1))
            rarity = math.log((len(per_chapter) + 1) / spread[stems]) ** 2
            early = 1.5 if first[stems] <= EARLY_SHARE else 1.0
            recurring = weight * (spread[stems] - 1) * (spread[stems] <= len(per_chapter) / 2)
            score = weight * rarity * early
            scored.append(Phrase(score, recurring, stems, forms[stems], named, count))
        scored.sort(key=lambda phrase: (-phrase.score, phrase.stems))
        ranked.append(scored)
    return ranked


def chapter_titles(segments, starts, kinds, avoid=()):
    """A title for each chapter starting at ``starts`` (its signpost kind in ``kinds``),
    never made of the words in ``avoid`` (the show's own name, said in every episode)."""
    avoid = frozenset(stem(word) for word in avoid)
    ranked = ranked_phrases(chapter_texts(segments, starts), avoid)
    titles, used = [], set()
    for kind, options in zip(kinds, ranked, strict=True):
        role = ROLES.get(kind)
        if role:
            about = role_title(options)
            title = f"{role}: {about}" if about else role
            if title.lower() in used:
                title = f"{role}: {title_from(options, used)}"
        else:
            title = title_from(options, used)
        used.add(title.lower())
        titles.append(title)
    return titles


def role_title(options):
    """The opening, the reflection and the recap speak of the day's stories: their title
    names the two they say most about (None when they name none)."""
    about = sorted(
        (
            o
            for o in options
            if o.recurring and (o.fit_for_title or (o.named and o.looks_like_noun))
        ),
        key=lambda o: (-o.recurring, o.stems),
    )
    chosen = []
    for option in about:
        if not any(set(option.stems) & set(other.stems) for other in chosen):
            chosen.append(option)
        if len(chosen) == 2:
            return f"{chosen[0].text} and {chosen[1].text}"
    return chosen[0].text if chosen else None


def title_from(options, used):
    """The best phrase not used yet that is fit for a title; a one-word name is joined by
    the next best name that is not said with it ("Huawei and DeepSeek")."""
    fit = (o for o in options if o.fit_for_title and o.text.lower() not in used)
    best = next(fit, None) or next((o for o in options if o.text.lower() not in used), None)
    if best is None:
        return options[0].text if options else "Conversation"
    if len(best.stems) == 1 and best.named:
        for other in fit:
            if other.score < 0.5 * best.score:
                break
            twice = other.named and other.count >= 2
            apart = not set(other.stems) & set(best.stems)
            if twice and apart and not said_together(options, best.stems, other.stems):
                return f"{best.text} and {other.text}"
    return best.text


def said_together(options, first, second):
    """Whether two words are one name said as a phrase somewhere ("Sam" "Altman")."""
    return any(set(o.stems) >= {*first, *second} for o in options)
