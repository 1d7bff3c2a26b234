"""Blind set 8: a lapse before an indefinite noun recalls another event (بعد يوم من غارة على منزل في ...); a region
named by a compass word (جنوب لبنان) is the area around a report's town; a known city in common does not lower the
text floor as a locality does."""

from __future__ import annotations

import numpy as np
import pytest

from mediamon.processors.stories import StoryConfig, StoryIndex, assign
from mediamon.processors.stories.localities import is_region
from mediamon.processors.stories.recalls import recalled_spans
from mediamon.processors.stories.score import Entry, place_conflict
from tests.processors.stories.conftest import Make


def _recalled(text: str) -> list[str]:
    return [text[start:end] for start, end in recalled_spans(text)]


@pytest.mark.parametrize(
    ("text", "recalled"),
    [
        ("قتل اثنان في قصف على بلدة عيتا الشعب، بعد يومين من غارة على سيارة في بنت جبيل. وقال",
         "بعد يومين من غارة على سيارة في بنت جبيل"),
        ("اشتباكات جديدة في الزاوية بعد أيام من معارك طرابلس", "بعد أيام من معارك طرابلس"),
        ("استقال الوزير الخميس، بعد يوم واحد من تصويت البرلمان على حجب الثقة عن زميله.",
         "بعد يوم واحد من تصويت البرلمان على حجب الثقة عن زميله"),
    ],
)
def test_a_lapse_before_an_indefinite_noun_recalls_another_event(text: str, recalled: str) -> None:
    assert _recalled(text) == [recalled]


@pytest.mark.parametrize(
    "text",
    [
        "شيع الأهالي الضحايا بعد يوم من الغارة التي استهدفت منزلهم، وسط غضب.",  # the article: its own event
        "تبادل الطرفان الاتهامات بخرق الهدنة بعد ساعات من إعلانها، إذ سمعت انفجارات.",  # a pronoun
        "عاد الهدوء إلى المدينة بعد يومين من اندلاع المواجهات بين العشائر.",  # its onset
        "انقلب القارب بعد ساعات من انطلاقه من الشاطئ.",
    ],
)
def test_a_lapse_before_the_reports_own_event_recalls_nothing(text: str) -> None:
    assert recalled_spans(text) == []


def test_a_compass_named_place_is_a_region() -> None:
    assert is_region("جنوب لبنان")
    assert not is_region("النبطية") and not is_region("جنوب")  # one word: no part of a country named


VILLAGE_STRIKE = (
    "2027-03-02T06:30:00+00:00",
    "أربعة قتلى في غارة على منزل في كفركلا",
    "قتل أربعة أشخاص وجرح ستة فجر الثلاثاء في غارة شنتها طائرة إسرائيلية على منزل في بلدة كفركلا قضاء مرجعيون، "
    "بحسب الدفاع المدني الذي واصل البحث عن مفقودين تحت الأنقاض حتى الصباح.",
)
# The same strike told without the village, with the region around its district.
REGION_STRIKE = (
    "2027-03-02T13:00:00+00:00",
    "لبنان: قتلى بضربة إسرائيلية على مبنى سكني في مرجعيون",
    "أعلنت وزارة الصحة اللبنانية أن أربعة أشخاص قتلوا في ضربة إسرائيلية استهدفت مبنى سكنيا قرب مرجعيون في جنوب "
    "لبنان فجر الثلاثاء. وقال الجيش الإسرائيلي إنه ضرب عنصرا في حزب الله.",
)
# Another strike the next day in the same region: another district.
OTHER_STRIKE = (
    "2027-03-03T09:00:00+00:00",
    "قتيلان بضربة على سيارة قرب صور في جنوب لبنان",
    "قتل شخصان الأربعاء في ضربة إسرائيلية استهدفت سيارة على طريق قرب مدينة صور في جنوب لبنان، وقال الجيش "
    "الإسرائيلي إنه ضرب عنصرين في حزب الله كانا ينقلان أسلحة.",
)


def test_the_region_around_a_town_is_no_conflict(make: Make) -> None:
    village, region = make("village", *VILLAGE_STRIKE), make("region", *REGION_STRIKE)
    assert set(village.places) == {"كفركلا", "مرجعيون"} and set(region.places) == {"مرجعيون", "جنوب لبنان"}
    assert not place_conflict(Entry.of(village, "v"), Entry.of(region, "r"))


def test_two_towns_of_one_region_still_conflict(make: Make) -> None:
    region, other = make("region", *REGION_STRIKE), make("other", *OTHER_STRIKE)
    assert place_conflict(Entry.of(region, "r"), Entry.of(other, "o"))


SIEGE_SHELLING = (
    "2027-05-11T08:00:00+00:00",
    "قتلى في قصف مدفعي على أسواق الفاشر",
    "قتل 15 مدنيا وأصيب 40 في قصف مدفعي استهدف صباح الثلاثاء سوقا شعبيا ومنازل في مدينة الفاشر بولاية شمال "
    "دارفور، وفق متطوعين قالوا إن المستشفى الوحيد العامل استقبل معظم الجرحى.",
)
# A vote in New York on the same city that evening: the city in common, little wording.
COUNCIL_VOTE = (
    "2027-05-11T21:00:00+00:00",
    "مجلس الأمن يفشل في تبني قرار بشأن الفاشر",
    "أخفق مجلس الأمن الدولي مساء الثلاثاء في اعتماد مشروع قرار بريطاني يطالب برفع الحصار عن مدينة الفاشر في "
    "دارفور، بعد أن استخدمت روسيا حق النقض، وحصل النص على تأييد 13 عضوا وامتناع عضو واحد.",
)


def test_a_known_city_in_common_keeps_the_text_floor(make: Make, config: StoryConfig) -> None:
    shelling, vote = make("shelling", *SIEGE_SHELLING), make("vote", *COUNCIL_VOTE)
    shelling_entry, vote_entry = Entry.of(shelling, "s"), Entry.of(vote, "v")
    assert not shelling_entry.spots.isdisjoint(vote_entry.spots) and not shelling_entry.localities
    text = float(np.mean(shelling_entry.hashes == vote_entry.hashes))
    assert text < config.min_text
    index = StoryIndex(config)
    assign(index, shelling)
    assert assign(index, vote) == "vote"


# The next day's strike, whose lede recalls the first one with its village and toll.
RECALLING_STRIKE = (
    "2027-03-03T10:00:00+00:00",
    "غارة جديدة في الجنوب بعد يوم من مجزرة كفركلا",
    "قتل شخصان في غارة إسرائيلية على سيارتهما قرب مدينة صور صباح الأربعاء، بعد يوم من غارة على منزل في بلدة "
    "كفركلا قضاء مرجعيون قتلت أربعة أشخاص. وقال الجيش الإسرائيلي إنه استهدف عنصرين في حزب الله.",
)


def test_a_strike_does_not_join_the_one_its_lede_recalls(make: Make, config: StoryConfig) -> None:
    first, second = make("village", *VILLAGE_STRIKE), make("recalling", *RECALLING_STRIKE)
    assert "كفركلا" not in second.places and ("killed", 4) not in second.figures
    index = StoryIndex(config)
    assert assign(index, first) == "village"
    assert assign(index, second) == "recalling"
