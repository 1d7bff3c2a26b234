"""Casualty figures in phrasings where the count stands apart from what it counts: far from "the number
of <casualty noun>", as "cases of death", after another casualty noun or a new conjunct, or under two
joined triggers. (Original sentences.)"""

from __future__ import annotations

import pytest

from mediamon.analysis.figures import find_casualties
from mediamon.analysis.normalize import PreparedText

Figure = tuple[str, int | None, str]


def figures(text: str) -> list[Figure]:
    return [(c.kind, c.count, c.qualifier) for c in find_casualties(PreparedText.of(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ارتفع عدد قتلى انهيار الجسر الذي شيد في المدينة القديمة إلى 23", [("killed", 23, "exact")]),
        (
            "ارتفعت حصيلة ضحايا العاصفة التي اجتاحت السواحل الشرقية الأسبوع الماضي إلى سبعة وأربعين",
            [("killed", 47, "exact")],
        ),
        ("ارتفع عدد الجرحى، بحسب مصادر طبية في المدينة، إلى 65", [("injured", 65, "exact")]),
        ("وصل عدد النازحين من البلدات الحدودية في الجنوب إلى نحو 8 آلاف", [("displaced", 8000, "about")]),
        ("ارتفع عدد المصابين في حريق السوق الذي اندلع مساء الأحد إلى أكثر من 40", [("injured", 40, "more_than")]),
        ("تجاوز عدد قتلى الفيضانات في الولايات الشمالية للبلاد 300", [("killed", 300, "more_than")]),
        ("بلغ عدد الذين قتلوا في الهجوم على القاعدة العسكرية 17", [("killed", 17, "exact")]),
    ],
)
def test_count_far_from_the_number_of_casualties(text: str, expected: list[Figure]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the number of something else, or a count that is not what the number reached
        "ارتفع عدد حالات الإصابة في المدينة إلى 250",
        "ارتفع عدد القتلى بعد انتشال جثث جديدة، ووصل عدد المنازل المدمرة إلى 300",
        "بلغ عدد قتلى الزلزال الذي ضرب البلاد قبل 3 أعوام في المدينة التي تضم 300",
        "ارتفع عدد الإصابات بفيروس كورونا في المدينة التي يقطنها مليون نسمة إلى 500",
        "وقال المسؤول إن عدد القتلى لم يتضح بعد، وإن الحريق امتد إلى 3 طوابق",
        "ارتفع عدد القتلى في المدينة بعدما امتدت النيران إلى 3",
    ],
)
def test_far_heads_that_are_no_count(text: str) -> None:
    assert figures(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("سجلت المستشفيات 7 حالات وفاة جراء انهيار المبنى", [("killed", 7, "exact")]),
        ("أسفر التصادم عن 12 حالة وفاة و40 حالة إصابة", [("killed", 12, "exact"), ("injured", 40, "exact")]),
        ("ارتفع عدد ضحايا السيول في الولاية إلى 26 حالة وفاة", [("killed", 26, "exact")]),
    ],
)
def test_cases_of_death_and_injury_are_counts(text: str, expected: list[Figure]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "سجلت الوزارة 230 إصابة بالكوليرا في المحافظة",
        "أعلنت السلطات تسجيل 50 حالة إصابة بكورونا",
        "سجلت 15 حالة وفاة بالحصبة بين الأطفال",
        "رصدت المنظمة 40 حالة إصابة جديدة",
        "سجلت الوزارة 70 حالة وفاة جديدة",
        "ارتفع عدد حالات الإصابة إلى 250 حالة",
        "سجل المستشفى 12 حالة ولادة",
    ],
)
def test_cases_of_illness_stay_out(text: str) -> None:
    assert figures(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أسفر الحادث عن وفاة غريقين وإنقاذ سبعة", [("killed", 2, "exact")]),
        ("انتهت العملية بانتشال قتيل وإخراج ثلاثة من تحت الأنقاض", [("killed", 1, "exact")]),
        ("أدى الإعصار إلى مقتل العشرات وفقدان الآلاف", [("killed", None, "vague"), ("missing", None, "vague")]),
        ("مقتل 100 شخص وفقدان 20 آخرين", [("killed", 100, "exact"), ("missing", 20, "exact")]),
        ("قتل خمسة وزراء سابقين في التفجير", [("killed", 5, "exact")]),  # وزراء: و of the noun itself
    ],
)
def test_a_count_after_another_casualty_noun_or_a_new_conjunct(text: str, expected: list[Figure]) -> None:
    assert figures(text) == expected


def test_a_new_conjunct_is_not_the_counted_noun() -> None:
    casualty, _ = find_casualties(PreparedText.of("أدى الإعصار إلى مقتل العشرات وفقدان الآلاف"))
    assert casualty.text == "مقتل العشرات"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قتل وجرح العشرات في تفجير", [("killed_or_injured", None, "vague")]),
        ("أصيب وقتل 3 في الاشتباك", [("killed_or_injured", 3, "exact")]),
        ("أسفر الحادث عن مصرع وإصابة 12 شخصا", [("killed_or_injured", 12, "exact")]),
        ("سقط عشرات القتلى والجرحى في القصف", [("killed_or_injured", None, "vague")]),
        ("أسفر الهجوم عن 30 قتيلا وجريحا", [("killed_or_injured", 30, "exact")]),
        # not joined: each count has its own trigger
        ("قتل 5 وجرح 10", [("killed", 5, "exact"), ("injured", 10, "exact")]),
        ("سقوط 5 قتلى و10 جرحى", [("killed", 5, "exact"), ("injured", 10, "exact")]),
    ],
)
def test_joined_killed_and_injured_are_one_joint_toll(text: str, expected: list[Figure]) -> None:
    assert figures(text) == expected


def test_joined_figures_share_the_joint_span() -> None:
    text = "أسفر الحادث عن مصرع وإصابة 12 شخصا"
    spans = {c.text for c in find_casualties(PreparedText.of(text))}
    assert spans == {"مصرع وإصابة 12 شخصا"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قضى شرطيان وأصيب ثالث بعد أن فتح مسلحون النار", [("killed", 2, "exact"), ("injured", 1, "exact")]),
        ("سقط 3 جنود وجرح 5 آخرون", [("killed", 3, "exact"), ("injured", 5, "exact")]),
        ("3 أشخاص قضوا وأصيب 5", [("killed", 3, "exact"), ("injured", 5, "exact")]),
        # فقد with an injury after it: went missing, not killed
        ("فقد 3 صيادين وأصيب 5 آخرون", [("missing", 3, "exact"), ("injured", 5, "exact")]),
        ("قضى الوفد يومين وأصيب أعضاؤه بالإرهاق", []),
    ],
)
def test_an_injury_joined_after_confirms_died(text: str, expected: list[Figure]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    ["أعلنت الحكومة عودة 400 أسرة نازحة إلى قراها", "وعاد آلاف النازحين إلى منازلهم بعد الهدنة"],
)
def test_returning_displaced_people_are_no_displacement(text: str) -> None:
    assert figures(text) == []


def test_displacement_after_a_return_of_fighting_still_counts() -> None:
    assert figures("عاد القصف فنزح 300 شخص") == [("displaced", 300, "exact")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a qualifier between the counted noun and its verb, or after the noun of a verb before
        ("قالت المنظمة إن 15 مزارعاً على الأقل قتلوا في القصف", [("killed", 15, "at_least")]),
        ("لقي 40 شخصاً على الأقل حتفهم في الانهيار", [("killed", 40, "at_least")]),
        # an aside between commas before the verb
        ("أكد المستشفى أن تسعة عمال، بينهم امرأتان، أصيبوا في الحريق", [("injured", 9, "exact")]),
        # the counted noun "of" a group before its verb
        ("ذكر الجيش أن 6 جنود من الكتيبة الثالثة قتلوا في الكمين", [("killed", 6, "exact")]),
        # "its victims were" and first aid
        ("في ذكرى الحريق الذي راح ضحيته 12 عاملاً", [("killed", 12, "exact")]),
        ("أسعفت طواقم الطوارئ 8 أشخاص بعد انفجار الموقد", [("injured", 8, "exact")]),
        # a person and two possessed kin: three
        ("توفي رجل وابناه غرقاً في البحيرة", [("killed", 3, "exact")]),
        ("نزح قرابة ربع مليون شخص من المدينة", [("displaced", 250_000, "about")]),
    ],
)
def test_wire_copy_phrasings(text: str, expected: list[Figure]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "تراجعت أعداد الجرحى بنسبة 30 في المئة مقارنة بالعام الماضي",
        "انخفض عدد القتلى في حوادث الطرق بنحو 12 في المائة",
        "قال الرجل إن ضحيته لم تكن وحدها",
        "نقلت سيارات الإسعاف الجرحى إلى المستشفى",
    ],
)
def test_percentages_and_look_alikes_are_no_figures(text: str) -> None:
    assert figures(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one count of the killed and the injured together: each kind gets it, as with مصرع وإصابة
        (
            "خلّف الانفجار 18 شخصاً بين قتيل وجريح",
            [("killed_or_injured", 18, "exact")],
        ),
        ("سقط نحو 60 ما بين شهيد ومصاب", [("killed_or_injured", 60, "about")]),
        # "or more" after the count
        ("أصيب خمسة عشر شخصاً أو أكثر", [("injured", 15, "at_least")]),
        # taking refuge, with a cause near
        ("لجأ قرابة 700 شخص إلى المساجد هرباً من الفيضان", [("displaced", 700, "about")]),
    ],
)
def test_pairs_or_more_and_refuge(text: str, expected: list[Figure]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    ["لجأت الشركة إلى التحكيم مع 4 موردين", "وزعت الجوائز بين 12 فائزاً", "فاز 30 نائبا بين مستقل وحزبي"],
)
def test_refuge_and_between_look_alikes(text: str) -> None:
    assert figures(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a toll of two kinds: the noun after و with the article heads the next count
        ("بلغت حصيلة الضحايا 7 والجرحى 25", [("killed", 7, "exact"), ("injured", 25, "exact")]),
        # a person and a kin noun of the five nouns or أم
        ("قتلت امرأة وأمها في القصف", [("killed", 2, "exact")]),
        ("لقي رجل وأخوه حتفهما في الحادث", [("killed", 2, "exact")]),
    ],
)
def test_two_kinds_of_toll_and_kin(text: str, expected: list[Figure]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ويخشى المسعفون أن يتجاوز عدد الضحايا الألف", [("killed", 1000, "more_than")]),
        ("تخطت أعداد النازحين حاجز المليون", [("displaced", 1_000_000, "more_than")]),
        ("تجاوز عدد الزوار الألف", []),
        ("أقيم الاحتفال بمناسبة مرور الألف يوم على الحصار", []),
    ],
)
def test_a_toll_passing_a_round_number(text: str, expected: list[Figure]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    ["فر 7 سجناء من السجن المركزي ليلاً", "أعلنت الشرطة هروب 4 من الموقوفين من مركز الاحتجاز"],
)
def test_escaped_prisoners_are_not_displaced(text: str) -> None:
    assert figures(text) == []


def test_evacuated_prisoners_are_still_evacuated() -> None:
    assert figures("أجلت السلطات 150 نزيلاً من سجن غمرته السيول") == [("evacuated", 150, "exact")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("انتشل الغواصون جثة صياد قرب الميناء", [("killed", 1, "exact")]),
        ("عثر المارة على جثة الطفل المفقود في الوادي", [("killed", 1, "exact")]),
        ("سقط المصارع أرضاً كأنه جثة هامدة", []),
        ("شيعت البلدة جثمان الجندي", []),
    ],
)
def test_a_body_of_one_person(text: str, expected: list[Figure]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("هلك ثلاثة شبان في انقلاب سيارتهم بالطريق السيار", [("killed", 3, "exact")]),
        ("لفظ مسن أنفاسه الأخيرة تحت الأنقاض", [("killed", 1, "exact")]),
        ("لفظت 4 نساء أنفاسهن قبل وصول الإسعاف", [("killed", 4, "exact")]),
        ("لفظ المتهم 3 كلمات فقط أمام القاضي", []),
    ],
)
def test_perished_and_last_breath(text: str, expected: list[Figure]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the article written apart with a tatweel (الـ) between a qualifier and the count
        ("أصيب ما يزيد على الـ 60 شخصاً", [("injured", 60, "more_than")]),
        ("قتل نحو الـ15 عاملاً", [("killed", 15, "about")]),
        # a number word with the article after a qualifier is a count, not an adjective
        ("نزح قرابة الألفين من سكان الحي", [("displaced", 2000, "about")]),
        ("قتل ثلاثة من الخمسة المختطفين", [("killed", 3, "exact")]),
    ],
)
def test_articled_counts_after_a_qualifier(text: str, expected: list[Figure]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("كان قتلاه 9 وجرحاه 21 بحسب المستشفى", [("killed", 9, "exact"), ("injured", 21, "exact")]),
        ("فر الألوف من المدينة هرباً من القتال", [("displaced", None, "vague")]),
    ],
)
def test_possessed_casualty_nouns_and_thousands(text: str, expected: list[Figure]) -> None:
    assert figures(text) == expected
