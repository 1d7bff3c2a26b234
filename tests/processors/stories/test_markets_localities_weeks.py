"""Blind set 11: a market (سوق العشار) is a quarter of its city and Sudan's locality (محلية القولد) a district, so two
events of one day in one city, or a province's report beside a disaster in one of its localities, are told apart by
them; a weekly statement is periodic when its report noun has the article (التقرير الأسبوعي), when a count is summed
over a week (43 إصابة ... خلال أسبوع) or when a count follows "the past week" (خلفت الأسبوع الماضي 17 قتيلا)."""

from __future__ import annotations

import pytest

from mediamon.processors.stories import StoryConfig, StoryIndex, assign
from mediamon.processors.stories.cues import is_periodic
from mediamon.processors.stories.localities import locality_names
from mediamon.processors.stories.score import Entry, place_conflict
from tests.processors.stories.conftest import Make


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("شب حريق في سوق الصفافير وسط المدينة", [("quarter", "الصفافير")]),
        ("سقطت قذيفة على سوق الشورجة فجر اليوم", [("quarter", "الشورجه")]),
        ("غمرت المياه قرى بمحلية الحصاحيصا", [("district", "الحصاحيصا")]),
    ],
)
def test_a_market_and_a_sudanese_locality_name_places(text: str, named: list[tuple[str, str]]) -> None:
    assert locality_names(text) == named


@pytest.mark.parametrize(
    "text",
    [
        "تراجعت البطالة في سوق العمل خلال الربع الأول",  # a market of labour, goods or money
        "هبطت المؤشرات في سوق الأسهم أمس",
        "اندلع الحريق في سوق شعبي مكتظ",  # an adjective
        "قالت مصادر محلية أفادت بأن الطريق مغلق",  # محلية the adjective, then a verb
        "ذكرت وسائل إعلام محلية الجمعة أن القتال توقف",  # then a day
    ],
)
def test_other_markets_and_the_adjective_name_no_place(text: str) -> None:
    assert locality_names(text) == []


@pytest.mark.parametrize(
    "opening",
    [
        "كشف التقرير الأسبوعي لوزارة الصحة بالولاية عن 61 إصابة بحمى الضنك.",
        "أورد البيان اليومي للوزارة أسماء المصابين الجدد.",
        "الولاية تسجل وفاة و38 لدغة عقرب في أسبوع",
        "مصرع 21 شخصا في حوادث السير بالمدن خلال أسبوع",
        "قالت المديرية إن حوادث الطرق خلفت الأسبوع الماضي 19 قتيلا و800 جريح.",
    ],
)
def test_a_statement_over_a_week_is_periodic(opening: str) -> None:
    assert is_periodic("", opening)


@pytest.mark.parametrize(
    "opening",
    [
        "مقتل 3 أشخاص في ثاني انفجار خلال أسبوع بالمدينة",  # an event recalling another
        "قتل 4 جنود في هجوم آخر خلال أسبوع على الحدود",
        "استعادت القوات البلدة بعد 9 أيام من القتال خلال أسبوع من المعارك",
    ],
)
def test_an_event_within_a_week_is_not_periodic(opening: str) -> None:
    assert not is_periodic("", opening)


FIRE = (
    "2028-05-10T20:00:00+00:00",
    "حريق يلتهم محال في سوق الصفافير ببغداد",
    "التهم حريق اندلع مساء الأربعاء في سوق الصفافير ببغداد عشرات المحال النحاسية، دون إصابات، وفق مديرية الدفاع "
    "المدني.",
)
SHOOTING = (
    "2028-05-10T14:00:00+00:00",
    "مقتل موظف برصاص مجهولين في حي الكرادة ببغداد",
    "قتل موظف حكومي ظهر الأربعاء برصاص مسلحين مجهولين في حي الكرادة ببغداد، ولاذ المهاجمون بالفرار، وفق مصدر أمني.",
)


def test_a_market_fire_and_a_shooting_in_one_city_conflict(make: Make) -> None:
    fire, shooting = make("fire", *FIRE), make("shooting", *SHOOTING)
    assert any(spot.startswith("quarter:") for spot in fire.spots)
    assert place_conflict(Entry.of(fire, "a"), Entry.of(shooting, "b"))


FLOOD = (
    "2028-08-20T07:00:00+00:00",
    "سيول تهدم منازل في محلية الحصاحيصا",
    "هدمت سيول جارفة مئات المنازل في محلية الحصاحيصا بولاية الجزيرة ليل السبت، وتوفي شخصان غرقا، وفق غرفة الطوارئ.",
)
HEALTH = (
    "2028-08-20T12:00:00+00:00",
    "صحة الجزيرة: 58 إصابة بالملاريا ووفاتان",
    "كشف التقرير الأسبوعي لوزارة الصحة بولاية الجزيرة عن 58 إصابة بالملاريا ووفاتين في الحصاحيصا ومدني.",
)


def test_a_provincial_weekly_report_stays_out_of_a_flood_story(make: Make, config: StoryConfig) -> None:
    flood, health = make("flood", *FLOOD), make("health", *HEALTH)
    assert any(spot.startswith("district:") for spot in flood.spots)
    assert health.periodic and not flood.periodic
    index = StoryIndex(config)
    assert assign(index, flood) == "flood"
    assert assign(index, health) == "health"
