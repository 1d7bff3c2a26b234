"""Counts far after "the number of <casualty noun>": reached with إلى or a reaching verb."""

from __future__ import annotations

import pytest

from mediamon.analysis.figure_heads import head_far_before
from mediamon.analysis.figure_qualifiers import qualifier_before
from tests.analysis.test_figure_text import figure_text, index


def far_head(text: str) -> tuple[str, str] | None:
    """The kind and casualty noun that "the number of ..." gives the last number of ``text``."""
    t = figure_text(text)
    first = max(k for k, w in enumerate(t.words) if w[0].isdigit())
    qstart, _ = qualifier_before(t, first)
    found = head_far_before(t, qstart, first)
    return None if found is None else (found[0], t.words[found[1]])


@pytest.mark.parametrize(
    ("text", "kind", "noun"),
    [
        ("ارتفع عدد قتلى الانفجار الذي وقع قرب مرفأ المدينة إلى 23", "killed", "قتلي"),
        ("بلغ عدد جرحى الحريق في المصنع القديم 18", "injured", "جرحي"),
        ("ارتفع عدد الذين أصيبوا في التدافع داخل الملعب إلى أكثر من 60", "injured", "اصيبوا"),
        ("ارتفع عدد المفقودين في البحر إلى 23", "missing", "المفقودين"),  # the missing are their own kind
    ],
)
def test_far_heads(text: str, kind: str, noun: str) -> None:
    assert far_head(text) == (kind, noun)


@pytest.mark.parametrize(
    "text",
    [
        "ارتفع عدد المعتقلين في البحر إلى 23",  # the number of something else
        "ارتفع عدد القتلى في المدينة التي يسكنها 23",  # no reaching word before the count
        "ارتفع عدد القتلى في المدينة. وصل إلى 23",  # another sentence
        "ارتفع عدد القتلى لأن 5 من الجرحى توفوا إلى 23",  # a clause and another count between
        # too far (more than FAR_HEAD_GAP = 16 words; 14 words away, blind set 12 found real tolls)
        "ارتفع عدد القتلى في الحادث الذي وقع على الطريق السريع الرابط بين المدينتين الساحليتين في الشمال "
        "في ساعة متأخرة من مساء أمس إلى 23",
    ],
)
def test_no_far_head(text: str) -> None:
    assert far_head(text) is None


def test_the_head_must_be_reached_when_the_count_has_no_reaching_word() -> None:
    t = figure_text("بلغ عدد الذين قتلوا في الهجوم الذي استهدف السوق 12")
    assert head_far_before(t, index(t, "12"), index(t, "12")) is not None
