"""Clauses of a lede that recall another event: "..., two days after 14 miners died in a similar collapse in River
Nile state", "..., the second deadly flood in days after nine died in Hajjah".

Reports of a second mine collapse, flood or shipwreck often say so in their first sentence, and name the earlier
event's place and toll there. Taken as facts of the report, they make it share the earlier story's place and
figure (blind set 7: 0.58 between two collapses in two Sudanese states). The clause is marked by a word that says
the event is another one of its kind: مماثل (similar), ثاني/ثالث حادث (the second, third incident), من نوعه (of
its kind). Its places, figures and words are left out of the lede's facts and of the shingles.
"""

from __future__ import annotations

import re

# Raw text (not normalised, so that offsets hold): ة or ه, with or without hamza seats.
_MARK_RE = re.compile(
    r"(?<![^\W_])(?:"
    r"[وب]?مماثل(?:[ةه]|ين|تين)?"
    r"|(?:ال)?(?:ثاني|ثالث|رابع)(?:[ةه])?\s+(?:حادث|حادثة|حادثه|كارثة|كارثه|واقعة|واقعه|مأساة|ماساه)"
    r"|من\s+نوع(?:ه|ها)"
    r")(?![^\W_])"
)
# One of these is in every text the pattern matches: the pattern runs only on those (most ledes have none).
_MARK_WORDS = ("مماثل", "ثاني", "ثالث", "رابع", "نوع")
# Where a clause ends: a comma, a semicolon, a sentence end or a line break.
_CLAUSE_END_RE = re.compile(r"[،,؛;.!?؟\n]")
# The word that opens the recalled event inside a clause: "..., بعد يومين فقط من مقتل 14 ...".
_AFTER_RE = re.compile(r"(?<![^\W_])(?:بعد|عقب|إثر|اثر)(?![^\W_])")


def recalled_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` that recall another event: from the last بعد/عقب/إثر of the clause before a mark
    (else from the mark) to the end of the clause. In order, not overlapping."""
    spans: list[tuple[int, int]] = []
    if not any(word in text for word in _MARK_WORDS):
        return spans
    for mark in _MARK_RE.finditer(text):
        if spans and mark.start() < spans[-1][1]:
            continue
        clause_start = 0
        for end in _CLAUSE_END_RE.finditer(text, 0, mark.start()):
            clause_start = end.end()
        start = mark.start()
        for after in _AFTER_RE.finditer(text, clause_start, mark.start()):
            start = after.start()
        stop = _CLAUSE_END_RE.search(text, mark.end())
        spans.append((start, stop.start() if stop else len(text)))
    return spans


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the ``spans`` replaced by spaces (offsets unchanged)."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def within(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)
