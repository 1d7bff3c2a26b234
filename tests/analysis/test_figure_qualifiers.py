"""How sure a figure is: qualifier phrases before and after the amount, verbs over "the number of"."""

from __future__ import annotations

import pytest

from mediamon.analysis.figure_qualifiers import (
    qualifier_after,
    qualifier_before,
    qualifier_over_count,
    range_of,
    verb_over_head,
)
from tests.analysis.test_figure_text import figure_text, index


@pytest.mark.parametrize(
    ("text", "qualifier", "words"),
    [
        ("قتل أكثر من 30 شخصا", "more_than", 2),
        ("قتل وأكثر من 30 شخصا", "more_than", 2),
        ("نزح ما لا يقل عن 400 شخص", "at_least", 4),
        ("أجلي نحو 200 ساكن", "about", 1),
        ("قتل 30 شخصا", None, 0),
    ],
)
def test_qualifier_before(text: str, qualifier: str | None, words: int) -> None:
    t = figure_text(text)
    i = next(k for k, w in enumerate(t.words) if w[0].isdigit())
    start, found = qualifier_before(t, i)
    assert (found, i - start) == (qualifier, words)


def test_no_qualifier_before_across_a_comma() -> None:
    t = figure_text("قتل أكثر من، 30 شخصا")
    assert qualifier_before(t, index(t, "30")) == (index(t, "30"), None)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [("تجاوز عدد الضحايا 250", "more_than"), ("ناهزت حصيلة القتلى 100", "about"), ("بلغ عدد الضحايا 250", None)],
)
def test_qualifier_over_count(text: str, qualifier: str | None) -> None:
    t = figure_text(text)
    start, found = qualifier_over_count(t, t.n - 1)
    assert found == qualifier
    assert start == (0 if qualifier else t.n - 1)


@pytest.mark.parametrize(
    ("text", "qualifier", "end"),
    [("قتل 30 شخصا على الأقل", "at_least", 5), ("قتل 30 شخصا تقريبا", "about", 4), ("قتل 30 شخصا أمس", None, 3)],
)
def test_qualifier_after(text: str, qualifier: str | None, end: int) -> None:
    t = figure_text(text)
    assert qualifier_after(t, 3) == (end, qualifier)


def test_no_qualifier_after_in_the_next_sentence() -> None:
    t = figure_text("قتل 30 شخصا في الحادث. على الأقل")
    assert qualifier_after(t, 3) == (3, None)


def test_verb_over_head() -> None:
    t = figure_text("تجاوز عدد النازحين من القرى 3 آلاف")
    assert verb_over_head(t, index(t, "النازحين")) == (0, "more_than")
    plain = figure_text("بلغ عدد النازحين من القرى 3 آلاف")
    assert verb_over_head(plain, index(plain, "النازحين")) == (index(plain, "النازحين"), None)


def test_verb_over_a_bare_toll() -> None:
    t = figure_text("وتجاوزت حصيلة الفيضانات في الأقاليم الشرقية 140")
    assert verb_over_head(t, index(t, "حصيلة")) == (0, "more_than")


@pytest.mark.parametrize(
    ("text", "at", "start", "end"),
    [
        ("سقوط ما بين 20 و30 قتيلا", "20", "ما", "قتيلا"),
        ("مقتل بين عشرين وثلاثين شخصا", "عشرين", "بين", "شخصا"),
        ("مقتل ما بين 20 إلى 30 شخصا", "20", "ما", "شخصا"),
    ],
)
def test_range_of(text: str, at: str, start: str, end: str) -> None:
    t = figure_text(text)
    i = index(t, at)
    size = 1
    assert range_of(t, i, i + size) == (index(t, start), index(t, end))


@pytest.mark.parametrize(("text", "at"), [("مقتل 20 و30 جريحا", "20"), ("بين 20 قتيلا", "20"), ("بين 3 وقادة", "3")])
def test_no_range(text: str, at: str) -> None:
    t = figure_text(text)
    i = index(t, at)
    assert range_of(t, i, i + 1) is None
