"""Classes of real news reports the engine got wrong (issue 13), on sentences written for these tests.

One fact once (with every mention), joint tolls, the missing, counts that are no toll, singular victims,
counts far from their noun, spelling as outlets write it, vague plurals, false casualties (sports, illness,
fraud, culled animals), "calming the situation", country precision and Sorani Kurdish.
"""

from __future__ import annotations

import pytest

from mediamon.analysis.engine import analyze
from mediamon.analysis.evalset import EvalItem
from mediamon.analysis.evaluate import score_country_precision
from mediamon.schema import Analysis

Figure = tuple[str, int | None, str]


def facts(text: str, title: str = "") -> list[Figure]:
    return [(c.kind, c.count, c.qualifier) for c in analyze("t", title, text).casualties]


def fired(text: str) -> set[str]:
    return {alert.rule for alert in analyze("t", "", text).alerts}


# --- one fact once ---------------------------------------------------------------------------------


def test_a_repeated_toll_is_one_fact_with_every_mention() -> None:
    text = "قتل 27 شخصا في هجوم على قرية. وقالت الشرطة إن 27 شخصا لقوا حتفهم في الهجوم."
    [fact] = analyze("t", "", text).casualties
    assert (fact.kind, fact.count, fact.qualifier) == ("killed", 27, "exact")
    assert [m.text for m in fact.mentions] == ["قتل 27 شخصا", "27 شخصا لقوا حتفهم"]
    assert (fact.text, fact.start, fact.end) == (fact.mentions[0].text, fact.mentions[0].start, fact.mentions[0].end)
    for mention in fact.mentions:
        assert text[mention.start : mention.end] == mention.text


def test_facts_keep_the_order_of_their_first_mention_and_the_alert_keeps_every_span() -> None:
    text = "أصيب 9 عمال في انفجار. وقتل 3 عمال آخرين. وأكدت الإدارة أن 9 عمال أصيبوا بحروق."
    analysis = analyze("t", "", text)
    assert [(c.kind, c.count, len(c.mentions)) for c in analysis.casualties] == [("injured", 9, 2), ("killed", 3, 1)]
    [alert] = [a for a in analysis.alerts if a.rule == "casualties"]
    assert len(alert.matches) == 3


def test_different_qualifiers_are_different_facts() -> None:
    assert facts("قتل 12 مدنيا على الأقل في القصف. وقالت مصادر إن 12 مدنيا قتلوا.") == [
        ("killed", 12, "at_least"),
        ("killed", 12, "exact"),
    ]


def test_a_casualty_round_trips_through_json_with_its_mentions() -> None:
    analysis = analyze("t", "", "مصرع 4 أشخاص في حادث. وأكد المرور مصرع 4 أشخاص.")
    again = Analysis.model_validate_json(analysis.model_dump_json())
    assert again == analysis
    assert len(again.casualties[0].mentions) == 2


# --- joint tolls, parts of a toll, the missing, capacities ----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أسفر انقلاب الحافلة عن مصرع وإصابة 15 شخصا", [("killed_or_injured", 15, "exact")]),
        ("سقط 26 فلسطينيا بين شهيد وجريح في القصف", [("killed_or_injured", 26, "exact")]),
        ("سقوط 4 قتلي وجرحي في الاشتباكات", [("killed_or_injured", 4, "exact")]),  # ي for ى
        ("ارتفعت الحصيلة إلى 38 شهيدا و112 إصابة", [("killed", 38, "exact"), ("injured", 112, "exact")]),
        ("لا يزال 11 مفقودا تحت الأنقاض", [("missing", 11, "exact")]),
        ("قالت السلطات إن 23 شخصا في عداد المفقودين", [("missing", 23, "exact")]),
        ("أدى الإعصار إلى مقتل 9 أشخاص وفقدان 30 آخرين", [("killed", 9, "exact"), ("missing", 30, "exact")]),
        ("فقد 14 صيادا إثر عاصفة قوية", [("missing", 14, "exact")]),
        ("غرق قارب يقل 600 مهاجر، وأكدت السلطات مصرع 78 شخصا", [("killed", 78, "exact")]),
        ("انقلب زورق وعلى متنه 40 راكبا في النهر", []),
    ],
)
def test_tolls_parts_missing_and_capacity(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


# --- singular victims, far and elided counts, spelling, vague plurals, fire -----------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أكدت مصادر أمنية إصابته بطلق ناري في ساقه", [("injured", 1, "exact")]),
        ("أطلق الشرطي النار قبل أن يصاب المشتبه برصاصة", [("injured", 1, "exact")]),
        ("أصيب شقيقان بالرصاص، وما لبث أحدهما أن فارق الحياة", [("injured", 2, "exact"), ("killed", 1, "exact")]),
        ("مقتل تسعة مدنيين في كفرنبل وأربعة مدنيين في معرة النعمان", [("killed", 9, "exact"), ("killed", 4, "exact")]),
        ("أصيب 12 متظاهرا في العاصمة و5 متظاهرين في البصرة", [("injured", 12, "exact"), ("injured", 5, "exact")]),
        ("استهدفت مسيرة سيارة، مودية بخمسة مدنيين", [("killed", 5, "exact")]),
        ("قالت الشرطة إن 5 من عائلة واحدة قتلوا", [("killed", 5, "exact")]),
        ("نزح 12.400 شخص من منازلهم بسبب الفيضانات", [("displaced", 12400, "exact")]),
        ("اسفر الحادث عن اصابتين خطيرتين", [("injured", 2, "exact")]),
        ("أفاد شهود بسقوط شهداء وجرحى في القصف", [("killed", None, "vague"), ("injured", None, "vague")]),
        ("قتل خمسة أشخاص وأصيب آخرون في الانفجار", [("killed", 5, "exact"), ("injured", None, "vague")]),
        ("خلف الحريق 9 وفيات وعددا من الإصابات", [("killed", 9, "exact"), ("injured", None, "vague")]),
        ("تعاملت فرق الدفاع المدني مع 4 حالات اختناق", [("injured", 4, "exact")]),
        ("سجلت حالتا وفاة في حريق دار المسنين", [("killed", 2, "exact")]),
        ("أجلى الدفاع المدني 102 معتمر من الفندق", [("evacuated", 102, "exact")]),
    ],
)
def test_real_news_phrasings(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


def test_a_decimal_stays_a_decimal() -> None:
    assert facts("ارتفع معدل البطالة إلى 12.5 بالمئة وقتل الملل الشباب") == []


# --- false casualties ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "تعرض لإصابة مبكرة في الشوط الأول وخرج من الملعب",
        "غاب الظهير عن المباراة بسبب إصابتين في الكاحل",
        "سجلت الوزارة إصابتين جديدتين بالفيروس",
        "أصيب الفنان بآلام حادة في المعدة",
        "حذرت المنظمة من أن الملاريا قد تحصد أرواح الآلاف",
        "كشفت النيابة أن عدد ضحايا شركة توظيف الأموال بلغ 3 آلاف مودع",
        "قتلت الحرب التجارية أحلام آلاف المصدرين",
        "أعدمت السلطات البيطرية 168 ألف دجاجة بعد بؤرة لإنفلونزا الطيور",
        "نفق أكثر من 200 رأس من الماشية بسبب الجفاف",
        "فقد 200 عامل وظائفهم بعد إغلاق المصنع",
    ],
)
def test_no_casualties(text: str) -> None:
    assert "casualties" not in fired(text)
    assert facts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "دعا الوزير إلى تهدئة الوضع في المنطقة",
        "تدخل الوجهاء لتهدئة الموقف بعد الشجار",
    ],
)
def test_calming_a_situation_is_no_truce(text: str) -> None:
    assert "ceasefire" not in fired(text)


# --- countries and language ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("عثرت دورية على 4 مهربين في الصحراء الغربية قرب واحة سيوة بمحافظة مطروح", {"EG"}, {"EH"}),
        ("انقلبت سيارة على طريق الفيوم الصحراوي", {"EG"}, {"EH"}),
        ("جدد مجلس الأمن ولاية بعثة المينورسو في الصحراء الغربية", {"EH"}, set()),
        ("أعلنت جبهة البوليساريو أن مقاتلين صحراويين هاجموا مواقع للجيش المغربي", {"EH", "MA"}, set()),
        ("وقع حادث في السويداء شمال منطقة الباحة", {"SA"}, {"SY"}),
        ("شهدت مدينة السويداء احتجاجات جديدة", {"SY"}, set()),
    ],
)
def test_country_precision(text: str, present: set[str], absent: set[str]) -> None:
    countries = set(analyze("t", "", text).countries)
    assert present <= countries
    assert not absent & countries


def test_sorani_kurdish_is_ckb() -> None:
    text = "هێزەکانی پێشمەرگە ڕایانگەیاند کە دوو چەکدار لە نزیک کەرکووک کوژران."
    assert analyze("t", "", text).language == "ckb"


def test_country_precision_scores_the_items_that_list_countries() -> None:
    def item(countries: list[str], may: list[str] | None = None) -> EvalItem:
        return EvalItem(
            id="i", text="نص", language="ar", alerts=[], figures=[], countries=countries, countries_may=may or []
        )

    def got(*codes: str) -> Analysis:
        return Analysis(id="i", language="ar", countries=list(codes))

    counts = score_country_precision(
        [
            (item(["EG"]), got("EG", "EH")),  # EH is a false country
            (item(["PS"], ["IL"]), got("PS", "IL")),  # named in passing: allowed, not counted
            (item([]), got("US")),  # no gold list: not scored
        ]
    )
    assert (counts.tp, counts.fp) == (2, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ارتفعت حصيلة قتلى الانفجار إلى 19 بعد أن كانت السلطات أعلنت مقتل 11 شخصا", [("killed", 19, "exact")]),
        ("ارتفع عدد قتلى الانفجار إلى 27 بعد أن كان 19 في حصيلة سابقة", [("killed", 27, "exact")]),
        # not an earlier toll: another kind, or no "after it had been"
        ("قتل 5 أشخاص بعد أن كان 3 منهم قد أصيبوا", [("killed", 5, "exact"), ("injured", 3, "exact")]),
        ("قتل 19 شخصا في الشمال و11 شخصا في الجنوب", [("killed", 19, "exact"), ("killed", 11, "exact")]),
    ],
)
def test_a_risen_toll_replaces_the_earlier_one_in_its_sentence(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected
