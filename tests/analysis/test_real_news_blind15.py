"""Real-news classes of blind set 15, on sentences written for these tests (not the blind set's): a headline's
figure restated in the body (another place name, a qualifier the headline dropped), place nouns before a word
that names no place, households that fled, evacuating verbs past a long subject, the rescued before a new clause,
one person still missing and searches for the missing, joint tolls joined by أو; denials of the truth of
reports, attackers made to flee, feared displacement and the tents of the displaced, winter breaks and trade-war
ceasefires, hostages in a plot, victims of bad luck; words read as countries (يمني النفس، مجرى النهر، بسطات)."""

from __future__ import annotations

import pytest

from mediamon.analysis.engine import analyze
from tests.analysis.readings import Figure, alerts, facts


def countries(text: str) -> list[str]:
    return list(analyze("t", "", text).countries)


# ---------------------------------------------------------------- a headline and the body that restates it


def test_headline_names_the_province_and_the_body_the_town() -> None:
    text = (
        "اليمن.. مقتل 5 جنود بهجوم مسلح في محافظة شبوة\n"
        "قتل خمسة جنود، صباح الأحد، في هجوم شنه مسلحون مجهولون على نقطة تفتيش في مديرية عتق، وفق مصدر عسكري."
    )
    assert facts(text) == [("killed", 5, "exact")]


def test_headline_takes_the_qualifier_of_the_body() -> None:
    text = (
        "العراق: 12 قتيلاً في تفجير بسوق شعبي\n"
        "قتل 12 شخصاً على الأقل وأصيب 30 آخرون في تفجير سيارة مفخخة داخل سوق شعبي مزدحم، بحسب مصادر طبية."
    )
    assert facts(text) == [("killed", 12, "at_least"), ("injured", 30, "exact")]


def test_two_places_in_the_body_stay_two_facts() -> None:
    text = (
        "قتل 3 أشخاص في قصف على بلدة كفرنبل صباح اليوم. وفي هجوم آخر، قتل 3 أشخاص في قصف على مدينة أريحا "
        "بعد الظهر."
    )
    assert facts(text) == [("killed", 3, "exact"), ("killed", 3, "exact")]


def test_a_place_noun_before_an_adjective_names_no_place() -> None:
    text = (
        "أصيب 4 أشخاص في قصف على حي سكني صباح اليوم. وأفاد مسعف بأن 4 أشخاص أصيبوا بالقصف ذاته في حي "
        "الزهور بالمدينة."
    )
    assert facts(text) == [("injured", 4, "exact")]


# ---------------------------------------------------------------- households, evacuations, the rescued


def test_households_that_fled() -> None:
    assert facts("قالت السلطات المحلية إن نحو 320 أسرة نزحت من قرى الشريط الحدودي خلال يومين") == [
        ("displaced", 320, "about")
    ]


def test_evacuating_verb_past_a_long_subject() -> None:
    text = "أجلت فرق الدفاع المدني والهلال الأحمر في محافظة إدلب نحو 90 عائلة من مخيم غمرته مياه الأمطار"
    assert facts(text) == [("evacuated", 90, "about")]


def test_postponing_is_no_evacuation() -> None:
    assert facts("أجلت المحكمة الجنائية في العاصمة النظر في القضية نحو ثلاثة أسابيع") == []


def test_the_rescued_before_a_new_clause() -> None:
    assert facts("أنقذ خفر السواحل 38 مهاجراً وانتشل جثة امرأة قبالة الجزيرة") == [("killed", 1, "exact")]


def test_bodies_counted_right_after_the_verb_still_count() -> None:
    assert facts("انتشلت فرق الإنقاذ 7 جثث من تحت الركام") == [("killed", 7, "exact")]


# ---------------------------------------------------------------- the missing


@pytest.mark.parametrize(
    "text",
    [
        "غرق قارب صيد قبالة الساحل، ولا يزال البحث جارياً عن صياد مفقود",
        "انتشلت الفرق جثتين فيما لا تزال امرأة مفقودة",
    ],
)
def test_one_person_still_missing(text: str) -> None:
    assert ("missing", 1, "exact") in facts(text)


def test_a_search_for_the_missing() -> None:
    assert facts("وتواصل فرق الغطاسين البحث عن مفقودين في مجرى الوادي") == [("missing", None, "vague")]


# ---------------------------------------------------------------- joint tolls joined by أو


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قتل أو أصيب 45 شخصاً في القصف الذي استهدف الحي", [("killed_or_injured", 45, "exact")]),
        ("تقول منظمات إن أكثر من 200 مدني قتلوا أو أصيبوا بالألغام", [("killed_or_injured", 200, "more_than")]),
        ("قتل 5 أشخاص وأصيب 3 آخرون أو أكثر", [("killed", 5, "exact"), ("injured", 3, "at_least")]),
    ],
)
def test_joint_toll_joined_by_or(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


# ---------------------------------------------------------------- rules


def test_denying_the_truth_of_reports() -> None:
    text = "نفى مصدر في مديرية الدفاع المدني بالمحافظة صحة أنباء تداولتها صفحات عن سقوط قتلى في الحريق"
    assert "casualties" not in alerts(text)
    assert facts(text) == []


def test_confirming_the_truth_of_reports_still_counts() -> None:
    assert "casualties" in alerts("أكدت المديرية صحة الأنباء عن سقوط قتلى في انهيار المبنى")


@pytest.mark.parametrize(
    "text",
    [
        "تصدت القوات للهجوم وأجبرت المسلحين على الفرار نحو الجبال",
        "حذر المسؤول من أن أي هجوم على المدينة قد يؤدي إلى نزوح مئات الآلاف",
        "استهدفت غارة خياماً للنازحين في منطقة المواصي",
    ],
)
def test_no_displacement(text: str) -> None:
    assert "displacement" not in alerts(text)


def test_people_forced_to_flee_still_displaced() -> None:
    assert "displacement" in alerts("أجبر القصف مئات العائلات على الفرار من القرية")


@pytest.mark.parametrize(
    "text",
    [
        "تعود الفرق إلى التحضير بعد انتهاء الهدنة الشتوية",
        "وصف المفوض الاتفاق بأنه وقف إطلاق النار في حرب تجارية أضرت بالطرفين",
        "ويرى اقتصاديون أن الهدنة تمنح الطرفين متنفساً قبل جولة جديدة من المحادثات",
    ],
)
def test_no_ceasefire(text: str) -> None:
    assert "ceasefire" not in alerts(text)


def test_hostages_in_a_plot() -> None:
    text = "تدور أحداث المسلسل حول طاقم سفينة يحتجزه قراصنة، ويطالب الخاطفون بفدية لإطلاق سراح الرهائن"
    assert "hostages" not in alerts(text)


def test_hostages_freed_still_hostages() -> None:
    assert "hostages" in alerts("أفرجت جماعة مسلحة عن 3 رهائن أجانب بعد وساطة قبلية")


@pytest.mark.parametrize(
    "text",
    [
        "قال التاجر إنه كان ضحية لسوء الحظ حين أغلقت السوق أبوابها",
        "يقع المراهقون ضحايا لمحتويات مضللة على الإنترنت",
    ],
)
def test_victims_of_bad_luck_or_content(text: str) -> None:
    assert "casualties" not in alerts(text)


# ---------------------------------------------------------------- words read as countries


@pytest.mark.parametrize(
    "text",
    [
        "كان الفريق يمني النفس بالتأهل إلى الدور المقبل",
        "ارتفع منسوب المياه في مجرى النهر بعد الأمطار",
        "اصطف الباعة بجانب بسطات الخضار في السوق",
    ],
)
def test_no_country(text: str) -> None:
    assert countries(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وقع حادث سير قرب مدينة سطات", ["MA"]),
        ("قال مسؤول يمني إن الهجوم فشل", ["YE"]),
        ("زار وفد مجري العاصمة", ["HU"]),
    ],
)
def test_still_countries(text: str, expected: list[str]) -> None:
    assert countries(text) == expected
