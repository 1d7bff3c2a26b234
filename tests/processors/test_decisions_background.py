"""A story's figures are its event's: tolls an article dates to an earlier period fill no alert."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from mediamon.analysis.engine import default_engine
from mediamon.ids import article_id
from mediamon.processors.decisions import AlertPolicy, RuleLabels, StoryState, add_article, current_facts, decide
from mediamon.processors.enrich import enrich
from mediamon.schema import AlertEvent, Article, EnrichedArticle
from tests.conftest import SHARED_CORPUS

LABELS = {"casualties": RuleLabels("ضحايا", "Casualties"), "ceasefire": RuleLabels("وقف إطلاق النار", "Ceasefire")}


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


def test_an_anniversary_piece_fills_no_figure_of_its_story() -> None:
    when = datetime(2025, 8, 4, 9, tzinfo=UTC)
    piece = _enriched(3, "في الذكرى الخامسة لانفجار الميناء، تجمع الأهالي أمام النصب التذكاري. "
                         "وكان الانفجار قد قتل أكثر من 200 شخص وجرح الآلاف.", when)
    assert any(c.count == 200 for c in piece.analysis.casualties)  # the engine reports it
    state = add_article(None, "s", piece, LABELS)
    assert state.figures == {}
    plain = _enriched(4, "وقتل أكثر من 200 شخص وجرح الآلاف في انفجار الميناء مساء اليوم.", when)
    assert add_article(None, "s", plain, LABELS).figures  # the same toll told as news fills it


def test_the_enrich_stage_writes_the_background_facts_and_the_decisions_take_its_word() -> None:
    when = datetime(2025, 3, 2, 9, tzinfo=UTC)
    text = ("قتل 11 شخصاً على الأقل في انفجار سيارة مفخخة قرب سوق في المدينة صباح اليوم. "
            "ويذكّر الهجوم بتفجيرات عام 2016 التي أودت بحياة أكثر من 300 شخص في المدينة.")
    url = "https://outlet5.example/5"
    raw = Article(id=article_id(url), url=url, source="outlet5", title="", text=text, published=when)
    enriched = enrich(raw.model_dump_json().encode(), default_engine().analyze)
    counts = [c.count for c in enriched.analysis.casualties]
    assert enriched.background == [counts.index(300)]
    assert [c.count for c in current_facts(enriched)] == [11]
    # A message of an earlier build says nothing: the reader decides the same from the text.
    assert [c.count for c in current_facts(enriched.model_copy(update={"background": None}))] == [11]
    # What the message says is taken as it is (not decided again): here, that the 11 are background too.
    told = enriched.model_copy(update={"background": list(range(len(counts)))})
    assert current_facts(told) == [] and add_article(None, "s", told, LABELS).figures == {}


def test_an_anniversary_piece_is_all_background_in_its_message() -> None:
    when = datetime(2025, 8, 4, 9, tzinfo=UTC)
    text = "في الذكرى الخامسة لانفجار الميناء، تجمع الأهالي أمام النصب التذكاري. وكان الانفجار قد قتل أكثر من 200 شخص."
    url = "https://outlet6.example/6"
    raw = Article(id=article_id(url), url=url, source="outlet6", title="", text=text, published=when)
    enriched = enrich(raw.model_dump_json().encode(), default_engine().analyze)
    assert enriched.analysis.casualties and enriched.background == list(range(len(enriched.analysis.casualties)))
