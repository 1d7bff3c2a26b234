"""The text a figure is read from: tokens with their facts, person duals, illness nearby."""

from __future__ import annotations

from mediamon.analysis.figure_text import FigureText
from mediamon.analysis.figure_tokens import tokenize
from mediamon.analysis.normalize import PreparedText


def figure_text(text: str) -> FigureText:
    """All of ``text`` as one window of figure tokens."""
    prepared = PreparedText.of(text)
    return FigureText(prepared, tokenize(prepared, [(0, len(prepared.norm))]))


def index(text: FigureText, word: str) -> int:
    """The index of the first token that is ``word`` (normalised as the text is)."""
    return text.words.index(PreparedText.of(word).norm)


def test_tokens_and_facts_line_up() -> None:
    text = figure_text("قتل 3 أشخاص. وأصيب آخرون")
    assert text.n == len(text.words) == len(text.f) == len(text.breaks) == 5
    assert text.breaks[index(text, "وأصيب")] == 2
    assert text.f[index(text, "3")].numberish


def test_heads_are_the_count_nouns_in_order() -> None:
    text = figure_text("بلغ عدد القتلى 5 ثم ارتفعت الحصيلة إلى 9")
    assert text.heads() == [index(text, "عدد"), index(text, "الحصيلة")]


def test_a_vowelled_dual_is_a_dual_and_the_bare_spelling_is_not() -> None:
    vowelled = figure_text("إصابة مدنيَّين")
    bare = figure_text("إصابة مدنيين")
    assert vowelled.dual_at(1)
    assert not bare.dual_at(1)


def test_an_illness_after_the_figure_is_seen_only_in_its_sentence() -> None:
    near = figure_text("سجلت 40 إصابة بفيروس كورونا")
    apart = figure_text("أصيب 40 شخصاً في الحادث. كورونا")
    assert near.is_disease(1, 3)
    assert not apart.is_disease(1, 3)


def test_an_illness_opening_the_next_sentence_is_not_the_figures() -> None:
    text = figure_text("أصيب 40 شخصاً. كورونا تنتشر")
    assert not text.is_disease(0, 3)
