"""Blind set 9: weekly and monthly statements are periodic reports, whose places are the regions they sum up (no
conflict between two relays of one statement); a province named by two reports of one event (where it happened,
where its victims came from) is the area around it, not a conflicting place."""

from __future__ import annotations

import pytest

from mediamon.processors.stories import StoryConfig, StoryIndex, assign
from mediamon.processors.stories.cues import is_periodic
from mediamon.processors.stories.score import Entry, place_conflict
from tests.processors.stories.conftest import Make


@pytest.mark.parametrize(
    "opening",
    [
        "أعلنت وزارة الصحة في تقريرها الأسبوعي تسجيل 300 إصابة جديدة بالحصبة.",
        "سجلت المديرية 14 وفاة في حوادث السير خلال الأسبوع الماضي عبر الولايات.",
        "قالت الوزارة إن المرض أودى بحياة 12 شخصا خلال الأيام السبعة الماضية.",
        "أصدرت الهيئة نشرتها الشهرية عن حالات الغرق في الشواطئ.",
    ],
)
def test_a_weekly_or_monthly_statement_is_periodic(opening: str) -> None:
    assert is_periodic("", opening)


@pytest.mark.parametrize(
    "opening",
    [
        "قتل أربعة أشخاص في ثاني هجوم خلال أسبوع على سوق المدينة.",  # an event recalling another
        "انهار مبنى سكني في المدينة القديمة بعد أسبوع من الأمطار الغزيرة.",
    ],
)
def test_a_week_in_an_event_report_is_not_periodic(opening: str) -> None:
    assert not is_periodic("", opening)


WEEKLY_A = (
    "2027-09-07T09:00:00+00:00",
    "الصحة: 22 وفاة بالكوليرا خلال الأسبوع الماضي",
    "قالت وزارة الصحة السودانية في تقريرها الأسبوعي الثلاثاء إن الكوليرا أودت بحياة 22 شخصا، وإن ولايتي كسلا "
    "والقضارف سجلتا أعلى عدد من الإصابات الجديدة.",
)
# The same statement relayed by another outlet, naming another pair of the states it lists.
WEEKLY_B = (
    "2027-09-07T14:00:00+00:00",
    "تقرير أسبوعي: الكوليرا تنحسر في القضارف وترتفع في سنار",
    "أفاد التقرير الأسبوعي لوزارة الصحة السودانية بتسجيل 22 وفاة بالكوليرا خلال الأيام السبعة الماضية، مع تراجع "
    "الإصابات في ولاية القضارف وارتفاعها في ولاية سنار.",
)


def test_two_relays_of_one_weekly_statement_do_not_conflict(make: Make, config: StoryConfig) -> None:
    first, second = make("weekly-a", *WEEKLY_A), make("weekly-b", *WEEKLY_B)
    assert first.periodic and second.periodic
    assert not place_conflict(Entry.of(first, "a"), Entry.of(second, "b"))
    index = StoryIndex(config)
    assert assign(index, first) == "weekly-a"
    assert assign(index, second) == "weekly-a"


CRASH_WHERE = (
    "2027-09-08T06:00:00+00:00",
    "مصرع 6 عمال في انقلاب سيارة نقل بمحافظة سوهاج",
    "لقي 6 عمال مصرعهم وأصيب 9 صباح الأربعاء في انقلاب سيارة نقل كانت تقلهم إلى مصنع للطوب على الطريق "
    "الصحراوي الشرقي بمحافظة سوهاج، ونقل المصابون إلى المستشفى.",
)
# The same crash told by an outlet of the province its victims came from.
CRASH_WHENCE = (
    "2027-09-08T10:30:00+00:00",
    "6 قتلى من أبناء محافظة قنا في انقلاب سيارة عمال على الطريق الصحراوي",
    "قتل 6 عمال من قرى محافظة قنا وأصيب 9 الأربعاء، عندما انقلبت سيارة النقل التي كانت تقلهم إلى مصنع للطوب "
    "على الطريق الصحراوي الشرقي، بحسب أقارب الضحايا.",
)


def test_two_provinces_named_for_one_crash_do_not_conflict(make: Make, config: StoryConfig) -> None:
    where, whence = make("where", *CRASH_WHERE), make("whence", *CRASH_WHENCE)
    a, b = Entry.of(where, "w"), Entry.of(whence, "h")
    assert a.levels == b.levels == {"province"} and a.spots.isdisjoint(b.spots)
    assert not place_conflict(a, b)
    index = StoryIndex(config)
    assert assign(index, where) == "where"
    assert assign(index, whence) == "where"


def test_two_quarters_still_conflict(make: Make) -> None:
    one = make("one", "2027-09-08T06:00:00+00:00", "قتيلان في قصف على حي الزهور",
               "قتل شخصان في قصف مدفعي على حي الزهور بالفاشر صباح الأربعاء، بحسب متطوعين في المدينة.")
    two = make("two", "2027-09-08T09:00:00+00:00", "ثلاثة قتلى في قصف على حي النصر",
               "قتل ثلاثة أشخاص في قصف مدفعي على حي النصر بالفاشر صباح الأربعاء، بحسب متطوعين في المدينة.")
    assert place_conflict(Entry.of(one, "1"), Entry.of(two, "2"))
