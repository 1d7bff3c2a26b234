"""Real-news classes of blind set 12, on sentences written for these tests (not the blind set's): a qualifier
after a figure that belongs to the next count, ما written onto the qualifying verb and the qualifying verbs in
every person right before a count, a far toll past a duration or a long place, a verb with و and its own count
after the kidnapped, a denied rumour with the harm's verbal noun, the answer of «لو», a match that breathes its
last, suspected disease cases, a trade truce told again as «الهدنة», a truce in a marriage, depositors held
hostage by banks, and people fleeing into the streets from a quake."""

from __future__ import annotations

import pytest

from tests.analysis.readings import Figure, alerts, facts

# ---------------------------------------------------------------- qualifiers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "قتل 4 جنود وأصيب 11 آخرون على الأقل في الكمين.",
            [("killed", 4, "exact"), ("injured", 11, "at_least")],
        ),
        (
            "توفي ثلاثة عمال وأصيب تسعة آخرون على الأقل في انفجار المصنع.",
            [("killed", 3, "exact"), ("injured", 9, "at_least")],
        ),
    ],
)
def test_a_qualifier_after_the_next_count_is_that_count_s(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


def test_a_qualifier_right_after_the_figure_still_counts() -> None:
    assert facts("قتل 7 أشخاص على الأقل في القصف.") == [("killed", 7, "at_least")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أصيب مايقارب 40 شخصاً في التدافع.", [("injured", 40, "about")]),
        ("لقي مايزيد عن 25 شخصاً حتفهم في السيول.", [("killed", 25, "more_than")]),
        ("قتل مالا يقل عن 6 مدنيين في الغارة.", [("killed", 6, "at_least")]),
        ("أودت الفيضانات بحياة مايناهز 70 شخصاً.", [("killed", 70, "about")]),
    ],
)
def test_ma_written_onto_the_qualifying_verb(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وقال المسؤول إن الحصيلة تتجاوز 150 قتيلاً.", [("killed", 150, "more_than")]),
        ("وأكدت الوزارة أن الأعداد تخطت 90 جريحاً.", [("injured", 90, "more_than")]),
        ("وذكرت المصادر أن الحصيلة تناهز 60 قتيلاً.", [("killed", 60, "about")]),
    ],
)
def test_a_qualifying_verb_in_every_person_right_before_the_count(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


# ---------------------------------------------------------------- far tolls


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ارتفعت حصيلة قتلى الزلزال الذي ضرب الإقليم قبل خمسة أيام إلى 312 شخصاً.",
            [("killed", 312, "exact")],
        ),
        ("وارتفع عدد الجثث التي انتشلت خلال ثلاثة أيام إلى 27.", [("killed", 27, "exact")]),
        (
            "ارتفع عدد القتلى في الحادث الذي وقع على الطريق السريع بين المدينتين في ساعة متأخرة إلى 23.",
            [("killed", 23, "exact")],
        ),
        (
            "ارتفع عدد القتلى جراء السيول التي اجتاحت قرى الشريط الساحلي في شمال البلاد منذ مساء الأحد إلى 41.",
            [("killed", 41, "exact")],
        ),
    ],
)
def test_a_far_toll_past_a_duration_or_a_long_place(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


def test_another_count_between_still_stops_the_far_toll() -> None:
    assert ("killed", 12, "exact") not in facts("ارتفع عدد القتلى في 3 مستشفيات قريبة ونقل المصابون إلى 12 سريراً.")


# ---------------------------------------------------------------- a verb of a new clause


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("اختطف المسلحون 35 شخصاً وقتلوا 4 آخرين في الطريق.", [("killed", 4, "exact")]),
        ("خطف قطاع الطرق نحو 20 قروياً وقتلوا اثنين منهم.", []),
    ],
)
def test_a_verb_with_and_and_its_own_count_is_not_the_kidnapped_s(text: str, expected: list[Figure]) -> None:
    assert [f for f in facts(text) if f[1] in (35, 20)] == []
    assert [f for f in facts(text) if f[1] == 4] == expected


def test_a_plural_verb_right_after_its_count_still_counts() -> None:
    assert facts("وقالت الشرطة إن 14 شخصاً قتلوا في الهجوم.") == [("killed", 14, "exact")]


# ---------------------------------------------------------------- look-alikes of a toll


@pytest.mark.parametrize(
    "text",
    [
        "نفت مديرية الأمن ما نشرته حسابات مجهولة على منصات التواصل عن مقتل شرطيين في الكمين.",
        "نفى المتحدث الأنباء التي تحدثت عن مقتل 4 سجناء داخل الزنازين.",
    ],
)
def test_a_denied_rumour_of_a_death(text: str) -> None:
    assert "casualties" not in alerts(text)


def test_a_reported_death_after_a_denial_of_something_else_still_counts() -> None:
    assert "casualties" in alerts("نفت الوزارة تأخر الإسعاف، وأكدت مقتل 3 أشخاص في الحادث.")


@pytest.mark.parametrize(
    "text",
    [
        "وقال الخبير إن إعصاراً بهذه القوة لو ضرب الساحل لأدى إلى تدمير آلاف المنازل وسقوط مئات الضحايا.",
        "لولا تدخل رجال الإطفاء لتسبب الحريق في سقوط عشرات القتلى.",
    ],
)
def test_what_would_have_happened(text: str) -> None:
    assert "casualties" not in alerts(text)


@pytest.mark.parametrize(
    "text",
    [
        "وخطف الفريق هدف الفوز قبل أن يلفظ اللقاء أنفاسه الأخيرة.",
        "انتهت الجلسة دون اتفاق، ويرى مراقبون أن المفاوضات تلفظ أنفاسها الأخيرة.",
    ],
)
def test_a_match_or_a_talk_breathes_its_last(text: str) -> None:
    assert "casualties" not in alerts(text)


def test_a_person_who_breathes_his_last_still_died() -> None:
    assert "casualties" in alerts("لفظ الشاب أنفاسه الأخيرة متأثراً بجروحه.")


def test_suspected_disease_cases() -> None:
    text = (
        "وقال مكتب الصحة في بيانه الأسبوعي الصادر مساء الخميس إن حالات الإصابة المشتبه بها في المديريات "
        "الريفية بلغت 1,800 حالة."
    )
    assert "casualties" not in alerts(text)
    assert facts(text) == []


# ---------------------------------------------------------------- other alerts


def test_a_trade_truce_told_again_as_the_truce() -> None:
    text = (
        "اتفق البلدان على هدنة تجارية مدتها ستة أشهر. ويقول محللون إن تمديد الهدنة سيخفف القيود على "
        "الصادرات الزراعية."
    )
    assert "ceasefire" not in alerts(text)


def test_a_truce_in_a_marriage() -> None:
    assert "ceasefire" not in alerts("ويروي المسلسل قصة زوجين يعلنان هدنة لإنقاذ زواجهما من الانهيار.")


def test_a_truce_in_a_war_is_still_a_ceasefire() -> None:
    assert "ceasefire" in alerts("دخلت الهدنة حيز التنفيذ في المدينة، وسمحت بإدخال قوافل المساعدات.")


def test_depositors_held_hostage_by_banks() -> None:
    assert "hostages" not in alerts("وقال اتحاد المودعين إن صغار المدخرين أصبحوا رهائن لدى البنوك منذ تجميد الحسابات.")


def test_hostages_held_by_a_group_are_still_hostages() -> None:
    assert "hostages" in alerts("أفرجت الجماعة المسلحة عن ثلاثة رهائن أجانب بعد مفاوضات.")


def test_fleeing_into_the_streets_from_a_quake() -> None:
    assert "protests" not in alerts("وخرج السكان إلى الشوارع في حالة من الذعر بعد الهزة الأرضية.")


def test_going_into_the_streets_to_protest_is_still_a_protest() -> None:
    assert "protests" in alerts("وخرج الآلاف إلى الشوارع للمطالبة بإسقاط الحكومة.")
