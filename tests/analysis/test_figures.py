"""Casualty figures: kinds, counts, qualifiers, spans, and look-alikes that are not casualties."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mediamon.analysis.figures import find_casualties
from mediamon.analysis.normalize import PreparedText

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def figures(text: str) -> list[tuple[str, int | None, str]]:
    return [(c.kind, c.count, c.qualifier) for c in find_casualties(PreparedText.of(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "قتل خمسة جنود وأصيب ثلاثة آخرون في هجوم على حاجز",
            [("killed", 5, "exact"), ("injured", 3, "exact")],
        ),
        ("أسفر القصف عن سقوط 12 قتيلا و40 جريحا", [("killed", 12, "exact"), ("injured", 40, "exact")]),
        ("ارتفعت حصيلة ضحايا الفيضان إلى 1200 قتيل", [("killed", 1200, "exact")]),
        ("وارتفع عدد القتلى إلى 87 شخصا", [("killed", 87, "exact")]),
        ("لقي 7 أشخاص حتفهم في حادث سير", [("killed", 7, "exact")]),
        ("أكد الدفاع المدني أن ١٩ شخصاً قتلوا في الانهيار", [("killed", 19, "exact")]),
        ("نزح ما يزيد على 3 آلاف شخص من القرى الحدودية", [("displaced", 3000, "more_than")]),
        ("فر آلاف المدنيين من البلدة", [("displaced", None, "vague")]),
        ("تم إجلاء نحو 500 عائلة من الحي", [("evacuated", 500, "about")]),
        ("أجلت فرق الطوارئ أكثر من ۱۲۰۰ ساكن", [("evacuated", 1200, "more_than")]),
        ("مقتل قائد ميداني في غارة", [("killed", 1, "exact")]),
        ("أعلنت الشرطة وفاة مواطن في حادث سقوط رافعة", [("killed", 1, "exact")]),
        ("استشهد فلسطينيان برصاص الجيش", [("killed", 2, "exact")]),
        ("أصيب جنديان إسرائيليان بجروح", [("injured", 2, "exact")]),
        ("قُتل جنديين اثنين في الكمين", [("killed", 2, "exact")]),
        ("أكد المسعفون مقتل ما لا يقل عن 20 شخصا", [("killed", 20, "at_least")]),
        ("خلفت الغارة 15 قتيلا على الأقل", [("killed", 15, "at_least")]),
        ("قتل في الهجوم حوالي ثلاثين مدنيا", [("killed", 30, "about")]),
        ("انتشلت فرق الإنقاذ 14 جثة", [("killed", 14, "exact")]),
        ("قتل عشرات المدنيين في القصف", [("killed", None, "vague")]),
        ("أصيب المئات في الاشتباكات", [("injured", None, "vague")]),
        ("قُتل ١٥ شخصاً وجُرح ٣٠ آخرون", [("killed", 15, "exact"), ("injured", 30, "exact")]),
        ("أسفرت المواجهات عن مقتل شخصين وإصابة سبعة", [("killed", 2, "exact"), ("injured", 7, "exact")]),
        ("قتل ثلاثة مهاجرين بالإضافة إلى طفلين اثنين", [("killed", 3, "exact"), ("killed", 2, "exact")]),
        ("تسبب الزلزال بمقتل قرابة ألفي شخص", [("killed", 2000, "about")]),
        ("أجبر القتال أكثر من 200 ألف شخص على الفرار", [("displaced", 200000, "more_than")]),
        ("قالت الوكالة إن 1.5 مليون شخص نزحوا منذ بداية الحرب", [("displaced", 1500000, "exact")]),
        ("بلغ عدد النازحين أكثر من مليون شخص", [("displaced", 1000000, "more_than")]),
        ("أسفر الحريق عن إصابة أربعة وعشرين عاملا", [("injured", 24, "exact")]),
        ("قتل 3 وأصيب 5 في انفجار", [("killed", 3, "exact"), ("injured", 5, "exact")]),
        ("هاجم رجل المارة فقتل ثلاثة وأصاب سبعة", [("killed", 3, "exact"), ("injured", 7, "exact")]),
        ("توفي شاب وأصيب آخر في حادث سير", [("killed", 1, "exact"), ("injured", 1, "exact")]),
        ("أودى الإعصار بحياة ٤٠ شخصاً", [("killed", 40, "exact")]),
        ("صار عدد اللاجئين يتجاوز مليوني شخص", [("displaced", 2_000_000, "more_than")]),
        ("وقتل ألفا مدني في الحصار", [("killed", 2000, "exact")]),
    ],
)
def test_figures(text: str, expected: list[tuple[str, int | None, str]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "أعلنت الوزارة تسجيل 300 إصابة جديدة بفيروس كورونا",
        "توفي 4 أشخاص بالكوليرا في المخيم",
        "أعلنت وزارة الصحة وفاة مواطن بكورونا",
        "ارتفع عدد حالات الإصابة إلى 250 حالة",
        "غاب اللاعب عن المباراة بسبب الإصابة",
        "يعاني الفريق من إصابة 3 لاعبين",
        "خصصت الحكومة 200 مليون دولار لإعادة الإعمار بعد مقتل",
        "حاول قتل الوقت في المقهى ثلاث ساعات",
        "انتهت الحرب عام 2020 بعد مقتل",
        "اعتقلت الشرطة 20 متظاهرا",
        "أطلق سراح 50 أسيرا",
        "استولت القوات على 60 موقعا بعد معارك قتل فيها",
        "وصل عدد الجرحى في اليوم الثاني",
        "وفرت الحكومة 100 فرصة عمل",
        "لم يصب أحد بأذى",
        "",
    ],
)
def test_not_casualty_figures(text: str) -> None:
    assert figures(text) == []


def test_span_is_the_original_text_with_diacritics_and_indic_digits() -> None:
    text = "وقالت المصادر إنّ ٣٢ شخصًا قُتِلوا أمس."
    [casualty] = find_casualties(PreparedText.of(text))
    assert casualty.text == text[casualty.start : casualty.end] == "٣٢ شخصًا قُتِلوا"
    assert (casualty.kind, casualty.count) == ("killed", 32)


def test_spans_always_slice_the_original() -> None:
    text = "قُتـل ثلاثةُ جنودٍ، وأُصيب ١٬٢٠٠ آخرين. ونزح عشرات الآلاف من السكان."
    found = find_casualties(PreparedText.of(text))
    assert [(c.kind, c.count, c.qualifier) for c in found] == [
        ("killed", 3, "exact"),
        ("injured", 1200, "exact"),
        ("displaced", None, "vague"),
    ]
    for casualty in found:
        assert text[casualty.start : casualty.end] == casualty.text


def test_seed_must_figures_are_found() -> None:
    expected = json.loads((SEEDS / "seeds.expected.json").read_text(encoding="utf-8"))["articles"]
    for name, spec in expected.items():
        text = (SEEDS / "seeds" / f"{name}.txt").read_text(encoding="utf-8")
        found = [[c.kind, c.count, c.qualifier] for c in find_casualties(PreparedText.of(text))]
        for must in spec["must"]:
            assert must in found, (name, must)
        for figure in found:
            assert figure in spec["must"] + spec["may"], (name, figure)


# --- a number with the article is the adjective of a definite noun ------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("احتشد الأهالي حول القتلى الستة في ساحة البلدة", [("killed", 6, "exact")]),
        ("وللقتلى التسعة أسر تنتظر الإنصاف", [("killed", 9, "exact")]),
        ("شيّع الأهالي الضحايا الأربعة إلى المقبرة", [("killed", 4, "exact")]),
        ("أدانت النقابة مقتل الصحفيين الخمسة", [("killed", 5, "exact")]),
        ("نُقل الجرحى العشرة إلى مستشفى المدينة", [("injured", 10, "exact")]),
    ],
)
def test_articled_numbers_count_after_their_noun(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "قُتل شخص خلال الأيام الثلاثة الماضية",  # الأيام is a unit of time
        "توفي رجل في الستين من عمره",  # an age
        "قُتل جنديان في الهجوم الاثنين",  # Monday
        "عقد الوزراء الثلاثة اجتماعاً طارئاً",  # no trigger
    ],
)
def test_articled_numbers_without_their_casualty_noun(text: str) -> None:
    assert all(count in (1, 2) for _, count, _ in figures(text))  # only the one or two stated apart


# --- a unit word with ب is no unit ----------------------------------------------------------------------


def test_cases_with_b_are_injuries_not_a_unit() -> None:
    assert figures("أصيب المئات بحالات إغماء خلال التدافع") == [("injured", None, "vague")]
    assert figures("أصيب 12 عاملا بحالات اختناق") == [("injured", 12, "exact")]
    assert figures("سجلت المستشفيات 80 حالة تسمم") == []  # حالة right after the number is a unit
    assert figures("سجلت المستشفيات 80 حالة اختناق") == [("injured", 80, "exact")]  # but cases of suffocation


# --- triggers that need a confirming word or stand right before the count --------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قضى خمسة عمال اختناقاً داخل بئر", [("killed", 5, "exact")]),
        ("قضى طفلان في حريق شب في خيمتهما", [("killed", 2, "exact")]),
        ("فارق ثلاثة متسلقين الحياة بعد انهيار ثلجي", [("killed", 3, "exact")]),
        ("فقد 20 مهاجراً حياتهم قبالة الساحل", [("killed", 20, "exact")]),
        ("لقي سائق حتفه في حادث مروري", [("killed", 1, "exact")]),
        ("تعرض مصور لإصابة بالغة خلال المواجهات", [("injured", 1, "exact")]),
        ("سقط 5 جنود في المعارك مع المتمردين", [("killed", 5, "exact")]),
        ("اضطر أكثر من 15 ألف شخص إلى النزوح جنوباً", [("displaced", 15000, "more_than")]),
        ("أجبرت السيول 400 أسرة على ترك منازلها", [("displaced", 400, "exact")]),
        ("غادر نحو ألف شخص منازلهم هرباً من القصف", [("displaced", 1000, "about")]),
    ],
)
def test_confirmed_triggers(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "قضى ثلاثة صحفيين عامين في السجن",  # spent two years
        "قضت أربع عائلات ليلتها في العراء",  # spent the night
        "قضت المحكمة بسجن 3 متهمين",  # قضى not right before the count
        "فقد الفريق ثلاث نقاط ثمينة",
        "لقي الاقتراح تأييد 20 نائباً",  # لقي = received
        "تعرض 200 شخص للاحتيال عبر الإنترنت",  # exposed to fraud
        "سقط ثلاثة أطفال من الحافلة دون أن يصابوا",  # fell
        "غادر 500 سائح الفندق بعد انتهاء العطلة",  # leaving a hotel
        "غادر آلاف المصطافين منازلهم نحو الشواطئ",  # leaving home, no cause
        "أشار 3 مسؤولين إلى مقتل جنديين",  # a verbal noun after إلى is no trigger of the count before
        "دعا الوزير 20 نائباً إلى الإجلاء الفوري للقاعة",
    ],
)
def test_confirmed_triggers_stay_silent_without_their_word(text: str) -> None:
    assert [f for f in figures(text) if f[1] != 2] == []  # (جنديين is a figure of its own)


# --- a qualifying verb over "the number of" ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تجاوز عدد القتلى في الزلزال 300 شخص", [("killed", 300, "more_than")]),
        ("وتخطت حصيلة ضحايا الفيضانات 120 قتيلا", [("killed", 120, "more_than")]),
        ("ناهز عدد الجرحى مئتي جريح", [("injured", 200, "about")]),
        ("بلغ عدد القتلى 40 قتيلا", [("killed", 40, "exact")]),
    ],
)
def test_qualifier_over_the_number_of(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert figures(text) == expected


def test_a_qualifying_verb_needs_a_casualty_count() -> None:
    assert figures("تجاوز عدد الطلاب 300 طالب هذا العام") == []


# --- one person, no number -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قتيل وثلاثة جرحى في حادث سير", [("killed", 1, "exact"), ("injured", 3, "exact")]),
        ("سقط جندي قتيلاً برصاص قناص", [("killed", 1, "exact")]),
        ("قالت المصادر إن شاباً توفي متأثراً بجروحه", [("killed", 1, "exact")]),
        ("أكد المستشفى أن امرأة أصيبت بجروح خطيرة", [("injured", 1, "exact")]),
        ("ذكر الشهود أن رجلاً لقي حتفه دهساً", [("killed", 1, "exact")]),
        ("اغتال مسلحون قيادياً في الحركة أمام منزله", [("killed", 1, "exact")]),
        ("أصابت شظية طائشة طفلاً في رأسه", [("injured", 1, "exact")]),
        ("قتل الجيش مسلحاً واعتقل آخرين", [("killed", 1, "exact")]),
        ("قتل الرجل زوجته بعد شجار", [("killed", 1, "exact")]),  # a possessed noun shows no case
        ("أعدم الخاطفون رهينة أمس", [("killed", 1, "exact")]),
        ("سقط قتيل في الاشتباكات", [("killed", 1, "exact")]),
    ],
)
def test_one_person_with_no_number(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # killed and injured together: no count of one; the count goes to each kind (as مصرع وإصابة)
        ("سقط 20 شخصا بين قتيل وجريح", [("killed_or_injured", 20, "exact")]),
        ("خصصت الحكومة تعويضاً لكل قتيل", []),
        ("قال مسؤول أصيب 3 أشخاص في الانفجار", [("injured", 3, "exact")]),  # the verb has its subject
        ("قتلت 5 أشخاص وأصيب أكثر من 40", [("killed", 5, "exact"), ("injured", 40, "more_than")]),
        ("صلّى المئات على القتلى الستة", [("killed", 6, "exact")]),  # المئات prayed: على stands between
    ],
)
def test_one_person_look_alikes(text: str, expected: list[tuple[str, int | None, str]]) -> None:
    assert figures(text) == expected


def test_lost_with_nothing_lost_after_it_is_missing() -> None:
    assert figures("فقد 30 شخصاً في البحر بعد غرق القارب") == [("missing", 30, "exact")]
    assert figures("فقد 30 عاملاً وظائفهم بعد إغلاق المصنع") == []
