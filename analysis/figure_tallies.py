"""A bare toll: حصيلة with no casualty noun, counted as the killed of the deadly event it tells of.

ارتفعت حصيلة الزلزال إلى 300، تجاوزت حصيلة الفيضانات في الولاية 120 — a count of the dead when the
sentence names a deadly event (a quake, a blast, a strike, floods, an accident, an attack, clashes...)
and the toll is not of something else (حصيلة الصادرات، حصيلة النقاط، حصيلة المفقودين); an illness
named near it rules it out later, as for every figure (حصيلة كورونا).
"""

from __future__ import annotations

from functools import lru_cache

from mediamon.analysis.figure_count_words import DEADLY_EVENTS, OTHER_TALLIES, TALLY_HEADS
from mediamon.analysis.figure_text import FigureText
from mediamon.analysis.figure_words import stem_in
from mediamon.analysis.figures_lexicon import Kind, Trigger

SENTENCE_REACH = 20  # words either side of the toll where its deadly event may stand


@lru_cache(maxsize=4096)
def _deadly(word: str) -> bool:
    return bool(stem_in(word, DEADLY_EVENTS))


@lru_cache(maxsize=4096)
def _other(word: str) -> bool:
    return bool(stem_in(word, OTHER_TALLIES))


def bare_tally(text: FigureText, k: int, qstart: int) -> tuple[Kind, int] | None:
    """The kind of the bare toll at token ``k`` that the count at ``qstart`` reached, and ``k``; None
    when the word is no toll, names a casualty or another thing, or no deadly event is near."""
    words, facts = text.words, text.f
    if words[k] not in TALLY_HEADS:
        return None
    nxt = k + 1
    if nxt < qstart and facts[nxt].trigger is not None:
        return None  # حصيلة النزوح، حصيلة إصابات: the word after says what is counted
    if any(_other(words[j]) for j in range(nxt, qstart)):
        return None
    return ("killed", k) if _deadly_event_near(text, k) else None


def _deadly_event_near(text: FigureText, k: int) -> bool:
    """A deadly event (or a killing) named in the sentence of token ``k``."""
    words, facts, breaks = text.words, text.f, text.breaks
    for j in range(k + 1, min(text.n, k + 1 + SENTENCE_REACH)):
        if breaks[j] == 2:
            break
        if _deadly(words[j]) or _killing(facts[j].trigger):
            return True
    for j in range(k - 1, max(-1, k - 1 - SENTENCE_REACH), -1):
        if breaks[j + 1] == 2:
            break
        if _deadly(words[j]) or _killing(facts[j].trigger):
            return True
    return False


def _killing(trigger: Trigger | None) -> bool:
    """A killing word that needs no confirming (مقتل، قتل — not قضى, also "spent")."""
    return trigger is not None and trigger.kind == "killed" and not trigger.confirm
