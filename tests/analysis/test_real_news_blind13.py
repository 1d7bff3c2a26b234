"""Real-news classes of blind set 13, on sentences written for these tests (not the blind set's): present-tense
verbs of injury in headlines (ويصيب 20 آخرين), a report that nobody died told with a harm noun that no alert
pattern reads alone (دون وقوع وفيات), a share of the dead with a percent sign (92% من الوفيات), and a refugee
agency's name before the count it reports (المفوضية السامية لشؤون اللاجئين إن 61 مهاجراً)."""

from __future__ import annotations

import pytest

from tests.analysis.readings import Figure, alerts, facts

# ---------------------------------------------------------------- present verbs of injury


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("حريق في مصنع للنسيج يودي بحياة 7 عمال ويصيب 15 آخرين", [("killed", 7, "exact"), ("injured", 15, "exact")]),
        ("سيل جارف يقتل 3 أطفال ويصيب 4 آخرين في قرية جبلية", [("killed", 3, "exact"), ("injured", 4, "exact")]),
        ("انفجار قنبلة يدوية يصيب 6 جنود عند حاجز عسكري", [("injured", 6, "exact")]),
        ("عاصفة رملية تجرح 12 شخصاً وتقطع الطرق", [("injured", 12, "exact")]),
    ],
)
def test_present_verbs_of_injury(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


def test_present_verb_of_disease_is_no_injury() -> None:
    assert facts("مرض غامض يصيب 40 شخصاً بالحمى في قرية نائية") == []


# ---------------------------------------------------------------- nobody died


@pytest.mark.parametrize(
    "text",
    [
        "أصيب 9 ركاب دون وقوع وفيات",
        "أصيب 9 ركاب بدون وقوع وفيات",
        "وإصابة 9 ركاب، دون وقوع وفيات",
    ],
)
def test_no_deaths_after_injured(text: str) -> None:
    assert facts(text) == [("injured", 9, "exact")]


def test_deaths_not_negated_still_read() -> None:
    assert ("killed", None, "vague") in facts("أسفر الانفجار عن وقوع وفيات وإصابات بين العمال")


# ---------------------------------------------------------------- percent sign


@pytest.mark.parametrize(
    "text",
    [
        "قال التقرير إن 92% من الوفيات تقع في البلدان الفقيرة.",
        "وأشارت المنظمة إلى أن ٦٠٪ من القتلى من النساء والأطفال.",
        "وأن 35 % من الجرحى أصيبوا بشظايا.",
    ],
)
def test_a_share_with_a_percent_sign_is_no_count(text: str) -> None:
    assert facts(text) == []


def test_count_before_a_share_still_read() -> None:
    assert facts("قتل 12 شخصاً في القصف، 40% منهم أطفال.") == [("killed", 12, "exact")]


# ---------------------------------------------------------------- refugee agency names


@pytest.mark.parametrize(
    "text",
    [
        "قالت المفوضية السامية للأمم المتحدة لشؤون اللاجئين إن 45 مهاجراً فقدوا قبالة السواحل.",
        "وقالت وكالة غوث وتشغيل اللاجئين إن 30 من موظفيها قتلوا منذ بداية الحرب.",
    ],
)
def test_agency_name_is_no_head_of_displaced(text: str) -> None:
    assert all(kind != "displaced" for kind, _, _ in facts(text))


def test_agency_name_alone_raises_no_displacement() -> None:
    assert "displacement" not in alerts("قالت المفوضية السامية لشؤون اللاجئين إن الحدود مع تشاد تشهد ضغطاً كبيراً.")


def test_refugees_counted_after_the_agency_still_displaced() -> None:
    text = "قالت المفوضية السامية لشؤون اللاجئين إن 20 ألف لاجئ عبروا الحدود هرباً من القتال."
    assert ("displaced", 20000, "exact") in facts(text)
    assert "displacement" in alerts(text)
