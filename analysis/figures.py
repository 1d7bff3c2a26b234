"""Casualty figures: who was killed, injured, displaced or evacuated, how many, and how sure the text is.

A figure is an *amount* (digits, number words, a dual noun, or a vague word such as مئات) with a
*trigger* that says what happened: before it (مقتل 32 شخصا، ارتفع عدد القتلى إلى 49، نزوح أكثر من
ألفي مدني), right after it (32 قتيلا، 10 جرحى) or after its noun (32 شخصا قتلوا). A figure joined by
"و" or "بالإضافة إلى" to the one before takes its kind. One person with no number counts one: a
verbal noun or verb with a singular person noun (وفاة مواطن، إن رجلاً لقي حتفه، قتل مسلحون موظفاً)
or a singular casualty noun (قتيل و4 جرحى، سقط شرطي قتيلاً). A number with the article counts only as
the adjective of a definite noun (القتلى الستة). Units, dates and disease words rule a figure out (24
ساعة، عام 2020، إصابات كورونا). Spans are reported in the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from analysis.figure_tokens import FigureTokens, tokenize, trigger_hits, windows
from analysis.figures_lexicon import (
    CLITICS_BEFORE_QUALIFIER,
    CONNECTORS,
    COUNT_HEADS,
    DATE_WORDS,
    DISEASE_WORDS,
    DUAL_CASUALTY_NOUNS,
    FUNCTION_WORDS,
    MONTHS,
    OBJECT_VERBS,
    ONE_NOUNS,
    ONE_NOUNS_ACCUSATIVE,
    PERSON_DUALS,
    PERSON_DUALS_IF_VOWELLED,
    QUALIFIER_VERBS,
    QUALIFIERS_AFTER,
    QUALIFIERS_BEFORE,
    SINGULAR_CASUALTY_NOUNS,
    SUBJECT_VERBS,
    TRIGGERS,
    UNITS,
    Kind,
    Trigger,
)
from analysis.morph import strip_prefixes
from analysis.normalize import PreparedText
from analysis.numbers import ARTICLE_CLITICS, NUMBER_WORDS, article_of, parse_amount
from analysis.tokens import WordMemo
from mediamon.schema import Casualty, Qualifier

_SUBSET_WORDS = frozenset({"بينهم", "منهم", "بينهن", "منهن", "بينها", "منها", "بينهما", "منهما"})
_PRE_GAP = 5
_POST_GAP = 3
_INHERIT_GAP = 4
_DISEASE_AFTER = 4
_ARTICLED_PRE_GAP = 2  # القتلى الستة / مقتل الجنود الستة
_CONFIRM_AFTER = 4  # words after the count (or the trigger after it) that may confirm a trigger
_HEAD_GAP = 4  # words between عدد and the count: تجاوز عدد قتلى الزلزال في المدينة 300
_CAUSE_WINDOW = 10  # words either side where a trigger's cause may stand
_ONE_AFTER_NOUN = frozenset({"واحد", "واحدا", "واحده", "اثنين", "اثنان", "اثنتين", "اثنتان"})
_NOT_ALONE_AFTER = frozenset({"بين", "كل", "لكل", "بكل", "منهم", "بينهم", "منهن", "بينهن"})
"""A singular casualty noun after these is no count of one: بين قتيل وجريح، لكل قتيل."""
_ONE_PERSON = ONE_NOUNS | ONE_NOUNS_ACCUSATIVE
_UNIT_CLITICS = ("و", "ف", "ال", "وال", "فال")
"""A unit word may carry these (not ب: أصيب المئات بحالات اختناق — "with", not a unit of count)."""
_DEFINITE = ("ال", *ARTICLE_CLITICS)
_PREPOSITIONS = frozenset({"علي", "الي", "في", "عن", "مع", "بين", "حتي", "خلال", "لدي", "عند"})
_EXILE_KINDS: dict[str, tuple[Kind, ...]] = {"علي": ("displaced", "evacuated"), "الي": ("displaced",)}
"""After the count, "forced ... to flee": أجبر 200 ألف شخص على الفرار / اضطر 20 ألفاً إلى النزوح."""
_FATHA_DUAL_RE = re.compile("\u064e\u0651?\u064a\u0652?\u0646$|\u0651\u064e\u064a\u0652?\u0646$")


def _qualifiers_by_last() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """``QUALIFIERS_BEFORE`` by the word a phrase ends with (in their order): only those can end right
    before an amount. A one-word phrase may carry a clitic (وأكثر), so its clitic forms are keys too."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, qualifier in QUALIFIERS_BEFORE:
        if not phrase:
            continue
        lasts = {phrase[-1]}
        if len(phrase) == 1:
            lasts.update(c + phrase[0] for c in CLITICS_BEFORE_QUALIFIER)
        for last in lasts:
            index.setdefault(last, []).append((phrase, qualifier))
    return {last: tuple(items) for last, items in index.items()}


_QUALIFIERS_BY_LAST = _qualifiers_by_last()
_QUALIFIERS_BY_FIRST_WORD = frozenset(
    word for phrase, _ in QUALIFIERS_BEFORE if phrase for word in (phrase[0], *(c + phrase[0] for c in "وف"))
)
"""Words a qualifier before a count may begin with (أكثر، نحو، وأكثر...)."""
_QUALIFIERS_BY_FIRST: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    first: tuple(item for item in QUALIFIERS_AFTER if item[0] and item[0][0] == first)
    for first in {phrase[0] for phrase, _ in QUALIFIERS_AFTER if phrase}
}
"""``QUALIFIERS_AFTER`` by their first word (in their order)."""


@lru_cache(maxsize=65536)
def _trigger(word: str) -> Trigger | None:
    """The trigger a word is, once its clitics are removed (وقتل، بمقتل، والجرحى)."""
    if word in TRIGGERS:
        return TRIGGERS[word]
    for stem in strip_prefixes(word)[1:]:
        if len(stem) > 2 and stem in TRIGGERS:
            return TRIGGERS[stem]
    return None


@lru_cache(maxsize=65536)
def _stem_in(word: str, words: frozenset[str]) -> bool:
    return any(stem in words for stem in strip_prefixes(word))


@lru_cache(maxsize=65536)
def _is_numberish(word: str) -> bool:
    return word[0].isdigit() or any(stem in NUMBER_WORDS for stem in (word, word[1:], word[2:], word[3:]))


@lru_cache(maxsize=65536)
def _is_unit(word: str) -> bool:
    return word in UNITS or any(word.startswith(c) and word[len(c) :] in UNITS for c in _UNIT_CLITICS)


def _bare(word: str) -> str:
    """A verb or noun without a leading و or ف (وقتل، فأصيب)."""
    return word[1:] if len(word) > 3 and word[0] in "وف" else word


def _singular_noun(word: str) -> Kind | None:
    return SINGULAR_CASUALTY_NOUNS.get(word) or SINGULAR_CASUALTY_NOUNS.get(_bare(word))


def _definite(word: str) -> bool:
    return word.startswith(_DEFINITE)


@lru_cache(maxsize=65536)
def _dual_casualty(word: str) -> Kind | None:
    for stem in strip_prefixes(word):
        if stem in DUAL_CASUALTY_NOUNS:
            return DUAL_CASUALTY_NOUNS[stem]
    return None


# What may begin at a word (bit flags of ``_start_kind``).
_AMOUNT = 1  # an amount, a dual or a singular casualty noun
_BEFORE_ONE = 2  # a verbal noun or verb before one person noun (وفاة مواطن)
_OBJECT = 4  # a verb whose object is one person (قتل مسلحون موظفاً)
_AFTER_ONE = 8  # a singular verb after one person noun (رجلاً لقي حتفه)
_ONE_FLAGS = _BEFORE_ONE | _OBJECT | _AFTER_ONE


def _start_kind(word: str) -> int:
    """Which figures may begin at this word (0: none); the one-person readings are worth trying only
    when a person noun stands next to the word, which ``_Finder.run`` checks first."""
    flags = 0
    if (
        _is_numberish(word)
        or _dual_casualty(word) is not None
        or word in PERSON_DUALS
        or word in PERSON_DUALS_IF_VOWELLED
        or word[1:] in PERSON_DUALS
        or _singular_noun(word) is not None
    ):
        flags |= _AMOUNT
    found = _trigger(word)
    if found is not None and found.role == "pre":
        flags |= _BEFORE_ONE
    bare = _bare(word)
    if word in OBJECT_VERBS or bare in OBJECT_VERBS:
        flags |= _OBJECT
    if (word in SUBJECT_VERBS or bare in SUBJECT_VERBS) and found is not None:
        flags |= _AFTER_ONE
    return flags


_START_KIND = WordMemo(_start_kind)


@dataclass(frozen=True, slots=True)
class _Amount:
    value: int | None
    first: int  # first token (a noun before واحد/اثنين belongs to the amount)
    end: int  # token after the amount
    kind: Kind | None = None  # a dual or singular casualty noun names its own kind
    has_noun: bool = False  # a dual noun is its own counted noun
    articled: bool = False  # a number with the article: the adjective of the noun before it


@dataclass(frozen=True, slots=True)
class _Figure:
    kind: Kind
    count: int | None
    qualifier: Qualifier
    first: int
    end: int


class _Finder:
    """One text's tokens and the figures found so far."""

    def __init__(self, prepared: PreparedText, tokens: FigureTokens) -> None:
        self.prepared = prepared
        self.t = tokens
        self.n = len(tokens.words)
        self.last: _Figure | None = None
        self.floor = 0  # the first token not taken by a figure already found

    # --- amounts -----------------------------------------------------------------------------------

    def _dual_at(self, i: int) -> bool:
        word = self.t.words[i]
        if word in PERSON_DUALS or (word[:1] in "وب" and word[1:] in PERSON_DUALS):
            return True
        if word in PERSON_DUALS_IF_VOWELLED:
            start, end = self.prepared.original_span(self.t.starts[i], self.t.ends[i])
            return _FATHA_DUAL_RE.search(self.prepared.original[start:end]) is not None
        return False

    def _before(self, i: int) -> str:
        """The word before token ``i`` in the same clause, or ""."""
        return self.t.words[i - 1] if i > 0 and self.t.breaks[i] == 0 else ""

    def amount(self, i: int) -> _Amount | None:
        words = self.t.words
        word = words[i]
        dual_kind = _dual_casualty(word)
        if dual_kind is not None:
            return _Amount(2, i, i + 1, dual_kind)
        if self._dual_at(i):
            if i > 0 and self.t.breaks[i] == 0 and self._dual_at(i - 1):
                return None  # جنديان إسرائيليان: the adjective agrees with the dual noun
            end = i + 2 if i + 1 < self.n and words[i + 1] in _ONE_AFTER_NOUN else i + 1
            return _Amount(2, i, end, has_noun=True)
        single = _singular_noun(word)
        if single is not None:
            return self._single(i, single)
        if not _is_numberish(word):
            return None
        parsed = parse_amount(words, i)
        if parsed is None:
            return None
        if article_of(word):
            before = self._before(i)
            if not before or not _definite(before) or _stem_in(before, UNITS) or _stem_in(before, DATE_WORDS):
                return None  # الأيام الثلاثة، في الستين من عمره: not a head count
            return _Amount(parsed.value, i, i + parsed.size, articled=True)
        first = i
        if word in _ONE_AFTER_NOUN and i > 0 and self.t.breaks[i] == 0 and self._plain_word(i - 1):
            first = i - 1  # مدنيين اثنين، شخص واحد
        return _Amount(parsed.value, first, i + parsed.size)

    def _single(self, i: int, kind: Kind) -> _Amount | None:
        """A singular casualty noun as a count of one (قتيل و4 جرحى), with the person noun it describes
        (سقط شرطي قتيلاً) — not after بين or كل (بين قتيل وجريح، لكل قتيل) or a number."""
        before = self._before(i)
        if before in _NOT_ALONE_AFTER or (before and _is_numberish(before)):
            return None
        if before and i > 1 and self.t.breaks[i - 1] == 0 and self.t.words[i - 2] in _NOT_ALONE_AFTER:
            return None
        first = i - 1 if before in _ONE_PERSON and i > self.floor else i
        return _Amount(1, first, i + 1, kind)

    def _plain_word(self, i: int) -> bool:
        word = self.t.words[i]
        return (
            not word[0].isdigit()
            and word not in FUNCTION_WORDS
            and _trigger(word) is None
            and not _is_numberish(word)
        )

    def not_a_head_count(self, amount: _Amount) -> bool:
        words, i, end = self.t.words, amount.first, amount.end
        if amount.kind is not None:
            return False
        after = words[end] if end < self.n and self.t.breaks[end] == 0 else ""
        if after and (_is_unit(after) or after in MONTHS):
            return True
        before = words[i - 1] if i > 0 and self.t.breaks[i] == 0 else ""
        if before and _stem_in(before, DATE_WORDS):
            return True
        first = words[i]
        if first.isdigit() and 1900 <= int(first) <= 2100:
            return not after or after in FUNCTION_WORDS
        return False

    # --- qualifiers --------------------------------------------------------------------------------

    def qualifier_before(self, i: int) -> tuple[int, Qualifier | None]:
        """A qualifier phrase right before token ``i`` (the first of ``QUALIFIERS_BEFORE`` that fits)."""
        if i == 0 or self.t.breaks[i]:
            return i, None
        words, breaks = self.t.words, self.t.breaks
        for phrase, qualifier in _QUALIFIERS_BY_LAST.get(words[i - 1], ()):
            start = i - len(phrase)
            if start < 0 or any(breaks[start + 1 : i]):
                continue
            found = tuple(words[start:i])
            if found == phrase or (
                found[1:] == phrase[1:] and any(found[0] == c + phrase[0] for c in CLITICS_BEFORE_QUALIFIER)
            ):
                return start, qualifier  # type: ignore[return-value]
        return i, None

    def qualifier_over_count(self, i: int) -> tuple[int, Qualifier | None]:
        """A verb that qualifies "the number of ..." before token ``i``: تجاوز عدد الضحايا 250،
        ناهزت حصيلة القتلى مئة، تخطت الحصيلة 300 — the verb's index and its qualifier."""
        words, breaks = self.t.words, self.t.breaks
        for head in range(i - 1, max(0, i - 1 - _HEAD_GAP), -1):
            if breaks[head + 1]:
                break
            if words[head] in COUNT_HEADS:
                if breaks[head] == 0:
                    qualifier = QUALIFIER_VERBS.get(words[head - 1]) or QUALIFIER_VERBS.get(_bare(words[head - 1]))
                    if qualifier is not None:
                        return head - 1, qualifier  # type: ignore[return-value]
                break
            if _is_numberish(words[head]):
                break
        return i, None

    def qualifier_after(self, end: int) -> tuple[int, Qualifier | None]:
        words, breaks = self.t.words, self.t.breaks
        for k in range(end, min(end + 4, self.n)):
            if k > end and breaks[k] == 2:
                break
            for phrase, qualifier in _QUALIFIERS_BY_FIRST.get(words[k], ()):
                if tuple(words[k : k + len(phrase)]) == phrase and breaks[k] < 2:
                    return k + len(phrase), qualifier  # type: ignore[return-value]
        return end, None

    # --- triggers ----------------------------------------------------------------------------------

    def confirm_end(self, trigger: Trigger, lo: int) -> int | None:
        """Where a figure of ``trigger`` that reaches token ``lo`` ends: ``lo``, or just after the word
        that confirms the trigger when it needs one (فقد 12 بحاراً حياتهم) — a word within
        ``_CONFIRM_AFTER`` words from ``lo`` in the same sentence, with a cause (if the trigger needs
        one) within ``_CAUSE_WINDOW`` words; None when the trigger is not confirmed."""
        if not trigger.confirm:
            return lo
        words, breaks = self.t.words, self.t.breaks
        for k in range(lo, min(self.n, lo + _CONFIRM_AFTER)):
            if breaks[k] == 2:
                return None
            if _stem_in(words[k], trigger.confirm):
                return k + 1 if not trigger.cause or self._cause_near(trigger.cause, lo) else None
        return None

    def _cause_near(self, causes: frozenset[str], at: int) -> bool:
        words, breaks = self.t.words, self.t.breaks
        for k in range(at, min(self.n, at + _CAUSE_WINDOW)):
            if k > at and breaks[k] == 2:
                break
            if _stem_in(words[k], causes):
                return True
        for k in range(at - 1, max(-1, at - 1 - _CAUSE_WINDOW), -1):
            if breaks[k + 1] == 2:
                break
            if _stem_in(words[k], causes):
                return True
        return False

    def trigger_before(self, start: int, gap: int = _PRE_GAP) -> tuple[Trigger, int] | None:
        for k in range(start - 1, max(-1, start - 1 - gap), -1):
            if self.t.breaks[k + 1]:
                return None
            word = self.t.words[k]
            found = _trigger(word)
            if found is not None:
                if found.role == "post" or (found.adjacent and k != start - 1):
                    return None
                return found, k
            if _is_numberish(word) or word in _SUBSET_WORDS or self._dual_at(k):
                return None
        return None

    def trigger_after(self, end: int, gap: int = _POST_GAP) -> tuple[Kind, int] | None:
        crossed = False  # a preposition stands between: صلى المئات على القتلى (not a count of the dead)
        for k in range(end, min(self.n, end + gap + 1)):
            if self.t.breaks[k]:
                return None
            word = self.t.words[k]
            found = _trigger(word)
            if found is not None:
                if found.role == "pre" and not self._exile(found, k, end):
                    return None
                if found.role == "noun" and crossed:
                    return None
                last = self.confirm_end(found, k + 1)
                return None if last is None else (found.kind, last - 1)
            if _is_numberish(word) or self._dual_at(k):
                return None
            crossed = crossed or word in _PREPOSITIONS
        return None

    def _exile(self, found: Trigger, k: int, end: int) -> bool:
        """A verbal noun after the count only in "forced ... to flee": على الفرار، إلى النزوح، على
        مغادرة منازلهم — displacement, the abstract noun (with the article) or a confirmed one."""
        return (
            k > end
            and found.kind in _EXILE_KINDS.get(self.t.words[k - 1], ())
            and (_definite(self.t.words[k]) or bool(found.confirm))
        )

    def inherited(self, start: int) -> Kind | None:
        last = self.last
        if last is None or not 0 <= start - last.end <= _INHERIT_GAP:
            return None
        between = range(last.end, start)
        if any(self.t.breaks[k] == 2 for k in range(last.end, start + 1)):
            return None
        if all(self.t.words[k] in CONNECTORS for k in between):
            return last.kind
        return None

    def counted_noun_end(self, end: int) -> int:
        """Include the counted noun after an amount (32 شخصا، 23 من أعضائها) in the span."""
        if end >= self.n or self.t.breaks[end]:
            return end
        if self.t.words[end] == "من" and end + 1 < self.n and not self.t.breaks[end + 1]:
            return end + 2 if self._plain_word(end + 1) else end
        return end + 1 if self._plain_word(end) else end

    def is_disease(self, first: int, end: int) -> bool:
        stop = min(self.n, end + _DISEASE_AFTER)
        for k in range(max(0, first - 1), stop):
            if k > end and self.t.breaks[k] == 2:
                break
            if _stem_in(self.t.words[k], DISEASE_WORDS):
                return True
        return False

    # --- figures -----------------------------------------------------------------------------------

    def figure_at(self, i: int) -> _Figure | None:
        amount = self.amount(i)
        if amount is None:
            return None
        if self.not_a_head_count(amount):
            return None
        qstart, qualifier = self.qualifier_before(amount.first)
        lead = qstart
        if qualifier is None and not amount.articled:
            lead, qualifier = self.qualifier_over_count(amount.first)
        kind, first, end = self._kind_and_extent(amount, qstart)
        if kind is None:
            return None
        first = min(first, lead)
        if qualifier is None:
            after_end, qualifier = self.qualifier_after(max(end, amount.end))
            end = max(end, after_end) if qualifier else end
        if self.is_disease(first, end):
            return None
        if amount.value is None:
            qualifier = "vague"
        return _Figure(kind, amount.value, qualifier or "exact", first, end)

    def _kind_and_extent(self, amount: _Amount, qstart: int) -> tuple[Kind | None, int, int]:
        if amount.kind is not None:
            pre = self.trigger_before(qstart)
            confirmed = None if pre is None else self.confirm_end(pre[0], amount.end)
            if pre is None or confirmed is None:
                return amount.kind, qstart, amount.end
            return amount.kind, pre[1], confirmed
        if amount.end < self.n and self.t.breaks[amount.end] == 0:
            found = _trigger(self.t.words[amount.end])
            if found is not None and found.role == "noun":
                return found.kind, qstart, amount.end + 1
        articled = amount.articled  # القتلى الستة، مقتل الجنود الستة، الجنود الستة قتلوا
        noun_end = amount.end if amount.has_noun or articled else self.counted_noun_end(amount.end)
        pre = self.trigger_before(qstart, _ARTICLED_PRE_GAP if articled else _PRE_GAP)
        confirmed = None if pre is None else self.confirm_end(pre[0], noun_end)
        if pre is not None and confirmed is not None:
            return pre[0].kind, pre[1], self._state_noun_end(pre[0].kind, confirmed)
        post = self.trigger_after(amount.end, 0 if articled else _POST_GAP)
        if post is not None:
            return post[0], qstart, post[1] + 1
        if amount.articled:
            return None, qstart, noun_end
        return self.inherited(qstart), qstart, noun_end

    def _state_noun_end(self, kind: Kind, end: int) -> int:
        """Include a casualty noun that states how the counted came out (أردوا اثنين منهم قتيلين)."""
        if end < self.n and self.t.breaks[end] == 0:
            word = self.t.words[end]
            found = _trigger(word)
            state = found.kind if found is not None and found.role == "noun" else None
            if (state or _dual_casualty(word) or _singular_noun(word)) == kind:
                return end + 1
        return end

    # --- one person, no number ----------------------------------------------------------------------

    def one_person(self, i: int, flags: int) -> _Figure | None:
        """A figure of one at token ``i``: a trigger before a person noun (وفاة مواطن), a verb and its
        accusative object (قتل مسلحون موظفاً), or a singular verb after its subject (رجلاً لقي حتفه)."""
        words, breaks, n = self.t.words, self.t.breaks, self.n
        if flags & _BEFORE_ONE and i + 1 < n and breaks[i + 1] == 0 and words[i + 1] in ONE_NOUNS:
            return self.singular_at(i)
        if flags & _OBJECT:
            figure = self.object_at(i)
            if figure is not None:
                return figure
        if flags & _AFTER_ONE and i > self.floor and breaks[i] == 0 and words[i - 1] in _ONE_PERSON:
            return self.subject_at(i)
        return None

    def singular_at(self, i: int) -> _Figure | None:
        """A verbal noun or verb with one indefinite person noun: وفاة مواطن، مقتل قائد، إصابة جندي."""
        found = _trigger(self.t.words[i])
        if found is None or found.role != "pre" or i + 1 >= self.n or self.t.breaks[i + 1]:
            return None
        if self.t.words[i + 1] not in ONE_NOUNS:
            return None
        if i + 2 < self.n and self.t.words[i + 2] in _ONE_AFTER_NOUN:
            return None  # شخص واحد: the amount path reads it
        end = self.confirm_end(found, i + 2)
        if end is None or self.is_disease(i, end):
            return None
        return _Figure(found.kind, 1, "exact", i, self._state_noun_end(found.kind, end))

    def object_at(self, i: int) -> _Figure | None:
        """A killing or wounding verb whose object is one person in the accusative, after its subject:
        قتل مسلحون مجهولون موظفاً، أردت رصاصة طائشة طفلاً."""
        words, breaks = self.t.words, self.t.breaks
        kind = OBJECT_VERBS.get(words[i]) or OBJECT_VERBS.get(_bare(words[i]))
        if kind is None:
            return None
        for k in range(i + 1, min(self.n, i + 4)):
            if breaks[k]:
                return None
            word = words[k]
            if word in ONE_NOUNS_ACCUSATIVE:
                if self.is_disease(i, k + 1):
                    return None
                return _Figure(kind, 1, "exact", i, self._state_noun_end(kind, k + 1))
            if _is_numberish(word) or _trigger(word) is not None or word in ONE_NOUNS or self._dual_at(k):
                return None
        return None

    def subject_at(self, i: int) -> _Figure | None:
        """A singular verb after the one person it tells of: رجلاً لقي حتفه، إن جندياً أصيب — unless
        the verb has a subject of its own after it (قال مسؤول أصيب 3 أشخاص)."""
        found = _trigger(self.t.words[i])
        if found is None:
            return None
        nxt = i + 1
        if nxt < self.n and self.t.breaks[nxt] == 0:
            word = self.t.words[nxt]
            if _is_numberish(word) or word in _ONE_PERSON or self._dual_at(nxt) or _trigger(word) is not None:
                return None
            if word in _QUALIFIERS_BY_FIRST_WORD:
                return None  # وأصيب أكثر من 4000
        end = self.confirm_end(found, nxt)
        if end is None or self.is_disease(i - 1, end):
            return None
        return _Figure(found.kind, 1, "exact", i - 1, end)

    def run(self) -> list[_Figure]:
        figures: list[_Figure] = []
        words, n = self.t.words, self.n
        kinds = _START_KIND.values(words)
        i = 0  # the next token a figure may start at
        for candidate in compress(range(n), kinds):
            if candidate < i:
                continue
            self.floor = i
            flags = kinds[candidate]
            figure = self.figure_at(candidate) if flags & _AMOUNT else None
            if figure is None and flags & _ONE_FLAGS:
                figure = self.one_person(candidate, flags)
            if figure is not None:
                figures.append(figure)
                self.last = figure
                i = max(candidate + 1, figure.end)
        return figures


def find_casualties(prepared: PreparedText) -> list[Casualty]:
    """Casualty figures of a text, in order, with spans into the original text."""
    hits = trigger_hits(prepared.words)
    if not hits:
        return []
    tokens = tokenize(prepared, windows(prepared.words, hits))
    result: list[Casualty] = []
    for figure in _Finder(prepared, tokens).run():
        start, end = prepared.original_span(tokens.starts[figure.first], tokens.ends[figure.end - 1])
        result.append(
            Casualty(
                kind=figure.kind,
                count=figure.count,
                qualifier=figure.qualifier,
                text=prepared.original[start:end],
                start=start,
                end=end,
            )
        )
    return result
