"""Known gaps of blind set 10, on sentences written for these tests: a forecast or a negation past a relative
clause raises no casualties alert and gives no figure; displaced people who were killed or hurt are counted
as killed or injured; «وأسر» after a killing is a capture; places of Lebanon's Tripoli, Malatya and Jebiniana;
an accusative nationality names its country."""

from __future__ import annotations

import pytest

from mediamon.analysis.engine import analyze
from mediamon.schema import Analysis


def _alerts(a: Analysis) -> set[str]:
    return {alert.rule for alert in a.alerts}


def _figures(a: Analysis) -> set[tuple[str, int | None, str]]:
    return {(c.kind, c.count, c.qualifier) for c in a.casualties}


@pytest.mark.parametrize(
    "text",
    [
        "حذر خبراء الزلازل من أن هزة قوية قد تؤدي إلى مقتل الآلاف في المدن الساحلية.",
        "قال المسؤول إن استمرار الحصار سيؤدي إلى وفاة المئات من المرضى.",
        "رجحت السلطات أن عدد القتلى قد يتجاوز الألف مع تقدم أعمال البحث.",
        "تخشى الأمم المتحدة أن تؤدي الأمطار الغزيرة إلى سقوط ضحايا في المخيمات.",
        "حذرت الأرصاد من أن تتسبب العاصفة في وفاة العشرات.",
        "لم تسفر الهزة الأرضية التي ضربت ولاية ملاطيا شرقي تركيا عن وقوع إصابات.",
        "لم يسفر الانفجار الذي وقع صباح اليوم قرب المرفأ عن أي إصابات بشرية.",
        "لم يسفر الحريق الذي شب في مستودع للأخشاب فجر الأحد عن خسائر بشرية.",
    ],
)
def test_forecast_or_negated_mentions_raise_no_alert(text: str) -> None:
    a = analyze("t", "", text)
    assert "casualties" not in _alerts(a)
    assert not a.casualties


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("تطورت المشاجرة قبل أن تؤدي إلى مقتل شاب في الحي.", ("killed", 1, "exact")),
        ("قد يؤدي القصف الذي قتل 5 أشخاص إلى تصعيد خطير.", ("killed", 5, "exact")),
        ("لم يسفر الانفجار عن إصابات لكن غارة أخرى أدت إلى مقتل 3 أشخاص في البلدة.", ("killed", 3, "exact")),
    ],
)
def test_told_casualties_still_raise_the_alert(text: str, figure: tuple[str, int, str]) -> None:
    a = analyze("t", "", text)
    assert "casualties" in _alerts(a)
    assert figure in _figures(a)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("قتل 12 نازحا في قصف استهدف مخيما شمالي البلاد.", ("killed", 12, "exact")),
        ("أعلنت وزارة الصحة مقتل 5 نازحين في قصف على مدرسة تؤوي عائلات.", ("killed", 5, "exact")),
        ("استشهد 7 نازحين جراء غارة على خيمة في المواصي.", ("killed", 7, "exact")),
        ("أسفرت الغارة عن إصابة 3 نازحين بجروح متفاوتة.", ("injured", 3, "exact")),
        ("أصيب 6 نازحين في غارة على مخيم.", ("injured", 6, "exact")),
        ("لقي 4 لاجئين حتفهم في حادث سير على الطريق الدولي.", ("killed", 4, "exact")),
    ],
)
def test_displaced_who_were_killed_or_hurt(text: str, figure: tuple[str, int, str]) -> None:
    found = _figures(analyze("t", "", text))
    assert figure in found
    assert not any(kind == "displaced" for kind, _, _ in found)


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("نزح 12 ألف شخص من القرى الحدودية.", {("displaced", 12000, "exact")}),
        ("أدى القصف إلى مقتل 3 أشخاص ونزوح 200 عائلة.", {("killed", 3, "exact"), ("displaced", 200, "exact")}),
        ("ارتفع عدد النازحين بعد مقتل الجنود إلى 40 ألف نازح.", {("displaced", 40000, "exact")}),
    ],
)
def test_displaced_figures_stay(text: str, figures: set[tuple[str, int, str]]) -> None:
    assert _figures(analyze("t", "", text)) == figures


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("قتل المسلحون ثلاثة جنود وأسر اثنين.", {("killed", 3, "exact")}),
        ("قتل المسلحون جنديا وأسروا اثنين آخرين قرب الحدود.", {("killed", 1, "exact")}),
        ("قتل ثلاثة جنود في الكمين واعتقل اثنان.", {("killed", 3, "exact")}),
        ("قتل 3 جنود ومدنيين اثنين في الهجوم.", {("killed", 3, "exact"), ("killed", 2, "exact")}),
        ("أصيب شخص واحد ومدنيين اثنين في الانفجار.", {("injured", 1, "exact"), ("injured", 2, "exact")}),
    ],
)
def test_two_after_a_verb_joined_by_wa_is_no_count_of_the_kind_before(
    text: str, figures: set[tuple[str, int, str]]
) -> None:
    assert _figures(analyze("t", "", text)) == figures


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("ارتفعت الحصيلة إلى 40 قتيلا بعد انتشال 12 جثة جديدة من تحت الأنقاض.", {("killed", 40, "exact")}),
        ("ارتفع عدد القتلى إلى 87 بعد انتشال فرق الإنقاذ 12 جثة.", {("killed", 87, "exact")}),
        ("انتشلت فرق الدفاع المدني 12 جثة جديدة لترتفع الحصيلة إلى 40 قتيلا.", {("killed", 40, "exact")}),
        ("وانتشلت الفرق 9 جثث من تحت الركام، ما رفع الحصيلة إلى 31.", {("killed", 31, "exact")}),
        # not part of a risen toll: another sentence, or no rise
        (
            "ارتفعت الحصيلة إلى 40 قتيلا. وعثر على 12 جثة في منطقة أخرى.",
            {("killed", 40, "exact"), ("killed", 12, "exact")},
        ),
        (
            "قتل 40 شخصا في القصف، وانتشلت فرق الإنقاذ 12 جثة من البحر.",
            {("killed", 40, "exact"), ("killed", 12, "exact")},
        ),
    ],
)
def test_bodies_recovered_within_a_risen_toll(text: str, figures: set[tuple[str, int, str]]) -> None:
    assert _figures(analyze("t", "", text)) == figures


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("قتل شخصان في اشتباكات بين باب التبانة وجبل محسن في طرابلس.", "LB", "LY"),
        ("أصيب 3 جنود في انفجار قنبلة بطرابلس، وفق مصدر أمني في عكار.", "LB", "LY"),
        ("انتشر الجيش اللبناني في شوارع طرابلس بعد ليلة من الاشتباكات.", "LB", "LY"),
        ("نقل الجرحى من طرابلس إلى مستشفيات بيروت.", "LB", "LY"),
        ("اشتباكات في طرابلس، وقال رئيس حكومة الوحدة عبد الحميد الدبيبة إن الوضع تحت السيطرة.", "LY", "LB"),
        ("وصل الوفد من بيروت إلى طرابلس ثم سافر إلى مصراتة.", "LY", None),
        ("اندلعت اشتباكات في طرابلس أسفرت عن مقتل 5 أشخاص.", "LY", "LB"),
        ("ضربت هزة أرضية بقوة 5 درجات ولاية ملاطيا فجر اليوم.", "TR", None),
        ("شعر سكان ملطية بهزة أرضية قوية.", "TR", None),
        ("قالت السلطات في ملاطية إن 3 أشخاص أصيبوا.", "TR", None),
        ("انقلب مركب يقل مهاجرين قبالة سواحل جبنيانة.", "TN", None),
    ],
)
def test_places_of_known_gaps(text: str, present: str, absent: str | None) -> None:
    found = analyze("t", "", text).countries
    assert present in found
    if absent is not None:
        assert absent not in found


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("أطلقت السلطات سراح 40 أسيرا فلسطينيا ضمن الصفقة.", "PS"),
        ("أطلقت السلطات سراح 40 أسيراً فلسطينياً ضمن الصفقة.", "PS"),
        ("اعتقلت الشرطة شاباً سورياً في المدينة.", "SY"),
        ("قتلت القوات صياداً لبنانياً قرب الحدود.", "LB"),
        ("استقبلت الوزارة وفداً مغربياً رفيع المستوى.", "MA"),
    ],
)
def test_accusative_nationality_names_its_country(text: str, present: str) -> None:
    assert present in analyze("t", "", text).countries


def test_lunar_is_no_nationality() -> None:
    assert "KM" not in analyze("t", "", "يعتمد التقويم تقويماً قمرياً لتحديد بداية الشهر.").countries


@pytest.mark.parametrize(
    "text",
    [
        "قد يؤدي القصف المتواصل على الأحياء السكنية إلى مقتل المئات.",
        "سيؤدي الحصار المفروض على المدينة منذ أشهر إلى وفاة المئات.",
    ],
)
def test_a_far_forecast_is_no_figure_and_no_alert(text: str) -> None:
    a = analyze("t", "", text)
    assert "casualties" not in _alerts(a)
    assert not a.casualties


def test_a_comma_ends_a_forecast() -> None:
    text = "قال إن الهجوم لن يؤدي إلى أي تغيير، وأعلنت الصحة مقتل 4 أشخاص في القصف."
    assert ("killed", 4, "exact") in _figures(analyze("t", "", text))
