"""Normalisation of Arabic text for matching, with a map back to the original offsets.

Every step either deletes a character or replaces it with exactly one character, so a position in
the normalised text maps back to the original by counting deletions before it. The work is done at C
speed: one regex ``split`` removes the deleted characters (and gives their positions), one
``str.replace`` per frequent character replaces; the offset map is answered with ``bisect``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate

from mediamon.analysis.tokens import Words

# Characters removed: harakat and Quranic marks, superscript alef, tatweel, zero-width and bidi controls.
_DELETE = (
    [chr(c) for c in range(0x064B, 0x0660)]  # fathatan .. wavy hamza below (harakat, shadda, sukun)
    + ["\u0670", "\u0640", "\u00ad", "\u061c", "\ufeff"]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E5)]
    + ["\u06e7", "\u06e8"]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
    + [chr(c) for c in range(0x200B, 0x2010)]  # ZWSP, ZWNJ, ZWJ, LRM, RLM
    + [chr(c) for c in range(0x202A, 0x202F)]  # LRE .. RLO
    + [chr(c) for c in range(0x2066, 0x206A)]  # LRI .. PDI
)

_REPLACE: dict[str, str] = {
    # Alef forms and hamza seats.
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "و", "ئ": "ي",
    # Final forms written either way.
    "ى": "ي", "ة": "ه",
    # Persian/Urdu letter shapes that Arabic text sometimes carries from the keyboard.
    "ی": "ي", "ک": "ك", "ھ": "ه", "ۀ": "ه",
    # Arabic punctuation that has a plain counterpart; the decimal separator becomes a dot.
    "٫": ".", "؟": "?", "؛": ";",
    # Unusual spaces become a plain space.
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u3000": " ", "\t": " ",
}
for _i in range(10):
    _REPLACE[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _REPLACE[chr(0x06F0 + _i)] = str(_i)  # Persian (Extended Arabic-Indic) digits

_TABLE: dict[int, str | None] = {ord(c): None for c in _DELETE}
_TABLE.update({ord(k): v for k, v in _REPLACE.items()})
"""The whole first stage as one ``str.translate`` table (reference; ``_stage`` is the fast equivalent)."""

_FREQUENT = "ةأإىئآؤ"  # in nearly every Arabic text: always replaced
_REPLACEMENTS = tuple((old, new) for old, new in _REPLACE.items() if old in _FREQUENT)
_RARE_REPLACEMENTS = tuple((old, new) for old, new in _REPLACE.items() if old not in _FREQUENT)
_RARE_RE = re.compile("[" + "".join(re.escape(old) for old, _ in _RARE_REPLACEMENTS) + "]")
_DELETE_RE = re.compile("[" + "".join(re.escape(c) for c in _DELETE) + "]")


def _char_class(chars: list[str]) -> str:
    """A regex class of ``chars`` (sorted code points), as ranges."""
    ranges: list[list[int]] = []
    for code in sorted({ord(c) for c in chars}):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


# A rare replacement or a character that lower case changes (any astral one counts as such): Arabic
# text usually has none, and then one scan saves the rare replacements and the lower-casing.
_RARE_OR_CASED_RE = re.compile(
    "["
    + _char_class([old for old, _ in _RARE_REPLACEMENTS] + [c for c in map(chr, range(0x10000)) if c.lower() != c])
    + "\U00010000-\U0010ffff]"
)
# A thousands separator: between a digit and exactly three digits (1,200 / 1٬200 / 12'000).
# (The separator comes first in the pattern so that the regex engine scans for it quickly.)
_SEPARATORS = ",٬'’"  # (``_has_separator`` spells them out)
_THOUSANDS_RE = re.compile(rf"[{_SEPARATORS}](?<=\d[{_SEPARATORS}])(?=\d{{3}}(?!\d))")


def _delete(text: str) -> tuple[str, list[int]]:
    """The text without the deleted characters, and for each deleted character how many kept ones
    precede it (one regex ``split``: the pieces between deletions, their lengths summed)."""
    pieces = _DELETE_RE.split(text)
    if len(pieces) == 1:
        return text, []
    return "".join(pieces), list(accumulate(map(len, pieces[:-1])))


def _translate(text: str) -> str:
    """``text.translate(_TABLE)`` (deletions aside), about ten times faster on Arabic text.

    ``str.translate`` with a dict looks every non-ASCII character up one by one; here each frequent
    character to replace costs one C scan (``str.replace`` returns the string itself when it is
    absent), and the rare ones (digits, Persian letters, punctuation, spaces) one regex scan unless one
    is there. The replacements are one character to one other character that is never replaced or
    deleted itself, so their order, and their order with the deletions, does not matter.
    """
    for old, new in _REPLACEMENTS:
        text = text.replace(old, new)
    if _RARE_RE.search(text):
        for old, new in _RARE_REPLACEMENTS:
            text = text.replace(old, new)
    return text


def _stage(kept: str) -> str:
    """Replacements and lower case of a text whose deleted characters are gone."""
    if not _RARE_OR_CASED_RE.search(kept):  # only the frequent replacements can apply
        for old, new in _REPLACEMENTS:
            kept = kept.replace(old, new)
        return kept
    stage = _translate(kept)
    lowered = stage.lower()
    if len(lowered) == len(stage):
        return lowered
    # A few characters (e.g. 'İ') grow when lower-cased; leave those as they are to keep offsets exact.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in stage)


def _has_separator(stage: str) -> bool:
    # (one C scan per separator; spelled out: a generator over _SEPARATORS costs more than the scans)
    return "," in stage or "٬" in stage or "'" in stage or "’" in stage


def normalize(text: str) -> str:
    """The normalised form used for all matching. Idempotent: ``normalize(normalize(t)) == normalize(t)``."""
    stage = _stage(_delete(text)[0])
    return _THOUSANDS_RE.sub("", stage) if _has_separator(stage) else stage


def _deletion_index(positions: list[int]) -> list[int]:
    # For the i-th deleted position p_i, p_i - i kept characters precede it.
    return [p - i for i, p in enumerate(positions)]


@dataclass(frozen=True)
class PreparedText:
    """An original text, its normalised form and the map from normalised to original offsets."""

    original: str
    norm: str
    _first: list[int] = field(repr=False)  # deletions original -> stage 1
    _second: list[int] = field(repr=False)  # deletions stage 1 -> norm

    @classmethod
    def of(cls, text: str) -> PreparedText:
        kept, first = _delete(text)
        stage = _stage(kept)
        seconds = [m.start() for m in _THOUSANDS_RE.finditer(stage)] if _has_separator(stage) else []
        norm = _THOUSANDS_RE.sub("", stage) if seconds else stage
        return cls(text, norm, first, _deletion_index(seconds))

    @cached_property
    def words(self) -> Words:
        """The words of ``norm`` (split on first use, then shared by the matcher and the figures)."""
        return Words.of(self.norm)

    def _to_original(self, index: int) -> int:
        stage_index = index + bisect_right(self._second, index)
        return stage_index + bisect_right(self._first, stage_index)

    def original_spans(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """``original_span`` of each non-empty normalised ``(start, end)``."""
        first, second = self._first, self._second
        if not first and not second:
            return spans  # nothing was deleted: the offsets are the same
        out = []
        for start, end in spans:
            s = start + bisect_right(second, start)
            e = end - 1 + bisect_right(second, end - 1)
            out.append((s + bisect_right(first, s), e + bisect_right(first, e) + 1))
        return out

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` for a normalised ``[start, end)``; the slice holds the same phrase."""
        if end <= start:
            o = self._to_original(start) if start < len(self.norm) else len(self.original)
            return o, o
        return self._to_original(start), self._to_original(end - 1) + 1
