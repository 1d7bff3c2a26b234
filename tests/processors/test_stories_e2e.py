"""Stories and alert decisions with real Kafka and real Faust workers (docs/stories.md)."""

from __future__ import annotations

import signal
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from mediamon.ids import article_id
from mediamon.schema import Article
from mediamon.settings import Settings

from .harness import Processor, names, produce, read_all, seed_articles, seed_stories


def _killed(alert: dict[str, Any]) -> tuple[int | None, str] | None:
    for figure in alert["figures"]:
        if figure["kind"] == "killed":
            return figure["count"], figure["qualifier"]
    return None


def _article(url: str, title: str, text: str, published: datetime, source: str) -> Article:
    return Article(id=article_id(url), url=url, source=source, title=title, text=text, published=published)


def test_seeds_make_two_stories_one_new_alert_each_and_updates_that_follow_the_toll(
        settings: Settings, tmp_path: Path) -> None:
    topics = names(settings)
    seeds = seed_articles()  # 003 (2022), then 001, 002, 000, 004 (September 2023)
    first, rest = seeds[:3], seeds[3:]
    with Processor(settings, tmp_path):
        for article in first:  # one at a time, so the story sees them in publication order
            produce(settings, topics.raw, [article])
            read_all(settings, topics.enriched, want=seeds.index(article) + 1, settle_s=1)
    # The worker is restarted between two reports of the same story: the state is on its store.
    with Processor(settings, tmp_path):
        for article in rest:
            produce(settings, topics.raw, [article])
            read_all(settings, topics.enriched, want=seeds.index(article) + 1, settle_s=1)
        alerts = [a for _, a in read_all(settings, topics.alerts, want=2)]
        enriched = {d["source"]: d for _, d in read_all(settings, topics.enriched, want=5)}

        # Stories: exactly the groups of seeds.expected.json.
        groups = [{enriched[s]["story_id"] for s in group} for group in seed_stories()]
        assert all(len(g) == 1 for g in groups) and len(set.union(*groups)) == 2
        story_2023 = next(iter(groups[0]))

        new = [a for a in alerts if a["kind"] == "new"]
        assert len(new) == 2 and {a["story_id"] for a in new} == set.union(*groups)
        for alert in new:
            assert {"ceasefire", "casualties"} <= {r["rule"] for r in alert["rules"]}
            assert alert["severity"] in ("high", "critical")
            assert all(r["label_ar"] and r["label_en"] for r in alert["rules"])
        assert len({a["alert_id"] for a in alerts}) == len(alerts)

        # The 2023 story's toll as reports arrive: 4 (001), at least 32 (002), about 100 (000); 004's 23 is lower.
        story = [a for a in alerts if a["story_id"] == story_2023]
        assert [a["kind"] for a in story] == ["new", "update", "update"]
        assert [_killed(a) for a in story] == [(4, "exact"), (32, "at_least"), (100, "about")]
        change = next(c for c in story[2]["changes"] if c["kind"] == "killed")
        assert (change["before"]["count"], change["after"]["count"]) == (32, 100)
        assert story[2]["story_size"] == 3 and len(story[2]["outlets"]) == 3

        # The same articles again: no alert event at all.
        produce(settings, topics.raw, seeds)
        again = read_all(settings, topics.alerts, want=len(alerts), settle_s=8)
        assert len(again) == len(alerts)

        # A later report of the 2023 story: a higher toll gives exactly one update, a lower one none.
        when = datetime(2023, 9, 21, 14, tzinfo=UTC)
        higher = _article(
            "https://outlet9.example/karabakh-toll", "ارتفاع حصيلة قتلى العملية العسكرية الأذربيجانية في كاراباخ",
            "أعلنت سلطات إقليم ناغورني كاراباخ أن عدد القتلى ارتفع إلى 200 قتيل منذ بدء العملية العسكرية "
            "الأذربيجانية في الإقليم، بعد يومين من اتفاق وقف إطلاق النار وتسليم الانفصاليين الأرمن أسلحتهم، "
            "فيما أكدت وزارة الدفاع الأذربيجانية مواصلة سحب الأسلحة من كاراباخ.", when, "outlet9")
        lower = _article(
            "https://outlet8.example/karabakh-victims", "قتلى مدنيون في العملية العسكرية الأذربيجانية في كاراباخ",
            "قالت مصادر أرمينية في إقليم ناغورني كاراباخ إن عشرة مدنيين قتلوا في العملية العسكرية الأذربيجانية "
            "قبل اتفاق وقف إطلاق النار وتسليم الانفصاليين أسلحتهم، فيما أكدت وزارة الدفاع الأذربيجانية "
            "استمرار سحب الأسلحة من كاراباخ.", when + timedelta(hours=1), "outlet8")
        produce(settings, topics.raw, [higher])
        after_higher = [a for _, a in read_all(settings, topics.alerts, want=len(alerts) + 1)]
        produce(settings, topics.raw, [lower])
        after_lower = [a for _, a in read_all(settings, topics.alerts, want=len(alerts) + 1, settle_s=8)]
        placed = {d["id"]: d["story_id"] for _, d in read_all(settings, topics.enriched, want=12)}
    assert placed[higher.id] == story_2023 and placed[lower.id] == story_2023
    extra = after_higher[len(alerts):]
    assert [(a["kind"], a["story_id"], _killed(a)) for a in extra] == [("update", story_2023, (200, "exact"))]
    assert len(after_lower) == len(after_higher)


def test_a_burst_in_one_country_after_a_quiet_baseline_gives_one_spike(settings: Settings, tmp_path: Path) -> None:
    topics = names(settings)
    start = datetime(2025, 5, 1, tzinfo=UTC)
    towns = ["أربيل", "السليمانية", "دهوك", "كركوك", "الموصل", "تكريت", "سامراء", "الرمادي", "الفلوجة", "بعقوبة"]
    baseline = [
        _article(f"https://quiet.example/{h}", f"افتتاح معرض للكتاب في {towns[h % 10]}",
                 f"افتتح في مدينة {towns[h % 10]} العراقية معرض للكتاب بمشاركة دور نشر عربية، ويستمر أسبوعاً.",
                 start + timedelta(hours=h), "quiet")
        for h in range(6)
    ]
    burst_at = start + timedelta(hours=7)
    burst = [
        _article(f"https://burst.example/{i}", f"مقتل {i + 3} أشخاص بانفجار في {towns[i % 10]} العراقية",
                 f"قتل {i + 3} أشخاص وأصيب آخرون بانفجار عبوة ناسفة في سوق بمدينة {towns[i % 10]} في العراق "
                 f"صباح اليوم، بحسب مصادر أمنية عراقية. حادث رقم {i} منفصل عن غيره في حي {i}.",
                 burst_at + timedelta(minutes=i), f"outlet{i}")
        for i in range(30)
    ]
    with Processor(settings, tmp_path):
        produce(settings, topics.raw, baseline)
        read_all(settings, topics.enriched, want=len(baseline), settle_s=1)
        produce(settings, topics.raw, burst)
        read_all(settings, topics.enriched, want=len(baseline) + len(burst), settle_s=1)
        alerts = [a for _, a in read_all(settings, topics.alerts, want=1)]
    spikes = [a for a in alerts if a["kind"] == "spike"]
    assert len(spikes) == 1, [(a["spike"]["dimension"], a["spike"]["value"]) for a in spikes]
    spike = spikes[0]["spike"]
    assert (spike["dimension"], spike["value"]) == ("country", "IQ")
    assert spike["count"] >= 10 and spike["top_stories"]
    assert datetime.fromisoformat(spike["window_start"]) == burst_at


def test_two_workers_one_killed_lose_nothing_and_split_no_story(settings: Settings, tmp_path: Path) -> None:
    """Two workers share the partitions; one is SIGKILLed mid-stream. Every article is still analysed, every story
    raises exactly one `new` alert, and the handover splits no story: the assignment equals what the story log's
    order gives when replayed through the pure assigner."""
    from .harness import labelled_articles, replayed_assignment

    topics = names(settings)
    articles = [a for a, _ in labelled_articles()]
    half = len(articles) // 2
    one, two = Processor(settings, tmp_path, "w1"), Processor(settings, tmp_path, "w2")
    one.start()
    two.start()
    try:
        produce(settings, topics.raw, articles[:half])
        read_all(settings, topics.enriched, want=half // 2, settle_s=0.5)
        one.kill()  # mid-stream
        produce(settings, topics.raw, articles[half:])
        enriched = read_all(settings, topics.enriched, want=len(articles), timeout_s=240, distinct="id")
        assert two.alive()
        alerts = [a for _, a in read_all(settings, topics.alerts, want=1)]
        log = read_all(settings, topics.stories, want=len(articles))
    finally:
        one.kill()
        two.stop()
    placed = {d["id"]: d["story_id"] for _, d in enriched}
    assert set(placed) == {a.id for a in articles}

    # the one ordered story log, as the story agent read it
    assert placed == replayed_assignment(settings, (body for _, body in log))

    new = {}
    for alert in alerts:
        if alert["kind"] == "new" and not alert["resurgence"]:
            new.setdefault(alert["story_id"], set()).add(alert["alert_id"])
    assert all(len(ids) == 1 for ids in new.values())
    alerted_stories = {a["story_id"] for a in alerts if a["kind"] != "spike"}
    assert alerted_stories == set(new)


def _backlog(count: int, tag: str) -> list[Article]:
    """``count`` reports: the labelled articles again and again under new outlets and URLs, a minute apart."""
    from .harness import labelled_articles

    base = [a for a, _ in labelled_articles()]
    start = datetime(2025, 3, 1, tzinfo=UTC)
    out = []
    for i in range(count):
        source = base[i % len(base)]
        outlet = f"copy{i // len(base)}"
        out.append(_article(f"https://{outlet}.example/{tag}/{i}", source.title, source.text,
                            start + timedelta(minutes=i), outlet))
    return out


def test_a_worker_joining_or_stopping_in_a_backlog_does_not_stall_the_story_log(
        settings: Settings, tmp_path: Path) -> None:
    """A rebalance or a stop in the middle of a backlog finds story-log events in flight whose round of story-state
    writes is still open (it closes with a later event, which a paused stream never delivers). The worker must
    not wait for them to be acked: it hands them over unacked. Waiting stalled every such rebalance until the broker
    evicted the worker, and a stop until it was killed."""
    from .harness import replayed_assignment

    topics = names(settings)
    first, second = _backlog(2400, "a"), _backlog(1600, "b")
    produce(settings, topics.raw, first)
    one, two = Processor(settings, tmp_path, "w1"), Processor(settings, tmp_path, "w2")
    three = Processor(settings, tmp_path, "w3")
    try:
        one.start()
        read_all(settings, topics.enriched, want=300, settle_s=0)
        two.start()  # joins while the story agent is in the middle of the backlog
        read_all(settings, topics.enriched, want=len(first), timeout_s=150, settle_s=0)
        produce(settings, topics.raw, second)
        read_all(settings, topics.enriched, want=len(first) + 200, timeout_s=60, settle_s=0)
        for worker in (one, two):  # both stop in the middle of the second backlog
            assert worker.proc is not None
            worker.proc.send_signal(signal.SIGTERM)
        began = time.monotonic()
        for worker in (one, two):
            assert worker.proc is not None
            worker.proc.wait(60)
        stopped_in = time.monotonic() - began
        three.start()
        enriched = read_all(settings, topics.enriched, want=len(first) + len(second), timeout_s=180, distinct="id")
        log = read_all(settings, topics.stories, want=len(first) + len(second))
    finally:
        for worker in (one, two, three):
            worker.kill()
    waited = [line for worker in (one, two) for line in worker.log.read_text(errors="replace").splitlines()
              if "wait_empty" in line]
    assert waited == [], waited[:3]
    assert stopped_in < 20, f"two workers took {stopped_in:.1f}s to stop"
    placed = {d["id"]: d["story_id"] for _, d in enriched}
    assert set(placed) == {a.id for a in first + second}
    assert placed == replayed_assignment(settings, (body for _, body in log))
