"""Tokens and clitics of normalised Arabic text (see ``analysis.normalize``).

Arabic glues conjunctions (و ف), prepositions (ب ل ك) and the article (ال) to the front of a word:
والهدنة، بالهدنة، لوقف، وللقتلى. Matching compares a word's *stem candidates* with rule terms, and
the matcher checks that whatever precedes a term inside a word is one of ``CLITIC_PREFIXES``.
All strings here are in normalised form (ى→ي، ة→ه، أإآ→ا).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ل", "ك")

ARTICLE = "ال"


def _build_prefixes() -> tuple[str, ...]:
    prefixes: list[str] = []
    for conj in _CONJUNCTIONS:
        for prep in _PREPOSITIONS:
            prefixes.append(conj + prep)
            # ل + ال is written لل (للهدنة); the others keep the article's alef (بالهدنة).
            prefixes.append(conj + ("لل" if prep == "ل" else prep + ARTICLE))
    return tuple(sorted(set(prefixes), key=lambda p: (len(p), p)))


CLITIC_PREFIXES: tuple[str, ...] = _build_prefixes()
"""Every clitic prefix (conjunction, preposition, article and their combinations), shortest first."""

CLITIC_PREFIX_SET: frozenset[str] = frozenset(CLITIC_PREFIXES)
MAX_PREFIX_LEN: int = max(len(p) for p in CLITIC_PREFIXES)

# A word: a run of letters or digits (``\w`` without the underscore).
WORD_RE = re.compile(r"[^\W_]+")

MIN_STEM = 2


def strip_prefixes(token: str) -> list[str]:
    """Candidate stems of a normalised word: the word itself, then each with a clitic prefix removed.

    >>> strip_prefixes("وللقتلي")
    ['وللقتلي', 'للقتلي', 'لقتلي', 'القتلي', 'قتلي']
    """
    seen: dict[str, None] = {token: None}
    for prefix in CLITIC_PREFIXES:
        if not prefix or not token.startswith(prefix) or len(token) - len(prefix) < MIN_STEM:
            continue
        stem = token[len(prefix):]
        if prefix.endswith("لل"):
            seen.setdefault(ARTICLE + stem, None)  # لل = ل + ال: the stem also stands with its article
        seen.setdefault(stem, None)
    return list(seen)


def strip_article(term: str) -> str:
    """A term without a leading article, when enough of it is left (النار → نار, but الي stays)."""
    if term.startswith(ARTICLE) and len(term) - len(ARTICLE) >= MIN_STEM:
        return term[len(ARTICLE):]
    return term


def is_clitic_prefix(text: str) -> bool:
    """Whether ``text`` (what precedes a term inside a word) is a clitic prefix; ``""`` is one."""
    return text in CLITIC_PREFIX_SET


def iter_tokens(norm: str) -> Iterator[tuple[str, int, int]]:
    """Words of a normalised text as ``(word, start, end)`` offsets into ``norm``."""
    for match in WORD_RE.finditer(norm):
        yield match.group(), match.start(), match.end()


def word_bounds(norm: str, start: int, end: int) -> tuple[int, int]:
    """The start and end of the word that contains ``norm[start:end]`` (bounded look-around)."""
    ws = start
    while ws > 0 and norm[ws - 1].isalnum():
        ws -= 1
    we = end
    n = len(norm)
    while we < n and norm[we].isalnum():
        we += 1
    return ws, we


def count_words(norm: str, start: int, end: int) -> int:
    """Number of words wholly or partly inside ``norm[start:end]``."""
    return len(WORD_RE.findall(norm, start, end))
