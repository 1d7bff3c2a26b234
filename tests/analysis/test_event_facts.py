"""Which casualty facts tell the article's event and which recall an earlier period (pure)."""

from __future__ import annotations

import pytest

from mediamon.analysis.engine import default_engine
from mediamon.analysis.event_facts import dates_the_past, event_facts
from mediamon.analysis.normalize import normalize


@pytest.mark.parametrize(("sentence", "year", "past"), [
    # a year before the event's, or a decade, dates the count
    ("وكانت حرب صيف 2014 قد أودت بحياة أكثر من ألفي شخص في القطاع", 2025, True),
    ("وخلّفت المعارك التي دارت في المدينة خلال الثمانينيات نحو 15 ألف قتيل", 2024, True),
    ("ومنذ اندلاع النزاع في أبريل/نيسان 2023، قتل ما لا يقل عن 20 ألف شخص", 2025, True),
    ("وأسفر زلزال 6 فبراير 2023 عن مقتل أكثر من 50 ألف شخص في البلدين", 2024, True),
    ("وكانت الفيضانات التي ضربت الإقليم في 12/9/2022 قد أودت بحياة 40 شخصاً", 2024, True),
    ("وقتل في حوادث مماثلة نحو 300 شخص خلال القرن الماضي", 2024, True),
    # the event's year, no year, or a year that only bounds a comparison
    ("ومنذ اندلاع النزاع في أبريل/نيسان 2023، قتل ما لا يقل عن 20 ألف شخص", 2023, False),
    ("قتل 14 شخصاً على الأقل في أعنف هجوم تشهده المدينة منذ عام 2019", 2025, False),
    ("وهي الحصيلة الأعلى منذ 2016 إذ قتل 27 مهاجراً", 2025, False),
    ("وقتل 9 جنود، في حادثة تقع لأول مرة منذ 2011", 2025, False),
    ("وقتل نحو 80 شخصاً منذ بدء العملية العسكرية فجر الاثنين", 2025, False),
    ("وأسفر الانفجار عن مقتل 1950 شخصاً وفقاً لإحصاء أولي", 2025, False),  # a count, not a year
    ("وجرح أكثر من 2000 شخص في الهجوم", 2025, False),
])
def test_a_sentence_dates_its_count_before_the_event_year(sentence: str, year: int, past: bool) -> None:
    assert dates_the_past(normalize(sentence), year) is past


def _analysed(title: str, text: str) -> tuple[str, list[tuple[str, int | None]]]:
    analysis = default_engine().analyze("x", title, text)
    return text, [(c.kind, c.count) for c in event_facts(text, analysis.casualties, 2025)]


def test_a_background_toll_far_from_the_event_is_dropped_and_the_event_toll_kept() -> None:
    text = ("قتل 17 شخصاً وأصيب 40 آخرون، اليوم الأحد، في قصف استهدف سوقاً شعبية وسط المدينة، بحسب مصادر طبية. "
            "وتشهد المنطقة منذ أسابيع تصعيداً متواصلاً. "
            "وكانت الحرب التي اندلعت في المنطقة عام 2020 قد أسفرت عن مقتل نحو 6 آلاف شخص.")
    _, facts = _analysed("", text)
    assert ("killed", 17) in facts and ("injured", 40) in facts
    assert ("killed", 6000) not in facts


def test_a_year_in_a_relative_clause_far_from_the_count_does_not_make_the_event_toll_past() -> None:
    text = ("قتل 12 شخصاً اليوم في قصف على أحياء المدينة الشرقية التي كانت قد شهدت معارك عنيفة وحصاراً طويلاً في عام "
            "2016، وفق الدفاع المدني.")
    _, facts = _analysed("", text)
    assert ("killed", 12) in facts
