"""Which casualty facts tell the article's event and which recall an earlier period (pure), and what that does to a
story's alerts."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from mediamon.analysis.engine import default_engine
from mediamon.analysis.normalize import normalize
from mediamon.ids import article_id
from mediamon.processors.decisions import AlertPolicy, RuleLabels, StoryState, add_article, decide
from mediamon.processors.event_facts import dates_the_past, event_facts
from mediamon.schema import AlertEvent, Article, EnrichedArticle
from tests.conftest import SHARED_CORPUS

LABELS = {"casualties": RuleLabels("ضحايا", "Casualties"), "ceasefire": RuleLabels("وقف إطلاق النار", "Ceasefire")}


@pytest.mark.parametrize(("sentence", "year", "past"), [
    # a year before the event's, or a decade, dates the count
    ("وكانت حرب صيف 2014 قد أودت بحياة أكثر من ألفي شخص في القطاع", 2025, True),
    ("وخلّفت المعارك التي دارت في المدينة خلال الثمانينيات نحو 15 ألف قتيل", 2024, True),
    ("ومنذ اندلاع النزاع في أبريل/نيسان 2023، قتل ما لا يقل عن 20 ألف شخص", 2025, True),
    ("وأسفر زلزال 6 فبراير 2023 عن مقتل أكثر من 50 ألف شخص في البلدين", 2024, True),
    ("وكانت الفيضانات التي ضربت الإقليم في 12/9/2022 قد أودت بحياة 40 شخصاً", 2024, True),
    ("وقتل في حوادث مماثلة نحو 300 شخص خلال القرن الماضي", 2024, True),
    # the event's year, no year, or a year that only bounds a comparison
    ("ومنذ اندلاع النزاع في أبريل/نيسان 2023، قتل ما لا يقل عن 20 ألف شخص", 2023, False),
    ("قتل 14 شخصاً على الأقل في أعنف هجوم تشهده المدينة منذ عام 2019", 2025, False),
    ("وهي الحصيلة الأعلى منذ 2016 إذ قتل 27 مهاجراً", 2025, False),
    ("وقتل 9 جنود، في حادثة تقع لأول مرة منذ 2011", 2025, False),
    ("وقتل نحو 80 شخصاً منذ بدء العملية العسكرية فجر الاثنين", 2025, False),
    ("وأسفر الانفجار عن مقتل 1950 شخصاً وفقاً لإحصاء أولي", 2025, False),  # a count, not a year
    ("وجرح أكثر من 2000 شخص في الهجوم", 2025, False),
])
def test_a_sentence_dates_its_count_before_the_event_year(sentence: str, year: int, past: bool) -> None:
    assert dates_the_past(normalize(sentence), year) is past


def _analysed(title: str, text: str) -> tuple[str, list[tuple[str, int | None]]]:
    analysis = default_engine().analyze("x", title, text)
    return text, [(c.kind, c.count) for c in event_facts(text, analysis.casualties, 2025)]


def test_a_background_toll_far_from_the_event_is_dropped_and_the_event_toll_kept() -> None:
    text = ("قتل 17 شخصاً وأصيب 40 آخرون، اليوم الأحد، في قصف استهدف سوقاً شعبية وسط المدينة، بحسب مصادر طبية. "
            "وتشهد المنطقة منذ أسابيع تصعيداً متواصلاً. "
            "وكانت الحرب التي اندلعت في المنطقة عام 2020 قد أسفرت عن مقتل نحو 6 آلاف شخص.")
    _, facts = _analysed("", text)
    assert ("killed", 17) in facts and ("injured", 40) in facts
    assert ("killed", 6000) not in facts


def test_a_year_in_a_relative_clause_far_from_the_count_does_not_make_the_event_toll_past() -> None:
    text = ("قتل 12 شخصاً اليوم في قصف على أحياء المدينة الشرقية التي كانت قد شهدت معارك عنيفة وحصاراً طويلاً في عام "
            "2016، وفق الدفاع المدني.")
    _, facts = _analysed("", text)
    assert ("killed", 12) in facts


def _story_alerts(articles: list[EnrichedArticle]) -> list[AlertEvent]:
    state: StoryState | None = None
    out: list[AlertEvent] = []
    for article in articles:
        after = add_article(state, "s", article, LABELS)
        state, alerts = decide(state, after, article.event_time, AlertPolicy())
        out += alerts
    return out


def _enriched(n: int, text: str, when: datetime) -> EnrichedArticle:
    url = f"https://outlet{n}.example/{n}"
    article = Article(id=article_id(url), url=url, source=f"outlet{n}", title="", text=text, published=when)
    return EnrichedArticle.build(article, default_engine().analyze(article.id, "", text))


def test_a_background_toll_neither_fills_the_new_alert_nor_raises_an_update() -> None:
    when = datetime(2025, 3, 2, 9, tzinfo=UTC)
    first = _enriched(1, "قتل 11 شخصاً على الأقل في انفجار سيارة مفخخة قرب سوق في المدينة صباح اليوم.", when)
    second = _enriched(2, "ارتفعت حصيلة انفجار السيارة المفخخة في سوق المدينة إلى 13 قتيلاً. "
                          "ويذكّر الهجوم بتفجيرات عام 2016 التي أودت بحياة أكثر من 300 شخص في المدينة.", when)
    alerts = _story_alerts([first, second])
    assert [a.kind for a in alerts] == ["new"]  # 11 -> 13 is below the step; 300 is the 2016 bombings'
    assert all(f.count != 300 for a in alerts for f in a.figures)


def test_the_2022_seed_story_is_not_alerted_with_the_toll_of_the_nineties_war() -> None:
    expected = json.loads((SHARED_CORPUS / "seeds.expected.json").read_text(encoding="utf-8"))
    alerted: list[int | None] = []
    for path in sorted((SHARED_CORPUS / "seeds").glob("*.txt")):
        meta = expected["articles"][path.stem]
        historical = {count for kind, count, _ in meta["may"] if kind == "killed" and count and count >= 1000}
        if not historical:
            continue
        title, _, text = path.read_text(encoding="utf-8").partition("\n")
        url = f"https://seed.example/{path.stem}"
        article = Article(id=article_id(url), url=url, source="seed", title=title, text=text,
                          published=datetime.fromisoformat(meta["published"]))
        enriched = EnrichedArticle.build(article, default_engine().analyze(article.id, title, text))
        # the engine reports the background tolls (the contract: every fact)...
        assert historical <= {c.count for c in enriched.analysis.casualties}
        # ...but the story's alert carries the clash's own toll only
        alerts = _story_alerts([enriched])
        alerted += [f.count for a in alerts for f in a.figures if f.kind == "killed"]
        assert not historical & set(alerted)
        must = {count for kind, count, _ in meta["must"] if kind == "killed"}
        assert max(must) in alerted
    assert alerted, "no seed with a historical toll"
