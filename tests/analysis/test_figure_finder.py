"""The finder: amounts, triggers and qualifiers put together; joined kinds; inherited kinds."""

from __future__ import annotations

import pytest

from mediamon.analysis.figure_finder import Finder, counted_noun_end, joined
from mediamon.analysis.figure_text import Figure
from tests.analysis.test_figure_text import figure_text, index


def run(text: str) -> list[tuple[str, int | None, str]]:
    return [(f.kind, f.number, f.qualifier) for f in Finder(figure_text(text)).run()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قتل 5 جنود وأصيب 3 آخرون", [("killed", 5, "exact"), ("injured", 3, "exact")]),
        ("سقط 12 قتيلا و40 جريحا", [("killed", 12, "exact"), ("injured", 40, "exact")]),
        ("مقتل 3 أشخاص و4 آخرين", [("killed", 3, "exact"), ("killed", 4, "exact")]),  # inherited
        ("مقتل وإصابة 12 شخصا", [("killed_or_injured", 12, "exact")]),  # joined
        ("عشرات القتلى والجرحى", [("killed_or_injured", None, "vague")]),
        ("مقتل 3 أشخاص. و4 آخرين", [("killed", 3, "exact")]),  # no inheriting across sentences
        ("عودة 300 عائلة نازحة إلى قراها", []),  # the end of a displacement
        ("قتل 30 شخصا على الأقل", [("killed", 30, "at_least")]),
    ],
)
def test_run(text: str, expected: list[tuple[str, int | None, str]]) -> None:
    assert run(text) == expected


def test_joined_keeps_one_figure_of_one_kind() -> None:
    t = figure_text("مقتل 12 شخصا")
    figure = Figure("killed", 12, "exact", 0, 3)
    assert joined(t, figure) == (figure,)


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [("قتل 32 شخصا", 2, 3), ("قتل 23 من أعضائها", 2, 4), ("مقتل العشرات وفقدان الآلاف", 2, 2), ("قتل 32، شخصا", 2, 2)],
)
def test_counted_noun_end(text: str, end: int, expected: int) -> None:
    assert counted_noun_end(figure_text(text), end) == expected


def test_spans_cover_qualifier_and_noun() -> None:
    t = figure_text("قتل أكثر من 30 شخصا")
    (figure,) = Finder(t).run()
    assert (figure.first, figure.end) == (index(t, "قتل"), index(t, "شخصا") + 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وصل عدد المعتقلين بعد مقتل جندي إلى 40", [("killed", 1, "exact")]),
        ("رفع مقتل جندي الحصيلة إلى 40", [("killed", 1, "exact"), ("killed", 40, "exact")]),
        ("ونقلت الجثث إلى المستشفى الذي يضم 3 أقسام", []),
        ("مقتل 3 جنود إلى جانب 4 مدنيين", [("killed", 3, "exact"), ("killed", 4, "exact")]),
    ],
)
def test_counts_after_a_figure_of_one_or_a_distant_noun(text: str, expected: list[tuple[str, int | None, str]]) -> None:
    assert run(text) == expected


def test_a_lone_preposition_passes_no_kind_on() -> None:
    t = figure_text("مقتل جندي إلى 40")
    finder = Finder(t)
    finder.last = Figure("killed", 1, "exact", 0, 2)
    assert finder.inherited(index(t, "40")) is None


def test_a_count_right_after_a_figure_takes_its_kind_only_with_waw() -> None:
    joined = figure_text("مقتل جندي وثلاثة مدنيين")
    finder = Finder(joined)
    finder.last = Figure("killed", 1, "exact", 0, 2)
    assert finder.inherited(index(joined, "وثلاثة")) == "killed"
    bare = figure_text("وفاة خمسة من أفراد أسرة واحدة")
    finder = Finder(bare)
    finder.last = Figure("killed", 5, "exact", 0, 4)
    assert finder.inherited(index(bare, "أسرة")) is None
