"""Compile rules into one Aho-Corasick automaton and match them over normalised text.

One pass of the automaton over ``PreparedText.norm`` finds every occurrence of every rule term.
An occurrence counts as a word hit when what precedes it inside its word is a clitic prefix
(``analysis.morph``) and it ends at the word end (or, for a ``stem*`` term, anywhere inside the word).
Phrases are then chained slot by slot from those few hits: the next word must follow within the
slot's allowed gap, in the same sentence. ``near`` conditions and exclusions are phrases as well.
Everything is in normalised offsets; the engine maps them back to the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

import ahocorasick

from analysis.morph import CLITIC_PREFIX_SET, MAX_PREFIX_LEN, WORD_RE
from analysis.rules import Pattern, Phrase, Rule, RuleSet

# Sentence breaks: a phrase, a gap or a ``near`` window never crosses them (؟ and ؛ are normalised).
_BREAK_RE = re.compile(r"[.!?;\n\r]")

Span = tuple[int, int]
Hits = dict[tuple[int, int], list[Span]]


@dataclass(frozen=True)
class RuleMatch:
    """A match of ``rule`` over ``norm[start:end]`` (whole words), and why it matched or was dropped."""

    rule: Rule
    start: int
    end: int
    pattern: str
    near: str | None = None
    suppressed_by: str | None = None


@dataclass(frozen=True)
class _Ref:
    phrase: int
    slot: int
    stem: bool
    exact: bool


def _same_sentence_within(norm: str, a: Span, b: Span, max_words: int) -> bool:
    """Whether two spans are at most ``max_words`` words apart with no sentence break between."""
    left, right = (a, b) if a[0] <= b[0] else (b, a)
    if right[0] <= left[1]:
        return True
    if _BREAK_RE.search(norm, left[1], right[0]):
        return False
    return len(WORD_RE.findall(norm, left[1], right[0])) <= max_words


class Matcher:
    """All phrases of a rule set, compiled once; ``find`` is pure and thread-safe."""

    def __init__(self, rules: RuleSet) -> None:
        self.rules = rules
        self._phrases: list[Phrase] = []
        self._index: dict[Phrase, int] = {}
        self._automaton = ahocorasick.Automaton()
        refs: dict[str, list[_Ref]] = defaultdict(list)
        for rule in rules.rules:
            for pattern in (*rule.patterns, *rule.exclusions):
                for phrase in (pattern.phrase, *pattern.near):
                    self._register(phrase, refs)
        for key, key_refs in refs.items():
            self._automaton.add_word(key, (len(key), tuple(key_refs)))
        if refs:
            self._automaton.make_automaton()
        self._empty = not refs

    def _register(self, phrase: Phrase, refs: dict[str, list[_Ref]]) -> None:
        if phrase in self._index:
            return
        idx = len(self._phrases)
        self._index[phrase] = idx
        self._phrases.append(phrase)
        for slot_no, slot in enumerate(phrase.slots):
            for term in slot.terms:
                refs[term.text].append(_Ref(idx, slot_no, term.stem, term.exact))

    # --- word hits --------------------------------------------------------------------------------

    def _hits(self, norm: str) -> Hits:
        found: dict[tuple[int, int], set[Span]] = defaultdict(set)
        if self._empty:
            return {}
        n = len(norm)
        for last, (length, refs) in self._automaton.iter(norm):
            start, end = last - length + 1, last + 1
            ws = start
            limit = max(0, start - MAX_PREFIX_LEN - 1)
            while ws > limit and norm[ws - 1].isalnum():
                ws -= 1
            if ws > 0 and norm[ws - 1].isalnum():
                continue  # more letters before the term than any clitic prefix
            prefix_ok = norm[ws:start] in CLITIC_PREFIX_SET
            at_word_end = end == n or not norm[end].isalnum()
            we = end
            if not at_word_end:
                while we < n and norm[we].isalnum():
                    we += 1
            for ref in refs:
                if (ref.exact and ws != start) or not prefix_ok:
                    continue
                if not at_word_end and not ref.stem:
                    continue
                found[(ref.phrase, ref.slot)].add((ws, we))
        return {key: sorted(spans) for key, spans in found.items()}

    # --- phrases ----------------------------------------------------------------------------------

    def _phrase_spans(self, idx: int, norm: str, hits: Hits) -> list[Span]:
        phrase = self._phrases[idx]
        slots = [hits.get((idx, k)) for k in range(len(phrase.slots))]
        if any(s is None for s in slots):
            return []
        gaps = [slot.gap_before for slot in phrase.slots]
        chain = [s or [] for s in slots]
        out: list[Span] = []
        for start, end in chain[0]:
            last = self._extend(norm, chain, gaps, 1, end)
            if last is not None:
                out.append((start, last))
        return out

    def _extend(self, norm: str, chain: list[list[Span]], gaps: list[int], k: int, after: int) -> int | None:
        """End of the first way to match slots ``k..`` after ``after``, each within its gap, or None."""
        if k == len(chain):
            return after
        spans = chain[k]
        i = bisect_left(spans, (after, -1))
        while i < len(spans):
            start, end = spans[i]
            if _BREAK_RE.search(norm, after, start) or len(WORD_RE.findall(norm, after, start)) > gaps[k]:
                return None  # later hits are further away still
            last = self._extend(norm, chain, gaps, k + 1, end)
            if last is not None:
                return last
            i += 1
        return None

    def _pattern_matches(
        self, pattern: Pattern, norm: str, hits: Hits, cache: dict[int, list[Span]]
    ) -> list[tuple[Span, str | None]]:
        spans = self._cached(self._index[pattern.phrase], norm, hits, cache)
        if not spans or not pattern.near:
            return [(s, None) for s in spans]
        out: list[tuple[Span, str | None]] = []
        for span in spans:
            for near in pattern.near:
                near_spans = self._cached(self._index[near], norm, hits, cache)
                if any(_same_sentence_within(norm, span, ns, pattern.window) for ns in near_spans):
                    out.append((span, near.source))
                    break
        return out

    def _cached(
        self, idx: int, norm: str, hits: Hits, cache: dict[int, list[Span]]
    ) -> list[Span]:
        if idx not in cache:
            cache[idx] = self._phrase_spans(idx, norm, hits)
        return cache[idx]

    # --- rules ------------------------------------------------------------------------------------

    def find(self, norm: str, *, keep_suppressed: bool = False) -> list[RuleMatch]:
        """Rule matches over a normalised text, in rule order then text order, overlapping ones merged."""
        hits = self._hits(norm)
        if not hits:
            return []
        cache: dict[int, list[Span]] = {}
        out: list[RuleMatch] = []
        for rule in self.rules.rules:
            out.extend(self._rule_matches(rule, norm, hits, cache, keep_suppressed))
        return out

    def _rule_matches(
        self,
        rule: Rule,
        norm: str,
        hits: Hits,
        cache: dict[int, list[Span]],
        keep_suppressed: bool,
    ) -> list[RuleMatch]:
        found: list[RuleMatch] = []
        for pattern in rule.patterns:
            for span, near in self._pattern_matches(pattern, norm, hits, cache):
                found.append(RuleMatch(rule, span[0], span[1], pattern.phrase.source, near))
        if not found:
            return []
        excluded: list[tuple[Span, str]] = [
            (span, ex.phrase.source)
            for ex in rule.exclusions
            for span, _ in self._pattern_matches(ex, norm, hits, cache)
        ]
        kept: list[RuleMatch] = []
        for match in found:
            by = next((src for (s, e), src in excluded if s < match.end and match.start < e), None)
            if by is None:
                kept.append(match)
            elif keep_suppressed:
                kept.append(RuleMatch(rule, match.start, match.end, match.pattern, match.near, by))
        return _merge(kept)


def _merge(matches: list[RuleMatch]) -> list[RuleMatch]:
    """Overlapping matches of one rule become one (the union); suppressed ones are kept apart."""
    matches.sort(key=lambda m: (m.suppressed_by is not None, m.start, -m.end))
    out: list[RuleMatch] = []
    for m in matches:
        prev = out[-1] if out else None
        if (
            prev is not None
            and m.suppressed_by is None
            and prev.suppressed_by is None
            and m.start < prev.end
        ):
            if m.end > prev.end:
                out[-1] = RuleMatch(prev.rule, prev.start, m.end, prev.pattern, prev.near)
            continue
        out.append(m)
    return out
