"""Which casualty facts tell the article's event and which recall an earlier period (pure)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mediamon.analysis.engine import default_engine
from mediamon.analysis.event_facts import dates_the_past, event_facts
from mediamon.analysis.normalize import normalize


def _at(year: int, month: int = 6) -> datetime:
    return datetime(year, month, 15, 9, tzinfo=UTC)


@pytest.mark.parametrize(("sentence", "when", "past"), [
    # a year before the event's, or a decade, dates the count
    ("وكانت حرب صيف 2014 قد أودت بحياة أكثر من ألفي شخص في القطاع", _at(2025), True),
    ("وخلّفت المعارك التي دارت في المدينة خلال الثمانينيات نحو 15 ألف قتيل", _at(2024), True),
    ("ومنذ اندلاع النزاع في أبريل/نيسان 2023، قتل ما لا يقل عن 20 ألف شخص", _at(2025), True),
    ("وأسفر زلزال 6 فبراير 2023 عن مقتل أكثر من 50 ألف شخص في البلدين", _at(2024), True),
    ("وكانت الفيضانات التي ضربت الإقليم في 12/9/2022 قد أودت بحياة 40 شخصاً", _at(2024), True),
    ("وقتل في حوادث مماثلة نحو 300 شخص خلال القرن الماضي", _at(2024), True),
    # «منذ» an earlier month: a count over months (this year's, or last year's when the month is still to come)
    ("وبلغ عدد القتلى منذ 18 مارس الماضي 9 آلاف و824 قتيلاً", _at(2025, 8), True),
    ("وارتفع عدد الجرحى منذ السابع من تشرين الأول إلى 1500 جريح", _at(2023, 11), True),
    ("وقتل منذ مطلع ديسمبر أكثر من 600 شخص في الإقليم", _at(2024, 2), True),
    ("وقتل منذ 3 أيار 2025 نحو 700 شخص", _at(2025, 9), True),
    # the event's year or month, no date, or a date that only bounds a comparison
    ("ومنذ اندلاع النزاع في أبريل/نيسان 2023، قتل ما لا يقل عن 20 ألف شخص", _at(2023, 6), True),
    ("ومنذ اندلاع النزاع في أبريل/نيسان 2023، قتل ما لا يقل عن 200 شخص", _at(2023, 4), False),
    ("وارتفع عدد الجرحى منذ السابع من تشرين الأول إلى 1500 جريح", _at(2023, 10), False),
    ("قتل 14 شخصاً على الأقل في أعنف هجوم تشهده المدينة منذ عام 2019", _at(2025), False),
    ("وهي الحصيلة الأعلى منذ 2016 إذ قتل 27 مهاجراً", _at(2025), False),
    ("قتل 31 شخصاً في أسوأ يوم تشهده المدينة منذ أكتوبر", _at(2025), False),
    ("وقتل 9 جنود، في حادثة تقع لأول مرة منذ 2011", _at(2025), False),
    ("وقتل نحو 80 شخصاً منذ بدء العملية العسكرية فجر الاثنين", _at(2025), False),
    ("وأسفر الانفجار عن مقتل 1950 شخصاً وفقاً لإحصاء أولي", _at(2025), False),  # a count, not a year
    ("وجرح أكثر من 2000 شخص في الهجوم", _at(2025), False),
    # «عام» is also "general": no period
    ("وقتل 3 متظاهرين بعد إضراب عام شل المدينة", _at(2025), False),
    ("وقتل 5 أشخاص بعد عام من الهدوء النسبي في البلدة", _at(2025), False),
    ("وقبل عامين قتل 14 شخصاً في سيول مماثلة", _at(2025), True),
    ("بعد 13 عاماً على الحرب التي قتلت 300 ألف شخص", _at(2025), True),
])
def test_a_sentence_dates_its_count_before_the_event(sentence: str, when: datetime, past: bool) -> None:
    assert dates_the_past(normalize(sentence), when) is past


def _analysed(title: str, text: str) -> tuple[str, list[tuple[str, int | None]]]:
    analysis = default_engine().analyze("x", title, text)
    return text, [(c.kind, c.count) for c in event_facts(text, analysis.casualties, _at(2025))]


def test_a_background_toll_far_from_the_event_is_dropped_and_the_event_toll_kept() -> None:
    text = ("قتل 17 شخصاً وأصيب 40 آخرون، اليوم الأحد، في قصف استهدف سوقاً شعبية وسط المدينة، بحسب مصادر طبية. "
            "وتشهد المنطقة منذ أسابيع تصعيداً متواصلاً. "
            "وكانت الحرب التي اندلعت في المنطقة عام 2020 قد أسفرت عن مقتل نحو 6 آلاف شخص.")
    _, facts = _analysed("", text)
    assert ("killed", 17) in facts and ("injured", 40) in facts
    assert ("killed", 6000) not in facts


@pytest.mark.parametrize(("text", "when", "fact"), [
    ("قتل 20 شخصاً اليوم في قصف على مدينة الفاشر المحاصرة منذ مايو 2024، وفق مصادر طبية.", _at(2025, 3), ("killed", 20)),
    ("وقتل 9 أشخاص في الغارة على البلدة التي نزح سكانها منذ أكتوبر الماضي.", _at(2025, 3), ("killed", 9)),
    # before the count, past a comma, from a clause that tells something else
    ("في مدينة الفاشر المحاصرة منذ مايو 2024، قتل 20 شخصاً اليوم في قصف مدفعي.", _at(2025, 3), ("killed", 20)),
])
def test_a_date_further_after_the_count_belongs_to_what_the_sentence_goes_on_to_tell(
        text: str, when: datetime, fact: tuple[str, int]) -> None:
    analysis = default_engine().analyze("x", "", text)
    assert fact in [(c.kind, c.count) for c in event_facts(text, analysis.casualties, when)]
    assert fact in [(c.kind, c.count) for c in analysis.casualties]


@pytest.mark.parametrize("text", [
    "ومنذ اندلاع الحرب في أبريل 2023، قتل أكثر من 20 ألف شخص في البلاد.",
    "وفي عام 2020، قتل نحو 6500 شخص في الحرب بين البلدين.",
    "وخلال الثمانينيات، قتل قرابة 15 ألف شخص في المعارك.",
])
def test_a_clause_that_opens_on_a_date_bounds_the_count_after_its_comma(text: str) -> None:
    analysis = default_engine().analyze("x", "", text)
    assert analysis.casualties
    assert event_facts(text, analysis.casualties, _at(2025)) == []


@pytest.mark.parametrize(("text", "when", "past"), [
    # the worst since an earlier event, whose own toll follows: the earlier event's
    ("وهو الهجوم الأعنف على المدينة منذ تفجير عام 2017 الذي أودى بحياة 80 شخصاً.", _at(2025), ("killed", 80)),
    ("وهي أعلى حصيلة منذ مارس 2021، حين قتل 46 شخصاً في انهيار مماثل.", _at(2025), ("killed", 46)),
    ("وهو الحريق الأسوأ منذ حريق المصفاة 2019 الذي أوقع 25 قتيلاً.", _at(2025), ("killed", 25)),
    # dated back by years, or a whole year's count
    ("وقبل ثلاث سنوات، قتل 14 شخصاً في سيول مماثلة ضربت الوادي.", _at(2025), ("killed", 14)),
    ("ووثقت المنظمة مقتل 900 مدني خلال العام الماضي في الإقليم.", _at(2025), ("killed", 900)),
    ("وارتفع عدد المهاجرين الغرقى منذ بداية العام إلى 210 على هذا الطريق.", _at(2025, 5), ("killed", 210)),
    # the pluperfect tells what had happened: a date further on still dates it
    ("وكان 70 مهاجراً قد لقوا حتفهم في حادثة مشابهة قبالة السواحل الليبية في 2022.", _at(2025), ("killed", 70)),
    # a count joined to a dated one shares its date
    ("ومنذ اندلاع الحرب في منتصف أبريل 2023 وحتى نهاية الشهر الماضي قتل أكثر من 28700 شخص وأصيب 33 ألفاً آخرون.",
     _at(2025), ("injured", 33000)),
])
def test_background_classes_of_real_reports(text: str, when: datetime, past: tuple[str, int]) -> None:
    analysis = default_engine().analyze("x", "", text)
    assert past in [(c.kind, c.count) for c in analysis.casualties]
    assert past not in [(c.kind, c.count) for c in event_facts(text, analysis.casualties, when)]


def test_a_count_before_the_worst_since_an_earlier_event_is_the_event() -> None:
    text = "قتل 33 شخصاً في الهجوم، وهو الأعنف منذ تفجير عام 2017 الذي أودى بحياة 80 شخصاً."
    analysis = default_engine().analyze("x", "", text)
    kept = [(c.kind, c.count) for c in event_facts(text, analysis.casualties, _at(2025))]
    assert ("killed", 33) in kept and ("killed", 80) not in kept


def test_a_count_followed_by_since_an_earlier_month_is_past() -> None:
    text = "وقتل نحو 2000 شخص منذ مارس في الإقليم، بحسب الأمم المتحدة."
    analysis = default_engine().analyze("x", "", text)
    assert ("killed", 2000) in [(c.kind, c.count) for c in analysis.casualties]
    assert ("killed", 2000) not in [(c.kind, c.count) for c in event_facts(text, analysis.casualties, _at(2025, 8))]


def test_a_year_in_a_relative_clause_far_from_the_count_does_not_make_the_event_toll_past() -> None:
    text = ("قتل 12 شخصاً اليوم في قصف على أحياء المدينة الشرقية التي كانت قد شهدت معارك عنيفة وحصاراً طويلاً في عام "
            "2016، وفق الدفاع المدني.")
    _, facts = _analysed("", text)
    assert ("killed", 12) in facts
