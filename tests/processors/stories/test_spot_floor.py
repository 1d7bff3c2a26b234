"""Two reports that name the same spot need less wording in common (blind sets 3, 5 and 6: a camp's shelling told
by a toll update and by a report on the burials share the camp, the city and a few words)."""

from __future__ import annotations

import numpy as np

from mediamon.processors.stories import StoryConfig, StoryIndex, assign
from mediamon.processors.stories.score import Entry
from tests.processors.stories.conftest import Make

SHELLING = (
    "2026-04-13T08:00:00+00:00",
    "قذائف الدعم السريع تقتل 9 في معسكر أبو شوك",
    "قتل تسعة نازحين صباح الإثنين عندما سقطت قذائف أطلقتها قوات الدعم السريع على معسكر أبو شوك شمال الفاشر، "
    "وفق غرفة طوارئ المعسكر. وأضافت الغرفة أن القذائف أصابت سوقا شعبيا مكتظا.",
)
BURIALS = (
    "2026-04-13T20:00:00+00:00",
    "نازحون في أبوشوك يدفنون موتاهم ليلا",
    "اضطر سكان مخيم أبوشوك في الفاشر إلى دفن ضحايا القذائف ليلا خشية تجدد القصف. ويروي متطوعون أن المستشفى "
    "الميداني الوحيد يعمل بلا أدوية ولا كهرباء، وأن الجرحى ينقلون على عربات تجرها الحمير.",
)
# The same words about another camp of the same city: only the city in common.
OTHER_CAMP = (BURIALS[0], BURIALS[1].replace("أبوشوك", "السلام"), BURIALS[2].replace("أبوشوك", "السلام"))


def test_a_shared_spot_lowers_the_text_floor(make: Make, config: StoryConfig) -> None:
    shelling, burials = make("shelling", *SHELLING), make("burials", *BURIALS)
    text = float(np.mean(Entry.of(shelling, "s").hashes == Entry.of(burials, "s").hashes))
    assert config.min_text_spot <= text < config.min_text
    index = StoryIndex(config)
    first = assign(index, shelling)
    assert assign(index, burials) == first


def test_without_a_shared_spot_the_floor_stays(make: Make, config: StoryConfig) -> None:
    index = StoryIndex(config)
    assign(index, make("shelling", *SHELLING))
    assert assign(index, make("other-camp", *OTHER_CAMP)) == "other-camp"
