"""Two events with the same kind, count and qualifier in one article (issue 13): two facts when the text
clearly separates them (two places, or two days), else one fact with several mentions. Sentences written
for these tests."""

from __future__ import annotations

import pytest

from mediamon.analysis.engine import analyze
from mediamon.analysis.fact_settings import Setting, apart


def counted(text: str) -> list[tuple[str, int | None, int]]:
    """(kind, count, number of mentions) of each fact."""
    return [(c.kind, c.count, len(c.mentions)) for c in analyze("t", "", text).casualties]


@pytest.mark.parametrize(
    "text",
    [
        # two towns (neither in the gazetteer: the word after بلدة / قرية names the place)
        "قتل 2 من الرعاة بقذيفة سقطت على قرية المزيرعة. وفي حادث ثان قتل 2 من الرعاة في بلدة الحويز برصاص قناص.",
        # two cities of the gazetteer, one sentence, split at its comma
        "أصيب 6 أشخاص بانفجار عبوة في الموصل، كما أصيب 6 أشخاص آخرون بانفجار مماثل في كركوك.",
        # two days, no place
        "لقي 4 عمال حتفهم في انهيار سقف مستودع يوم السبت. ويوم الأربعاء لقي 4 عمال حتفهم في انهيار سقالة.",
    ],
)
def test_same_count_told_apart_by_place_or_day_is_two_facts(text: str) -> None:
    found = counted(text)
    assert len(found) == 2
    assert found[0][:2] == found[1][:2]
    assert [mentions for _, _, mentions in found] == [1, 1]


@pytest.mark.parametrize(
    "text",
    [
        # the same town twice
        "قتل 7 مدنيين في غارة على بلدة الرامي. وقالت مصادر محلية إن 7 مدنيين قتلوا في بلدة الرامي.",
        # the second mention names no place: nothing separates them
        "أصيب 11 طالبا في حريق بمدرسة في مدينة حمص. ونقل المصابون إلى المستشفى، وقالت الإدارة إن 11 طالبا أصيبوا.",
        # a city, then a district of it with the city again
        "قتل 3 جنود في هجوم قرب حلب. وأوضح البيان أن 3 جنود قتلوا عند حاجز في ريف حلب الغربي.",
        # the same day, places only on one side
        "لقي 5 أشخاص مصرعهم يوم الجمعة في سيول جرفت سياراتهم قرب مدينة تعز. وأكد الإنقاذ مصرع 5 أشخاص يوم الجمعة.",
    ],
)
def test_same_count_not_clearly_separated_is_one_fact_with_every_mention(text: str) -> None:
    found = counted(text)
    assert len(found) == 1
    assert found[0][2] >= 2


def test_different_places_and_same_day_are_apart() -> None:
    monday = frozenset({"الاثنين"})
    assert apart(Setting(frozenset({"حمص"}), monday), Setting(frozenset({"حماه"}), monday))
    assert not apart(Setting(frozenset({"حمص"}), monday), Setting(frozenset(), monday))
    assert not apart(Setting(frozenset(), frozenset()), Setting(frozenset({"حماه"}), frozenset({"الخميس"})))


def test_separated_facts_keep_their_own_spans_and_the_alert_keeps_both() -> None:
    text = "قتل 3 مدنيين في قصف على بلدة دير العصافير يوم الأحد. وقتل 3 مدنيين في قصف على بلدة زملكا يوم الثلاثاء."
    analysis = analyze("t", "", text)
    first, second = analysis.casualties
    assert first.start < second.start
    assert [m.start for m in first.mentions] == [first.start]
    assert [m.start for m in second.mentions] == [second.start]
    [alert] = [a for a in analysis.alerts if a.rule == "casualties"]
    assert {m.start for m in alert.matches} >= {first.start, second.start}


def test_vague_facts_are_never_split() -> None:
    text = (
        "أسفر قصف على بلدة الرامي يوم الأحد عن سقوط قتلى وجرحى. "
        "وأسفر قصف على بلدة المزيرعة يوم الاثنين عن سقوط قتلى وجرحى."
    )
    kinds = [(c.kind, c.count) for c in analyze("t", "", text).casualties]
    assert kinds == [("killed", None), ("injured", None)]
