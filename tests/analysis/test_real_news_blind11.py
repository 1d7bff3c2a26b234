"""Real-news classes of blind set 11, on sentences written for these tests (not the blind set's): the missing
counted past «ما زالوا / لا يزالون», «وفقد آخرون» with no number, boats counted after غرق, a toll cut down
with the earlier, higher one told after it, a verb of suffering with its own subject before a second clause,
refuge in neighbouring countries, a fear with no verb of causing, the accused or convicted of a killing, a
film called «وقف إطلاق النار», and Marib named with one of its districts."""

from __future__ import annotations

import pytest

from mediamon.analysis.engine import analyze
from tests.analysis.readings import Figure, alerts, facts


def countries(text: str) -> list[str]:
    return list(analyze("t", "", text).countries)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وأفاد الناجون بأن 23 بحاراً ما زالوا في عداد المفقودين.", [("missing", 23, "exact")]),
        ("قال المسؤول إن 9 آخرين لا يزالون في عداد المفقودين منذ الفجر.", [("missing", 9, "exact")]),
        ("وأوضح أن نحو 40 مهاجراً ما زالوا في عداد المفقودين.", [("missing", 40, "about")]),
    ],
)
def test_the_missing_counted_past_still(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


def test_still_with_no_missing_noun_is_no_figure() -> None:
    assert facts("وقال إن 12 عاملاً ما زالوا في أماكن عملهم رغم الإضراب.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("غرق 11 صياداً وفقد آخرون في العاصفة.", [("killed", 11, "exact"), ("missing", None, "vague")]),
        ("قتل ثلاثة رعاة وفقدت آخرون إثر السيل.", [("killed", 3, "exact"), ("missing", None, "vague")]),
    ],
)
def test_and_others_went_missing_with_no_number(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


def test_and_others_lost_their_lives_is_no_missing() -> None:
    assert ("missing", None, "vague") not in facts("قتل خمسة جنود وفقد آخرون حياتهم في الكمين.")


@pytest.mark.parametrize(
    "text",
    [
        "سجلت السلطات غرق أكثر من 30 مركباً للصيد خلال الموسم.",
        "أحصت البحرية غرق 12 قارباً للمهاجرين منذ يناير.",
        "غرق نحو 15 زورقاً في الميناء بسبب العاصفة.",
    ],
)
def test_boats_counted_after_drowning_are_no_toll(text: str) -> None:
    assert facts(text) == []


def test_people_counted_after_drowning_still_are() -> None:
    assert facts("غرق 14 مهاجراً قبالة السواحل الليلة الماضية.") == [("killed", 14, "exact")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("خفضت وزارة الصحة عدد القتلى إلى 31 بعد أن كانت أعلنت 40 قتيلاً.", [("killed", 31, "exact")]),
        ("تراجعت حصيلة المصابين إلى 12 بعد أن كانت 20 مصاباً.", [("injured", 12, "exact")]),
        ("عدلت السلطات حصيلة الضحايا إلى 8 قتلى بعد أن كانت أعلنت مقتل 11.", [("killed", 8, "exact")]),
    ],
)
def test_a_toll_cut_down_drops_the_earlier_higher_one(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


def test_a_higher_count_after_a_rise_is_no_earlier_toll() -> None:
    # with no word of lowering, a higher count after «بعد أن كانت» is not taken for a superseded toll
    assert facts("ارتفع عدد القتلى إلى 27 بعد أن كانت الوزارة أعلنت مقتل 19.") == [("killed", 27, "exact")]
    found = facts("قتل 5 أشخاص في القرية بعد أن كان 30 مسلحاً قد قتلوا في الهجوم.")
    assert ("killed", 30, "exact") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قالت الشرطة إن رجلاً توفي وأصيب أربعة من أبنائه بالحريق.", [("killed", 1, "exact"), ("injured", 4, "exact")]),
        ("ذكر المسعفون أن شاباً استشهد وأصيب 6 آخرون في القصف.", [("killed", 1, "exact"), ("injured", 6, "exact")]),
        ("قال شهود إن فتى توفي وجرح 3 من رفاقه في الانهيار.", [("killed", 1, "exact"), ("injured", 3, "exact")]),
    ],
)
def test_a_verb_with_its_own_subject_before_a_second_clause(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قتل وأصيب 13 شخصاً في الانفجار.", [("killed_or_injured", 13, "exact")]),
        ("قالت الشرطة إن مسلحاً قتل وجرح 5 أشخاص في السوق.", [("killed_or_injured", 5, "exact")]),
    ],
)
def test_a_shared_count_is_still_a_joint_toll(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("لجأ أكثر من 300 ألف شخص إلى الدول المجاورة منذ بدء الأزمة.", [("displaced", 300000, "more_than")]),
        ("لجأ نحو 50 ألف مدني إلى دول الجوار.", [("displaced", 50000, "about")]),
    ],
)
def test_refuge_in_neighbouring_countries_is_displacement(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


def test_resorting_to_neighbours_with_no_count_is_no_figure() -> None:
    assert facts("لجأت الحكومة إلى الدول المجاورة لطلب قرض عاجل.") == []


@pytest.mark.parametrize(
    "text",
    [
        "يخشى الأهالي من سقوط ضحايا إذا استمر ارتفاع منسوب النهر.",
        "وسط مخاوف من وقوع المزيد من القتلى مع اشتداد المعارك في المدينة.",
        "عبرت المنظمة عن تخوفها الشديد من ارتفاع عدد الضحايا في الأيام المقبلة. وتخشى من سقوط جرحى.",
    ],
)
def test_a_fear_with_no_verb_of_causing_is_no_casualty(text: str) -> None:
    assert "casualties" not in alerts(text)
    assert facts(text) == []


def test_a_toll_told_beside_a_fear_stays() -> None:
    text = "قتل 7 مدنيين في القصف وسط مخاوف من سقوط مزيد من الضحايا."
    assert "casualties" in alerts(text)
    assert facts(text) == [("killed", 7, "exact")]


@pytest.mark.parametrize(
    "text",
    [
        "قضت المحكمة بسجن متهم بقتل ثلاثة حراس خمس عشرة سنة.",
        "أيدت محكمة الاستئناف حكماً على المدان بقتل شقيقين في مشاجرة قديمة.",
        "بدأت محاكمة المتهمين باغتيال الناشط قبل ثلاث سنوات.",
    ],
)
def test_the_accused_or_convicted_of_a_killing_is_no_casualty(text: str) -> None:
    assert "casualties" not in alerts(text)
    assert facts(text) == []


def test_a_killing_told_in_a_crime_report_still_is() -> None:
    text = "قتل مسلحون حارسين في هجوم على مصرف، وقالت الشرطة إنها تلاحق الجناة."
    assert "casualties" in alerts(text)
    assert facts(text) == [("killed", 2, "exact")]


@pytest.mark.parametrize(
    "text",
    [
        "عرض المخرج فيلمه «وقف إطلاق النار» في افتتاح المهرجان.",
        "صدرت رواية بعنوان «وقف النار» للكاتب السوري.",
    ],
)
def test_a_work_called_ceasefire_is_no_ceasefire(text: str) -> None:
    assert "ceasefire" not in alerts(text)


def test_a_ceasefire_beside_a_film_still_is() -> None:
    assert "ceasefire" in alerts("دعا المخرجون في افتتاح مهرجان الفيلم إلى وقف إطلاق النار في غزة.")


@pytest.mark.parametrize(
    "text",
    [
        "قتل جنديان في هجوم على موقع في مديرية حريب جنوب مأرب.",
        "سقطت قذيفة على منزل في صرواح غربي مأرب.",
        "تقدمت القوات في مديرية العبدية شمالي مأرب.",
    ],
)
def test_marib_with_one_of_its_districts(text: str) -> None:
    assert countries(text) == ["YE"]


def test_aims_are_still_no_place() -> None:
    assert countries("قال الوزير إن للحكومة مآرب أخرى من وراء القرار.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أدانت النقابة مقتل عمال المنجم الأربعة في الانفجار.", [("killed", 4, "exact")]),
        ("تسلمت العائلة جثامين أفراد الأسرة الستة بعد يومين.", [("killed", 6, "exact")]),
        ("أعلن المستشفى إصابة جنود الدورية الثلاثة بجروح طفيفة.", [("injured", 3, "exact")]),
    ],
)
def test_a_number_with_the_article_after_a_noun_in_construct(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


def test_one_of_them_in_construct_is_still_one() -> None:
    assert facts("أعلن الجيش إصابة أحد الجنود الثلاثة بشظية.") == [("injured", 1, "exact")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("توفي شاب في حادث مروري على طريق بيشة.", ["SA"]),
        ("أصيب 4 طلاب في تصادم بمحافظة المجمعة.", ["SA"]),
        ("انهار مبنى قديم في المدينة العتيقة بمدينة فاس.", ["MA"]),
    ],
)
def test_saudi_governorates_and_fes(text: str, expected: list[str]) -> None:
    assert countries(text) == expected


@pytest.mark.parametrize(
    "text",
    ["قتل مسلح صبياً في السوق الشعبي.", "أصيبت الأسواق المجمعة بالركود.", "ضربه بفأس على رأسه."],
)
def test_words_that_are_saudi_or_moroccan_names_name_no_place(text: str) -> None:
    assert countries(text) == []
