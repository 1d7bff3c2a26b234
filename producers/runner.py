"""Passes over the feeds: ``produce_once`` (one pass, for the CLI, the demo and tests) and
``run_forever`` (each feed on its own schedule with jitter and exponential backoff on errors).

Feeds are polled concurrently, at most ``limits.max_concurrent_feeds`` at once, so a slow or hostile feed
holds only its own slot. Polls queue accepted articles in the outbox; delivery to Kafka runs apart
(:class:`~mediamon.producers.kafka_out.Deliverer`): in ``run_forever`` in its own thread, so a Kafka
outage never stalls polling, and the producer rides out a broker restart of any length.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

from mediamon.errors import ConfigError
from mediamon.producers.config import Backoff, FeedConfig, FeedsConfig, load_feeds
from mediamon.producers.fetch import make_client
from mediamon.producers.kafka_out import Deliverer, DrainResult, require_broker
from mediamon.producers.metrics import ProducerMetrics
from mediamon.producers.pipeline import FeedPoller
from mediamon.producers.state import StateStore
from mediamon.producers.summary import FeedSummary, PassSummary
from mediamon.settings import Settings
from mediamon.topics import Names

log = logging.getLogger(__name__)

DAY = 86400.0


def rejected_topic_name(settings: Settings) -> str:
    return Names.from_settings(settings).rejected


class ProducerSession:
    """Everything one producer process holds open: state, HTTP client, poll threads, Kafka delivery."""

    def __init__(
        self, settings: Settings, config: FeedsConfig, metrics: ProducerMetrics | None = None,
        *, delivery_timeout_ms: int = 30000,
    ) -> None:
        self.settings = settings
        self.config = config
        self.metrics = metrics or ProducerMetrics()
        self.raw_topic = Names.from_settings(settings).raw
        self.state = StateStore.in_dir(settings.state_dir)
        self.client = make_client(config.limits)
        self.deliverer = Deliverer(settings.kafka_bootstrap, self.raw_topic, self.state,
                                   delivery_timeout_ms=delivery_timeout_ms)
        self.pool = ThreadPoolExecutor(max_workers=config.limits.max_concurrent_feeds, thread_name_prefix="poll")
        self.poller = self._poller(config)

    def _poller(self, config: FeedsConfig) -> FeedPoller:
        rejected = rejected_topic_name(self.settings) if config.rejected_topic else None
        return FeedPoller(config, self.client, self.state, self.metrics, self.raw_topic, rejected)

    def reconfigure(self, config: FeedsConfig) -> None:
        """New feeds file: limits of the running HTTP client and pool are kept until restart."""
        self.config = config
        self.poller = self._poller(config)

    def submit(self, feed: FeedConfig) -> Future[FeedSummary]:
        return self.pool.submit(self.poller.poll, feed)

    def deliver(self, summary: PassSummary | None = None, *, force: bool = False) -> DrainResult:
        """Drain the outbox; count what was acknowledged per feed (in ``summary`` when given)."""
        result = self.deliverer.drain(force=force)
        for entry in result.delivered:
            if entry.topic != self.raw_topic:
                continue
            self.metrics.items.labels(entry.feed, "emitted").inc()
            if summary is not None:
                feed = summary.feeds.setdefault(entry.feed, FeedSummary(entry.feed))
                feed.emitted += 1
                feed.emitted_ids.append(entry.article_id)
        for refused in result.refused:
            self.metrics.errors.labels(refused.entry.feed, "too_large").inc()
            if summary is not None:
                summary.feeds.setdefault(refused.entry.feed, FeedSummary(refused.entry.feed)).error(
                    "too_large", f"article {refused.entry.article_id}: {refused.error}")
        self.metrics.queued.set(result.pending)
        self.metrics.kafka_up.set(0 if self.deliverer.up is False else 1)
        return result

    def run_pass(self, feeds: tuple[FeedConfig, ...]) -> PassSummary:
        """Poll ``feeds`` concurrently, then deliver everything queued (this pass's and older)."""
        started = time.monotonic()
        expired = self.state.expire(self.config.state.retention_days * DAY)
        if expired:
            log.info("expired %d seen ids older than %s days", expired, self.config.state.retention_days)
        summary = PassSummary()
        futures = [(feed, self.submit(feed)) for feed in feeds]
        for feed, future in futures:
            summary.feeds[feed.name] = future.result()
        result = self.deliver(summary, force=True)
        summary.pending, summary.delivery_error = result.pending, result.error
        if result.pending:
            waiting = {e.article_id for e in self.state.queued(limit=10**9)}
            for feed_summary in summary.feeds.values():
                stuck = [i for i in feed_summary.queued_ids if i in waiting]
                if stuck:
                    feed_summary.error("delivery", f"{len(stuck)} articles not acknowledged by Kafka "
                                       f"(kept for the next pass): {result.error}")
                    self.metrics.errors.labels(feed_summary.feed, "delivery").inc(len(stuck))
        summary.seconds = time.monotonic() - started
        return summary

    def close(self, timeout: float = 30.0) -> None:
        try:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.deliverer.close(timeout=timeout)
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
    """One pass over all enabled feeds; returns per-feed counts (seen, emitted, rejected, errors).
    Raises :class:`~mediamon.errors.BrokerUnavailable` (naming the broker) before polling anything when
    Kafka cannot be reached."""
    config = load_feeds(feeds_file or settings.feeds_file)
    require_broker(settings.kafka_bootstrap)
    with ProducerSession(settings, config) as session:
        return session.run_pass(config.enabled_feeds)


def next_delay(feed: FeedConfig, failures: int, backoff: Backoff, rng: random.Random) -> float:
    """Seconds until the next poll: the interval (times ``factor**failures`` after errors, capped),
    moved by up to ``jitter`` of itself either way."""
    base = feed.poll_interval
    if failures:
        base = min(base * backoff.factor**failures, max(backoff.max_seconds, feed.poll_interval))
    return float(max(0.0, base * (1 + rng.uniform(-feed.jitter, feed.jitter))))


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


def _delivery_loop(session: ProducerSession, stop: threading.Event, wake: threading.Event) -> None:
    """Drain the outbox whenever polls queue something, and keep retrying (with backoff) while Kafka is
    away; ends when ``stop`` is set."""
    while not stop.is_set():
        try:
            result = session.deliver()
        except Exception:  # never let the delivery thread die: the outbox would only grow
            log.exception("delivery loop failed; trying again in 5 s")
            stop.wait(5.0)
            continue
        if result.delivered:
            per_feed: dict[str, int] = {}
            for entry in result.delivered:
                per_feed[entry.feed] = per_feed.get(entry.feed, 0) + 1
            log.info("delivered %d articles (%s); %d queued", len(result.delivered),
                     ", ".join(f"{k}={v}" for k, v in sorted(per_feed.items())), result.pending)
        wake.wait(timeout=1.0 if result.pending else 5.0)
        wake.clear()


def run_forever(
    settings: Settings,
    feeds_file: Path | None = None,
    stop: threading.Event | None = None,
    metrics: ProducerMetrics | None = None,
) -> None:
    """Poll until ``stop`` is set (the CLI sets it on SIGTERM/SIGINT), finish the polls in hand, deliver
    what Kafka takes within one delivery timeout (the rest stays queued), and close."""
    path = feeds_file or settings.feeds_file
    stop = stop or threading.Event()
    config = load_feeds(path)
    mtime = path.stat().st_mtime
    scheduler = Scheduler()
    wake = threading.Event()
    in_flight: dict[str, tuple[FeedConfig, Future[FeedSummary]]] = {}
    paused = False
    with ProducerSession(settings, config, metrics) as session:
        deliverer = threading.Thread(target=_delivery_loop, args=(session, stop, wake), name="deliver",
                                     daemon=True)
        deliverer.start()
        while not stop.is_set():
            config, mtime = _reload_if_changed(path, config, mtime)
            if config is not session.config:
                session.reconfigure(config)
            feeds = config.enabled_feeds
            now = time.monotonic()
            scheduler.sync(feeds, now)
            for name, (feed, future) in list(in_flight.items()):
                if future.done():
                    del in_flight[name]
                    _finished(session, scheduler, feed, future, config.backoff)
                    wake.set()
            queued = session.state.queued_count()
            if queued >= config.limits.max_queued:
                if not paused:
                    log.warning("outbox full (%d articles waiting for Kafka): polling paused", queued)
                paused = True
            else:
                if paused:
                    log.warning("outbox below its limit again (%d): polling resumed", queued)
                paused = False
                for feed in scheduler.due_feeds(feeds, now):
                    if feed.name not in in_flight and not stop.is_set():
                        in_flight[feed.name] = (feed, session.submit(feed))
            idle = scheduler.seconds_to_next(time.monotonic())
            stop.wait(0.2 if in_flight else min(idle, 5.0))
        log.info("stopping: finishing %d polls in hand, then delivering what Kafka takes", len(in_flight))
        for feed, future in in_flight.values():
            _finished(session, scheduler, feed, future, config.backoff)
        wake.set()
        deliverer.join(timeout=60)
        if deliverer.is_alive():
            log.warning("delivery still busy after 60 s; %d articles stay queued for the next start",
                        session.state.queued_count())
            return
        result = session.deliver(force=True)
        if result.pending:
            log.warning("%d articles stay queued for the next start (%s)", result.pending, result.error)


def _finished(
    session: ProducerSession, scheduler: Scheduler, feed: FeedConfig, future: Future[FeedSummary],
    backoff: Backoff,
) -> None:
    try:
        result = future.result()
    except Exception:  # the poll itself catches everything it expects; this is a bug, not a feed error
        log.exception("feed %s: poll crashed", feed.name)
        scheduler.done(feed, 1, backoff, time.monotonic())
        return
    failures = session.state.status(feed.name).consecutive_failures if result.failed else 0
    scheduler.done(feed, failures, backoff, time.monotonic())
    log.log(poll_log_level(result), "feed %s: seen=%d new=%d queued=%d rejected=%s errors=%s",
            feed.name, result.seen, result.new, len(result.queued_ids), result.rejected or "-", result.errors or "-")


def poll_log_level(result: FeedSummary) -> int:
    """INFO for a poll that found, refused or failed something; DEBUG for one that found nothing new (the common
    case at short intervals), so INFO shows what changed."""
    busy = result.new or result.queued_ids or result.rejected or result.errors
    return logging.INFO if busy else logging.DEBUG
