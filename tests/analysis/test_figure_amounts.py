"""The amount a figure counts: numbers, duals, singular casualty nouns, and what is no head count."""

from __future__ import annotations

import pytest

from mediamon.analysis.figure_amounts import amount, case_kind, not_a_head_count
from tests.analysis.test_figure_text import figure_text, index


@pytest.mark.parametrize(
    ("text", "word", "value", "size"),
    [
        ("قتل 32 شخصا", "32", 32, 1),
        ("قتل ثلاثة آلاف شخص", "ثلاثة", 3000, 2),
        ("نزح مئات السكان", "مئات", None, 1),
        ("أصيب جنديين", "جنديين", 2, 1),
    ],
)
def test_amounts_and_their_extent(text: str, word: str, value: int | None, size: int) -> None:
    t = figure_text(text)
    i = index(t, word)
    found = amount(t, i)
    assert found is not None
    assert (found.value, found.end - found.first) == (value, size)


def test_a_noun_before_one_belongs_to_the_amount() -> None:
    t = figure_text("قتل مدنيين اثنين")
    found = amount(t, index(t, "اثنين"))
    assert found is not None
    assert (found.value, found.first) == (2, index(t, "مدنيين"))


def test_a_singular_casualty_noun_counts_one_of_its_kind() -> None:
    t = figure_text("سقط قتيل في الحادث")
    found = amount(t, index(t, "قتيل"))
    assert found is not None
    assert (found.value, found.kind) == (1, "killed")


@pytest.mark.parametrize(("text", "word"), [("بين قتيل وجريح", "قتيل"), ("لكل قتيل تعويض", "قتيل")])
def test_no_single_after_between_or_each(text: str, word: str) -> None:
    t = figure_text(text)
    assert amount(t, index(t, word)) is None


def test_an_articled_number_needs_a_definite_noun_before() -> None:
    adjective = figure_text("قتل الجنود الستة")
    days = figure_text("خلال الأيام الثلاثة")
    assert amount(adjective, index(adjective, "الستة")) is not None
    assert amount(days, index(days, "الثلاثة")) is None


@pytest.mark.parametrize(
    ("text", "word", "ruled_out"),
    [
        ("قتل 24 ساعة", "24", True),
        ("في عام 2020 قتل", "2020", True),
        # the year of a date, before a verb in the dual or after قد: not its subject
        ("انفجاران في تشرين الأول 2022 قد قتلا", "2022", True),
        ("هجوم في أكتوبر 2017 قد قتل", "2017", True),
        ("قتل في مارس 300 شخص", "300", False),
        ("قتل 24 شخصا", "24", False),
        ("سجلت 7 حالات وفاة", "7", False),
    ],
)
def test_not_a_head_count(text: str, word: str, ruled_out: bool) -> None:
    t = figure_text(text)
    found = amount(t, index(t, word))
    assert found is not None
    assert not_a_head_count(t, found) is ruled_out


@pytest.mark.parametrize(
    ("text", "kind"),
    [("7 حالات وفاة", "killed"), ("30 حالة إصابة", "injured"), ("30 حالة إصابة جديدة", None), ("7 حالات تسمم", None)],
)
def test_case_kind(text: str, kind: str | None) -> None:
    t = figure_text(text)
    assert case_kind(t, 1) == kind


@pytest.mark.parametrize(("text", "word"), [("يضم 3 أقسام", "3"), ("أنقاض 4 مبان", "4"), ("دمرت 12 منزلا", "12")])
def test_parts_of_buildings_and_property_are_no_head_count(text: str, word: str) -> None:
    t = figure_text(text)
    found = amount(t, index(t, word))
    assert found is not None
    assert not_a_head_count(t, found)
