"""Real-news classes of the issue 13 second round, on sentences written for these tests: thousands with
several dots, animals killed by hunters, a risen toll told before the old one, a stabbed policeman, an
injured crew with no number, a count far after its verb."""

from __future__ import annotations

import pytest

from mediamon.analysis.engine import analyze
from tests.analysis.readings import Figure, facts


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


@pytest.mark.parametrize(
    "text",
    [
        "وجه شاب طعنة سكين إلى جسد شرطي كان ينظم السير عند الدوار",
        "سدد مجهول طعنات في صدر حارس ليلي قبل أن يلوذ بالفرار",
        "تلقى طعنتين بسكين في ظهر عامل خلال شجار في السوق",
    ],
)
def test_a_stab_into_a_body_part_of_one_person_is_one_injured(text: str) -> None:
    assert facts(text) == [("injured", 1, "exact")]


@pytest.mark.parametrize(
    "text",
    [
        "وجه الوزير طعنة في ظهر حلفائه بعد التصويت",  # a betrayal: no person noun after the body part
        "تلقت الحكومة طعنة قوية من المعارضة",
    ],
)
def test_a_stab_as_a_figure_of_speech_is_no_casualty(text: str) -> None:
    assert facts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "انفجرت عبوة بعربة للجيش، وأصيب كذلك طاقم العربة",
        "واصيب كذلك طاقم الدورية بجروح متفاوتة",
        "وأصيب أفراد الحراسة بجروح طفيفة",
    ],
)
def test_a_whole_group_hurt_with_no_number_is_vague(text: str) -> None:
    assert facts(text) == [("injured", None, "vague")]


def test_a_group_with_its_count_is_not_made_vague() -> None:
    assert ("injured", None, "vague") not in facts("وأصيب أفراد الطاقم الأربعة بجروح")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "قتل الجيش خلال حملته على معاقل التنظيم في الصحراء منذ مطلع الصيف أكثر من 636 مسلحا",
            [("killed", 636, "more_than")],
        ),
        (
            "قتلت الشرطة في مداهمات متتالية على مدى ستة أسابيع نحو 45 مهربا",
            [("killed", 45, "about")],
        ),
    ],
)
def test_a_qualified_count_far_after_its_killing_verb(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a new clause between
        "قتل الجيش مسلحين في الهجوم بينما نزح من المنطقة منذ مطلع الصيف أكثر من 600 ساكن",
        # another verb joined by و between: the count is its object
        "قتلت الشرطة مهربا واعتقلت خلال مداهمات على مدى ستة أسابيع نحو 45 مشتبها",
        # no qualifier: too far to tell
        "قتل الجيش خلال حملته على معاقل التنظيم في الصحراء منذ مطلع الصيف 636 مسلحا",
    ],
)
def test_a_far_count_not_taken_by_the_verb(text: str) -> None:
    assert ("killed", 636, "more_than") not in facts(text)
    assert ("killed", 600, "more_than") not in facts(text)
    assert ("killed", 45, "about") not in facts(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("غرق قارب صيد فلقي 6 بحارة حتفهم وفقد 9 آخرون", [("killed", 6, "exact"), ("missing", 9, "exact")]),
        ("وفقد 11 صيادا إثر العاصفة", [("missing", 11, "exact")]),
        ("فقدت 2 من الممرضات في الفيضان", [("missing", 2, "exact")]),
    ],
)
def test_went_missing_with_the_conjunction_and_others(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


def test_others_who_lost_their_jobs_are_not_missing() -> None:
    assert facts("وفقد 30 آخرون وظائفهم بعد إغلاق المصنع") == []
