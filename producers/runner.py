"""Passes over the feeds: ``produce_once`` (one pass, for the CLI, the demo and tests) and
``run_forever`` (each feed on its own schedule with jitter and exponential backoff on errors)."""

from __future__ import annotations

import logging
import random
import threading
import time
from pathlib import Path
from types import TracebackType

from mediamon.errors import ConfigError
from mediamon.producers.config import Backoff, FeedConfig, FeedsConfig, load_feeds
from mediamon.producers.fetch import make_client
from mediamon.producers.kafka_out import ArticleWriter
from mediamon.producers.metrics import ProducerMetrics
from mediamon.producers.pipeline import FeedPoller
from mediamon.producers.state import StateStore
from mediamon.producers.summary import PassSummary
from mediamon.settings import Settings
from mediamon.topics import Names

log = logging.getLogger(__name__)

DAY = 86400.0


def rejected_topic_name(settings: Settings) -> str:
    return Names.from_settings(settings).rejected


class ProducerSession:
    """Everything one producer process holds open: state, HTTP client, Kafka producer, metrics."""

    def __init__(
        self, settings: Settings, config: FeedsConfig, metrics: ProducerMetrics | None = None
    ) -> None:
        self.settings = settings
        self.config = config
        self.metrics = metrics or ProducerMetrics()
        self.state = StateStore.in_dir(settings.state_dir)
        self.client = make_client(config.limits)
        self.writer = ArticleWriter(settings.kafka_bootstrap, Names.from_settings(settings).raw)
        self.poller = self._poller(config)

    def _poller(self, config: FeedsConfig) -> FeedPoller:
        rejected = rejected_topic_name(self.settings) if config.rejected_topic else None
        return FeedPoller(config, self.client, self.state, self.writer, self.metrics, rejected)

    def reconfigure(self, config: FeedsConfig) -> None:
        """New feeds file: limits of the running HTTP client are kept until restart."""
        self.config = config
        self.poller = self._poller(config)

    def run_pass(self, feeds: tuple[FeedConfig, ...]) -> PassSummary:
        started = time.monotonic()
        expired = self.state.expire(self.config.state.retention_days * DAY)
        if expired:
            log.info("expired %d seen ids older than %s days", expired, self.config.state.retention_days)
        summary = PassSummary()
        for feed in feeds:
            summary.feeds[feed.name] = self.poller.poll(feed)
        summary.seconds = time.monotonic() - started
        return summary

    def close(self) -> None:
        try:
            self.writer.close()
        finally:
            self.client.close()
            self.state.close()

    def __enter__(self) -> ProducerSession:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def produce_once(settings: Settings, feeds_file: Path | None = None) -> PassSummary:
    """One pass over all enabled feeds; returns per-feed counts (seen, emitted, rejected, errors)."""
    config = load_feeds(feeds_file or settings.feeds_file)
    with ProducerSession(settings, config) as session:
        return session.run_pass(config.enabled_feeds)


def next_delay(feed: FeedConfig, failures: int, backoff: Backoff, rng: random.Random) -> float:
    """Seconds until the next poll: the interval (times ``factor**failures`` after errors, capped),
    moved by up to ``jitter`` of itself either way."""
    base = feed.poll_interval
    if failures:
        base = min(base * backoff.factor**failures, max(backoff.max_seconds, feed.poll_interval))
    return max(0.0, base * (1 + rng.uniform(-feed.jitter, feed.jitter)))


class Scheduler:
    """Per-feed due times. New feeds are due at once; removed feeds are forgotten."""

    def __init__(self, rng: random.Random | None = None) -> None:
        self.rng = rng or random.Random()
        self.due: dict[str, float] = {}

    def sync(self, feeds: tuple[FeedConfig, ...], now: float) -> None:
        names = {f.name for f in feeds}
        self.due = {n: t for n, t in self.due.items() if n in names}
        for feed in feeds:
            self.due.setdefault(feed.name, now)

    def due_feeds(self, feeds: tuple[FeedConfig, ...], now: float) -> tuple[FeedConfig, ...]:
        return tuple(f for f in feeds if self.due.get(f.name, now) <= now)

    def done(self, feed: FeedConfig, failures: int, backoff: Backoff, now: float) -> None:
        self.due[feed.name] = now + next_delay(feed, failures, backoff, self.rng)

    def seconds_to_next(self, now: float) -> float:
        return max(0.0, min(self.due.values(), default=now + 60) - now)


def _reload_if_changed(path: Path, current: FeedsConfig, mtime: float) -> tuple[FeedsConfig, float]:
    try:
        new_mtime = path.stat().st_mtime
    except OSError:
        return current, mtime
    if new_mtime == mtime:
        return current, mtime
    try:
        config = load_feeds(path)
    except ConfigError as exc:
        log.error("feeds file changed but is invalid, keeping the previous one: %s", exc)
        return current, new_mtime
    log.info("feeds file reloaded: %d enabled feeds", len(config.enabled_feeds))
    return config, new_mtime


def run_forever(
    settings: Settings,
    feeds_file: Path | None = None,
    stop: threading.Event | None = None,
    metrics: ProducerMetrics | None = None,
) -> None:
    """Poll until ``stop`` is set (the CLI sets it on SIGTERM/SIGINT), then flush and close."""
    path = feeds_file or settings.feeds_file
    stop = stop or threading.Event()
    config = load_feeds(path)
    mtime = path.stat().st_mtime
    scheduler = Scheduler()
    with ProducerSession(settings, config, metrics) as session:
        while not stop.is_set():
            config, mtime = _reload_if_changed(path, config, mtime)
            if config is not session.config:
                session.reconfigure(config)
            feeds = config.enabled_feeds
            scheduler.sync(feeds, time.monotonic())
            for feed in scheduler.due_feeds(feeds, time.monotonic()):
                if stop.is_set():
                    break
                result = session.run_pass((feed,)).feeds[feed.name]
                failures = session.state.status(feed.name).consecutive_failures if result.failed else 0
                scheduler.done(feed, failures, config.backoff, time.monotonic())
                log.info("feed %s: seen=%d new=%d emitted=%d rejected=%s errors=%s", feed.name, result.seen,
                         result.new, result.emitted, result.rejected or "-", result.errors or "-")
            stop.wait(min(scheduler.seconds_to_next(time.monotonic()), 5.0))
        log.info("stopping: flushing Kafka producer")
