"""Compile rules into one Aho-Corasick automaton of anchor words and match them over normalised text.

1. One pass of the automaton over ``PreparedText.norm`` finds the *anchor* words: the first word of
   every rule pattern, accepted when what precedes it inside its word is a clitic prefix
   (``analysis.morph``) and it ends at the word end (or anywhere, for a ``stem*`` term).
2. Only around those few anchors is the sentence tokenised; the rest of the phrase is matched word by
   word (each slot within its allowed gap), then ``near`` conditions (within ``window`` words in the
   same sentence) and exclusions (phrases that overlap the match) are checked on the same tokens.
Everything is in normalised offsets; the engine maps them back to the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from analysis.morph import CLITIC_PREFIX_SET, MAX_PREFIX_LEN, WORD_RE, strip_prefixes
from analysis.rules import Pattern, Phrase, Rule, RuleSet, Slot

# Sentence breaks: a phrase, a gap or a ``near`` window never crosses them (؟ and ؛ are normalised).
_BREAK_RE = re.compile(r"[.!?;\n\r]")
_CONTEXT_CHARS = 600  # how far a sentence is followed either side of an anchor

Token = tuple[str, int, int]


@dataclass(frozen=True)
class RuleMatch:
    """A match of ``rule`` over ``norm[start:end]`` (whole words), and why it matched or was dropped."""

    rule: Rule
    start: int
    end: int
    pattern: str
    near: str | None = None
    suppressed_by: str | None = None


@lru_cache(maxsize=1 << 16)
def _candidates(word: str) -> tuple[str, ...]:
    return tuple(strip_prefixes(word))


WordSlots = frozenset[int]


class _Lexicon:
    """Every slot of every phrase gets an id; a word maps (memoised) to the ids of the slots it fills."""

    def __init__(self) -> None:
        self.ids: dict[Slot, int] = {}
        self._exact: dict[str, set[int]] = defaultdict(set)
        self._clitic: dict[str, set[int]] = defaultdict(set)
        self._stem: dict[str, set[int]] = defaultdict(set)
        self._exact_stem: dict[str, set[int]] = defaultdict(set)
        self._memo: dict[str, WordSlots] = {}

    def slot_id(self, slot: Slot) -> int:
        if slot not in self.ids:
            sid = self.ids[slot] = len(self.ids)
            for t in slot.terms:
                table = (self._exact_stem if t.stem else self._exact) if t.exact else (
                    self._stem if t.stem else self._clitic)
                table[t.text].add(sid)
        return self.ids[slot]

    def freeze(self) -> None:
        self._stem_lengths = sorted({len(k) for k in self._stem})
        self._exact_stem_lengths = sorted({len(k) for k in self._exact_stem})

    def slots_of(self, word: str) -> WordSlots:
        found = self._memo.get(word)
        if found is None:
            if len(self._memo) > 200_000:
                self._memo.clear()
            found = self._memo[word] = frozenset(self._compute(word))
        return found

    def _compute(self, word: str) -> set[int]:
        out: set[int] = set(self._exact.get(word, ()))
        for n in self._exact_stem_lengths:
            out |= self._exact_stem.get(word[:n], set())
        for cand in _candidates(word):
            out |= self._clitic.get(cand, set())
            for n in self._stem_lengths:
                if n <= len(cand):
                    out |= self._stem.get(cand[:n], set())
        return out


@dataclass(frozen=True)
class _CPhrase:
    source: str
    slots: tuple[int, ...]
    gaps: tuple[int, ...]

    needed: frozenset[int]

    @classmethod
    def of(cls, phrase: Phrase, lexicon: _Lexicon) -> _CPhrase:
        slots = tuple(lexicon.slot_id(s) for s in phrase.slots)
        return cls(phrase.source, slots, tuple(s.gap_before for s in phrase.slots), frozenset(slots))

    @property
    def reach(self) -> int:
        """Most words a match can span."""
        return len(self.slots) + sum(self.gaps)

    def possible(self, present: WordSlots) -> bool:
        return self.needed <= present

    def extend(self, words: list[WordSlots], k: int, i: int) -> int | None:
        """Index of the last word when slots ``k..`` match after word ``i``, or None."""
        if k == len(self.slots):
            return i
        sid = self.slots[k]
        for j in range(i + 1, min(len(words), i + 2 + self.gaps[k])):
            if sid in words[j]:
                last = self.extend(words, k + 1, j)
                if last is not None:
                    return last
        return None

    def spans(self, words: list[WordSlots], lo: int, hi: int) -> list[tuple[int, int]]:
        """Matches starting at word indices ``lo..hi-1``, as (first, last) word indices."""
        out = []
        first = self.slots[0]
        for i in range(max(lo, 0), min(hi, len(words))):
            if first in words[i]:
                last = self.extend(words, 1, i)
                if last is not None:
                    out.append((i, last))
        return out


@dataclass(frozen=True)
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

    def near_ok(self, words: list[WordSlots], present: WordSlots, i: int, j: int) -> str | None:
        """The first ``near`` phrase found within ``window`` words of words ``i..j``; "" if none needed."""
        if not self.near:
            return ""
        for near in self.near:
            if not near.possible(present):
                continue
            lo = i - self.window - near.reach
            for a, b in near.spans(words, lo, j + self.window + 1):
                if (a <= j and b >= i) or 0 <= a - j - 1 <= self.window or 0 <= i - b - 1 <= self.window:
                    return near.source
        return None

    def matches(
        self, words: list[WordSlots], present: WordSlots, lo: int, hi: int
    ) -> list[tuple[int, int, str | None]]:
        out: list[tuple[int, int, str | None]] = []
        if not self.phrase.possible(present):
            return out
        for a, b in self.phrase.spans(words, lo, hi):
            near = self.near_ok(words, present, a, b)
            if near is not None:
                out.append((a, b, near or None))
        return out


@dataclass(frozen=True)
class _CRule:
    rule: Rule
    patterns: tuple[_CPattern, ...]
    exclusions: tuple[_CPattern, ...]


@dataclass
class _Sentence:
    tokens: list[Token]
    words: list[WordSlots]
    starts: list[int]
    present: WordSlots


class Matcher:
    """All rules of a rule set, compiled once; ``find`` is pure."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        lex = self._lexicon = _Lexicon()
        self._rules = [
            _CRule(
                r,
                tuple(_CPattern.of(p, lex) for p in r.patterns),
                tuple(_CPattern.of(p, lex) for p in r.exclusions),
            )
            for r in rules.rules
        ]
        lex.freeze()
        Refs = tuple[set[tuple[int, int]], set[tuple[int, int]]]
        refs: dict[str, Refs] = defaultdict(lambda: (set(), set()))
        for rule_no, rule in enumerate(rules.rules):
            for pattern_no, pattern in enumerate(rule.patterns):
                for term in pattern.phrase.slots[0].terms:
                    refs[term.text][term.stem].add((rule_no, pattern_no))
        self._automaton = ahocorasick.Automaton()
        for key, (whole, stem) in refs.items():
            self._automaton.add_word(key, (len(key), tuple(sorted(whole)), tuple(sorted(stem))))
        if refs:
            self._automaton.make_automaton()
        self._empty = not refs

    def _anchors(self, norm: str) -> dict[tuple[int, int], set[tuple[int, int]]]:
        """Candidate (rule, pattern) pairs -> the (start, end) of the words that may begin them."""
        found: dict[tuple[int, int], set[tuple[int, int]]] = defaultdict(set)
        n = len(norm)
        for last, (length, whole, stem) in self._automaton.iter(norm):
            start, end = last - length + 1, last + 1
            ws = start
            limit = max(0, start - MAX_PREFIX_LEN)
            while ws > limit and norm[ws - 1].isalnum():
                ws -= 1
            if (ws > 0 and norm[ws - 1].isalnum()) or norm[ws:start] not in CLITIC_PREFIX_SET:
                continue
            if end == n or not norm[end].isalnum():
                for ref in whole + stem:
                    found[ref].add((ws, end))
            elif stem:
                we = end
                while we < n and norm[we].isalnum():
                    we += 1
                for ref in stem:
                    found[ref].add((ws, we))
        return found

    def _sentence(
        self, norm: str, pos: int, breaks: list[int], cache: dict[tuple[int, int], _Sentence]
    ) -> _Sentence:
        k = bisect_left(breaks, pos)
        start = breaks[k - 1] + 1 if k else 0
        end = breaks[k] if k < len(breaks) else len(norm)
        key = (max(start, pos - _CONTEXT_CHARS), min(end, pos + _CONTEXT_CHARS))
        if key not in cache:
            tokens = [(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(norm, *key)]
            words = [self._lexicon.slots_of(t[0]) for t in tokens]
            present: WordSlots = frozenset().union(*words)
            cache[key] = _Sentence(tokens, words, [t[1] for t in tokens], present)
        return cache[key]

    def find(self, norm: str, *, keep_suppressed: bool = False) -> list[RuleMatch]:
        """Rule matches over a normalised text, in rule order then text order, overlapping ones merged."""
        if self._empty or not norm:
            return []
        anchors = self._anchors(norm)
        if not anchors:
            return []
        cache: dict[tuple[int, int], _Sentence] = {}
        breaks = [m.start() for m in _BREAK_RE.finditer(norm)]
        out: list[RuleMatch] = []
        for rule_no, crule in enumerate(self._rules):
            found: list[RuleMatch] = []
            for pattern_no, cpattern in enumerate(crule.patterns):
                words = sorted(anchors.get((rule_no, pattern_no), ()))
                if not words:
                    continue
                if not crule.exclusions and not cpattern.near and len(cpattern.phrase.slots) == 1:
                    source = cpattern.phrase.source  # the anchor word is the whole match
                    found.extend(RuleMatch(crule.rule, a, b, source) for a, b in words)
                    continue
                for pos, _ in words:
                    found.extend(self._at(norm, pos, crule, cpattern, (breaks, cache), keep_suppressed))
            out.extend(_merge(found))
        return out

    def _at(
        self,
        norm: str,
        pos: int,
        crule: _CRule,
        cpattern: _CPattern,
        context: tuple[list[int], dict[tuple[int, int], _Sentence]],
        keep_suppressed: bool,
    ) -> list[RuleMatch]:
        sentence = self._sentence(norm, pos, *context)
        i = bisect_left(sentence.starts, pos)
        if i == len(sentence.starts) or sentence.starts[i] != pos:
            return []
        out = []
        for a, b, near in cpattern.matches(sentence.words, sentence.present, i, i + 1):
            by = _excluded_by(crule, sentence, a, b)
            if by is None or keep_suppressed:
                start, end = sentence.tokens[a][1], sentence.tokens[b][2]
                out.append(RuleMatch(crule.rule, start, end, cpattern.phrase.source, near, by))
        return out


def _excluded_by(crule: _CRule, sentence: _Sentence, a: int, b: int) -> str | None:
    for ex in crule.exclusions:
        for x, y, _ in ex.matches(sentence.words, sentence.present, a - ex.phrase.reach, b + 1):
            if x <= b and y >= a:
                return ex.phrase.source
    return None


def _merge(matches: list[RuleMatch]) -> list[RuleMatch]:
    """Overlapping matches of one rule become one (the union); suppressed ones are kept apart."""
    matches.sort(key=lambda m: (m.suppressed_by is not None, m.start, -m.end))
    out: list[RuleMatch] = []
    for m in matches:
        prev = out[-1] if out else None
        if prev is not None and m.suppressed_by is None and prev.suppressed_by is None and m.start < prev.end:
            if m.end > prev.end:
                out[-1] = RuleMatch(prev.rule, prev.start, m.end, prev.pattern, prev.near)
            continue
        if prev is not None and m.suppressed_by is not None and (m.start, m.end) == (prev.start, prev.end):
            continue
        out.append(m)
    return out
