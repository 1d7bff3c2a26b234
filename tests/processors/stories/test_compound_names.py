"""Compound names written in one word or two (blind set 6): خان يونس and خانيونس, أبو شوك and أبوشوك."""

from __future__ import annotations

from mediamon.processors.stories import StoryConfig, StoryIndex, assign
from mediamon.processors.stories.localities import spots
from mediamon.processors.stories.shingles import content_words, joined_words
from tests.processors.stories.conftest import Make


def test_both_spellings_give_the_same_words() -> None:
    assert content_words("قصف في خان يونس") == content_words("قصف في خانيونس")
    assert content_words("مخيم أبو شوك") == content_words("مخيم أبوشوك")
    assert content_words("وبني سهيلا") == content_words("وبنيسهيلا")
    assert content_words("الشهيد عبد الله") == content_words("الشهيد عبدالله")
    assert joined_words("قال أبو عبيدة") == ["قال", "ابوعبيده"]
    assert joined_words("عدد من الضحايا أبو في") == ["عدد", "من", "الضحايا", "ابو", "في"]  # not a stop word
    assert joined_words("بيت لاهيا") == ["بيت", "لاهيا"]  # بيت is also a house: not joined


def test_a_spot_is_one_whichever_spelling() -> None:
    assert spots("قصف على مخيم أبو شوك", []) == spots("قصف على مخيم أبوشوك", [])
    assert spots("قصف على مخيم أبو شوك", [])[0] == ["quarter:ابوشوك"]


SHELLING_1 = (
    "2026-04-13T08:00:00+00:00",
    "قتلى في قصف مدفعي على معسكر أبو شوك شمال الفاشر",
    "قتل عشرة نازحين على الأقل صباح الإثنين في قصف مدفعي شنته قوات الدعم السريع على معسكر أبو شوك للنازحين "
    "شمال مدينة الفاشر، بحسب غرفة طوارئ المعسكر. وقالت الغرفة إن القذائف سقطت قرب السوق.",
)
SHELLING_2 = (
    "2026-04-13T19:00:00+00:00",
    "دفن ضحايا قصف أبوشوك في مقبرة جماعية",
    "دفن سكان مخيم أبوشوك شمالي الفاشر ضحايا القصف الذي تعرض له المخيم اليوم في مقبرة جماعية، "
    "بسبب استمرار القصف. وقال متطوع إن الجرحى يعالجون في مستشفى ميداني يفتقر إلى الأدوية.",
)


def test_glued_and_spaced_reports_of_one_camp_are_one_story(make: Make, config: StoryConfig) -> None:
    index = StoryIndex(config)
    first = assign(index, make("shelling-1", *SHELLING_1))
    assert assign(index, make("shelling-2", *SHELLING_2)) == first
