"""The story step over plain dicts as its tables (pure: the Faust tables are dicts with a changelog)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from mediamon.ids import article_id
from mediamon.processors.analyzer import analyze
from mediamon.processors.enrich import enrich
from mediamon.processors.story_state import StoryStep
from mediamon.schema import AlertEvent, Article, EnrichedArticle
from mediamon.settings import load_settings

TOWNS = ["أربيل", "السليمانية", "دهوك", "كركوك", "الموصل", "تكريت", "سامراء", "الرمادي", "الفلوجة", "بعقوبة"]
START = datetime(2025, 5, 1, tzinfo=UTC)
BURST_AT = START + timedelta(hours=7)


def _enriched(url: str, title: str, text: str, published: datetime, source: str) -> EnrichedArticle:
    article = Article(id=article_id(url), url=url, source=source, title=title, text=text, published=published)
    return enrich(article.model_dump_json().encode(), analyze, key=article.id.encode())


@pytest.fixture(scope="module")
def stream() -> list[EnrichedArticle]:
    """Six quiet hours of one report each about Iraq, then a burst of 30 separate Iraqi incidents in one hour."""
    quiet = [_enriched(f"https://quiet.example/{h}", f"افتتاح معرض للكتاب في {TOWNS[h % 10]}",
                       f"افتتح في مدينة {TOWNS[h % 10]} العراقية معرض للكتاب بمشاركة دور نشر عربية، ويستمر أسبوعاً.",
                       START + timedelta(hours=h), "quiet")
             for h in range(6)]
    burst = [_enriched(f"https://burst.example/{i}", f"مقتل {i + 3} أشخاص بانفجار في {TOWNS[i % 10]} العراقية",
                       f"قتل {i + 3} أشخاص وأصيب آخرون بانفجار عبوة ناسفة في سوق بمدينة {TOWNS[i % 10]} في العراق "
                       f"صباح اليوم، بحسب مصادر أمنية عراقية. حادث رقم {i} منفصل عن غيره في حي {i}.",
                       BURST_AT + timedelta(minutes=i), f"outlet{i}")
             for i in range(30)]
    return quiet + burst


def _tables() -> dict[str, dict[bytes, Any]]:
    return {"articles": {}, "stories": {}, "features": {}, "marks": {}}


def _step(tables: dict[str, dict[bytes, Any]], **settings: Any) -> StoryStep:
    return StoryStep(load_settings(**settings), tables["articles"], tables["stories"], tables["features"],
                     tables["marks"])


def _run(step: StoryStep, articles: list[EnrichedArticle], every: int = 1) -> list[AlertEvent]:
    """The articles through the step, its story states written every ``every`` articles and at the end."""
    alerts: list[AlertEvent] = []
    for n, article in enumerate(articles, 1):
        alerts += step.apply(article)[1]
        if n % every == 0:
            step.flush()
    step.flush()
    return alerts


def _decision(alert: AlertEvent) -> dict[str, Any]:
    """An alert without what only memory keeps (a spike's top stories, and the headline taken from them)."""
    out = alert.model_dump(mode="json", exclude={"headline"})
    if out.get("spike"):
        out["spike"].pop("top_stories")
    return out


def test_a_burst_in_one_country_after_a_quiet_baseline_gives_one_spike(stream: list[EnrichedArticle]) -> None:
    alerts = _run(_step(_tables()), stream)
    spikes = [a for a in alerts if a.kind == "spike"]
    assert len(spikes) == 1 and spikes[0].spike is not None
    spike = spikes[0].spike
    assert (spike.dimension, spike.value, spike.window_start) == ("country", "IQ", BURST_AT)
    assert spike.count == 10 and spike.baseline == pytest.approx(6 / 24) and spike.top_stories


@pytest.mark.parametrize("split", [3, 10, 15, 20])
@pytest.mark.parametrize("window_minutes", [60, 240])  # 26 windows of 4 h reach beyond the stored features
def test_a_step_rebuilt_from_the_tables_decides_what_the_running_one_decided(
        stream: list[EnrichedArticle], split: int, window_minutes: int) -> None:
    """A restart, a wiped store recovered from the changelogs, or a takeover: a new step over the same table
    contents (the spike counts are rebuilt from story-articles) takes the same decisions."""
    whole = _run(_step(_tables(), spike_window_minutes=window_minutes, spike_min_count=5), stream)
    assert any(a.kind == "spike" for a in whole)
    tables = _tables()
    first = _run(_step(tables, spike_window_minutes=window_minutes, spike_min_count=5), stream[:split])
    then = _run(_step(tables, spike_window_minutes=window_minutes, spike_min_count=5), stream[split:])
    assert [_decision(a) for a in first + then] == [_decision(a) for a in whole]


def test_story_states_are_written_once_per_round_and_read_back_before_they_are(
        stream: list[EnrichedArticle]) -> None:
    """Writing the changed states once per round of events decides and stores what writing them after every event
    does; before its round ends, a changed state is read back from memory, never stale from the table."""
    later = [a.model_copy(update={"id": a.id[:-4] + "ffff", "url": a.url + "/later"}) for a in stream[-3:]]
    each = _tables()
    expected = _run(_step(each), stream + later + later[:1])
    rounds = _tables()
    step = _step(rounds)
    alerts = _run(step, stream, every=7)
    written = dict(rounds["stories"])
    for article in later:
        alerts += step.apply(article)[1]
    assert rounds["stories"] == written and step.unwritten >= 1  # nothing written before the round ends
    step._states.clear()  # out of the cache, the unwritten state is still the one read
    alerts += step.apply(later[0])[1]
    assert step.flush() >= 1
    assert [_decision(a) for a in alerts] == [_decision(a) for a in expected]
    assert rounds["stories"] == each["stories"]


def test_a_reset_drops_the_unwritten_states(stream: list[EnrichedArticle]) -> None:
    tables = _tables()
    step = _step(tables)
    _run(step, stream[:10])
    written = dict(tables["stories"])
    step.apply(stream[10])
    assert step.unwritten == 1
    step.reset()
    assert step.unwritten == 0 and step.flush() == 0 and tables["stories"] == written


def test_a_reset_rebuilds_the_counts_and_the_same_articles_again_count_nothing(
        stream: list[EnrichedArticle]) -> None:
    tables = _tables()
    step = _step(tables)
    alerts = _run(step, stream[:15])
    step.reset()
    alerts += _run(step, stream[15:])
    window = int(BURST_AT.timestamp() // 3600)
    assert step.counts.count(window, "country:IQ") == 30
    assert len([a for a in alerts if a.kind == "spike"]) == 1
    assert _run(step, stream) == []  # a redelivery or a replay: no alert, no count
    assert step.counts.count(window, "country:IQ") == 30
    step.reset()
    step.apply(stream[-1])
    assert step.counts.count(window, "country:IQ") == 30


def _past_horizon(tables: dict[str, dict[bytes, Any]], cut: datetime) -> dict[str, dict[bytes, Any]]:
    """What a scan of every row would keep at state cut ``cut`` (the features follow the index: not checked here)."""
    def time_of(table: str, value: bytes) -> datetime:
        if table == "articles":
            return datetime.fromisoformat(json.loads(value)["t"])
        if table == "stories":
            return datetime.fromisoformat(json.loads(value)["last_seen"])
        return datetime.fromisoformat(value.decode())
    return {name: {k: v for k, v in tables[name].items() if time_of(name, v) >= cut}
            for name in ("articles", "stories", "marks")}


def _seen_again(article: EnrichedArticle, when: datetime) -> EnrichedArticle:
    return article.model_copy(update={"id": article.id[:-4] + "eeee", "url": article.url + "/again",
                                      "published": when})


@pytest.mark.parametrize("rebuilt", [False, True])
def test_expiry_drops_exactly_the_rows_past_the_horizon(stream: list[EnrichedArticle], rebuilt: bool) -> None:
    """What falls due is found without a scan, yet the tables end as a full scan would leave them; a story
    reported again stays though its first article goes; a step rebuilt from the tables expires the same."""
    tables = _tables()
    step = _step(tables, story_state_days=3 / 24, spike_min_count=5)
    again = _seen_again(stream[0], BURST_AT + timedelta(minutes=45))
    alerts = _run(step, [*stream, again])
    assert any(a.kind == "spike" for a in alerts) and tables["marks"]
    story_of_first = json.loads(tables["articles"][stream[0].id.encode()])["story_id"]
    assert json.loads(tables["articles"][again.id.encode()])["story_id"] == story_of_first
    if rebuilt:
        step = _step(tables, story_state_days=3 / 24, spike_min_count=5)
    for now in (BURST_AT, BURST_AT + timedelta(hours=2), BURST_AT + timedelta(hours=3, minutes=40)):
        cut = now - timedelta(hours=3)
        expected = _past_horizon(tables, cut)
        dropped = step.expire(now)
        assert {name: tables[name] for name in expected} == expected
        assert dropped["articles"] + dropped["stories"] + dropped["marks"] > 0
    assert stream[0].id.encode() not in tables["articles"] and story_of_first.encode() in tables["stories"]
    assert not tables["marks"]  # the burst's window started more than three hours before


class _Counted(dict[bytes, Any]):
    """A table that counts the passes over all its rows."""

    scans = 0

    def items(self) -> Any:
        _Counted.scans += 1
        return super().items()

    def values(self) -> Any:
        _Counted.scans += 1
        return super().values()

    def keys(self) -> Any:
        _Counted.scans += 1
        return super().keys()

    def __iter__(self) -> Any:
        _Counted.scans += 1
        return super().__iter__()


def test_expiry_reads_what_fell_due_not_the_tables(stream: list[EnrichedArticle]) -> None:
    tables: dict[str, dict[bytes, Any]] = {name: _Counted() for name in _tables()}
    step = _step(tables, story_state_days=3 / 24, spike_min_count=5)
    step.apply(stream[0])  # the index is built from the (empty) tables once
    _Counted.scans = 0
    _run(step, stream[1:])
    assert step.expire(BURST_AT + timedelta(hours=3))["articles"] > 0
    assert _Counted.scans == 0
