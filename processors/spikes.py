"""Spike decisions: a window whose article count per rule, topic or country passes ``factor`` times the trailing
baseline (the mean of the previous windows) and ``min_count``. Pure; the counting itself is a Faust windowed table.

Articles that make a country spike usually make their rule and topic spike at the same moment: all dimensions that
cross on the same article make ONE spike alert, named after the most specific (country, then topic, then rule), the
others listed in ``also``. A dimension fires at most once per window.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from mediamon.schema import AlertEvent, EnrichedArticle, Spike, TopStory

DIMENSIONS = ("country", "topic", "rule")
MAX_PER_DIMENSION = 5


@dataclass(frozen=True)
class SpikePolicy:
    window: timedelta = timedelta(hours=1)
    baseline_windows: int = 24
    factor: float = 3.0
    min_count: int = 10


@dataclass(frozen=True)
class Crossing:
    dimension: str
    value: str
    count: int
    baseline: float


def dimensions_of(article: EnrichedArticle) -> list[tuple[str, str]]:
    """What an article counts towards, most specific first."""
    analysis = article.analysis
    rules = list(dict.fromkeys(a.rule for a in analysis.alerts))
    return (
        [("country", c) for c in analysis.countries[:MAX_PER_DIMENSION]]
        + [("topic", t) for t in analysis.topics[:MAX_PER_DIMENSION]]
        + [("rule", r) for r in rules[:MAX_PER_DIMENSION]]
    )


def key_of(dimension: str, value: str) -> str:
    return f"{dimension}:{value}"


def window_start(when: datetime, window: timedelta) -> datetime:
    seconds = window.total_seconds()
    epoch = when.timestamp()
    return datetime.fromtimestamp(epoch - epoch % seconds, UTC)


def crossing(dimension: str, value: str, count: int, history: Sequence[int], policy: SpikePolicy) -> Crossing | None:
    """A crossing when ``count`` (this window so far) passes the threshold over ``history`` (earlier windows)."""
    if count < policy.min_count:
        return None
    baseline = sum(history) / len(history) if history else 0.0
    if count < policy.factor * max(baseline, 1.0):
        return None
    return Crossing(dimension, value, count, baseline)


def spike_id(dimension: str, value: str, start: datetime) -> str:
    return hashlib.sha256(f"spike:{dimension}:{value}:{start.isoformat()}".encode()).hexdigest()[:32]


def spike_event(crossings: list[Crossing], start: datetime, policy: SpikePolicy, top: list[TopStory],
                event_time: datetime, *, replay: bool) -> AlertEvent:
    main = crossings[0]
    rules = [c.value for c in crossings if c.dimension == "rule"]
    return AlertEvent(
        alert_id=spike_id(main.dimension, main.value, start),
        kind="spike",
        story_id=f"spike:{main.dimension}:{main.value}:{start:%Y%m%dT%H%M}",
        revision=0,
        severity="medium",
        new_rules=rules,
        headline=top[0].headline if top else "",
        countries=[c.value for c in crossings if c.dimension == "country"],
        story_size=main.count,
        event_time=event_time,
        decided_at=event_time,
        replay=replay,
        spike=Spike(
            dimension=main.dimension,  # type: ignore[arg-type]
            value=main.value,
            window_start=start,
            window_end=start + policy.window,
            count=main.count,
            baseline=round(main.baseline, 3),
            factor=policy.factor,
            top_stories=top,
            also=[f"{c.dimension}:{c.value}" for c in crossings[1:]],
        ),
    )
