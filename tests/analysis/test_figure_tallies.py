"""A bare toll (حصيلة with no casualty noun): the killed of a deadly event, and tolls of other things."""

from __future__ import annotations

import pytest

from mediamon.analysis.figure_tallies import bare_tally
from mediamon.analysis.figures import find_casualties
from mediamon.analysis.normalize import PreparedText
from tests.analysis.test_figure_text import figure_text, index


def figures(text: str) -> list[tuple[str, int | None, str]]:
    return [(c.kind, c.count, c.qualifier) for c in find_casualties(PreparedText.of(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ارتفعت حصيلة الزلزال إلى 300", [("killed", 300, "exact")]),
        ("ارتفعت حصيلة الهزة العنيفة التي ضربت الساحل إلى 41", [("killed", 41, "exact")]),
        ("وتجاوزت حصيلة السيول في القرى الجنوبية 75", [("killed", 75, "more_than")]),
        ("تخطت حصيلة الغارات على الحي 90", [("killed", 90, "more_than")]),
        ("وارتفعت الحصيلة إلى 12 إثر اصطدام حافلة بشاحنة", [("killed", 12, "exact")]),
        ("ارتفعت الحصيلة إلى 40 بعد مقتل جندي متأثراً بجروحه", [("killed", 40, "exact"), ("killed", 1, "exact")]),
        ("وارتفعت الحصيلة إلى 45 قتيلاً", [("killed", 45, "exact")]),  # the noun says it
    ],
)
def test_bare_tolls_of_deadly_events(text: str, expected: list[tuple[str, int | None, str]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ارتفعت الحصيلة إلى 40",  # no event named
        "ارتفعت حصيلة الإصابات بكورونا إلى 300",  # disease
        "ارتفعت حصيلة كورونا في البلاد إلى 300",
        "ارتفعت حصيلة الصادرات بعد الحرب إلى 300",  # economy, a war near
        "بلغت حصيلة الإيرادات 300 مليون دولار رغم الفيضانات",
        "ارتفعت حصيلة الموسم إلى 40 بعد هجوم ناجح",  # sports
        "بلغت حصيلة النقاط 45 نقطة بعد المعركة الكروية",
        "ارتفعت حصيلة الاعتقالات خلال المواجهات إلى 300",
        "ارتفعت حصيلة الزلزال. ووصل عدد الزوار إلى 300",  # another sentence
    ],
)
def test_no_killed_toll(text: str) -> None:
    assert figures(text) == []


def test_bare_tally_gives_the_toll_word() -> None:
    t = figure_text("ارتفعت حصيلة انفجار المرفأ إلى 73")
    assert bare_tally(t, index(t, "حصيلة"), index(t, "إلى")) == ("killed", index(t, "حصيلة"))
    assert bare_tally(t, index(t, "انفجار"), index(t, "إلى")) is None


def test_a_toll_of_a_casualty_word_is_left_to_its_noun() -> None:
    t = figure_text("ارتفعت حصيلة النزوح بسبب القصف إلى 300")
    assert bare_tally(t, index(t, "حصيلة"), index(t, "إلى")) is None


def test_a_toll_of_the_missing_is_missing_not_killed() -> None:
    assert figures("ارتفعت حصيلة المفقودين في الزلزال إلى 50") == [("missing", 50, "exact")]
