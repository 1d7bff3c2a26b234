"""Match compiled rules over the words of a normalised text.

1. The text is split into words once (``analysis.tokens.Words``, shared with the figures), with its
   sentence breaks: a phrase, a gap or a ``near`` window never crosses them.
2. Each distinct word is looked up once in a memo that says which phrase *slots* it fills (clitics
   stripped, ``analysis.morph``) and which patterns it may begin (their *anchors*).
3. Only at anchors is a pattern tried: the rest of its phrase word by word (each slot within its
   allowed gap), then its ``near`` condition (within ``window`` words in the same sentence), then the
   rule's exclusions (phrases that overlap the match); "are all its slots in the text / in this
   sentence" tests (set inclusions) skip most patterns, ``near`` phrases and exclusions.
4. A caller that only needs to know whether a rule fires (a topic) passes ``limits``: the rule stops
   as soon as it has that many distinct matches, and reports only those.
Everything is in normalised offsets; the engine maps them back to the original text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

from mediamon.analysis.morph import strip_prefixes
from mediamon.analysis.rules import Pattern, Phrase, Rule, RuleSet, Slot, phrase_variants
from mediamon.analysis.tokens import WordMemo, Words

WordSlots = frozenset[int]
_NO_SLOTS: WordSlots = frozenset()
_FIRST = itemgetter(0)
_SECOND = itemgetter(1)


class RuleMatch(NamedTuple):
    """A match of ``rule`` over ``norm[start:end]`` (whole words), and why it matched or was dropped."""

    rule: Rule
    start: int
    end: int
    pattern: str
    near: str | None = None
    suppressed_by: str | None = None


class _Lexicon:
    """Every slot of every phrase gets an id; a word maps (memoised) to the ids of the slots it fills."""

    def __init__(self) -> None:
        self.ids: dict[Slot, int] = {}
        self._exact: dict[str, set[int]] = {}
        self._clitic: dict[str, set[int]] = {}
        self._stem: dict[str, set[int]] = {}
        self._exact_stem: dict[str, set[int]] = {}
        self._stem_lengths: list[int] = []
        self._exact_stem_lengths: list[int] = []

    def slot_id(self, slot: Slot) -> int:
        if slot not in self.ids:
            sid = self.ids[slot] = len(self.ids)
            for t in slot.terms:
                table = (self._exact_stem if t.stem else self._exact) if t.exact else (
                    self._stem if t.stem else self._clitic)
                table.setdefault(t.text, set()).add(sid)
        return self.ids[slot]

    def freeze(self) -> None:
        self._stem_lengths = sorted({len(k) for k in self._stem})
        self._exact_stem_lengths = sorted({len(k) for k in self._exact_stem})

    def slots_of(self, word: str) -> set[int]:
        """Ids of the slots ``word`` fills: as written, or once a clitic prefix is stripped."""
        out: set[int] = set(self._exact.get(word, ()))
        for n in self._exact_stem_lengths:
            out.update(self._exact_stem.get(word[:n], ()))
        for cand in strip_prefixes(word):
            out.update(self._clitic.get(cand, ()))
            for n in self._stem_lengths:
                if n <= len(cand):
                    out.update(self._stem.get(cand[:n], ()))
        return out


_Rest = tuple[tuple[int, int], ...]  # (slot id, words allowed before it) of the words after the first


@dataclass(frozen=True, slots=True)
class _CPhrase:
    source: str
    first: int  # slot id of the first word
    rest: _Rest  # of the longest variant (the only one unless the phrase has optional words)
    variants: tuple[_Rest, ...]  # every variant, longest first (optional words present or absent)
    needed: WordSlots  # the slots of the words that are not optional
    reach: int  # most words a match can span

    @classmethod
    def of(cls, phrase: Phrase, lexicon: _Lexicon) -> _CPhrase:
        variants = tuple(
            tuple((lexicon.slot_id(s), s.gap_before) for s in variant[1:]) for variant in phrase_variants(phrase)
        )
        first = lexicon.slot_id(phrase.slots[0])
        needed = frozenset(lexicon.slot_id(s) for s in phrase.slots if not s.optional)
        reach = max(1 + sum(1 + gap for _, gap in rest) for rest in variants)
        return cls(phrase.source, first, variants[0], variants, needed, reach)

    def last(self, slots: Sequence[WordSlots], i: int, hi: int) -> int | None:
        """Index of the last word of a match that starts at word ``i`` (first found), or None."""
        if not self.rest:
            return i
        for rest in self.variants:
            last = _extend(slots, rest, 0, i, hi)
            if last is not None:
                return last
        return None

    def ends(self, slots: Sequence[WordSlots], i: int, hi: int) -> set[int]:
        """Indices of the last word of every match that starts at word ``i``."""
        if not self.rest:
            return {i}
        found: set[int] = set()
        for rest in self.variants:
            _all_ends(slots, rest, 0, i, hi, found)
        return found


def _extend(slots: Sequence[WordSlots], rest: _Rest, k: int, i: int, hi: int) -> int | None:
    """Index of the last word when slots ``rest[k:]`` follow word ``i`` (before word ``hi``), or None."""
    sid, gap = rest[k]
    for j in range(i + 1, min(hi, i + 2 + gap)):
        if sid in slots[j]:
            if k + 1 == len(rest):
                return j
            last = _extend(slots, rest, k + 1, j, hi)
            if last is not None:
                return last
    return None


def _all_ends(slots: Sequence[WordSlots], rest: _Rest, k: int, i: int, hi: int, found: set[int]) -> None:
    """Add to ``found`` the last word of every way slots ``rest[k:]`` can follow word ``i``."""
    sid, gap = rest[k]
    for j in range(i + 1, min(hi, i + 2 + gap)):
        if sid in slots[j]:
            if k + 1 == len(rest):
                found.add(j)
            else:
                _all_ends(slots, rest, k + 1, j, hi, found)


@dataclass(frozen=True, slots=True)
class _CPattern:
    phrase: _CPhrase
    near: tuple[_CPhrase, ...]
    window: int

    @classmethod
    def of(cls, pattern: Pattern, lexicon: _Lexicon) -> _CPattern:
        return cls(
            _CPhrase.of(pattern.phrase, lexicon),
            tuple(_CPhrase.of(p, lexicon) for p in pattern.near),
            pattern.window,
        )


# An exclusion as (needed slots, first slot, reach, whether it has more than one word, the exclusion).
_Exclusion = tuple[WordSlots, int, int, bool, _CPattern]


@dataclass(frozen=True, slots=True)
class _CRule:
    rule: Rule
    patterns: tuple[_CPattern, ...]
    exclusions: tuple[_CPattern, ...]
    first_pattern: int  # global number of its first pattern
    exclusion_plans: tuple[_Exclusion, ...]  # what ``_Doc.excluded_by`` reads of each exclusion

    @classmethod
    def of(cls, rule: Rule, lexicon: _Lexicon, first_pattern: int) -> _CRule:
        exclusions = tuple(_CPattern.of(p, lexicon) for p in rule.exclusions)
        return cls(
            rule,
            tuple(_CPattern.of(p, lexicon) for p in rule.patterns),
            exclusions,
            first_pattern,
            tuple(
                (ex.phrase.needed, ex.phrase.first, ex.phrase.reach, bool(ex.phrase.rest), ex) for ex in exclusions
            ),
        )


class _Plan(NamedTuple):
    """What ``Matcher._rule_matches`` reads of a pattern, looked up once when the rules are compiled."""

    cpattern: _CPattern
    phrase: _CPhrase
    rest: _Rest
    source: str
    one: tuple[int, int] | None  # the second slot of a two-word phrase (no optional word), inlined
    several: bool  # the phrase has variants (optional words)
    has_near: bool

    @classmethod
    def of(cls, cpattern: _CPattern) -> _Plan:
        phrase = cpattern.phrase
        several = len(phrase.variants) > 1
        one = phrase.rest[0] if len(phrase.rest) == 1 and not several else None
        return cls(cpattern, phrase, phrase.rest, phrase.source, one, several, bool(cpattern.near))


# A match in word indices: (first word, last word, pattern source, near source, suppressing exclusion).
_Raw = tuple[int, int, str, str | None, str | None]


class _Doc:
    """One text being matched: its words and their slots, the slots present in the whole text and in
    each sentence, and the spans of ``near`` phrases (each found once per sentence)."""

    def __init__(self, words: Words, slots: Sequence[WordSlots]) -> None:
        self.words = words
        self.slots = slots
        self.everywhere: WordSlots = _NO_SLOTS.union(*slots)
        self._present: dict[int, WordSlots] = {}
        self._spans: dict[tuple[int, int], list[tuple[int, int]]] = {}

    def present(self, lo: int, hi: int) -> WordSlots:
        """Every slot id filled by a word of the sentence ``[lo, hi)``."""
        found = self._present.get(lo)
        if found is None:
            found = self._present[lo] = _NO_SLOTS.union(*self.slots[lo:hi])
        return found

    def possible(self, phrase: _CPhrase) -> bool:
        """Whether every slot of ``phrase`` is filled somewhere in the text."""
        return phrase.needed <= self.everywhere

    def spans(self, phrase: _CPhrase, lo: int, hi: int) -> list[tuple[int, int]]:
        """Matches ``(first, last)`` of ``phrase`` in the sentence ``[lo, hi)``, one per first word."""
        key = (id(phrase), lo)
        found = self._spans.get(key)
        if found is None:
            found = self._spans[key] = []
            if phrase.needed <= self.present(lo, hi):
                slots, first = self.slots, phrase.first
                for x in range(lo, hi):
                    if first in slots[x]:
                        y = phrase.last(slots, x, hi)
                        if y is not None:
                            found.append((x, y))
        return found

    def near_source(self, cp: _CPattern, a: int, b: int, lo: int, hi: int) -> str | None:
        """The first ``near`` phrase within ``window`` words of words ``a..b``; "" if none is needed.

        Before the match up to ``window`` words may stand between; after it, ``window - 1`` (a near
        phrase must begin within ``window`` words after the match's last word).
        """
        if not cp.near:
            return ""
        window, present = cp.window, self.present(lo, hi)
        for near in cp.near:
            if not near.needed <= present:
                continue
            for x, y in self.spans(near, lo, hi):
                if x > b + window:
                    break
                if x > b or y >= a - window - 1:
                    return near.source
        return None

    def live_exclusions(self, crule: _CRule) -> tuple[_Exclusion, ...]:
        """The rule's exclusions whose every slot is filled somewhere in the text (each rule asks once)."""
        everywhere = self.everywhere
        return tuple([plan for plan in crule.exclusion_plans if plan[0] <= everywhere])

    def excluded_by(self, live: tuple[_Exclusion, ...], a: int, b: int, lo: int, hi: int) -> str | None:
        """The first of the rule's (live) exclusions with a match that overlaps words ``a..b``, or None.

        Every match of an exclusion is tried (each start, and each way it can end), but only those that
        can overlap: they begin at most ``reach`` words before ``a``.
        """
        present = self.present(lo, hi)
        slots = self.slots
        for needed, first, reach, several_words, ex in live:
            if not needed <= present:
                continue
            for x in range(max(lo, a - reach + 1), min(hi, b + 1)):
                if first in slots[x]:
                    for y in sorted(ex.phrase.ends(slots, x, hi)) if several_words else (x,):
                        if y >= a and self.near_source(ex, x, y, lo, hi) is not None:
                            return ex.phrase.source
        return None


class Matcher:
    """All rules of a rule set, compiled once; ``find`` is pure (the word memo is only a cache)."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        lex = self._lexicon = _Lexicon()
        crules: list[_CRule] = []
        first_pattern = 0
        for r in rules.rules:
            crules.append(_CRule.of(r, lex, first_pattern))
            first_pattern += len(r.patterns)
        self._rules = tuple(crules)
        lex.freeze()
        begins: dict[int, list[int]] = {}
        number = 0
        for crule in self._rules:
            for cpattern in crule.patterns:
                begins.setdefault(cpattern.phrase.first, []).append(number)
                number += 1
        self._begins = {sid: tuple(numbers) for sid, numbers in begins.items()}
        self._rule_of = [rule_no for rule_no, crule in enumerate(self._rules) for _ in crule.patterns]
        self._patterns = tuple(cpattern for crule in self._rules for cpattern in crule.patterns)
        self._plans = tuple(_Plan.of(cpattern) for cpattern in self._patterns)
        self._ids = tuple(crule.rule.id for crule in self._rules)
        self._slot_memo = WordMemo(self._word_slots)
        self._word_memo = WordMemo(self._slots_and_firsts)  # one lookup per text gives both

    # --- word memo ---------------------------------------------------------------------------------

    def _word_slots(self, word: str) -> WordSlots:
        slots = self._lexicon.slots_of(word)
        return frozenset(slots) if slots else _NO_SLOTS

    def _word_firsts(self, word: str) -> tuple[int, ...]:
        """Numbers of the patterns ``word`` may begin."""
        return tuple(sorted(n for sid in self._slot_memo(word) for n in self._begins.get(sid, ())))

    def _slots_and_firsts(self, word: str) -> tuple[WordSlots, tuple[int, ...]]:
        return self._slot_memo(word), self._word_firsts(word)

    # --- matching ----------------------------------------------------------------------------------

    def find(self, norm: str | Words, *, keep_suppressed: bool = False) -> list[RuleMatch]:
        """Rule matches over a normalised text, in rule order then text order, overlapping ones merged."""
        return [m for _, matches in self.find_by_rule(norm, keep_suppressed=keep_suppressed) for m in matches]

    def find_by_rule(
        self,
        norm: str | Words,
        *,
        keep_suppressed: bool = False,
        limits: Mapping[str, int] | None = None,
    ) -> Iterator[tuple[Rule, list[RuleMatch]]]:
        """Each rule with matches and its matches (text order, overlapping ones merged), in rule order.

        ``norm`` is a normalised text or its ``Words`` (``PreparedText.words``). A rule named in
        ``limits`` stops once it has that many distinct kept matches (0: not tried) and reports no
        more than that; its suppressed matches are then not reported.
        """
        if not self._rules or not norm:
            return
        words = norm if isinstance(norm, Words) else Words.of(norm)
        starts, ends = words.starts, words.ends
        for rule, kept, dropped in self._merged_by_rule(words, keep_suppressed, limits):
            yield rule, [
                RuleMatch(rule, starts[a], ends[b], pattern, near, by) for a, b, pattern, near, by in kept + dropped
            ]

    def spans_by_rule(
        self, words: Words, *, keep_suppressed: bool = False, limits: Mapping[str, int] | None = None
    ) -> Iterator[tuple[Rule, list[tuple[int, int]], list[tuple[int, int]]]]:
        """``find_by_rule`` as the engine needs it: each rule with the normalised ``(start, end)`` of
        its kept matches and of its suppressed ones."""
        starts, ends = words.starts, words.ends
        for rule, kept, dropped in self._merged_by_rule(words, keep_suppressed, limits):
            yield rule, [(starts[m[0]], ends[m[1]]) for m in kept], (
                [(starts[m[0]], ends[m[1]]) for m in dropped] if dropped else []
            )

    def _merged_by_rule(
        self, words: Words, keep_suppressed: bool, limits: Mapping[str, int] | None
    ) -> Iterator[tuple[Rule, list[_Raw], list[_Raw]]]:
        """Each rule with matches, its kept matches (overlapping ones merged, in text order) and its
        suppressed ones (in text order)."""
        if not self._rules or not words.texts:
            return
        both = self._word_memo.values_of(words)
        firsts = tuple(map(_SECOND, both))
        anchors: dict[int, list[int]] = {}
        for i in compress(range(len(firsts)), firsts):
            for number in firsts[i]:
                anchors.setdefault(number, []).append(i)
        if not anchors:
            return
        doc = _Doc(words, tuple(map(_FIRST, both)))
        numbers_of: dict[int, list[int]] = {}  # the patterns with anchors, by rule, in pattern order
        rule_of = self._rule_of
        for number in sorted(anchors):
            numbers_of.setdefault(rule_of[number], []).append(number)
        rules, ids = self._rules, self._ids
        for rule_no, numbers in sorted(numbers_of.items()):
            limit = limits.get(ids[rule_no]) if limits is not None else None
            if limit == 0:
                continue
            crule = rules[rule_no]
            kept, dropped = self._rule_matches(doc, crule, numbers, anchors, keep_suppressed and limit is None, limit)
            if kept or dropped:
                merged = _merge(kept)
                yield crule.rule, (merged if limit is None else merged[:limit]), _dedupe(dropped, merged)

    def _rule_matches(
        self,
        doc: _Doc,
        crule: _CRule,
        numbers: list[int],
        anchors: dict[int, list[int]],
        keep_suppressed: bool,
        limit: int | None,
    ) -> tuple[list[_Raw], list[_Raw]]:
        found: list[_Raw] = []  # kept matches
        dropped: list[_Raw] = []  # matches an exclusion suppressed (when they are kept for the caller)
        kept = 0
        cuts, n, slots = doc.words.cuts, len(doc.words.texts), doc.slots
        live = doc.live_exclusions(crule) if crule.exclusions else ()
        plans, everywhere = self._plans, doc.everywhere
        for number in numbers:
            cpattern, phrase, rest, source, one, several, has_near = plans[number]
            positions = anchors[number]
            if not rest and not has_near and not live:  # the anchor is the match
                if limit is not None and len(positions) > limit:
                    found.extend((i, i, source, None, None) for i in positions[:limit])
                    if limit == 1 or len(_merge(list(found))) >= limit:
                        break
                    positions = positions[limit:]
                found.extend((i, i, source, None, None) for i in positions)
                kept += len(positions)
            elif phrase.needed <= everywhere:  # doc.possible(phrase)
                for i in positions:
                    k = bisect_right(cuts, i)
                    hi = cuts[k] if k < len(cuts) else n
                    if one is not None:
                        sid, gap = one
                        for b in range(i + 1, min(hi, i + 2 + gap)):
                            if sid in slots[b]:
                                break
                        else:
                            continue
                    elif rest:
                        last = phrase.last(slots, i, hi) if several else _extend(slots, rest, 0, i, hi)
                        if last is None:
                            continue
                        b = last
                    else:
                        b = i
                    lo = cuts[k - 1] if k else 0
                    near = None
                    if has_near:
                        near = doc.near_source(cpattern, i, b, lo, hi)
                        if near is None:
                            continue
                    by = doc.excluded_by(live, i, b, lo, hi) if live else None
                    if by is None:
                        found.append((i, b, source, near, None))
                        kept += 1
                    elif keep_suppressed:
                        dropped.append((i, b, source, near, by))
            if limit is not None and kept >= limit and (limit == 1 or len(_merge(list(found))) >= limit):
                break
        return found, dropped


def _start_then_longest(m: _Raw) -> tuple[int, int]:
    return m[0], -m[1]


def _merge(kept: list[_Raw]) -> list[_Raw]:
    """Overlapping kept matches of one rule become one (the union), in text order."""
    if len(kept) < 2:
        return kept
    kept.sort(key=_start_then_longest)
    out = [kept[0]]
    prev = out[0]
    for m in kept:
        if m[0] <= prev[1]:
            if m[1] > prev[1]:
                prev = out[-1] = (prev[0], m[1], prev[2], prev[3], None)
            continue
        out.append(m)
        prev = m
    return out


def _dedupe(dropped: list[_Raw], kept: list[_Raw]) -> list[_Raw]:
    """Suppressed matches in text order (the longest first), one per span, none with the span of the
    last kept one."""
    if not dropped:
        return dropped
    dropped.sort(key=_start_then_longest)
    out: list[_Raw] = []
    prev = kept[-1] if kept else None
    for m in dropped:
        if prev is not None and (m[0], m[1]) == (prev[0], prev[1]):
            continue
        out.append(m)
        prev = m
    return out
