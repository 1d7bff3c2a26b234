"""Scheduling of ``run_forever``: intervals, jitter, exponential backoff (pure; no I/O)."""

from __future__ import annotations

import logging
import random
from pathlib import Path

from mediamon.producers.config import Backoff, parse_feeds
from mediamon.producers.runner import Scheduler, next_delay, poll_log_level
from mediamon.producers.summary import FeedSummary

CONFIG = parse_feeds({"feeds": [
    {"name": "a", "url": "https://a/rss", "poll_interval": 100, "jitter": 0.1},
    {"name": "b", "url": "https://b/rss", "poll_interval": 50, "jitter": 0},
]}, Path("feeds.yaml"))
A, B = CONFIG.feeds


def test_jitter_stays_within_bounds_and_varies() -> None:
    rng = random.Random(1)
    delays = [next_delay(A, 0, Backoff(), rng) for _ in range(200)]
    assert all(90 <= d <= 110 for d in delays) and len(set(delays)) > 100
    assert next_delay(B, 0, Backoff(), rng) == 50


def test_backoff_doubles_and_is_capped() -> None:
    rng = random.Random(1)
    backoff = Backoff(factor=2, max_seconds=300)
    assert [next_delay(B, n, backoff, rng) for n in range(5)] == [50, 100, 200, 300, 300]


def test_scheduler_due_times() -> None:
    scheduler = Scheduler(random.Random(0))
    scheduler.sync(CONFIG.feeds, now=1000)
    assert scheduler.due_feeds(CONFIG.feeds, 1000) == (A, B)
    scheduler.done(B, 0, Backoff(), now=1000)
    scheduler.done(A, 2, Backoff(), now=1000)
    assert scheduler.due_feeds(CONFIG.feeds, 1049) == ()
    assert scheduler.due_feeds(CONFIG.feeds, 1050) == (B,)
    assert scheduler.seconds_to_next(1000) == 50
    assert scheduler.due["a"] >= 1000 + 400 * 0.9
    scheduler.sync((B,), now=1100)
    assert set(scheduler.due) == {"b"}


def test_only_polls_that_found_something_log_at_info() -> None:
    assert poll_log_level(FeedSummary("f", seen=40)) == logging.DEBUG
    assert poll_log_level(FeedSummary("f", not_modified=True)) == logging.DEBUG
    assert poll_log_level(FeedSummary("f", seen=40, new=2, queued_ids=["a", "b"])) == logging.INFO
    assert poll_log_level(FeedSummary("f", seen=40, rejected={"language:fa": 1})) == logging.INFO
    assert poll_log_level(FeedSummary("f", errors={"timeout": 1})) == logging.INFO
