"""The tokens that casualty figures are read from: stretches of text around trigger words.

A figure token is a run of digits (with an optional decimal part: ``2.5``) or a run of letters; before
each token is its *break*: 2 after a sentence end (``. ! ? ; newline``, and at the start of every
stretch), 1 after a comma-like mark (``، , : ( ) [ ]``), else 0.

The stretches (*windows*) reach ``WINDOW`` characters either side of each trigger word, cut at
sentence ends and at spaces, and merged when they touch. Their tokens are taken from the text's words
(``PreparedText.words``, split once and shared with the rule matcher) with no Python code per token;
only a window where a word mixes digits and letters (``19كوفيد``) or holds a decimal number
(``2.5``), whose tokens differ from the words, is tokenised on its own with ``TOKEN_RE``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import compress

from mediamon.analysis.figure_count_words import TALLY_HEADS
from mediamon.analysis.figures_lexicon import DUAL_CASUALTY_NOUNS, SELF_CASUALTY, STAB_NOUNS, TRIGGERS
from mediamon.analysis.morph import CLITIC_PREFIXES
from mediamon.analysis.normalize import PreparedText
from mediamon.analysis.tokens import WordMemo, Words

TOKEN_RE = re.compile(r"(\d{1,3}(?:\.\d{3}){2,}(?!\d)|\d+(?:\.\d+)?|[^\W\d_]+)|([.!?;\n]+)|([،,:()\[\]]+)")
WINDOW = 120  # characters around a trigger that can hold its figure (amount, noun, qualifiers)

_SENTENCE_END_RE = re.compile(r"[!?;\n]|\.(?!\d)")  # what ``sentence_ends`` finds
_DECIMAL_POINT_RE = re.compile(r"\.\d")
_NEXT = (1).__add__
_STRONG = frozenset(".!?;\n")
_WEAK = frozenset("،,:()[]")


@dataclass(frozen=True, slots=True)
class FigureTokens:
    words: list[str]
    starts: list[int]
    ends: list[int]
    breaks: list[int]  # before each token: 0 none, 1 comma-like, 2 sentence end


def _is_trigger_word(word: str) -> bool:
    """A trigger (or dual casualty noun, or a toll: حصيلة) with nothing or a clitic prefix in front
    (وقتل، بمقتل، والجرحى)."""
    return any(
        word.startswith(prefix) and word[len(prefix) :] in _TRIGGER_WORDS
        for prefix in CLITIC_PREFIXES
        if len(word) > len(prefix)
    )


_TRIGGER_WORDS = frozenset((*TRIGGERS, *DUAL_CASUALTY_NOUNS, *TALLY_HEADS, *SELF_CASUALTY, *STAB_NOUNS))
_TRIGGER_MEMO = WordMemo(_is_trigger_word)


def _separator_break(separator: str) -> int:
    if not _STRONG.isdisjoint(separator):
        return 2
    return 1 if not _WEAK.isdisjoint(separator) else 0


_BREAK_MEMO = WordMemo(_separator_break, limit=20_000)


def trigger_hits(words: Words) -> list[int]:
    """Start offsets of the trigger words of a text."""
    starts = words.starts
    return [starts[i] for i in compress(range(len(words.texts)), _TRIGGER_MEMO.values_of(words))]


def sentence_ends(words: Words) -> list[int]:
    """Offsets right after each sentence end of the text: ``. ! ? ; newline``, but not a decimal point."""
    norm = words.norm
    if "\r" not in norm and not _DECIMAL_POINT_RE.search(norm):  # every break ends a sentence
        return list(map(_NEXT, words.breaks))
    return [
        b + 1
        for b in words.breaks
        if norm[b] != "\r" and not (norm[b] == "." and norm[b + 1 : b + 2].isdecimal())
    ]


def windows(words: Words, hits: list[int]) -> list[tuple[int, int]]:
    """Merged stretches of text around trigger hits, cut at sentence ends and at spaces."""
    norm = words.norm
    ends = sentence_ends(words)
    found: list[tuple[int, int]] = []
    for hit in sorted(hits):
        k = bisect_right(ends, hit)
        sentence_start = ends[k - 1] if k > 0 else 0
        sentence_end = ends[k] if k < len(ends) else len(norm)
        start = max(sentence_start, hit - WINDOW)
        if start > sentence_start:
            space = norm.find(" ", start, hit)
            start = space if space >= 0 else hit
        end = min(sentence_end, hit + WINDOW)
        if end < sentence_end:
            space = norm.rfind(" ", hit, end)
            end = space if space > hit else end
        if found and start <= found[-1][1]:
            found[-1] = (found[-1][0], max(found[-1][1], end))
        else:
            found.append((start, end))
    return found


def _tokenize_window(norm: str, start: int, end: int, out: FigureTokens) -> None:
    pending = 2
    for match in TOKEN_RE.finditer(norm, start, end):
        if match.group(1) is None:
            pending = max(pending, 2 if match.group(2) else 1)
            continue
        out.words.append(match.group(1))
        out.starts.append(match.start())
        out.ends.append(match.end())
        out.breaks.append(pending)
        pending = 0


def _digit_shape(word: str) -> int:
    """0: no digit, 1: all digits, 2: digits and letters (tokenised apart: ``19كوفيد``)."""
    if word.isdecimal():
        return 1
    return 2 if any(c.isdecimal() for c in word) else 0


_SHAPE_MEMO = WordMemo(_digit_shape)


def _same_as_words(words: Words, lo: int, hi: int) -> bool:
    """Whether the figure tokens of words ``lo..hi-1`` are those words (no mixed word, no decimal)."""
    shapes = _SHAPE_MEMO.values(words.texts[lo:hi])
    if 2 in shapes:
        return False
    if 1 in shapes:
        texts, parts = words.texts, words.parts
        for k in compress(range(lo, hi - 1), shapes):
            if parts[2 * k + 2] == "." and texts[k + 1][0].isdecimal():
                return False  # 2.5 is one token
    return True


def tokenize(prepared: PreparedText, spans: list[tuple[int, int]]) -> FigureTokens:
    """Tokens of the given windows of the text; each window starts after a sentence break."""
    words = prepared.words
    out = FigureTokens([], [], [], [])
    for start, end in spans:
        inside = words.inside(start, end)
        if inside is None or not _same_as_words(words, *inside):
            _tokenize_window(prepared.norm, start, end, out)
            continue
        lo, hi = inside
        if lo == hi:
            continue
        out.words.extend(words.texts[lo:hi])
        out.starts.extend(words.starts[lo:hi])
        out.ends.extend(words.ends[lo:hi])
        out.breaks.append(2)
        out.breaks.extend(_BREAK_MEMO.values(words.parts[2 * lo + 2 : 2 * hi : 2]))
    return out


def unbracket_counts(norm: str, out: FigureTokens) -> None:
    """A count in brackets right after its trigger (وإصابة (18) آخرين، قتل (6) أشخاص — the style of some
    official statements) reads as if the brackets were not there: no break on either side of it. Only the
    text's opening brackets are looked at (``str.find``; most texts have few). Applied to the tokens that
    ``tokenize`` gave (which stay those of ``TOKEN_RE``)."""
    words, starts, ends, breaks = out.words, out.starts, out.ends, out.breaks
    n = len(words)
    at = norm.find("(")
    while at >= 0:
        k = bisect_left(starts, at)
        if (
            0 < k < n
            and breaks[k] == 1
            and words[k].isdecimal()
            and _TRIGGER_MEMO(words[k - 1])
            and norm[ends[k - 1] : starts[k]].strip() == "("
        ):
            breaks[k] = 0
            if k + 1 < n and breaks[k + 1] == 1 and norm[ends[k] : starts[k + 1]].strip() == ")":
                breaks[k + 1] = 0
        at = norm.find("(", at + 1)
