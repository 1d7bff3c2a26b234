"""Places told apart or together (blind set 7): spellings of one locality, a province named around its town, the
Maghreb's and Oman's place nouns, and a shared locality counted in full."""

from __future__ import annotations

from mediamon.processors.stories import StoryConfig, StoryIndex, assign
from mediamon.processors.stories.localities import locality_names, variant
from mediamon.processors.stories.score import Entry, place_conflict, place_similarity
from tests.processors.stories.conftest import Make


def test_spellings_of_one_name_share_a_key() -> None:
    assert variant("town:تامزيرت") == variant("town:تمزيرت")
    assert variant("quarter:هويد") == variant("quarter:حويد")
    assert variant("اغادير") == variant("اكادير")
    assert variant("ملاطيه") == variant("ملطيه") == variant("ملاطيا")


def test_other_names_and_levels_keep_their_keys() -> None:
    assert variant("quarter:تفاح") != variant("quarter:زيتون")
    assert variant("town:تمزيرت") != variant("quarter:تمزيرت")
    assert variant("اب") == "اب"  # three letters or fewer: as written


def test_the_maghreb_and_oman_name_spots() -> None:
    assert locality_names("سيول في نيابة طيوي") == [("district", "طيوي")]
    assert locality_names("احتجاج في معتمدية الرديف") == [("district", "الرديف")]
    assert locality_names("زلزال في إقليم كاراباخ") == []  # a region known under other spellings
    assert locality_names("تفجير قرب دوار الكتاب") == [("quarter", "الكتاب")]
    assert locality_names("حادث في ضواحي دمنات") == [("town", "دمنات")]
    assert locality_names("هجوم تبنته جماعة الحوثي") == []  # a group, not a commune


def test_a_shared_locality_is_not_halved() -> None:
    one, other = frozenset({"a", "b"}), frozenset({"a", "c"})
    assert place_similarity(one, other, halve=False) == 2 * place_similarity(one, other)


CRASH_1 = (
    "2026-10-12T09:00:00+00:00",
    "ستة قتلى في انقلاب حافلة بإقليم ورزازات",
    "لقي ستة أشخاص مصرعهم وأصيب 18 في انقلاب حافلة قرب قرية تامزيرت بإقليم ورزازات صباح الإثنين، ونقل المصابون "
    "إلى المستشفى الإقليمي.",
)
CRASH_2 = (
    "2026-10-12T17:00:00+00:00",
    "حادث تمزيرت: الحصيلة ترتفع إلى سبعة",
    "ارتفعت إلى سبعة حصيلة ضحايا انقلاب الحافلة قرب قرية تمزيرت جنوب ورزازات بعد وفاة أحد المصابين في المستشفى.",
)


def test_two_spellings_of_a_village_are_one_story(make: Make, config: StoryConfig) -> None:
    first, second = make("crash-1", *CRASH_1), make("crash-2", *CRASH_2)
    assert not place_conflict(Entry.of(first, "crash-1"), Entry.of(second, "crash-2"))
    index = StoryIndex(config)
    assert assign(index, first) == "crash-1"
    assert assign(index, second) == "crash-1"


PROTEST = (
    "2026-10-14T12:00:00+00:00",
    "قتيل في احتجاجات على شح المياه بالناصرية",
    "قتل متظاهر وأصيب تسعة في مواجهات مع قوات الأمن في مدينة الناصرية مركز محافظة ذي قار خلال احتجاج على شح "
    "مياه الشرب، وأغلق المحتجون الطريق الرئيسي.",
)
SPREAD = (
    "2026-10-14T20:00:00+00:00",
    "احتجاجات المياه تتسع من الناصرية إلى البصرة وميسان",
    "امتدت احتجاجات المياه من الناصرية إلى البصرة وميسان مساء الأحد بعد مقتل متظاهر برصاص قوات الأمن، "
    "وتجمع المئات أمام المباني الحكومية.",
)
WITHOUT_PROVINCE_NOUN = (
    "2026-10-14T12:00:00+00:00",
    "قتيل في احتجاجات على شح المياه في ذي قار",
    "قتل متظاهر وأصيب تسعة في مواجهات مع قوات الأمن في الناصرية بذي قار خلال احتجاج على شح مياه الشرب.",
)


def test_a_province_named_around_its_town_is_no_other_place(make: Make) -> None:
    protest, spread = Entry.of(make("p-1", *PROTEST), "p-1"), Entry.of(make("p-2", *SPREAD), "p-2")
    assert protest.areas == frozenset({"ذي قار"})
    assert not place_conflict(protest, spread)
    plain = Entry.of(make("p-3", *WITHOUT_PROVINCE_NOUN), "p-3")
    assert plain.areas == frozenset()
    assert place_conflict(plain, spread)  # each names a place the other does not
