"""Real-news classes of blind set 14, on sentences written for these tests (not the blind set's): an aside on who
the dead were before a joined injury (قضى 8 أشخاص، بينهم امرأتان، وأصيب 19), inmates counted by a dual, an
illness named far back in the sentence of a count of cases, the wounded who died, bare «حالات» after a toll, the
state of some of the injured, clashes as a cause of leaving home, sports, plots and trapped people that are no
truce and no hostages, casualties called virtual, and wilayas of civil-protection bulletins."""

from __future__ import annotations

import pytest

from mediamon.analysis.engine import analyze
from tests.analysis.readings import Figure, alerts, facts

# ---------------------------------------------------------------- an aside before a joined injury


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "قضى 6 أشخاص، بينهم طفلان، وأصيب 11 آخرون في انقلاب شاحنة على طريق جبلي",
            [("killed", 6, "exact"), ("injured", 11, "exact")],
        ),
        (
            "قضت 4 نساء، بينهن مسنة، وأصيبت 7 أخريات في حريق بسوق شعبي",
            [("killed", 4, "exact"), ("injured", 7, "exact")],
        ),
    ],
)
def test_aside_before_a_joined_injury(text: str, expected: list[Figure]) -> None:
    assert facts(text) == expected


# ---------------------------------------------------------------- inmates


def test_inmates_in_the_dual() -> None:
    assert facts("أسفر شجار داخل السجن المركزي عن مقتل نزيلين وإصابة 6 حراس") == [
        ("killed", 2, "exact"),
        ("injured", 6, "exact"),
    ]


# ---------------------------------------------------------------- cases of an illness named far back


@pytest.mark.parametrize(
    "text",
    [
        "سجلت الوزارة 230 إصابة جديدة بالحصبة و3 وفيات في ثلاث محافظات خلال الأسبوع الماضي، ليرتفع العدد "
        "منذ بداية الموسم إلى أكثر من 9 آلاف إصابة",
        "قالت الوزارة إن عدد الإصابات بحمى الضنك منذ مطلع العام في المحافظات الساحلية بلغ 540 إصابة، بينها 12 "
        "حالة وفاة",
    ],
)
def test_cases_of_an_illness_named_far_back(text: str) -> None:
    assert facts(text) == []


def test_a_toll_after_a_blast_keeps_its_cases() -> None:
    assert facts("انفجار في مستودع لأدوية الكوليرا قرب ميناء المدينة التجاري صباح اليوم أسفر عن 14 إصابة") == [
        ("injured", 14, "exact"),
    ]


# ---------------------------------------------------------------- the wounded who died


def test_one_of_the_wounded_died() -> None:
    assert facts("ارتفعت حصيلة الحريق إلى 4 قتلى بعد وفاة أحد الجرحى في المستشفى") == [
        ("killed", 4, "exact"),
        ("killed", 1, "exact"),
    ]


def test_one_of_the_passers_by_hurt_is_still_injured() -> None:
    assert facts("وأصيب أحد المارة بجروح طفيفة") == [("injured", 1, "exact")]


# ---------------------------------------------------------------- bare cases after a toll


def test_bare_cases_after_a_toll() -> None:
    assert facts("ليرتفع عدد الوفيات جراء العاصفة المطرية إلى 7 حالات منذ مساء الجمعة") == [("killed", 7, "exact")]


def test_bare_cases_with_no_toll_before() -> None:
    assert facts("بلغ عدد المنازل المتضررة 40 حالة") == []


# ---------------------------------------------------------------- the state of some of the injured


@pytest.mark.parametrize(
    "text",
    ["وأفاد المستشفى بأن حالة اثنين من المصابين حرجة", "وحالة 3 منهم خطيرة بحسب الأطباء"],
)
def test_state_of_some_of_the_injured(text: str) -> None:
    assert facts(text) == []


# ---------------------------------------------------------------- leaving home because of clashes


def test_left_their_homes_because_of_clashes_told_late() -> None:
    assert facts(
        "غادر قرابة 3 آلاف شخص منازلهم في قرى مديرية نائية خلال اليومين الماضيين بسبب تصاعد المواجهات"
    ) == [("displaced", 3000, "about")]


def test_left_their_homes_for_a_pilgrimage() -> None:
    assert facts("غادر 300 حاج منازلهم في البلدة متجهين إلى مكة لأداء الفريضة") == []


# ---------------------------------------------------------------- no truce, no hostages


@pytest.mark.parametrize(
    "text",
    [
        "الهدنة الشتوية تمنح الأندية فرصة لتدعيم صفوفها قبل مرحلة الإياب",
        "اتفق الناديان على هدنة إعلامية قصيرة قبل نهائي الكأس",
        "قرر المدربان «وقف إطلاق النار» في الشوط الثاني والاكتفاء بالتعادل",
        "وفي الحلقة الخامسة من المسلسل يفرض شيخ القرية هدنة بين العائلتين المتناحرتين",
    ],
)
def test_sports_and_plots_are_no_truce(text: str) -> None:
    assert "ceasefire" not in alerts(text)


def test_a_truce_between_militias_is_a_truce() -> None:
    assert "ceasefire" in alerts("أعلن وجهاء المدينة هدنة بين المجموعتين المسلحتين بعد اشتباكات دامية")


@pytest.mark.parametrize(
    "text",
    [
        "قال المدرب إن لاعبيه كانوا رهائن للضغط الجماهيري في الشوط الأول",
        "أكد رئيس النادي أن الفريق لن يكون رهينة للحسابات الضيقة",
        "عمل رجال الإطفاء على تحرير المحتجزين من داخل المركبات بعد الحادث",
    ],
)
def test_idioms_and_trapped_people_are_no_hostages(text: str) -> None:
    assert "hostages" not in alerts(text)


def test_hostages_held_by_gunmen_are_hostages() -> None:
    assert "hostages" in alerts("يحتجز مسلحون 5 رهائن في مبنى حكومي منذ الصباح")


# ---------------------------------------------------------------- virtual casualties


@pytest.mark.parametrize(
    "text",
    [
        "تضمنت المناورة المشتركة إخلاء طبياً لمصابين افتراضيين من موقع الحادث",
        "أسعفت الفرق 12 مصاباً وهمياً خلال التمرين السنوي",
    ],
)
def test_virtual_casualties(text: str) -> None:
    assert "casualties" not in alerts(text)
    assert facts(text) == []


# ---------------------------------------------------------------- places


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("وفاة شخصين اختناقاً بالغاز في تيارت", "DZ"),
        ("غرق طفل في بركة مائية ببلدية تقرت", "DZ"),
        ("انهيار جدار مدرسة قديمة في أم البواقي", "DZ"),
        ("حريق في سوق الخضر بإنزكان", "MA"),
        ("انهيار منزل بالمدينة العتيقة لفاس", "MA"),
        ("هجوم على قافلة في ولاية جوبالاند", "SO"),
    ],
)
def test_places(text: str, country: str) -> None:
    assert country in analyze("t", "", text).countries
