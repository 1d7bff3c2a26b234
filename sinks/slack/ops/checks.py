"""Health checks over a snapshot of the producers' state and the DLQ sizes. Pure: a snapshot in, findings out.

- ``feed_failing``: a feed whose polls have failed for ``failing_after_s`` (default an hour) in a row;
- ``feed_silent``: a feed with no new item for ``silent_factor`` times its usual gap (the median of its recent
  gaps), and at least ``silent_min_s``;
- ``format_change``: a feed whose recent items nearly all fail (rejected as empty or another language) while its
  earlier items did not: the feed's format or encoding probably changed;
- ``dlq_growing``: a dead-letter topic that grew by at least ``dlq_growth`` messages within ``dlq_window_s``.

Every finding is keyed (check and subject), so the notifier says "firing" once and "resolved" once per episode.
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass, field
from typing import Literal

CheckKind = Literal["feed_failing", "feed_silent", "format_change", "dlq_growing"]


@dataclass(frozen=True)
class FeedHealth:
    feed: str
    last_success: float | None
    last_error: str | None
    last_error_at: float | None
    consecutive_failures: int
    emitted_times: tuple[float, ...] = ()  # first_seen of the feed's latest emitted items, oldest first
    recent_outcomes: tuple[str, ...] = ()  # outcomes of its latest items, oldest first ("emitted", "rejected:…")


@dataclass(frozen=True)
class Snapshot:
    now: float
    feeds: tuple[FeedHealth, ...] = ()
    dlq_sizes: dict[str, list[tuple[float, int]]] = field(default_factory=dict)  # topic -> [(time, size)]


@dataclass(frozen=True)
class Thresholds:
    failing_after_s: float = 3600.0
    silent_factor: float = 5.0
    silent_min_s: float = 3600.0
    silent_min_history: int = 5
    format_window: int = 10  # the latest items looked at
    format_min_items: int = 5
    format_fail_ratio: float = 0.9
    format_baseline_max_ratio: float = 0.5
    dlq_growth: int = 10
    dlq_window_s: float = 900.0


@dataclass(frozen=True)
class Finding:
    kind: CheckKind
    subject: str  # the feed or the topic
    summary: str  # one line, English (ops read it next to logs)
    since: float | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.subject}"


FAILING_REASONS = ("rejected:empty", "rejected:language:")


def evaluate(snapshot: Snapshot, limits: Thresholds, failing_since: dict[str, float] | None = None) -> list[Finding]:
    """What is wrong now. ``failing_since``: when the notifier first saw each feed failing (for a feed that never
    succeeded, whose state gives no start)."""
    found: list[Finding] = []
    for feed in snapshot.feeds:
        found += _failing(feed, snapshot.now, limits, (failing_since or {}).get(feed.feed))
        found += _silent(feed, snapshot.now, limits)
        found += _format_change(feed, limits)
    for topic, sizes in sorted(snapshot.dlq_sizes.items()):
        found += _dlq(topic, sizes, snapshot.now, limits)
    return found


def _failing(feed: FeedHealth, now: float, limits: Thresholds, first_seen: float | None) -> list[Finding]:
    if feed.consecutive_failures <= 0:
        return []
    since = feed.last_success if feed.last_success is not None else first_seen
    if since is None or now - since < limits.failing_after_s:
        return []
    error = (feed.last_error or "unknown error")[:200]
    return [Finding("feed_failing", feed.feed, f"feed {feed.feed} failing for {_ago(now - since)} "
                                             f"({feed.consecutive_failures} polls in a row): {error}", since)]


def _silent(feed: FeedHealth, now: float, limits: Thresholds) -> list[Finding]:
    times = sorted(feed.emitted_times)
    if len(times) < limits.silent_min_history:
        return []
    gaps = [b - a for a, b in itertools.pairwise(times)]
    usual = statistics.median(gaps)
    quiet = now - times[-1]
    if quiet < max(limits.silent_factor * usual, limits.silent_min_s):
        return []
    return [Finding("feed_silent", feed.feed, f"feed {feed.feed} silent for {_ago(quiet)} "
                                            f"(usual gap {_ago(usual)})", times[-1])]


def _format_change(feed: FeedHealth, limits: Thresholds) -> list[Finding]:
    outcomes = list(feed.recent_outcomes)
    recent, earlier = outcomes[-limits.format_window:], outcomes[:-limits.format_window]
    if len(recent) < limits.format_min_items:
        return []
    ratio = _failed_ratio(recent)
    if ratio < limits.format_fail_ratio:
        return []
    if earlier and _failed_ratio(earlier) > limits.format_baseline_max_ratio:
        return []  # it was always like this: a filter doing its job, not a change
    reasons = sorted({o.removeprefix("rejected:") for o in recent if o.startswith(FAILING_REASONS)})
    return [Finding("format_change", feed.feed, f"feed {feed.feed}: {ratio:.0%} of its last {len(recent)} items "
                                              f"failed ({', '.join(reasons)}); did its format change?")]


def _failed_ratio(outcomes: list[str]) -> float:
    return sum(o.startswith(FAILING_REASONS) for o in outcomes) / len(outcomes) if outcomes else 0.0


def _dlq(topic: str, sizes: list[tuple[float, int]], now: float, limits: Thresholds) -> list[Finding]:
    window = [(t, n) for t, n in sizes if now - t <= limits.dlq_window_s]
    if len(window) < 2:
        return []
    growth = window[-1][1] - min(n for _, n in window)
    if growth < limits.dlq_growth:
        return []
    return [Finding("dlq_growing", topic, f"{topic} grew by {growth} messages in {_ago(now - window[0][0])} "
                                          f"(now {window[-1][1]})")]


def _ago(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds >= 86400:
        return f"{seconds // 86400}d {seconds % 86400 // 3600}h"
    if seconds >= 3600:
        return f"{seconds // 3600}h {seconds % 3600 // 60}m"
    if seconds >= 60:
        return f"{seconds // 60}m"
    return f"{seconds}s"
