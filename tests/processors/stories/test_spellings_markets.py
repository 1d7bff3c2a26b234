"""Blind set 13: a foreign name's "ch" is written تش or ش (مخيم دوتشانا, مخيم دوشانا), a known town is written in a
spelling the gazetteer lacks (مدينة زليتن, مدينة زليطن), a district is named after a market (قضاء سوق الشيوخ), and a
province in common (محافظة ذي قار) does not make two events in two of its districts one."""

from __future__ import annotations

from mediamon.processors.stories import StoryConfig, StoryIndex, assign
from mediamon.processors.stories.localities import locality_names, variant
from mediamon.processors.stories.score import Entry, place_conflict
from tests.processors.stories.conftest import Make


def test_the_two_spellings_of_ch_share_a_key() -> None:
    assert variant("quarter:دوتشان") == variant("quarter:دوشان")
    assert variant("بوتشار") == variant("بوشار")


def test_a_district_named_after_a_market_is_a_district() -> None:
    assert locality_names("انهار منزل في قضاء سوق الشيوخ جنوبي المحافظة") == [("district", "سوق الشيوخ")]
    assert locality_names("أمطار على مدينة سوق أهراس") == [("town", "سوق اهراس")]
    assert locality_names("شب حريق في سوق الشيوخ القديم") == [("quarter", "الشيوخ")]  # a market still
    assert locality_names("تحسن الأداء في قطاع سوق العمل") == []


STORM = (
    ("2028-09-03T07:00:00+00:00", "عاصفة تقتلع خياما في مخيم دوتشانا شرق تشاد",
     "اقتلعت عاصفة رملية ليل السبت مئات الخيام في مخيم دوتشانا للاجئين السودانيين شرق تشاد، وأصيب تسعة لاجئين بجروح."),
    ("2028-09-03T12:00:00+00:00", "لاجئون سودانيون بلا مأوى بعد عاصفة ضربت مخيم دوشانا",
     "بات مئات اللاجئين السودانيين بلا مأوى بعد عاصفة رملية ضربت مخيم دوشانا في تشاد، وأسفرت عن إصابة تسعة منهم."),
)


def test_a_camp_spelled_two_ways_is_one_camp(make: Make, config: StoryConfig) -> None:
    first, second = (make(f"s{i}", *row) for i, row in enumerate(STORM))
    assert not place_conflict(Entry.of(second, ""), Entry.of(first, "s0"))
    index = StoryIndex(config)
    assert assign(index, first) == "s0"
    assert assign(index, second) == "s0"


BLAST = (
    ("2028-09-03T08:00:00+00:00", "انفجار صهريج وقود في مدينة زليتن يوقع قتيلين",
     "قتل شخصان وأصيب سبعة آخرون، صباح الأحد، في انفجار صهريج وقود داخل محطة تعبئة على الطريق الساحلي في مدينة زليتن "
     "غرب ليبيا."),
    ("2028-09-03T13:00:00+00:00", "ارتفاع ضحايا انفجار محطة الوقود في مدينة زليطن إلى 4",
     "ارتفع عدد ضحايا انفجار صهريج الوقود في محطة تعبئة بمدينة زليطن إلى أربعة قتلى، بعد وفاة مصابين اثنين في مستشفى "
     "المدينة."),
)


def test_a_town_in_a_spelling_the_gazetteer_lacks_is_the_known_town(make: Make, config: StoryConfig) -> None:
    first, second = (make(f"b{i}", *row) for i, row in enumerate(BLAST))
    assert "زليتن" in first.places and not second.places
    assert Entry.of(second, "").aliases(Entry.of(first, "b0")) == frozenset({"زليتن"})
    index = StoryIndex(config)
    assert assign(index, first) == "b0"
    assert assign(index, second) == "b0"


COLLAPSE = (
    "2028-09-04T06:00:00+00:00", "وفاة طفلين بانهيار منزل طيني في قضاء سوق الشيوخ",
    "توفي طفلان وأصيبت والدتهما، فجر الاثنين، بانهيار سقف منزل طيني في قضاء سوق الشيوخ جنوبي محافظة ذي قار.",
)
DROWNING = (
    "2028-09-04T11:00:00+00:00", "غرق طفلين في نهر الغراف بقضاء الرفاعي",
    "غرق طفلان، ظهر الاثنين، أثناء السباحة في نهر الغراف بقضاء الرفاعي شمالي محافظة ذي قار.",
)


def test_two_districts_of_one_province_conflict(make: Make, config: StoryConfig) -> None:
    collapse, drowning = make("collapse", *COLLAPSE), make("drowning", *DROWNING)
    assert "district:سوق شيوخ" in collapse.spots
    assert place_conflict(Entry.of(drowning, ""), Entry.of(collapse, "collapse"))
    index = StoryIndex(config)
    assert assign(index, collapse) == "collapse"
    assert assign(index, drowning) == "drowning"
