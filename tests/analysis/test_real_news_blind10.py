"""Real-news classes of blind set 10, on sentences written for these tests (not the blind set's): a count in
brackets after its trigger (the style of official statements), a death verb confirmed by a verb of the missing
or an injury further on or by a heat or cold wave, a count turned down that leaves no figure in its own words,
«we killed» in a quote, مات, the patients of an illness who died in a fire, tolls that something may or will
cause (places: ``test_places_blind10.py``)."""

from __future__ import annotations

import pytest

from mediamon.analysis.engine import analyze

Figure = tuple[str, int | None, str]


def facts(text: str, title: str = "") -> list[Figure]:
    return [(c.kind, c.count, c.qualifier) for c in analyze("t", title, text).casualties]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أسفر الحادث عن وفاة شخصين وإصابة (7) آخرين بجروح مختلفة.", [("killed", 2, "exact"), ("injured", 7, "exact")]),
        ("نتج عن التصادم وفاة (3) أشخاص وإصابة(12) آخرين.", [("killed", 3, "exact"), ("injured", 12, "exact")]),
        ("قتل (9) من عناصر الأمن في الكمين.", [("killed", 9, "exact")]),
    ],
)
def test_a_count_in_brackets_after_its_trigger(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


def test_a_number_in_brackets_after_a_person_is_no_count() -> None:
    assert facts("أصيب الشاب أحمد (25) بجروح في مشاجرة.") == [("injured", 1, "exact")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # وفقد آخرون: the others went missing, a vague figure of its own (blind set 11)
        ("قضى 17 مهاجراً على الأقل وفقد آخرون قبالة الساحل.", [("killed", 17, "at_least"), ("missing", None, "vague")]),
        ("قضى ستة عمال على الأقل وأصيب ثلاثة آخرون.", [("killed", 6, "at_least"), ("injured", 3, "exact")]),
        ("قضى نحو 40 شخصاً في موجة البرد التي تضرب البلاد.", [("killed", 40, "about")]),
    ],
)
def test_a_death_verb_confirmed_further_on(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text",
    ["قضى الوفد ثلاثة أيام في المدينة.", "قضى آلاف السكان ليلتهم في العراء خوفاً من الهزات."],
)
def test_spending_time_is_still_no_death(text: str) -> None:
    assert facts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "عاد أكثر من 300 ألف نازح إلى منازلهم في الشمال.",
        "شهدت المدينة عودة قرابة 20 ألف لاجئ خلال الشهر الماضي.",
    ],
)
def test_a_count_turned_down_leaves_no_figure_in_its_words(text: str) -> None:
    assert facts(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال القائد: «قتلنا 8 من المهاجمين وأسرنا آخرين».", [("killed", 8, "exact")]),
        ("مات ثلاثة أطفال من البرد في مخيم عشوائي.", [("killed", 3, "exact")]),
        ("مات 5 أشخاص جوعاً في البلدة المحاصرة.", [("killed", 5, "exact")]),
    ],
)
def test_we_killed_and_died(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أودى انفجار في جناح العزل بحياة 21 شخصاً، معظمهم من مرضى كورونا.", [("killed", 21, "exact")]),
        ("أودى حريق في دار للمسنين بحياة 9 أشخاص، بينهم مصابون بأمراض مزمنة.", [("killed", 9, "exact")]),
    ],
)
def test_patients_of_an_illness_who_died_in_a_fire_are_a_death_toll(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "توفي 12 من مرضى كورونا خلال الأسبوع الماضي.",
        "سجلت الوزارة وفاة 9 مرضى بالكوليرا.",
        "توفي 12 شخصاً، معظمهم من مرضى الكوليرا، في المخيم.",
        "توفي 12 شخصاً، بينهم 3 أطفال، بالكوليرا.",
    ],
)
def test_deaths_of_an_illness_are_still_no_figure(text: str) -> None:
    assert facts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "حذر المسؤول من أن اقتحام المدينة قد يؤدي إلى مقتل الآلاف.",
        "تخشى السلطات أن تؤدي الأمطار إلى نزوح عشرات الآلاف.",
        "قال الخبراء إن انهيار السد سيؤدي إلى غرق المئات.",
        "قد يسفر الإعصار عن سقوط 100 قتيل على الأقل.",
        "تشير التقديرات إلى أن عدد القتلى قد يتجاوز الألف.",
    ],
)
def test_a_toll_that_something_may_or_will_cause_is_no_figure(text: str) -> None:
    assert facts(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وكان القصف قد أدى إلى مقتل 5 أشخاص.", [("killed", 5, "exact")]),
        ("مخاوف من أن تؤدي الغارة التي قتلت 4 أشخاص إلى تصعيد.", [("killed", 4, "exact")]),
        ("قد يرتفع عدد الضحايا، إذ قتل 20 شخصاً حتى الآن.", [("killed", 20, "exact")]),
        ("قتل 17 شخصاً قبل أن ترتفع الحصيلة إلى 23.", [("killed", 23, "exact")]),
        ("بلغ عدد القتلى 40 شخصاً وقد يرتفع.", [("killed", 40, "exact")]),
        (
            "تطورت المشاجرة قبل أن تؤدي إلى مقتل شاب وإصابة 3 آخرين.",
            [("killed", 1, "exact"), ("injured", 3, "exact")],
        ),
        ("اندلع حريق في المصنع قبل أن يسفر عن وفاة 4 عمال.", [("killed", 4, "exact")]),
    ],
)
def test_a_toll_told_beside_a_forecast_stays(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected
