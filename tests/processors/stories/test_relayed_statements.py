"""Blind set 14: a ministry's daily statement issued in the evening is relayed by another outlet the next morning,
14 hours later; the two are one story. The next evening's statement, a day later, is another (periodic_gap)."""

from __future__ import annotations

from mediamon.processors.stories import StoryConfig, StoryIndex, assign
from tests.processors.stories.conftest import Make

EVENING = (
    "2028-11-14T19:00:00+00:00",
    "وزارة الصحة: 280 إصابة جديدة بالكوليرا وأربع وفيات خلال 24 ساعة",
    "أعلنت وزارة الصحة تسجيل 280 إصابة جديدة بالكوليرا وأربع وفيات خلال الساعات الأربع والعشرين الماضية، أغلبها في"
    " محافظتي الحديدة وحجة.\n\nوقالت الوزارة في تقريرها اليومي إن مراكز العزل تعمل بطاقتها القصوى، داعية المواطنين"
    " إلى غلي مياه الشرب.",
)
NEXT_MORNING = (
    "2028-11-15T09:00:00+00:00",
    "الكوليرا تواصل التفشي في الحديدة وحجة.. 280 حالة في يوم واحد",
    "سجلت السلطات الصحية 280 حالة إصابة بالكوليرا وأربع وفيات في يوم واحد، وفق التقرير اليومي لوزارة الصحة، مع"
    " تركز الحالات في محافظتي الحديدة وحجة.\n\nوحذرت منظمات إغاثة من نقص محاليل الإرواء في المراكز الريفية.",
)
NEXT_EVENING = (
    "2028-11-15T19:30:00+00:00",
    "وزارة الصحة: 305 إصابات جديدة بالكوليرا وثلاث وفيات خلال 24 ساعة",
    "أعلنت وزارة الصحة تسجيل 305 إصابات جديدة بالكوليرا وثلاث وفيات خلال الساعات الأربع والعشرين الماضية، أغلبها"
    " في محافظتي الحديدة وحجة.\n\nوقالت الوزارة في تقريرها اليومي إن الإصابات بين الأطفال في ارتفاع.",
)


def test_the_evening_statement_relayed_next_morning_is_one_story(make: Make, config: StoryConfig) -> None:
    evening, morning = make("evening", *EVENING), make("morning", *NEXT_MORNING)
    assert evening.periodic and morning.periodic
    index = StoryIndex(config)
    assert assign(index, evening) == "evening"
    assert assign(index, morning) == "evening"


def test_the_next_days_statement_is_another_story(make: Make, config: StoryConfig) -> None:
    index = StoryIndex(config)
    assign(index, make("evening", *EVENING))
    assert assign(index, make("next", *NEXT_EVENING)) == "next"
