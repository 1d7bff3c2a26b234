"""Real-news classes of blind set 9, on sentences written for these tests (not the blind set's): «met their
death» past a phrase of where or how, compound ordinals (an age, an hour), a body as جثمان, a new toll that
supersedes an earlier report, the others being treated, «a further number» hurt, «of it» between a verb and
its count, prisoners of war fleeing and refugees returning, a team's players, a singular subject before
لفظ أنفاسه, denied rumours, drills and vaccination campaigns, a decimal point inside a sentence, and places
(وادي الدواسر، محافظات الصعيد، a river bank that is not the West Bank)."""

from __future__ import annotations

import pytest

from mediamon.analysis.engine import analyze
from mediamon.analysis.tokens import BREAK_RE, break_offsets
from tests.analysis.readings import Figure, facts


def fired(text: str) -> set[str]:
    return {alert.rule for alert in analyze("t", "", text).alerts}


def countries(text: str) -> list[str]:
    return list(analyze("t", "", text).countries)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("لقي 9 بحارة على متن سفينة الشحن الغارقة حتفهم قرب الميناء.", [("killed", 9, "exact")]),
        ("لقي أربعة مزارعين أثناء عملهم في الحقول مصرعهم بصاعقة.", [("killed", 4, "exact")]),
        ("لقيت سيدة في السبعين من عمرها مصرعها في حريق شقتها.", [("killed", 1, "exact")]),
        ("لقي رجل أثناء عبوره الطريق السريع حتفه دهساً.", [("killed", 1, "exact")]),
    ],
)
def test_met_their_death_may_stand_past_a_phrase_of_where_or_how(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


def test_met_their_death_does_not_reach_past_another_count() -> None:
    # the confirming word far on belongs to the second count, not to the first
    found = facts("لقي 6 عمال في المصنع بعد أن أصيب 3 منهم مصرعهم.")
    assert ("killed", 6, "exact") not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("عثر الأهالي على جثمان فتى في الخامسة عشرة جرفته السيول.", [("killed", 1, "exact")]),
        ("انتشل الغواصون جثمان صياد من البحيرة.", [("killed", 1, "exact")]),
        ("بدأ القصف في الساعة الحادية عشرة ليلاً وقتل فيه 4 مدنيين.", [("killed", 4, "exact")]),
    ],
)
def test_a_compound_ordinal_is_no_count_and_a_body_counts_one(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        (
            "قتل 36 شخصاً في انهيار أرضي بحسب حصيلة جديدة للدفاع المدني. وقال السكان إن قرى عدة عزلت. "
            "وكانت حصيلة سابقة قد تحدثت عن 20 قتيلاً.",
            ("killed", 36, "exact"),
            ("killed", 20, "exact"),
        ),
        (
            "أصيب 140 شخصاً في الانفجار وفق آخر حصيلة.\nوعملت الفرق طوال الليل.\nوكانت الحصيلة الأولية "
            "قد أشارت إلى إصابة 90.",
            ("injured", 140, "exact"),
            ("injured", 90, "exact"),
        ),
    ],
)
def test_a_new_toll_supersedes_an_earlier_report_told_later(text: str, kept: Figure, dropped: Figure) -> None:
    found = facts(text)
    assert kept in found
    assert dropped not in found


def test_a_lower_toll_after_a_new_toll_stays_when_no_earlier_report_is_told() -> None:
    found = facts("قتل 36 شخصاً بحسب حصيلة جديدة. وكان 12 منهم قد قتلوا في القرية ذاتها.")
    assert ("killed", 36, "exact") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "توفي 3 عمال وأربعة آخرون يتلقون العلاج في مستشفى المدينة.",
            [("killed", 3, "exact"), ("injured", 4, "exact")],
        ),
        ("يتلقى 250 مريضاً العلاج في المركز كل يوم.", []),
        ("قال الطبيب إن 40 طفلاً يتلقون العلاج من السرطان في القسم.", []),
    ],
)
def test_others_being_treated_are_the_injured_patients_are_not(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قتل جندي وجرح عدد آخر في الكمين.", [("killed", 1, "exact"), ("injured", None, "vague")]),
        ("أسفرت الاشتباكات عن إصابة عدد من المارة.", [("injured", None, "vague")]),
        ("أدت الغارة إلى مقتل عدد كبير من عناصر الفصيل.", [("killed", None, "vague")]),
        ("أصيب عدد من المحال التجارية بأضرار جسيمة.", []),
    ],
)
def test_a_further_number_of_people_hurt_is_a_vague_figure(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("حاصرت القوات البلدة ونزح منها نحو 8 آلاف شخص.", [("displaced", 8000, "about")]),
        ("هاجم المسلحون القافلة وقتل منهم 5 أشخاص.", [("killed", 5, "exact")]),
    ],
)
def test_of_it_between_a_verb_and_its_count(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "فر أربعة أسرى من معسكر الاعتقال ليلاً.",
        "قالت المفوضية إن 12 ألف لاجئ عادوا إلى قراهم الشهر الماضي.",
        "أكدت الوزارة أن 900 نازح يعودون إلى بلدتهم كل أسبوع.",
        "خسر الفريق بعدما فقد ثلاثة من لاعبيه بسبب الإيقاف.",
    ],
)
def test_no_displaced_or_missing_for_escapes_returns_and_players(text: str) -> None:
    assert facts(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("نزح 600 شخص من القرية بعد أن عاد القصف.", [("displaced", 600, "exact")]),
        ("فقد 7 صيادين في عرض البحر بعد العاصفة.", [("missing", 7, "exact")]),
    ],
)
def test_displaced_and_missing_are_still_read(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


def test_a_singular_subject_before_breathed_his_last() -> None:
    assert facts("قال الأطباء إن مسعفاً لفظ أنفاسه الأخيرة بعد ساعات من القصف.") == [("killed", 1, "exact")]


@pytest.mark.parametrize(
    "text",
    [
        "نفى المتحدث باسم الجيش الأنباء التي تداولتها مواقع محلية عن سقوط قتلى في المعسكر.",
        "نفت البلدية الشائعات حول وقوع إصابات في انهيار السور.",
        "نظم الدفاع المدني تمريناً يحاكي حريقاً في فندق وإصابة 30 نزيلاً.",
        "نفذت الفرق تجربة افتراضية لإخلاء المطار ووفاة 5 مسافرين.",
        "تستهدف حملة التطعيم ضد الكوليرا نصف مليون شخص في المحافظات الساحلية بعد رصد 120 إصابة.",
    ],
)
def test_denied_rumours_drills_and_vaccination_counts_are_no_casualties(text: str) -> None:
    assert "casualties" not in fired(text)
    assert facts(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قتل جنديان وأصيب 4 في انفجار خلال مناورة عسكرية.", [("killed", 2, "exact"), ("injured", 4, "exact")]),
        ("نفى الجيش مسؤوليته عن مقتل 3 مدنيين في القصف.", [("killed", 3, "exact")]),
    ],
)
def test_real_casualties_during_a_drill_or_beside_a_denial_stay(text: str, expected: list[Figure]) -> None:
    assert "casualties" in fired(text)
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ضرب زلزال بقوة 5.4 درجات المنطقة فجراً ولم يسفر عن أي إصابات.",
        "هطلت أمطار بلغت 12.5 ملم على المدينة دون وقوع إصابات.",
    ],
)
def test_a_decimal_point_does_not_cut_a_sentence_for_the_rules(text: str) -> None:
    assert "casualties" not in fired(text)


@pytest.mark.parametrize(
    ("text", "breaks"),
    [("قوته 5.4 درجات", 0), ("انتهى. 5 قتلى", 1), ("العام 2020.", 1), ("3 .5", 1), (".5 و5.", 2)],
)
def test_break_offsets_skip_the_point_between_two_digits(text: str, breaks: int) -> None:
    found = break_offsets(text)
    assert found == [m.start() for m in BREAK_RE.finditer(text)]
    assert len(found) == breaks


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("جرفت السيول سيارتين في وادي الدواسر.", "SA", None),
        ("انتشرت الحمى في عدد من محافظات الصعيد.", "EG", None),
        ("انقلب القارب في نهر دجلة قرب الموصل وسبح الركاب إلى الضفة.", "IQ", "PS"),
        ("اقتحمت القوات الإسرائيلية مخيم جنين في الضفة.", "PS", None),
    ],
)
def test_places_of_blind_set_nine(text: str, present: str, absent: str | None) -> None:
    found = countries(text)
    assert present in found
    if absent is not None:
        assert absent not in found


@pytest.mark.parametrize(
    ("text", "alert", "expected"),
    [
        ("أصيبت عدة مبان بأضرار جراء القصف الليلي.", False, []),
        ("أصيب عدد من المنازل بتصدعات بعد الهزة.", False, []),
        ("أصيب 3 أشخاص بجروح وتضررت منازل في القصف.", True, [("injured", 3, "exact")]),
    ],
)
def test_buildings_hit_by_damage_are_no_casualties(text: str, alert: bool, expected: list[Figure]) -> None:
    assert ("casualties" in fired(text)) is alert
    assert facts(text) == expected
