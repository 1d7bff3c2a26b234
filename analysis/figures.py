"""Casualty figures: who was killed, injured, displaced or evacuated, how many, and how sure the text is.

A figure is an *amount* (digits, number words, a dual noun, or a vague word such as مئات) with a
*trigger* that says what happened: before it (مقتل 32 شخصا، ارتفع عدد القتلى إلى 49، نزوح أكثر من
ألفي مدني), right after it (32 قتيلا، 10 جرحى) or after its noun (32 شخصا قتلوا). A figure joined by
"و" or "بالإضافة إلى" to the one before takes its kind. A verbal noun with a singular person noun
counts one (وفاة مواطن). Units, dates and disease words rule a figure out (24 ساعة، عام 2020،
إصابات كورونا). Spans are reported in the original text.
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
    DATE_WORDS,
    DISEASE_WORDS,
    DUAL_CASUALTY_NOUNS,
    FUNCTION_WORDS,
    MONTHS,
    ONE_NOUNS,
    PERSON_DUALS,
    PERSON_DUALS_IF_VOWELLED,
    QUALIFIERS_AFTER,
    QUALIFIERS_BEFORE,
    TRIGGERS,
    UNITS,
    Kind,
    Role,
)
from analysis.morph import strip_prefixes
from analysis.normalize import PreparedText
from analysis.numbers import NUMBER_WORDS, parse_amount
from analysis.tokens import WordMemo
from mediamon.schema import Casualty, Qualifier

_SUBSET_WORDS = frozenset({"بينهم", "منهم", "بينهن", "منهن", "بينها", "منها", "بينهما", "منهما"})
_PRE_GAP = 5
_POST_GAP = 3
_INHERIT_GAP = 4
_DISEASE_AFTER = 4
_ONE_AFTER_NOUN = frozenset({"واحد", "واحدا", "واحده", "اثنين", "اثنان", "اثنتين", "اثنتان"})
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
_QUALIFIERS_BY_FIRST: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    first: tuple(item for item in QUALIFIERS_AFTER if item[0] and item[0][0] == first)
    for first in {phrase[0] for phrase, _ in QUALIFIERS_AFTER if phrase}
}
"""``QUALIFIERS_AFTER`` by their first word (in their order)."""


@lru_cache(maxsize=65536)
def _trigger(word: str) -> tuple[Kind, Role] | None:
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
    return word[0].isdigit() or any(stem in NUMBER_WORDS for stem in (word, word[1:], word[2:]))


@lru_cache(maxsize=65536)
def _dual_casualty(word: str) -> Kind | None:
    for stem in strip_prefixes(word):
        if stem in DUAL_CASUALTY_NOUNS:
            return DUAL_CASUALTY_NOUNS[stem]
    return None


def _may_start(word: str) -> bool:
    """Whether a figure can start at this word: an amount, a dual, or a trigger before a singular noun."""
    return (
        _is_numberish(word)
        or _dual_casualty(word) is not None
        or word in PERSON_DUALS
        or word in PERSON_DUALS_IF_VOWELLED
        or word[1:] in PERSON_DUALS
        or _trigger(word) is not None
    )


def _start_kind(word: str) -> int:
    """0: no figure starts here; 1: an amount or dual may; 2: only a verbal noun or verb before one
    person noun may (وفاة مواطن) — worth trying only when such a noun follows."""
    if not _may_start(word):
        return 0
    if _is_numberish(word) or _dual_casualty(word) is not None or word[1:] in PERSON_DUALS:
        return 1
    if word in PERSON_DUALS or word in PERSON_DUALS_IF_VOWELLED:
        return 1
    found = _trigger(word)
    return 2 if found is not None and found[1] == "pre" else 0


_START_KIND = WordMemo(_start_kind)


@dataclass(frozen=True, slots=True)
class _Amount:
    value: int | None
    first: int  # first token (a noun before واحد/اثنين belongs to the amount)
    end: int  # token after the amount
    kind: Kind | None = None  # a dual casualty noun names its own kind
    has_noun: bool = False  # a dual noun is its own counted noun


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

    # --- amounts -----------------------------------------------------------------------------------

    def _dual_at(self, i: int) -> bool:
        word = self.t.words[i]
        if word in PERSON_DUALS or (word[:1] in "وب" and word[1:] in PERSON_DUALS):
            return True
        if word in PERSON_DUALS_IF_VOWELLED:
            start, end = self.prepared.original_span(self.t.starts[i], self.t.ends[i])
            return _FATHA_DUAL_RE.search(self.prepared.original[start:end]) is not None
        return False

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
        if not _is_numberish(word):
            return None
        parsed = parse_amount(words, i)
        if parsed is None:
            return None
        first = i
        if word in _ONE_AFTER_NOUN and i > 0 and self.t.breaks[i] == 0 and self._plain_word(i - 1):
            first = i - 1  # مدنيين اثنين، شخص واحد
        return _Amount(parsed.value, first, i + parsed.size)

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
        if after and (_stem_in(after, UNITS) or after in MONTHS):
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

    def trigger_before(self, start: int) -> tuple[Kind, int] | None:
        for k in range(start - 1, max(-1, start - 1 - _PRE_GAP), -1):
            if self.t.breaks[k + 1]:
                return None
            word = self.t.words[k]
            found = _trigger(word)
            if found is not None:
                return (found[0], k) if found[1] != "post" else None
            if _is_numberish(word) or word in _SUBSET_WORDS or self._dual_at(k):
                return None
        return None

    def trigger_after(self, end: int) -> tuple[Kind, int] | None:
        for k in range(end, min(self.n, end + _POST_GAP + 1)):
            if self.t.breaks[k]:
                return None
            word = self.t.words[k]
            found = _trigger(word)
            if found is not None:
                # a verbal noun after the count only in "forced ... to flee": على الفرار، على النزوح
                ok = found[1] != "pre" or (k > end and self.t.words[k - 1] == "علي")
                return (found[0], k) if ok else None
            if _is_numberish(word) or self._dual_at(k):
                return None
        return None

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
            return self.singular_at(i)
        if self.not_a_head_count(amount):
            return None
        qstart, qualifier = self.qualifier_before(amount.first)
        kind, first, end = self._kind_and_extent(amount, qstart)
        if kind is None:
            return None
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
            first = pre[1] if pre is not None else qstart
            return amount.kind, first, amount.end
        if amount.end < self.n and self.t.breaks[amount.end] == 0:
            found = _trigger(self.t.words[amount.end])
            if found is not None and found[1] == "noun":
                return found[0], qstart, amount.end + 1
        noun_end = amount.end if amount.has_noun else self.counted_noun_end(amount.end)
        pre = self.trigger_before(qstart)
        if pre is not None:
            return pre[0], pre[1], noun_end
        post = self.trigger_after(amount.end)
        if post is not None:
            return post[0], qstart, post[1] + 1
        return self.inherited(qstart), qstart, noun_end

    def singular_at(self, i: int) -> _Figure | None:
        """A verbal noun or verb with one indefinite person noun: وفاة مواطن، مقتل قائد، إصابة جندي."""
        found = _trigger(self.t.words[i])
        if found is None or found[1] != "pre" or i + 1 >= self.n or self.t.breaks[i + 1]:
            return None
        if self.t.words[i + 1] not in ONE_NOUNS:
            return None
        if i + 2 < self.n and self.t.words[i + 2] in _ONE_AFTER_NOUN:
            return None  # شخص واحد: the amount path reads it
        if self.is_disease(i, i + 2):
            return None
        return _Figure(found[0], 1, "exact", i, i + 2)

    def run(self) -> list[_Figure]:
        figures: list[_Figure] = []
        words, n = self.t.words, self.n
        kinds = _START_KIND.values(words)
        i = 0  # the next token a figure may start at
        for candidate in compress(range(n), kinds):
            if candidate < i:
                continue
            if kinds[candidate] == 2 and not (candidate + 1 < n and words[candidate + 1] in ONE_NOUNS):
                continue  # what singular_at needs first
            figure = self.figure_at(candidate)
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
