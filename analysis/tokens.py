"""The words of a normalised text, split once per text and shared by the matcher and the figures.

A word is a run of letters or digits (``str.isalnum``, as ``analysis.morph.WORD_RE``). The text is cut
into separators and words alternating, as the regex ``split`` would: at spaces (``str.split``), a piece
that is one word (``str.isalnum``, or after ``str.strip`` of punctuation) taken as it is and only the
other pieces split by the regex; the offsets come from ``itertools.accumulate`` over the part lengths,
so no Python code runs per word beyond the split. For text in the Basic
Multilingual Plane (all news text) the regex is an explicit character class of every alphanumeric
BMP character, which the regex engine tests with a bitmap instead of a Unicode category lookup.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from operator import itemgetter
from typing import Any, Generic, TypeVar

from mediamon.analysis.morph import WORD_RE

# Sentence breaks for rule phrases (؟ and ؛ are normalised to ? and ;); not the point of a decimal
# number (زلزال بقوة 5.2 درجات، 1.2 مليون طفل), which would cut a sentence in two.
BREAK_RE = re.compile(r"[!?;\n\r]|(?<![0-9])\.|\.(?![0-9])")
_BREAK_CHARS = "!?;\n\r"
_DIGITS = frozenset("0123456789")  # (normalisation turns Eastern Arabic and Persian digits into these)


def break_offsets(norm: str) -> list[int]:
    """``[m.start() for m in BREAK_RE.finditer(norm)]``, several times faster: one C ``find`` per break
    (a text has a few dozen) instead of a regex test per character."""
    found: list[int] = []
    find, append = norm.find, found.append
    for char in _BREAK_CHARS:
        at = find(char)
        while at >= 0:
            append(at)
            at = find(char, at + 1)
    digits, last = _DIGITS, len(norm) - 1
    at = find(".")
    while at >= 0:  # (most points stand before a space or a line break: one test each)
        if at == last or norm[at + 1] not in digits or at == 0 or norm[at - 1] not in digits:
            append(at)
        at = find(".", at + 1)
    found.sort()
    return found


def _bmp_alnum_class() -> str:
    ranges: list[tuple[int, int]] = []
    for code in range(0x10000):
        if chr(code).isalnum():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges
    )


_SPLIT_RE = re.compile(f"({WORD_RE.pattern})")
_SPLIT_BMP_RE = re.compile(f"([{_bmp_alnum_class()}]+)")


def _in_bmp(text: str) -> bool:
    return len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text)


# Punctuation that often sticks to a word (never a letter or digit: ``str.strip`` of these leaves the word).
_PUNCTUATION = ".,:;!?()[]{}\"'«»<>/\\-–—…*\n\r\t\u060c\u061b\u061f\u066a\u066b\u066c\u06d4"


def split_words(text: str) -> list[str]:
    """Separators and words alternating: ``[separator, word, separator, ..., word, separator]``, as
    the regex ``split`` gives them. Most pieces between spaces are one word (``str.isalnum``, C): only the
    others (punctuation, digits with a dot, several spaces) go through the regex, so the regex engine
    does not test every character of the text against its character class."""
    regex = _SPLIT_BMP_RE if _in_bmp(text) else _SPLIT_RE
    pieces = text.split(" ")
    parts: list[str] = []
    append, extend, split = parts.append, parts.extend, regex.split
    sep = ""  # the separator being built, before the next word
    first = True
    for piece in pieces:
        if first:
            first = False
        elif sep:
            sep += " "
        else:
            sep = " "
        if piece.isalnum():
            append(sep)
            append(piece)
            sep = ""
            continue
        core = piece.strip(_PUNCTUATION)
        if core and core.isalnum():  # a word with punctuation around it: النار، (رويترز)
            lead = piece.find(core)
            append(sep + piece[:lead] if sep else piece[:lead])
            append(core)
            sep = piece[lead + len(core) :]
            continue
        found = split(piece)
        if len(found) == 1:
            sep = sep + piece if sep else piece
            continue
        append(sep + found[0] if sep else found[0])
        extend(found[1:-1])
        sep = found[-1]
    append(sep)
    return parts


@dataclass(frozen=True, slots=True)
class Words:
    """The words of ``norm``: ``texts[i] == norm[starts[i]:ends[i]]``.

    ``parts`` alternates separators and words (``parts[2 * i + 1] == texts[i]``; ``parts[2 * i]`` is
    what stands before word ``i``); sentences start at the word indices in ``cuts``.
    """

    norm: str
    parts: list[str]
    texts: list[str]
    starts: list[int]
    ends: list[int]
    breaks: list[int]  # offsets of the sentence breaks (BREAK_RE)
    cuts: list[int]  # word indices right after a sentence break (sorted, may repeat)
    lookup: Callable[[Mapping[str, Any]], Any] = field(compare=False, repr=False)
    """``itemgetter(*texts)``: a memo's values of every word, in one C call (shared by the memos)."""

    @classmethod
    def of(cls, norm: str) -> Words:
        parts = split_words(norm)
        offsets = list(accumulate(map(len, parts), initial=0))  # offsets[k]: where parts[k] starts
        starts = offsets[1:-1:2]
        breaks = break_offsets(norm)
        cuts = [bisect_left(starts, b) for b in breaks]
        texts = parts[1::2]
        lookup = itemgetter(*texts) if len(texts) > 1 else _one_by_one(texts)
        return cls(norm, parts, texts, starts, offsets[2::2], breaks, cuts, lookup)

    def __len__(self) -> int:
        return len(self.texts)

    def sentence(self, i: int) -> tuple[int, int]:
        """The word range ``[lo, hi)`` of the sentence that holds word ``i``."""
        k = bisect_right(self.cuts, i)
        return (self.cuts[k - 1] if k else 0), (self.cuts[k] if k < len(self.cuts) else len(self.texts))

    def inside(self, start: int, end: int) -> tuple[int, int] | None:
        """The word range ``[lo, hi)`` of the words wholly inside ``norm[start:end]``, or None when a
        word is cut by ``start`` or ``end``."""
        lo = bisect_left(self.starts, start)
        hi = bisect_right(self.ends, end)
        if (lo > 0 and self.ends[lo - 1] > start) or (hi < len(self.starts) and self.starts[hi] < end):
            return None
        return lo, hi


T = TypeVar("T")


def _one_by_one(texts: list[str]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """``itemgetter(*texts)`` that also returns a tuple for zero or one word."""
    return lambda memo: tuple(memo[text] for text in texts)


class WordMemo(Generic[T]):
    """A per-word property, computed once per distinct word and then looked up at C speed.

    ``values(words)`` looks a whole word list up with one ``operator.itemgetter`` call (C, faster than
    a ``map`` over the memo's ``__getitem__``); only when a word is new does Python code run (for the
    new words). The memo is bounded: it starts over when it holds ``limit`` words. Safe to share
    between threads (a lookup that loses its word to a concurrent restart computes it again).
    """

    def __init__(self, compute: Callable[[str], T], limit: int = 200_000) -> None:
        self._compute = compute
        self._limit = limit
        self._memo: dict[str, T] = {}

    def learn(self, words: Iterable[str]) -> None:
        memo = self._memo
        if len(memo) > self._limit:
            memo.clear()
        for word in set(words).difference(memo):
            memo[word] = self._compute(word)

    def values_of(self, words: Words) -> tuple[T, ...]:
        """The property of each of a text's words (one lookup with the text's shared ``itemgetter``)."""
        try:
            found: tuple[T, ...] = words.lookup(self._memo)
            return found
        except KeyError:
            return self.values(words.texts)

    def values(self, words: Sequence[str]) -> tuple[T, ...]:
        """The property of each word, in order."""
        if len(words) < 2:
            return tuple(self(word) for word in words)
        memo = self._memo
        get = itemgetter(*words)
        try:
            found: tuple[T, ...] = get(memo)
            return found
        except KeyError:
            self.learn(words)
        try:
            found = get(memo)
            return found
        except KeyError:  # another thread started the memo over in between
            return tuple(self(word) for word in words)

    def __call__(self, word: str) -> T:
        memo = self._memo
        try:
            return memo[word]
        except KeyError:
            pass
        value = self._compute(word)
        if len(memo) > self._limit:
            memo.clear()
        memo[word] = value
        return value
