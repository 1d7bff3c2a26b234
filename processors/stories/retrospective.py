"""Anniversary and retrospective pieces: an article about an old event (ذكرى، عامان على) is not a report of
a current one, even when it names the same places on the same day."""

from __future__ import annotations

import re

from mediamon.analysis.normalize import normalize

# On normalised text (ى→ي، ة→ه، أ→ا). "الذكرى الخامسة"، "في ذكرى"، "عامان على"، "خمس سنوات على"، "مرور عام".
_RETROSPECTIVE_RE = re.compile(
    r"(?<![^\W_])(?:[وبلف]|وب|ول|في\s)?(?:ال)?ذكري(?![^\W_])"
    r"|(?<![^\W_])(?:عام|عامين|عامان|اعوام|سنه|سنتين|سنتان|سنوات|عقد|عقدين|عقود)\s+(?:علي|منذ)(?![^\W_])(?!\s+الاقل)"
    r"|(?<![^\W_])مرور\s+(?:عام|عامين|سنه|سنتين|\d+\s+(?:عاما|سنوات|اعوام|سنه))"
)


_SENTENCE_END_RE = re.compile(r"[.!?؟\n]")


def first_sentence(text: str) -> str:
    return _SENTENCE_END_RE.split(text.strip(), maxsplit=1)[0]


def is_retrospective(title: str, text: str) -> bool:
    """Whether the title or the first sentence marks the article as an anniversary or a look back.

    Only there: a current report may mention an anniversary further down ("the quake came on the day of
    the great earthquake's anniversary") and is still a current report."""
    return _RETROSPECTIVE_RE.search(normalize(title + "\n" + first_sentence(text))) is not None
