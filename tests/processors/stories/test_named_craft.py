"""Blind set 14: an attack on a ship is told from the coast, from the capital of the group that claims it, from the
flag state or the owner's country and from the port it reaches; the reports name other countries and share few
words, but they name the ship (craft.py). Two reports naming the same ship match, whatever countries each names;
two ships attacked the same day stay apart, and a platform's or a warship's name ties nothing."""

from __future__ import annotations

from dataclasses import replace

from mediamon.processors.stories import StoryConfig, StoryIndex, assign
from mediamon.processors.stories.craft import craft_names
from tests.processors.stories.conftest import Make

CLAIM = (
    "2028-11-07T09:00:00+00:00",
    "الحوثيون يعلنون ضرب ناقلة النفط «سيلين مارو» قبالة الحديدة",
    "قالت جماعة الحوثي الثلاثاء إنها أصابت ناقلة النفط «سيلين مارو» بصاروخين في جنوب البحر الأحمر قبالة سواحل"
    " الحديدة، بسبب ما وصفته بتعامل الشركة المالكة مع موانئ إسرائيلية.\n\nوأضاف المتحدث العسكري للجماعة في صنعاء"
    " أن العملية حققت أهدافها، ولم يصدر تعليق من الشركة المشغلة.",
)
OWNER = (
    "2028-11-07T15:00:00+00:00",
    "طوكيو تؤكد سلامة طاقم الناقلة «سيلين مارو» بعد هجوم قبالة اليمن",
    "أعلنت الحكومة اليابانية أن طاقم الناقلة «سيلين مارو» المؤلف من 23 بحارا بخير، بعد أن تعرضت السفينة المملوكة"
    " لشركة في أوساكا لهجوم خلال عبورها البحر الأحمر.\n\nوقال متحدث باسم الحكومة إن حريقا محدودا اندلع على سطح"
    " السفينة وتمت السيطرة عليه، وإن الناقلة تواصل الإبحار نحو قناة السويس.",
)
PORT = (
    "2028-11-08T10:00:00+00:00",
    "الناقلة «سيلين مارو» ترسو في جيبوتي لتقييم الأضرار",
    "رست الناقلة «سيلين مارو» صباح الأربعاء في ميناء جيبوتي، بعد يوم من إصابتها في هجوم بالبحر الأحمر، وبدأ"
    " خبراء فحص هيكلها قبل أن تستأنف رحلتها.\n\nوقال مسؤول في الميناء إن البحارة نزلوا إلى البر للراحة.",
)
OTHER_SHIP = (
    "2028-11-07T18:00:00+00:00",
    "هيئة بحرية: سفينة الحاويات «نورد فالكون» تبلغ عن انفجار قرب عدن",
    "أفادت هيئة بحرية بريطانية بأن سفينة الحاويات «نورد فالكون» أبلغت عن انفجار على مقربة منها جنوب شرقي عدن،"
    " دون أضرار أو إصابات.\n\nونصحت الهيئة السفن بالإبلاغ عن أي نشاط مريب في خليج عدن.",
)


def test_craft_names_after_a_ship_noun() -> None:
    assert craft_names("رست ناقلة البضائع السائبة «أوريا ستار» في الميناء") == ["اوري ستار"]
    assert craft_names('استهدفت السفينة "ستار آيريس" بصاروخين') == ["ستار ايريس"]
    assert craft_names("ناقلة النفط الإسرائيلية (سكارليت راي) قرب ينبع") == ["سكارليت راي"]
    assert craft_names('قالت الهيئة إن السفينة وطاقمها "بخير"') == []  # a quoted word of the clause
    assert craft_names("كتب على منصة «إكس» أن حركة «حماس» وافقت") == []  # a platform, a group
    assert craft_names("حاملة الطائرات «أيزنهاور» تعبر المضيق") == []  # a warship is in the news for weeks


def test_reports_of_one_ship_match_across_countries(make: Make, config: StoryConfig) -> None:
    claim, owner, port = make("claim", *CLAIM), make("owner", *OWNER), make("port", *PORT)
    assert claim.countries and port.countries and set(claim.countries).isdisjoint(port.countries)
    index = StoryIndex(config)
    assert assign(index, claim) == "claim"
    assert assign(index, make("other", *OTHER_SHIP)) == "other"
    assert assign(index, owner) == "claim"
    assert assign(index, port) == "claim"


def test_without_the_ship_the_port_report_starts_its_own_story(make: Make, config: StoryConfig) -> None:
    index = StoryIndex(config)
    assign(index, make("claim", *CLAIM))
    assign(index, make("owner", *OWNER))
    assert assign(index, replace(make("port", *PORT), craft=())) == "port"


def test_two_ships_of_one_day_stay_apart(make: Make, config: StoryConfig) -> None:
    index = StoryIndex(config)
    assign(index, make("claim", *CLAIM))
    assert assign(index, make("other", *OTHER_SHIP)) == "other"
