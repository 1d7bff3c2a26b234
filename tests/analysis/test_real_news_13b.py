"""Real-news classes of the issue 13 second round, on sentences written for these tests: thousands with
several dots, animals killed by hunters, a risen toll told before the old one, a stabbed policeman, an
injured crew with no number, a count far after its verb."""

from __future__ import annotations

import pytest

from mediamon.analysis.engine import analyze

Figure = tuple[str, int | None, str]


def facts(text: str) -> list[Figure]:
    return [(c.kind, c.count, c.qualifier) for c in analyze("t", "", text).casualties]


def fired(text: str) -> set[str]:
    return {alert.rule for alert in analyze("t", "", text).alerts}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قدرت المفوضية عدد النازحين داخل البلاد بنحو 1.850.000 شخص", [("displaced", 1850000, "about")]),
        ("وبلغت حصيلة القتلى منذ بدء الحرب 2.104.000 قتيل وفق المنظمة", [("killed", 2104000, "exact")]),
        ("أصيب 12.400 شخص بجروح في الزلزال", [("injured", 12400, "exact")]),
    ],
)
def test_thousands_with_several_dots_are_one_count(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


def test_several_dots_that_are_no_thousands_give_no_count() -> None:
    assert facts("قتل 1.23.4 في الهجوم") != [("killed", 1234, "exact")]


@pytest.mark.parametrize(
    "text",
    [
        "قتل صيادون غير شرعيين 4 من وحيد القرن في محمية على الحدود",
        "قتل قرويون 9 ذئاب كانت تهاجم قطعانهم ليلا",
        "قتل صيادون 6 من الغزلان النادرة في البادية",
        "قتل رعاة 3 ضباع اقتربت من الحظائر",
    ],
)
def test_animals_killed_by_hunters_are_no_casualties(text: str) -> None:
    assert facts(text) == []
    assert "casualties" not in fired(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قتل مسلحون 4 رعاة قرب الوادي", [("killed", 4, "exact")]),
        ("قتل صيادون في قصف استهدف مركبهم قبالة الساحل", []),  # no count: the alert only
        ("قتل 5 من الصيادين في انفجار لغم بحري", [("killed", 5, "exact")]),
    ],
)
def test_people_killed_near_the_animal_words_still_count(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected
    assert "casualties" in fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "ارتفعت حصيلة ضحايا انهيار المنجم إلى 38 قتيلا. وكانت حصيلة سابقة قد تحدثت عن مقتل 22 عاملا.",
        "ارتفع عدد قتلى الفيضانات إلى 71 شخصا. وكانت السلطات قد أعلنت أمس مقتل 45 شخصا.",
    ],
)
def test_an_earlier_toll_told_in_the_next_sentence_is_dropped(text: str) -> None:
    [fact] = facts(text)
    assert fact[1] in (38, 71)


@pytest.mark.parametrize(
    "text",
    [
        # no rise: two tolls
        "قتل 38 عاملا في انهيار المنجم. وكانت حصيلة سابقة قد تحدثت عن مقتل 22 عاملا في منجم آخر.",
        # a rise, but the next sentence tells another, past event with no word of an earlier report
        "ارتفع عدد القتلى إلى 71 شخصا. وكان 45 شخصا قد قتلوا في فيضانات مماثلة عام 2015.",
    ],
)
def test_a_lower_toll_in_the_next_sentence_stays_without_rise_and_earlier_report(text: str) -> None:
    assert len(facts(text)) == 2
