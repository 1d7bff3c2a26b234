"""Clauses of a lede that recall another event: "..., two days after 14 miners died in a similar collapse in River
Nile state", "..., the second deadly flood in days after nine died in Hajjah".

Reports of a second mine collapse, flood or shipwreck often say so in their first sentence, and name the earlier
event's place and toll there. Taken as facts of the report, they make it share the earlier story's place and
figure (blind set 7: 0.58 between two collapses in two Sudanese states). The clause is marked by a word that says
the event is another one of its kind: مماثل (similar), ثاني/ثالث حادث (the second, third incident), من نوعه (of
its kind). Its places, figures and words are left out of the lede's facts and of the shingles.

Since blind set 8 a lapse of days or hours before an indefinite noun marks one too: "..., بعد يوم من غارة على منزل
في كفر رمان", "بعد يومين من حادث المخا", "بعد يوم من جولة مفاوضات في الدوحة". A report that recalls its own event
that way names it as known: with the article or a pronoun (بعد يوم من الحريق، بعد ساعات من إعلانها، بعد يومين من
المشاورات في القاهرة), or by its onset (بعد يوم من اندلاع الاشتباكات); those are not marks.
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
# A lapse before the recalled event's noun, which is indefinite (no article, no pronoun) and no onset word.
_GAP_RE = re.compile(
    r"(?<![^\W_])(?:بعد|عقب)\s+(?:(?:نحو|قرابة)\s+)?"
    r"(?:يوم|يومين|أيام|ايام|أسبوع|اسبوع|أسبوعين|اسبوعين|ساعات|\d+\s+(?:أيام|ايام|ساعات|يوما|يوماً))"
    r"(?:\s+(?:واحد|فقط))*\s+(?:من|على)\s+(?!ال)(?!(?:بدء|بداية|اندلاع|انطلاق|وقوع|إعلان|اعلان|سريان)(?![^\W_]))"
    r"[^\W\d_]+(?<![هة]ا)(?<![هة]م)(?<![هة]ما)(?<!ه)(?![^\W_])"
)
# One of these is in every text the pattern matches: the pattern runs only on those (most ledes have none).
_MARK_WORDS = ("مماثل", "ثاني", "ثالث", "رابع", "نوع")
_GAP_WORDS = ("بعد", "عقب")
# Where a clause ends: a comma, a semicolon, a sentence end or a line break.
_CLAUSE_END_RE = re.compile(r"[،,؛;.!?؟\n]")
# The word that opens the recalled event inside a clause: "..., بعد يومين فقط من مقتل 14 ...".
_AFTER_RE = re.compile(r"(?<![^\W_])(?:بعد|عقب|إثر|اثر)(?![^\W_])")


def recalled_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` that recall another event: from the last بعد/عقب/إثر of the clause before a mark
    (else from the mark; from a lapse's بعد) to the end of the clause. In order, not overlapping."""
    spans: list[tuple[int, int]] = []
    marks = list(_MARK_RE.finditer(text)) if any(word in text for word in _MARK_WORDS) else []
    if any(word in text for word in _GAP_WORDS):
        marks = sorted(marks + list(_GAP_RE.finditer(text)), key=lambda mark: mark.start())
    for mark in marks:
        if spans and mark.start() < spans[-1][1]:
            continue
        clause_start = 0
        for end in _CLAUSE_END_RE.finditer(text, 0, mark.start()):
            clause_start = end.end()
        start = mark.start()
        if mark.re is _MARK_RE:  # a lapse opens its clause itself
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
