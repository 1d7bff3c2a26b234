"""Casualty figures: who was killed, injured, displaced or evacuated, how many, and how sure the text is.

A figure is an *amount* (digits, number words, a dual noun, or a vague word such as مئات) with a
*trigger* that says what happened: before it (مقتل 32 شخصا، ارتفع عدد القتلى إلى 49، نزوح أكثر من
ألفي مدني), right after it (32 قتيلا، 10 جرحى) or after its noun (32 شخصا قتلوا). A figure joined by
"و" or "بالإضافة إلى" to the one before takes its kind. One person with no number counts one: a
verbal noun or verb with a singular person noun (وفاة مواطن، إن رجلاً لقي حتفه، قتل مسلحون موظفاً)
or a singular casualty noun (قتيل و4 جرحى، سقط شرطي قتيلاً). A number with the article counts only as
the adjective of a definite noun (القتلى الستة). Units, dates and disease words rule a figure out (24
ساعة، عام 2020، إصابات كورونا). Spans are reported in the original text.

This module is the public face: ``casualty_data`` and ``find_casualties``. The reading is done by
``analysis.figure_finder`` over the tokens of ``analysis.figure_tokens``, with the facts of each word
worked out once per distinct word (``analysis.figure_words``).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TypedDict

from mediamon.analysis.figure_finder import Finder
from mediamon.analysis.figure_text import FigureText
from mediamon.analysis.figure_tokens import tokenize, trigger_hits, unbracket_counts, windows
from mediamon.analysis.figures_lexicon import Kind
from mediamon.analysis.normalize import PreparedText
from mediamon.schema import Casualty, Qualifier


class CasualtyData(TypedDict):
    """A ``Casualty`` as plain data (the engine validates all of an analysis at once)."""

    kind: Kind
    count: int | None
    qualifier: Qualifier
    text: str
    start: int
    end: int


def casualty_data(prepared: PreparedText, start: int = 0) -> list[CasualtyData]:
    """Casualty figures of a text, in order, with spans into the original text, as plain data.

    ``start``: a normalised offset that begins a sentence; the figures before it are not read."""
    hits = trigger_hits(prepared.words)
    if start and hits:
        hits = hits[bisect_left(hits, start) :]
    if not hits:
        return []
    tokens = tokenize(prepared, windows(prepared.words, hits))
    if "(" in prepared.norm:
        unbracket_counts(prepared.norm, tokens)  # وإصابة (18) آخرين
    figures = Finder(FigureText(prepared, tokens)).run()
    if not figures:
        return []
    starts, ends, original = tokens.starts, tokens.ends, prepared.original
    spans = prepared.original_spans([(starts[f.first], ends[f.end - 1]) for f in figures])
    return [
        {"kind": f.kind, "count": f.number, "qualifier": f.qualifier, "text": original[s:e], "start": s, "end": e}
        for f, (s, e) in zip(figures, spans, strict=True)
    ]


def find_casualties(prepared: PreparedText) -> list[Casualty]:
    """Casualty figures of a text, in order, with spans into the original text."""
    return [Casualty.model_validate(data) for data in casualty_data(prepared)]
