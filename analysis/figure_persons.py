"""Figures of one person with no number: وفاة مواطن، قتل مسلحون موظفاً، إن رجلاً لقي حتفه.

A trigger before one indefinite person noun (``singular_at``), a killing or wounding verb with one
person as its accusative object (``object_at``), or a singular verb after the one person it tells
of (``subject_at``). Each gives a ``Figure`` of one, exact.
"""

from __future__ import annotations

from mediamon.analysis.figure_text import Figure, FigureText
from mediamon.analysis.figure_triggers import confirm_end, state_noun_end
from mediamon.analysis.figure_words import AFTER_ONE, BEFORE_ONE, OBJECT, bare
from mediamon.analysis.figures_lexicon import (
    ALSO_WORDS,
    BODY_NOUNS,
    BODY_PARTS,
    FUNERAL_WORDS,
    GROUP_NOUNS,
    ONE_OF_THEM,
    OTHERS,
    POSSESSED_DUALS,
    POSSESSED_PERSONS,
    SELF_CASUALTY,
    SOME_MORE,
    SOME_OF,
    STAB_BETWEEN,
    STAB_NOUNS,
    STILL_NOT,
    STILL_WORDS,
    SUBJECT_VERBS,
    WEAPON_WORDS,
    Trigger,
)

_OBJECT_GAP = 3  # words between a verb and its one-person object (the subject stands between)


def one_person(text: FigureText, i: int, flags: int) -> Figure | None:
    """A figure of one at token ``i``, by what may begin there (``flags``: ``BEFORE_ONE``, ``OBJECT``,
    ``AFTER_ONE``)."""
    facts, breaks, n = text.f, text.breaks, text.n
    if flags & BEFORE_ONE and i + 1 < n and breaks[i + 1] == 0:
        if facts[i + 1].one_noun:
            return singular_at(text, i)
        nxt = text.words[i + 1]
        if nxt in OTHERS:
            return others_at(text, i)
        if nxt in SOME_OF:
            figure = some_at(text, i)
            if figure is not None:
                return figure
        if nxt in GROUP_NOUNS or nxt in ALSO_WORDS:
            figure = group_at(text, i)
            if figure is not None:
                return figure
        if bare(text.words[i]) in STAB_NOUNS:
            return stab_at(text, i)
    if flags & OBJECT:
        figure = object_at(text, i)
        if figure is not None:
            return figure
    if flags & AFTER_ONE and i > text.floor and breaks[i] == 0:
        if facts[i - 1].one_person:
            return subject_at(text, i)
        words = text.words
        if i - 1 > text.floor and words[i - 1] in _THAT and breaks[i - 1] == 0 and words[i - 2] in ONE_OF_THEM:
            return subject_at(text, i, i - 2)  # ما لبث أحدهما أن فارق الحياة
        if _still_between(text, i):
            return subject_at(text, i, i - 3)  # طفلة لا تزال مفقودة
    if flags & BEFORE_ONE and text.words[i] in SELF_CASUALTY:
        return self_casualty(text, i)
    return None


_THAT = frozenset({"ان"})  # أنْ (normalised)


def self_casualty(text: FigureText, i: int) -> Figure | None:
    """إصابته بطلق ناري، مقتلها برصاص: one person, when what did the harm follows."""
    k = i + 1
    if k >= text.n or text.breaks[k] or text.words[k] not in WEAPON_WORDS:
        return None
    return Figure(SELF_CASUALTY[text.words[i]], 1, "exact", i, k + 1)


def singular_at(text: FigureText, i: int) -> Figure | None:
    """A verbal noun or verb with one indefinite person noun: وفاة مواطن، مقتل قائد، إصابة جندي."""
    facts = text.f
    found = facts[i].trigger
    if found is None or i + 1 >= text.n or text.breaks[i + 1]:
        return None
    if found.role != "pre" and bare(text.words[i]) not in BODY_NOUNS:  # جثة طفل
        return None
    if found.role != "pre" and _after_funeral(text, i):
        return None  # شيعت البلدة جثمان الجندي: a funeral
    if not facts[i + 1].one_noun:
        return None
    if i + 2 < text.n and facts[i + 2].one_after_noun:
        return None  # شخص واحد: the amount path reads it
    if facts[i].object_kind is not None and i + 2 < text.n and not text.breaks[i + 2]:
        after = facts[i + 2]  # قتل المسلح ثلاثة مدنيين / طفلين: the person is the subject, the count the object
        if after.numberish or (after.dual and text.dual_at(i + 2)):
            return None
    kin = _kin_joined(text, i + 2)  # مقتل رجل وابنه (two), لقيت امرأة وطفلاها حتفهم (three)
    end = confirm_end(text, found, i + 3 if kin else i + 2)
    if end is None or text.is_disease(i, end):
        return None
    return Figure(found.kind, 1 + kin, "exact", i, state_noun_end(text, found.kind, end))


_FUNERAL_BEFORE = 3  # words before a body where a funeral verb may stand (its subject between)


def _after_funeral(text: FigureText, i: int) -> bool:
    """A funeral verb up to a few words before the body at ``i``, in its sentence (شيعت البلدة جثمان)."""
    for k in range(i - 1, max(-1, i - 1 - _FUNERAL_BEFORE), -1):
        if text.breaks[k + 1]:
            return False
        if bare(text.words[k]) in FUNERAL_WORDS:
            return True
    return False


def others_at(text: FigureText, i: int) -> Figure | None:
    """A trigger before "others" with no number: وأصيب آخرون، وإصابة آخرين — a vague figure."""
    found = text.f[i].trigger
    if found is not None and found.confirm and text.words[i] in _AND_LOST:
        return _others_lost(text, i)
    if found is None or found.role != "pre" or found.confirm or text.is_disease(i, i + 2):
        return None
    return Figure(found.kind, None, "vague", i, state_noun_end(text, found.kind, i + 2))


_AND_LOST = frozenset({"وفقد", "وفقدت"})
_THEIR = ("هم", "هن", "هما")


def _others_lost(text: FigureText, i: int) -> Figure | None:
    """وفقد آخرون with nothing they lost after it (لقي 19 شخصاً حتفهم وفقد آخرون): the missing, vague; with
    their lives after it (وفقد آخرون حياتهم) it is a death, read by the confirmed trigger."""
    end = i + 2
    if end < text.n and not text.breaks[end] and text.words[end].endswith(_THEIR):
        return None
    return Figure("missing", None, "vague", i, end)


def some_at(text: FigureText, i: int) -> Figure | None:
    """A trigger before "a further / a large number" or "a number of" people: وأصيب عدد آخر، مقتل عدد من
    المسلحين، إصابة عدد كبير من المدنيين — a vague figure (not a number of buildings: عدد من المنازل)."""
    found = text.f[i].trigger
    k = i + 2
    if found is None or found.role != "pre" or found.confirm or k >= text.n or text.breaks[k]:
        return None
    word = text.words[k]
    if word in SOME_MORE:
        k += 1
        if k + 1 < text.n and text.words[k] == "من" and not text.breaks[k] and not text.breaks[k + 1]:
            k += 1  # عدد كبير من …
        else:
            return None if text.is_disease(i, k) else Figure(found.kind, None, "vague", i, k)
    elif word != "من" or k + 1 >= text.n or text.breaks[k + 1]:
        return None
    else:
        k += 1
    after = text.f[k]
    if after.unit or after.unit_stem or after.numberish or after.trigger is not None or after.function:
        return None
    if text.is_disease(i, k + 1):
        return None
    return Figure(found.kind, None, "vague", i, k + 1)


_GROUP_AFTER = 3  # tokens after a group noun where a count would be the group's (أفراد الطاقم الثلاثة)


def group_at(text: FigureText, i: int) -> Figure | None:
    """A passive verb before a whole group with no number, maybe after كذلك / أيضاً: واصيب كذلك طاقم
    الدورية، وأصيب أفراد الطاقم بجروح — a vague figure."""
    found = text.f[i].trigger
    if found is None or found.role != "pre" or found.confirm or bare(text.words[i]) not in SUBJECT_VERBS:
        return None
    k = i + 1
    if text.words[k] in ALSO_WORDS:
        k += 1
    if k >= text.n or text.breaks[k] or text.words[k] not in GROUP_NOUNS:
        return None
    for j in range(k + 1, min(text.n, k + 1 + _GROUP_AFTER)):
        if text.breaks[j] == 2:
            break
        if text.f[j].numberish:
            return None  # a count of the group: the amount path reads it
    if text.is_disease(i, k + 1):
        return None
    return Figure(found.kind, None, "vague", i, state_noun_end(text, found.kind, k + 2 if _named(text, k) else k + 1))


def _named(text: FigureText, k: int) -> bool:
    """Whether the group noun at ``k`` is followed by what it is the group of (طاقم الدورية)."""
    return k + 1 < text.n and not text.breaks[k + 1] and text.f[k + 1].plain


_STAB_REACH = 4  # tokens after a stab noun to the body part it went to (طعنة سكين إلى جسد)


def stab_at(text: FigureText, i: int) -> Figure | None:
    """A stab into a body part of one person: طعنة سكين إلى جسد شرطي، طعنات في صدر حارس — one injured."""
    words, facts, breaks = text.words, text.f, text.breaks
    for k in range(i + 1, min(text.n - 1, i + 1 + _STAB_REACH)):
        if breaks[k]:
            return None
        word = words[k]
        if _body_part(word):
            if breaks[k + 1] or not facts[k + 1].one_noun:
                return None
            return Figure("injured", 1, "exact", i, k + 2)
        if word not in STAB_BETWEEN:
            return None
    return None


def _body_part(word: str) -> bool:
    """A body part, maybe with a preposition glued to it (لجسد، بصدر)."""
    return word in BODY_PARTS or (word[:1] in "لب" and word[1:] in BODY_PARTS)


def _kin_joined(text: FigureText, k: int) -> int:
    """How many kin or role nouns with a possessive are joined by و at token ``k``: one (وابنه،
    وزوجته، وسائقه), two (وطفلاها، ومرافقيه) or none."""
    if k >= text.n or text.breaks[k]:
        return 0
    word = text.words[k]
    if len(word) <= 3 or word[0] != "و":
        return 0
    if word[1:] in POSSESSED_PERSONS:
        return 1
    return 2 if word[1:] in POSSESSED_DUALS else 0


def object_at(text: FigureText, i: int) -> Figure | None:
    """A killing or wounding verb whose object is one person in the accusative, after its subject:
    قتل مسلحون مجهولون موظفاً، أردت رصاصة طائشة طفلاً."""
    facts, breaks = text.f, text.breaks
    kind = facts[i].object_kind
    if kind is None:
        return None
    for k in range(i + 1, min(text.n, i + 1 + _OBJECT_GAP)):
        if breaks[k]:
            return None
        fact = facts[k]
        if fact.accusative or (fact.feminine and k > i + 1):  # (right after the verb: passive)
            if text.is_disease(i, k + 1):
                return None
            return Figure(kind, 1, "exact", i, state_noun_end(text, kind, k + 1))
        if fact.one_noun and _construct_object(text, i, k):
            return Figure(kind, 1, "exact", i, state_noun_end(text, kind, k + 2))
        if fact.numberish or fact.trigger is not None or fact.one_noun or (fact.dual and text.dual_at(k)):
            return None
    return None


def _construct_object(text: FigureText, i: int, k: int) -> bool:
    """One indefinite person noun in construct after the verb at ``i`` and its plural subject in -ون:
    قتل مسلحون إمام مسجد، اغتال مجهولون مختار القرية (the object has no accusative ending to show)."""
    words, facts = text.words, text.f
    if k < i + 2 or k + 1 >= text.n or text.breaks[k + 1] or words[k][:2] == "ال":
        return False
    if not any(len(words[j]) > 4 and words[j].endswith("ون") and facts[j].plain for j in range(i + 1, k)):
        return False
    return facts[k + 1].plain


def _shared(text: FigureText, found: Trigger, k: int) -> bool:
    """Whether the trigger at token ``k`` shares what follows with the verb before it (قتل وجرح 5): any
    trigger but another kind's joined by و (طفلاً توفي وأصيب ثلاثة من أشقائه: a second clause)."""
    other = text.f[k].trigger
    return other is not None and (text.words[k][0] != "و" or other.kind == found.kind)


def _still_between(text: FigureText, i: int) -> bool:
    """«لا يزال / ما زال» between one person and the word at ``i`` (طفلة لا تزال مفقودة; blind set 15)."""
    k = i - 3
    return (
        k >= text.floor
        and text.words[i - 1] in STILL_WORDS
        and text.words[i - 2] in STILL_NOT
        and not (text.breaks[i - 1] or text.breaks[i - 2])
        and text.f[k].one_person
    )


def subject_at(text: FigureText, i: int, first: int | None = None) -> Figure | None:
    """A singular verb after the one person it tells of: رجلاً لقي حتفه، إن جندياً أصيب — unless
    the verb has a subject of its own after it (قال مسؤول أصيب 3 أشخاص)."""
    facts = text.f
    found = facts[i].trigger
    if found is None:
        return None
    nxt = i + 1
    if nxt < text.n and text.breaks[nxt] == 0:
        fact = facts[nxt]
        if fact.numberish or fact.one_person or (fact.dual and text.dual_at(nxt)) or _shared(text, found, nxt):
            return None
        if fact.qualifier_first:
            return None  # وأصيب أكثر من 4000
    start = i - 1 if first is None else first
    end = confirm_end(text, found, nxt)
    if end is None or text.is_disease(start, end):
        return None
    return Figure(found.kind, 1, "exact", start, end)
