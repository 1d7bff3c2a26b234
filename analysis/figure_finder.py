"""The casualty figure finder: walks one text's figure tokens and puts amounts, triggers and
qualifiers together into figures.

A figure is an *amount* (``analysis.figure_amounts``) with a *trigger* that says what happened
(``analysis.figure_triggers``): before it, right after it, or after its noun; or far after "the
number of <casualty noun>" (``analysis.figure_heads``). A figure joined by "و" or "بالإضافة إلى" to
the one before takes its kind, and two kinds joined by و share one count (``joined``). With no
amount, one person counts one (``analysis.figure_persons``).
"""

from __future__ import annotations

import re
from itertools import compress
from operator import itemgetter

from mediamon.analysis.figure_amounts import amount, bare_cases, case_kind, not_a_head_count
from mediamon.analysis.figure_count_words import (
    CLAUSE_STARTS,
    CONNECTORS,
    LONE_PREPOSITIONS,
    PAIR_DEAD,
    PAIR_HURT,
)
from mediamon.analysis.figure_heads import head_far_before
from mediamon.analysis.figure_persons import one_person
from mediamon.analysis.figure_qualifiers import (
    qualifier_after,
    qualifier_before,
    qualifier_over_count,
    range_of,
    verb_over_head,
)
from mediamon.analysis.figure_text import Amount, Figure, FigureText
from mediamon.analysis.figure_triggers import (
    POST_GAP,
    PRE_GAP,
    confirm_end,
    state_noun_end,
    trigger_after,
    trigger_before,
    verb_like,
)
from mediamon.analysis.figure_words import AMOUNT, ONE_FLAGS, bare
from mediamon.analysis.figures_lexicon import (
    BODY_PLURALS,
    CARRYING_WORDS,
    COUNTED_VERBAL_NOUNS,
    ESCAPEES,
    FALL_WORDS,
    FORESEEING,
    HYPOTHETICAL_LEADS,
    LOWERED_WORDS,
    MAY,
    MAY_CAUSE,
    MAY_REACH,
    MISSING_VERBS,
    OTHERS,
    REFUGEE_AGENCY_OF,
    RETURN_WORDS,
    RETURNED_AFTER,
    SEARCH_WORDS,
    SOME_OF,
    SUBJECT_VERBS,
    VAGUE_PLURALS,
    WILL_CAUSE,
    Kind,
    Trigger,
)
from mediamon.analysis.normalize import normalize

_HARMED = frozenset({"killed", "injured", "killed_or_injured"})  # kinds a trigger gives to the displaced it counts
_INHERIT_GAP = 4  # connector words between a figure and the next one that takes its kind
_EARLIER_GAP = 12  # words between a risen toll and the earlier one told after it (بعد أن كانت …)
_WAS = frozenset({"كان", "كانت"})
_LATER_SENTENCE_GAP = 30  # tokens between a risen toll and an earlier one told in the next sentence
_RISE_WORDS = frozenset(
    normalize(w) for w in ("ارتفع", "ارتفعت", "ارتفاع", "لترتفع", "ليرتفع", "وارتفع", "وارتفعت", "بارتفاع")
)
# the next sentence tells an earlier report: وكانت حصيلة سابقة…، وكانت السلطات أعلنت أمس…
_EARLIER_WORDS = frozenset(
    normalize(w) for w in ("سابقة", "السابقة", "سابق", "السابق", "أمس", "الأولية", "أولية", "سابقا", "قبل")
)
# a sentence that gives a new toll (بحسب حصيلة جديدة، وفق آخر حصيلة) says it rose, as ارتفع does
_NEW_TOLL_RE = re.compile(r"\bا?ل?حصيله (?:ال)?(?:جديده|محدثه)\b|\b(?:اخر|احدث) حصيله\b")
_EARLIER_AFTER = 4  # words after the earlier toll where its "earlier" word may stand (… مقتل 37 شخصاً أمس)
_ROSE_LATER_GAP = 15  # words between a first toll and the one it rose to later (قبل أن ترتفع الحصيلة إلى …)
# the rise verbs of a toll that rose later (not لترتفع: a total the toll was added to)
_LATER_RISE_WORDS = frozenset(
    normalize(w) for w in ("ترتفع", "يرتفع", "ارتفعت", "ارتفع", "وارتفعت", "وارتفع", "فارتفعت", "فارتفع")
)
_LATER = frozenset(normalize(w) for w in ("لاحقا", "لاحقاً"))  # (وارتفعت الحصيلة لاحقاً إلى 9)
_TO = normalize("إلى")
# what may stand between a later rise verb and «إلى N»: the toll itself and a time (قبل أن ترتفع صباح اليوم إلى 23)
_ROSE_BETWEEN = frozenset(
    normalize(w)
    for w in ("الحصيلة", "العدد", "حصيلتهم", "عددهم", "صباح", "مساء", "ظهر", "اليوم", "أمس", "لاحقا", "لاحقاً", "مجددا")
)
_RISEN_REACH = 700  # characters between a risen toll and an earlier report of it further on in the text
_SENTENCE_END_RE = re.compile(r"[!?;\n\r]|\.(?!\d)")  # (not the point of 5.2)
_WORD_RE = re.compile(r"\w+")
_SAME_NOUN_GAP = 8  # words between a figure and a count joined by و that repeats its counted noun
_ARTICLED_PRE_GAP = 2  # القتلى الستة / مقتل الجنود الستة
_START = itemgetter(0)  # WordFacts.start


class Finder:
    """One text's figures, found in order; ``last`` is the figure found before."""

    def __init__(self, text: FigureText) -> None:
        self.text = text
        self.last: Figure | None = None
        self.found: list[Figure] = []  # the figures kept so far, in order
        self.risen_words: bool | None = None  # whether the text has a rise word and كان (asked once)
        self.new_toll = False  # whether it tells a new toll (حصيلة جديدة), when ``risen_words`` was asked
        self.amount_end = 0  # where the amount read by the last ``figure_at`` ends (0: none)

    def run(self) -> list[Figure]:
        text = self.text
        figures = self.found
        kinds = list(map(_START, text.f))
        i = 0  # the next token a figure may start at
        for candidate in compress(range(text.n), kinds):
            if candidate < i:
                continue
            text.floor = i
            flags = kinds[candidate]
            figure = self.figure_at(candidate) if flags & AMOUNT else None
            found: tuple[Figure, ...] = ()
            if figure is None and flags & ONE_FLAGS:
                if text.words[candidate] in FALL_WORDS:
                    found = fallen(text, candidate)
                elif text.words[candidate] in SEARCH_WORDS:
                    found = searched(text, candidate)
                figure = found[-1] if found else one_person(text, candidate, flags)
            if (
                figure is not None
                and not FORESEEING.isdisjoint(text.words[max(0, figure.first - _FORESEEN_REACH) : figure.end])
                and _foreseen(text, figure.first, figure.end)
            ):
                i = max(candidate + 1, figure.end)
                continue  # قد يسفر الإعصار عن سقوط مئات الضحايا: a fear, not a toll
            if figure is not None:
                found = found or (joined(text, figure) if flags & AMOUNT else (figure,))
                if len(found) == 1 and figures and self.superseded(found[0]):
                    i = max(candidate + 1, found[0].end)
                    continue  # ارتفعت الحصيلة إلى 19 بعد أن كانت 11: the latest toll only
                last = self.last
                if len(found) == 1 and figures and figures[-1] is last and last is not None:
                    if _bodies_within(text, found[0], last):
                        i = max(candidate + 1, found[0].end)
                        continue  # ارتفعت الحصيلة إلى 40 بعد انتشال 12 جثة: part of the risen toll
                    if self.rose_later(found[0]) or _bodies_within(text, last, found[0]):
                        figures.pop()  # قتل 12 شخصاً، قبل أن ترتفع الحصيلة إلى 23: the latest toll only
                figures.extend(found)
                self.last = found[-1]
                i = max(candidate + 1, found[-1].end)
            elif flags & AMOUNT and self.amount_end > candidate + 1:
                i = _past_numbers(text, candidate + 1, self.amount_end)
        return figures

    def figure_at(self, i: int) -> Figure | None:
        text = self.text
        found = amount(text, i)
        if found is None:
            self.amount_end = 0
            return None
        self.amount_end = found.end
        if not_a_head_count(text, found):
            return None
        ranged = range_of(text, found.first, found.end)
        if ranged is None:
            qstart, qualifier = qualifier_before(text, found.first)
        else:  # ما بين 20 و30 قتيلاً: the lower bound, at least
            qstart, qualifier = ranged[0], "at_least"
            found = found._replace(end=ranged[1])
        lead = qstart
        if qualifier is None and not found.articled:
            lead, qualifier = qualifier_over_count(text, found.first)
        if _carried(text, qstart):
            return None
        kind, first, end = self._kind_and_extent(found, qstart)
        if kind is None or (kind == "displaced" and _not_displaced(text, qstart, found.end, end)):
            return None
        first = min(first, lead)
        if qualifier is None and (text.f[first].count_head or (first > 1 and text.f[first - 1].count_head)):
            first, qualifier = verb_over_head(text, first)
        if qualifier is None:
            after_end, qualifier = qualifier_after(text, found.end, end)
            end = max(end, after_end) if qualifier else end
        if text.is_disease(first, end):
            return None
        if found.value is None:
            qualifier = "vague"
        return Figure(kind, found.value, qualifier or "exact", first, end)

    def _kind_and_extent(self, found: Amount, qstart: int) -> tuple[Kind | None, int, int]:
        text = self.text
        if found.kind is not None:
            pre = trigger_before(text, qstart)
            confirmed = None if pre is None else confirm_end(text, pre[0], found.end)
            return found.kind, (qstart if pre is None or confirmed is None else pre[1]), found.end
        pair = dead_and_hurt_end(text, found.end)
        if pair is not None:  # 30 شخصاً بين قتيل وجريح: one joint toll
            return "killed_or_injured", qstart, pair
        if found.end < text.n and text.breaks[found.end] == 0:
            fact = text.f[found.end]
            after = fact.trigger
            if after is not None and after.role == "noun" and not (fact.conjunct and _heads_next(text, found.end)):
                if _mourners(text, found):
                    return None, qstart, found.end  # شيّع الآلاف جثامين 4 شهداء: the mourners
                if after.kind == "displaced":
                    harmed = _harmed_displaced(text, qstart, found.end + 1)
                    if harmed is not None:
                        return harmed
                if after.kind == "injured" and _died_of_wounds(text, qstart):
                    return "killed", qstart - 1, found.end + 1  # بعد وفاة أحد الجرحى: one more dead
                return after.kind, qstart, found.end + 1
            if after is not None and text.words[found.end] in COUNTED_VERBAL_NOUNS:
                return after.kind, qstart, found.end + 1  # 24 شهيداً و74 إصابة: 74 injured
            if text.f[found.end].unit:  # (else the amount was ruled out) 7 حالات وفاة
                kind = case_kind(text, found.end)
                if kind is None and bare_cases(text, found.end):  # عدد الوفيات … إلى 5 حالات
                    head = head_far_before(text, qstart, found.first)
                    if head is not None and head[0] in ("killed", "injured"):
                        return head[0], head[1], found.end + 1
                return kind, qstart, found.end + 2
        articled = found.articled  # القتلى الستة، مقتل الجنود الستة، الجنود الستة قتلوا
        noun_end = found.end if found.has_noun or articled else counted_noun_end(text, found.end)
        pre = trigger_before(text, qstart, _ARTICLED_PRE_GAP if articled else PRE_GAP)
        if pre is None and articled and _in_construct(text, qstart):
            pre = trigger_before(text, qstart, _ARTICLED_PRE_GAP + 1)  # مقتل عمال الإغاثة الثلاثة
        if pre is not None and pre[0].kind == "displaced" and _agency_name(text, pre[1]):
            pre = None  # المفوضية السامية لشؤون اللاجئين إن 61 مهاجراً: the speaker, not the head
        confirmed = None if pre is None else confirm_end(text, pre[0], noun_end)
        if pre is not None and confirmed is not None:
            return pre[0].kind, pre[1], state_noun_end(text, pre[0].kind, confirmed)
        if pre is not None and noun_end == found.end and _others_at(text, noun_end):
            noun_end += 1  # وفقد 20 آخرون: "others" is the counted noun
        if pre is not None and noun_end > found.end and _went_missing(text, pre[1], noun_end):
            return "missing", pre[1], noun_end  # فقد 14 صياداً إثر عاصفة
        post = trigger_after(text, found.end, 0 if articled else POST_GAP)
        if post is not None:
            return post[0], qstart, post[1] + 1
        if articled:
            return None, qstart, noun_end
        inherited = self.inherited(qstart)
        if inherited is None and noun_end > found.end:
            inherited = self.same_noun(qstart, noun_end)
        if inherited is None:
            head = head_far_before(text, qstart, found.first)
            if head is not None:
                return head[0], head[1], noun_end
            if qstart < found.first and noun_end > found.end:  # (a qualified count with its noun)
                verb = verb_far_before(text, qstart) or evacuating_far_before(text, qstart)
                if verb is not None:
                    return verb[0], verb[1], noun_end
        if inherited is None and self.last is not None:
            rise = self.rose_to(qstart, found.value)
            if rise is not None:
                return self.last.kind, rise, noun_end
        return inherited, qstart, noun_end

    def rose_to(self, qstart: int, value: int | None) -> int | None:
        """The rise verb before a bare count after «إلى» that the toll just before later rose to: 17 قتيلاً
        قبل أن ترتفع صباح اليوم إلى 23 — the count takes the kind of that toll (``rose_later`` then keeps it
        alone), its span starts at the verb."""
        last, words = self.last, self.text.words
        if last is None or last.number is None or value is None or value <= last.number:
            return None
        if qstart < 2 or words[qstart - 1] != _TO or self.text.breaks[qstart]:
            return None
        for k in range(max(last.end, qstart - 5), qstart - 1):
            if _later_rise(words, k):
                return k if all(word in _ROSE_BETWEEN for word in words[k + 1 : qstart - 1]) else None
        return None

    def superseded(self, figure: Figure) -> bool:
        """An earlier, lower toll of the same kind told after the one it rose to: right after it (see
        ``superseded_next``), or after other figures, further on in the text (``superseded_risen``)."""
        if figure.number is None:
            return False
        if self.superseded_next(figure):
            return True
        if self.risen_words is None:  # (once per text: most texts tell no risen toll and no earlier one)
            norm = self.text.prepared.norm
            self.new_toll = "حصيله" in norm and "كان" in norm and _NEW_TOLL_RE.search(norm) is not None
            self.risen_words = self.new_toll or ("ارتف" in norm and "كان" in norm)
        if not self.risen_words:
            return False
        risen = self.risen_before(figure)
        return risen is not None and self.superseded_risen(risen, figure)

    def superseded_next(self, figure: Figure) -> bool:
        """An earlier, lower toll of the same kind told right after the one it rose to, in the same
        sentence: ارتفع عدد القتلى إلى 27 بعد أن كان 19، … إلى 19 بعد أن كانت السلطات أعلنت مقتل 11."""
        last, text = self.last, self.text
        if last is None or last.kind != figure.kind or last.number is None or figure.number is None:
            return False
        higher = figure.number >= last.number  # (dropped only after a toll cut down: ``_lowered``, asked last)
        between = range(last.end, figure.first + 1)
        if any(text.breaks[k] == 2 for k in between):
            return not higher and self.superseded_later(figure)
        if figure.first - last.end > _EARLIER_GAP:
            return False
        words = text.words
        told_before = any(
            words[k] == "بعد" and k + 2 < text.n and words[k + 1] == "ان" and bare(words[k + 2]) in _WAS
            for k in range(last.end, figure.first)
        )
        return told_before and (not higher or self._lowered(last))

    def _lowered(self, toll: Figure) -> bool:
        """A toll cut down, the verb a few words before it in its sentence (خفضت السلطات حصيلة القتلى إلى 18
        بعد أن كانت أعلنت 25): the earlier, higher toll told after it is dropped as a lower one would be."""
        words, breaks = self.text.words, self.text.breaks
        for k in range(toll.first - 1, max(-1, toll.first - _LOWERED_REACH), -1):
            if bare(words[k]) in LOWERED_WORDS:
                return True
            if breaks[k]:
                return False
        return False

    def superseded_later(self, figure: Figure) -> bool:
        """An earlier, lower toll told in the sentence after the risen one (ارتفع عدد القتلى إلى 52. وكانت
        السلطات قد أعلنت أمس مقتل 37): the sentence before says the toll rose, this one (وكان / وكانت in
        its first words) a past report (أمس، سابقة، قبل… up to a few words after the toll)."""
        last, text = self.last, self.text
        if last is None or figure.first - last.end > _LATER_SENTENCE_GAP:
            return False
        breaks, words = text.breaks, text.words
        cuts = [k for k in range(last.end, figure.first + 1) if breaks[k] == 2]
        if len(cuts) != 1 or not _ends_sentence(text, cuts[0]):
            return False
        stop = min(text.n, figure.end + _EARLIER_AFTER)
        stop = next((k for k in range(figure.end, stop) if breaks[k] == 2), stop)
        later = words[cuts[0] : stop]
        if not any(bare(word) in _WAS for word in later[:3]) or _EARLIER_WORDS.isdisjoint(later):
            return False
        k = last.first
        while k > 0 and breaks[k] != 2:
            k -= 1
        return not _RISE_WORDS.isdisjoint(words[k : last.end])

    def rose_later(self, figure: Figure) -> bool:
        """Whether ``figure`` is the toll that the figure just before later rose to, told after it with a
        word of time: قتل 12 شخصاً، قبل أن ترتفع الحصيلة إلى 23؛ مقتل 5، ثم ارتفعت الحصيلة إلى 9 قتلى — not a
        total the toll was added to (قتل 31، لترتفع الحصيلة إلى 68 ألفاً)."""
        last, text = self.last, self.text
        if last is None or last.kind != figure.kind or last.number is None or figure.number is None:
            return False
        if figure.number <= last.number or not 0 < figure.first - last.end <= _ROSE_LATER_GAP:
            return False
        words = text.words
        return any(_later_rise(words, k) for k in range(last.end, figure.first + 1))  # (the verb may begin it)

    def risen_before(self, figure: Figure) -> Figure | None:
        """The latest figure kept of the same kind and a higher count than ``figure``, when its sentence
        says the toll rose (ارتفعت حصيلة … إلى 31)."""
        number = figure.number
        assert number is not None
        for before in reversed(self.found):
            if before.kind != figure.kind or before.number is None or before.number <= number:
                continue
            norm, starts = self.text.prepared.norm, self.text.t.starts
            at = starts[before.first]
            start = _sentence_start(norm, at)
            if not _RISE_WORDS.isdisjoint(_WORD_RE.findall(norm, start, at)):
                return before
            if self.new_toll and _NEW_TOLL_RE.search(norm, start, _sentence_end(norm, at)):
                return before
            return None
        return None

    def superseded_risen(self, risen: Figure, figure: Figure) -> bool:
        """An earlier report of a risen toll told after other figures: in the same sentence after بعد أن
        كان/كانت (إلى 31 قتيلاً، بعد وفاة اثنين من المصابين، بعد أن كانت الحصيلة 29), or in a later
        sentence of the next few that begins with وكان / وكانت and calls it an earlier report (وكانت
        حصيلة سابقة قد أشارت إلى وفاة 12، وكانت الحصيلة الأولية … مقتل 8)."""
        text = self.text
        norm, tokens = text.prepared.norm, text.t
        after, at = tokens.ends[risen.end - 1], tokens.starts[figure.first]
        if at - after > _RISEN_REACH:
            return False
        start = _sentence_start(norm, at)
        if start <= after:  # the same sentence
            words = text.words
            return any(
                words[k] == "بعد" and k + 2 < text.n and words[k + 1] == "ان" and bare(words[k + 2]) in _WAS
                for k in range(max(risen.end, figure.first - _EARLIER_GAP), figure.first)
            )
        opening = _WORD_RE.findall(norm, start, at)
        if not any(bare(word) in _WAS for word in opening[:3]):
            return False
        stop = min(text.n, figure.end + _EARLIER_AFTER)
        stop = next((k for k in range(figure.end, stop) if text.breaks[k] == 2), stop)
        return not (_EARLIER_WORDS.isdisjoint(opening) and _EARLIER_WORDS.isdisjoint(text.words[figure.first : stop]))

    def same_noun(self, start: int, noun_end: int) -> Kind | None:
        """The kind of the figure before when this count, joined by و in the same sentence, repeats its
        counted noun (مقتل تسعة مدنيين في كفرنبل وأربعة مدنيين في معرة النعمان)."""
        last, text = self.last, self.text
        if last is None or not 0 < start - last.end <= _SAME_NOUN_GAP:
            return None
        if text.words[start][0] != "و" and text.words[start - 1] != "و":  # (و5 متظاهرين: و split off)
            return None
        if any(text.breaks[k] == 2 for k in range(last.end, start + 1)):
            return None
        noun = _stem(text.words[noun_end - 1])
        return last.kind if noun == _stem(text.words[last.end - 1]) and text.f[noun_end - 1].plain else None

    def inherited(self, start: int) -> Kind | None:
        """The kind of the figure just before, joined to ``start`` by و or بالإضافة إلى."""
        last, text = self.last, self.text
        if last is None or not 0 <= start - last.end <= _INHERIT_GAP:
            return None
        if any(text.breaks[k] == 2 for k in range(last.end, start + 1)):
            return None
        between = text.words[last.end : start]
        if not between and text.words[start][0] != "و":
            return None  # وفاة خمسة من أفراد أسرة واحدة: no connector, no second count
        if len(between) == 1 and between[0] in LONE_PREPOSITIONS:
            return None  # مقتل جندي إلى 40: a preposition, not بالإضافة إلى
        return last.kind if all(word in CONNECTORS for word in between) else None


FAR_VERB_GAP = 14  # words between a killing verb and a qualified count far after it


_NOT_CONSTRUCT = frozenset(normalize(w) for w in ("أحد", "إحدى", "بعض", "كل", "جميع", "عدد", "معظم", "أغلب"))


def _in_construct(text: FigureText, qstart: int) -> bool:
    """A number with the article after a noun in construct with a definite one (مقتل عمال الإغاثة الثلاثة،
    إصابة أفراد الأسرة الخمسة): it is the first noun's adjective — not after "one / some of" (أحد الجنود)."""
    k = qstart - 2
    if k < 1 or text.breaks[k + 1] or text.breaks[k + 2] or not text.f[qstart - 1].definite:
        return False
    fact = text.f[k]
    return fact.plain and not fact.definite and text.words[k] not in _NOT_CONSTRUCT


def verb_far_before(text: FigureText, qstart: int) -> tuple[Kind, int] | None:
    """A killing or wounding verb that takes its object far after it, with its subject and an adverbial
    between: قتل الجيش خلال عملياته في المنطقة منذ بداية العام أكثر من 636 مسلحاً. Only for a count
    with a qualifier and its noun (the caller's), with no count, trigger, clause or sentence between."""
    facts, breaks, words = text.f, text.breaks, text.words
    for k in range(qstart - 1, max(text.floor - 1, qstart - 1 - FAR_VERB_GAP), -1):
        if breaks[k + 1] == 2 or words[k] in CLAUSE_STARTS:
            return None
        fact = facts[k]
        if fact.numberish and k + 1 < qstart and facts[k + 1].unit:
            continue  # على مدى ثلاثة أشهر: a duration between
        if fact.numberish or fact.subset or fact.conjunct or words[k][0] == "و":
            return None  # another count, or a new conjunct (واعتقل): not the verb's object
        found = fact.trigger
        if found is None:
            continue
        if fact.object_kind is None or found.role != "pre" or found.confirm:
            return None
        return found.kind, k
    return None


_EVACUATING = frozenset(normalize(w) for w in ("أجلت", "أجلى", "أجلوا", "أخلت", "أخلى", "أخلوا"))
"""Finite verbs of evacuating, whose object may come after a long subject: أجلت فرق الهلال الأحمر والسلطات المحلية
نحو 120 عائلة (the verbal nouns إجلاء / إخلاء govern the count right after them)."""


def evacuating_far_before(text: FigureText, qstart: int) -> tuple[Kind, int] | None:
    """A finite verb of evacuating far before a qualified count with its noun, past a long subject of who
    and where (أجلت السلطات المحلية في ولاية نهر النيل نحو 450 أسرة; blind set 15): as ``verb_far_before``, but
    only a verb joined by و (``verb_like``: واعتقلت) stops it, not a subject joined by و (والسلطات)."""
    facts, breaks, words = text.f, text.breaks, text.words
    for k in range(qstart - 1, max(text.floor - 1, qstart - 1 - FAR_VERB_GAP), -1):
        if breaks[k + 1] == 2 or words[k] in CLAUSE_STARTS:
            return None
        fact = facts[k]
        if fact.numberish or fact.subset or verb_like(words[k]):
            return None
        found = fact.trigger
        if found is None:
            continue
        if found.kind == "evacuated" and words[k] in _EVACUATING:
            return found.kind, k
        return None
    return None


def _sentence_start(norm: str, at: int) -> int:
    """Where the sentence holding character ``at`` of the normalised text begins."""
    start = max(0, at - _RISEN_REACH)
    for match in _SENTENCE_END_RE.finditer(norm, start, at):
        start = match.end()
    return start


def _sentence_end(norm: str, at: int) -> int:
    """Where the sentence holding character ``at`` of the normalised text ends (``_RISEN_REACH`` at most)."""
    stop = min(len(norm), at + _RISEN_REACH)
    match = _SENTENCE_END_RE.search(norm, at, stop)
    return match.start() if match else stop


def _later_rise(words: list[str], k: int) -> bool:
    """A rise verb at ``k`` told as what happened later: قبل أن ترتفع، ثم ارتفعت، وارتفعت … لاحقاً."""
    if words[k] not in _LATER_RISE_WORDS:
        return False
    if (k >= 2 and words[k - 2] == "قبل" and words[k - 1] == "ان") or (k >= 1 and words[k - 1] == "ثم"):
        return True
    return not _LATER.isdisjoint(words[k + 1 : k + 4])


def _mourners(text: FigureText, found: Amount) -> bool:
    """A vague amount with the article before bodies (شيّع الآلاف جثامين، المئات جثمان): its subject."""
    return found.value is None and text.words[found.end] in BODY_PLURALS and text.words[found.first][:2] == "ال"


def _ends_sentence(text: FigureText, k: int) -> bool:
    """Whether a sentence end of the text (not only the start of a window) stands before token ``k``."""
    if k == 0:
        return False
    tokens = text.t
    gap = text.prepared.norm[tokens.ends[k - 1] : tokens.starts[k]]
    return any(mark in gap for mark in ".!?;\n")


def fallen(text: FigureText, i: int) -> tuple[Figure, ...]:
    """Casualty plurals with no number after سقوط or وقوع (بسقوط شهداء وجرحى): one vague figure of
    each kind named (no count is shared, so no joint toll)."""
    words = text.words
    if words[i] not in FALL_WORDS:
        return ()
    out: list[Figure] = []
    k = i + 1
    articled = words[i] in SOME_OF  # عدد من الإصابات
    if articled:
        if k + 1 >= text.n or words[k] != "من" or text.breaks[k] or text.breaks[k + 1]:
            return ()
        k += 1
    while k < text.n and not text.breaks[k] and len(out) < 2:
        word = words[k]
        word = word[1:] if out and word[0] == "و" else word
        if articled:
            if not word.startswith("ال"):
                break
            word = word[2:]
        kind = VAGUE_PLURALS.get(word)
        if kind is None or (out and out[-1].kind == kind):
            break
        out.append(Figure(kind, None, "vague", i if not out else k, k + 1))
        k += 1
    if k < text.n and not text.breaks[k] and text.f[k].numberish:
        return ()  # سقوط قتلى 5: a count follows
    return () if text.is_disease(i, k) else tuple(out)


_STILL_GOING = frozenset(
    normalize(w) for w in ("جار", "جاريا", "جارية", "متواصل", "متواصلة", "متواصلا", "مستمر", "مستمرة", "مستمرا")
)
_ABOUT = frozenset({"عن"})
_MISSING_PLURALS = frozenset(normalize(w) for w in ("مفقودين", "مفقودون"))


def searched(text: FigureText, i: int) -> tuple[Figure, ...]:
    """A search for missing people with no number (تواصل الفرق البحث عن مفقودين، البحث متواصل عن مفقودين آخرين;
    blind set 15): a vague figure of the missing."""
    words, breaks = text.words, text.breaks
    k = i + 1
    if k < text.n and words[k] in _STILL_GOING and not breaks[k]:
        k += 1
    if k + 1 >= text.n or words[k] not in _ABOUT or breaks[k] or breaks[k + 1] or words[k + 1] not in _MISSING_PLURALS:
        return ()
    end = k + 2
    if end < text.n and not breaks[end] and text.f[end].numberish:
        return ()
    return (Figure("missing", None, "vague", i, end),)


def _others_at(text: FigureText, k: int) -> bool:
    """آخرون / آخرين right at token ``k``, in the sentence."""
    return k < text.n and not text.breaks[k] and text.words[k] in OTHERS


def _went_missing(text: FigureText, verb: int, noun_end: int) -> bool:
    """فقد right before a count of people (with their noun), with nothing they lost after it (فقد 14
    صياداً): missing."""
    word = text.words[verb]
    if word not in MISSING_VERBS and (word[0] != "و" or word[1:] not in MISSING_VERBS):  # (وفقد)
        return False
    if noun_end >= text.n or text.breaks[noun_end]:
        return True
    word = text.words[noun_end]
    return not word.endswith(_THEIR)  # فقد 30 عاملاً وظائفهم: they lost their jobs


_THEIR = ("هم", "هن", "ها", "هما")
_PLURAL_ENDINGS = ("ين", "ون", "ان", "ا")


def _stem(word: str) -> str:
    """A counted noun without its case or number ending (متظاهرا، متظاهرين → متظاهر)."""
    for ending in _PLURAL_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)]
    return word


def _heads_next(text: FigureText, k: int) -> bool:
    """Whether the casualty noun after و at token ``k`` heads the next count rather than naming this
    one: with the article (حصيلة القتلى 18 والجرحى 40) or a number right after (قتلاه 12 وجرحاه 30)."""
    nxt = k + 1
    return text.f[k].definite or (nxt < text.n and not text.breaks[nxt] and text.f[nxt].numberish)


def _harmed_displaced(text: FigureText, qstart: int, end: int) -> tuple[Kind, int, int] | None:
    """Displaced people counted after a trigger of killing or injury (قتل 12 نازحاً، مقتل 5 نازحين في قصف،
    إصابة 3 نازحين): who were killed or hurt, so the figure is of the trigger's kind, from the trigger on."""
    pre = trigger_before(text, qstart)
    if pre is None or pre[0].kind not in _HARMED:
        return None
    confirmed = confirm_end(text, pre[0], end)
    return None if confirmed is None else (pre[0].kind, pre[1], confirmed)


_RECOVERY_WORDS = frozenset(
    normalize(w)
    for w in ("انتشال", "وانتشال", "انتشلت", "انتشل", "انتشلوا", "العثور", "عثر", "عثرت", "عثروا", "وعثر", "وانتشلت")
)
_RECOVERY_REACH = 5  # words before the bodies' count where the recovery verb may stand (انتشلت فرق الدفاع المدني 12)
_TOLL_RAISED = (
    _RISE_WORDS | _LATER_RISE_WORDS | frozenset(normalize(w) for w in ("رفع", "ليرفع", "لترفع", "يرفع", "ترفع"))
)
_BODIES_GAP = 6  # words between a risen toll and the bodies recovered that are part of it (either order)


def _bodies_within(text: FigureText, bodies: Figure, toll: Figure) -> bool:
    """Whether ``bodies`` counts bodies recovered that are part of the higher ``toll`` that rose with them,
    told next to it in one sentence: ارتفعت الحصيلة إلى 40 قتيلاً بعد انتشال 12 جثة جديدة؛ انتشلت الفرق 12 جثة
    لترتفع الحصيلة إلى 40 — the twelve are among the forty, no second toll."""
    if bodies.kind != "killed" or toll.kind != "killed" or bodies.number is None or toll.number is None:
        return False
    if bodies.number >= toll.number:
        return False
    lo, hi = (toll.end, bodies.first) if toll.first < bodies.first else (bodies.end, toll.first)
    if not 0 <= hi - lo <= _BODIES_GAP or any(text.breaks[k] == 2 for k in range(lo, hi + 1)):
        return False
    words = text.words
    if BODY_PLURALS.isdisjoint(words[bodies.first : bodies.end + 1]):
        return False
    if _RECOVERY_WORDS.isdisjoint(words[max(0, bodies.first - _RECOVERY_REACH) : bodies.end]):
        return False
    return not _TOLL_RAISED.isdisjoint(words[min(lo, max(0, toll.first - 4)) : toll.end])


def _carried(text: FigureText, qstart: int) -> bool:
    """A count of people on board (غرق قارب يقل 600 مهاجر، كان على متنه 132 راكباً): a capacity, not a toll —
    nor the state of some of them (حالة اثنين من المصابين توصف بالحرجة، وحالة 3 منهم خطيرة, blind set 14)."""
    words = text.words
    if words[qstart] in _STATE_OF and qstart + 1 < text.n and text.f[qstart + 1].numberish:
        return True  # (a noun before اثنين belongs to the amount: حالة اثنين)
    if qstart == 0 or text.breaks[qstart]:
        return False
    word = words[qstart - 1]
    return word in CARRYING_WORDS or word in _STATE_OF


_STATE_OF = frozenset(normalize(w) for w in ("حالة", "وحالة", "حالات", "وحالات"))


_FORESEEN_REACH = 9  # words before a figure where a verb of causing in the imperfect makes it a forecast
_RELATIVES = frozenset({"التي", "الذي", "الذين", "اللتين", "اللذين"})
_TOLD_SEQUENCE = frozenset({"قبل", "بعد"})  # قبل أن تؤدي إلى مقتل شاب: what then happened, no forecast


def _foreseen(text: FigureText, first: int, end: int) -> bool:
    """Whether the figure at ``first..end`` is what something may or will cause (قد يؤدي إلى مقتل الآلاف، أن
    تؤدي السيول إلى نزوح الآلاف، سيسفر عن سقوط ضحايا): a verb of causing in the imperfect after قد / أن / لن,
    or in the future, up to nine words before it in its clause — not past a comma, a relative pronoun or another
    trigger (مخاوف من أن تؤدي الغارة التي قتلت 5 أشخاص إلى تصعيد: the five are dead), nor after قبل أن / بعد
    أن, which tell what happened next (تطورت المشاجرة قبل أن تؤدي إلى مقتل شاب); or a toll that may reach its
    count (عدد القتلى قد يتجاوز الألف)."""
    words, breaks, facts = text.words, text.breaks, text.f  # (the caller saw a foreseeing word near: C-level)
    for k in range(first + 1, end):
        if words[k] in MAY_REACH and words[k - 1] in MAY:
            return True
    for k in range(first - 1, max(-1, first - 1 - _FORESEEN_REACH), -1):
        if breaks[k + 1]:
            return False  # لن يؤدي إلى أي تغيير، وأعلنت الصحة مقتل 4: a comma or a sentence ends the forecast
        word = words[k]
        if word in WILL_CAUSE:
            return True
        if word in MAY_CAUSE:
            if k == 0 or words[k - 1] not in HYPOTHETICAL_LEADS or breaks[k] == 2:
                return False
            return not (k > 1 and words[k - 2] in _TOLD_SEQUENCE and breaks[k - 1] != 2)
        if breaks[k] == 2 or word in _RELATIVES or (k < first - 1 and facts[k].trigger is not None):
            return False
    return False


def _past_numbers(text: FigureText, k: int, end: int) -> int:
    """The first token from ``k`` (up to ``end``) that is no number: a count that was read and turned down
    (عاد أكثر من 500 ألف نازح: a return) leaves no figure in its own words (not «ألف نازح», 1000)."""
    while k < end and text.f[k].numberish:
        k += 1
    return k


def _died_of_wounds(text: FigureText, qstart: int) -> bool:
    """Whether a death word stands right before a count of the injured (وفاة أحد الجرحى، توفي أحد المصابين):
    the wounded who died are dead, not injured again (blind set 14)."""
    k = qstart - 1
    if k < 0 or k < text.floor or text.breaks[qstart]:
        return False
    found = text.f[k].trigger
    return found is not None and found.kind == "killed" and found.role == "pre" and not found.confirm


def _not_displaced(text: FigureText, qstart: int, amount_end: int, end: int) -> bool:
    """Displaced people counted as returning (عودة 300 عائلة، 45 ألف لاجئ عادوا) or prisoners fleeing."""
    return _returning(text, qstart) or _returned_after(text, end) or _escaping(text, amount_end)


_RETURNED_REACH = 2  # words after the displaced (an adjective: لاجئ سوري) where their return verb may stand


def _agency_name(text: FigureText, k: int) -> bool:
    """Whether the trigger at ``k`` ends a refugee agency's name (مفوضية الأمم المتحدة لشؤون اللاجئين إن 61
    مهاجراً فقدوا): its اللاجئين is no head of the count after it."""
    return k > 0 and not text.breaks[k] and bare(text.words[k - 1]) in REFUGEE_AGENCY_OF


def _returned_after(text: FigureText, end: int) -> bool:
    """A plural return verb right after the displaced that a figure counts (45 ألف لاجئ سوري عادوا)."""
    for k in range(end, min(text.n, end + _RETURNED_REACH)):
        if text.breaks[k]:
            return False
        if bare(text.words[k]) in RETURNED_AFTER:
            return True
    return False


def _returning(text: FigureText, qstart: int) -> bool:
    """A count of displaced people after "return" (عودة 300 عائلة نازحة، عاد آلاف النازحين)."""
    return qstart > 0 and not text.breaks[qstart] and bare(text.words[qstart - 1]) in RETURN_WORDS


_BETWEEN = "بين"
_BETWEEN_LEADS = frozenset({"بين", "ما"})


def dead_and_hurt_end(text: FigureText, end: int) -> int | None:
    """The end of "(ما) بين قتيل وجريح" right after the amount that ends at ``end`` or after its noun
    (سقط 30 شخصاً بين قتيل وجريح، 40 إصابة ما بين قتيل ومصاب), or None."""
    words, breaks, n = text.words, text.breaks, text.n
    k = end
    if k < n and not breaks[k] and words[k] not in _BETWEEN_LEADS:
        k += 1  # the counted noun
    if k < n and not breaks[k] and words[k] == "ما":
        k += 1
    if k + 2 >= n or words[k] != _BETWEEN or any(breaks[k : k + 3]):
        return None
    return k + 3 if words[k + 1] in PAIR_DEAD and words[k + 2] in PAIR_HURT else None


def _dead_and_hurt(text: FigureText, figure: Figure) -> bool:
    end = figure.end
    return (
        figure.kind == "killed"
        and end >= 3
        and text.words[end - 3] == _BETWEEN
        and text.words[end - 2] in PAIR_DEAD
        and text.words[end - 1] in PAIR_HURT
    )


def _escaping(text: FigureText, end: int) -> bool:
    """Prisoners or suspects counted as fleeing (فر 12 سجيناً، هروب 30 من المساجين): an escape."""
    words, breaks = text.words, text.breaks
    k = end + 1 if end + 1 < text.n and words[end] == "من" and not breaks[end + 1] else end
    if k >= text.n or breaks[k]:
        return False
    word = bare(words[k])
    return word in ESCAPEES or (word[:2] == "ال" and word[2:] in ESCAPEES)


def counted_noun_end(text: FigureText, end: int) -> int:
    """Include the counted noun after an amount (32 شخصا، 23 من أعضائها) in the span."""
    breaks = text.breaks
    if end >= text.n or breaks[end]:
        return end
    if text.words[end] == "من" and end + 1 < text.n and not breaks[end + 1]:
        return end + 2 if text.f[end + 1].plain else end
    fact = text.f[end]
    return end + 1 if fact.plain and not fact.conjunct else end  # (مقتل العشرات وفقدان الآلاف)


_LOWERED_REACH = 10  # words before a toll its lowering verb may stand


def _own_subject(text: FigureText, k: int) -> bool:
    """A verb of suffering at token ``k`` with its own subject right before it (إن طفلاً توفي وأصيب
    ثلاثة من أشقائه، فتى استشهد وأصيب 5 آخرون): the verb tells of that one person, so the count after و is
    not shared with it (not قتل: رجلاً قتل وجرح 5 is the killer)."""
    return (
        k > 0 and not text.breaks[k] and text.f[k - 1].one_person and bare(text.words[k]) in SUBJECT_VERBS
    )


def joined(text: FigureText, figure: Figure) -> tuple[Figure, ...]:
    """A figure of two kinds joined by و: قتل وجرح العشرات، مصرع وإصابة 12 شخصاً، عشرات القتلى
    والجرحى. The text gives one count for both: killed and injured together are one joint toll
    (``killed_or_injured``: the killed cannot be told from the injured, and 12 is not 12 dead); any
    other pair (مقتل وفقدان العشرات) gives each kind the count as stated."""
    facts, breaks, words = text.f, text.breaks, text.words
    first, end = figure.first, figure.end
    if _dead_and_hurt(text, figure):
        return (figure._replace(kind="killed_or_injured"),)
    before = facts[first].trigger if words[first][0] == "و" else None
    if before is not None and before.kind == figure.kind and first > 0 and not breaks[first]:
        other = facts[first - 1].trigger
        if before.role == "pre" and _other_kind(other, "pre", figure.kind) and not _own_subject(text, first - 1):
            return _pair(figure._replace(first=first - 1), other.kind, True)  # type: ignore[union-attr, unused-ignore]
    if end < text.n and not breaks[end] and words[end][0] == "و":
        last = facts[end - 1].trigger
        other = facts[end].trigger
        if last is not None and last.role == "noun" and _other_kind(other, "noun", figure.kind):
            return _pair(figure._replace(end=end + 1), other.kind, False)  # type: ignore[union-attr, unused-ignore]
    return _joined_by_or(text, figure)


_OR = frozenset({"او"})


def _joined_by_or(text: FigureText, figure: Figure) -> tuple[Figure, ...]:
    """Two verbs of one count joined by أو, or two verbs after it joined by و (blind set 15): قتل أو أصيب 30
    شخصاً، 30 مدنياً قتلوا أو أصيبوا، مئات المدنيين قتلوا وأصيبوا — one joint toll."""
    facts, breaks, words = text.f, text.breaks, text.words
    first, end = figure.first, figure.end
    if first > 1 and words[first - 1] in _OR and not (breaks[first] or breaks[first - 1]):
        before, other = facts[first].trigger, facts[first - 2].trigger
        same = before is not None and before.role == "pre" and before.kind == figure.kind
        if same and _other_kind(other, "pre", figure.kind):
            return _pair(figure._replace(first=first - 2), other.kind, True)  # type: ignore[union-attr, unused-ignore]
    last = facts[end - 1].trigger
    if last is None or last.role != "post" or end >= text.n or breaks[end]:
        return (figure,)
    at = end + 1 if words[end] in _OR else end if words[end][0] == "و" else -1
    if 0 < at < text.n and not breaks[at] and _other_kind(facts[at].trigger, "post", figure.kind):
        return _pair(figure._replace(end=at + 1), facts[at].trigger.kind, False)  # type: ignore[union-attr]
    return (figure,)


_JOINT = frozenset({"killed", "injured"})


def _pair(figure: Figure, other: Kind, other_first: bool) -> tuple[Figure, ...]:
    """One count stated for two kinds: killed and injured are one joint toll, other pairs two figures
    (in the order the text names them)."""
    if {figure.kind, other} == _JOINT:
        return (figure._replace(kind="killed_or_injured"),)
    second = figure._replace(kind=other)
    return (second, figure) if other_first else (figure, second)


def _other_kind(trigger: Trigger | None, role: str, kind: Kind) -> bool:
    """Whether ``trigger`` is one of ``role`` for another kind than ``kind`` (and needs no confirming)."""
    return trigger is not None and trigger.role == role and trigger.kind != kind and not trigger.confirm
