"""The loop every sink shares: consume a batch, decode, write, dead-letter the permanent failures, retry the
transient ones, commit. A sink supplies ``decode`` and ``write``; this module decides what happens on error.

Policy, by the branch of mediamon.errors the failure belongs to:

- ``PermanentError`` for one item (poison message, a document the destination refuses): that item goes to the
  dead-letter topic of its source topic, with the reason, and the batch goes on;
- ``PermanentError`` for a whole write (a request the destination refuses as a whole): the batch is split and
  each item written alone, so only the bad ones are dead-lettered;
- ``TransientError`` (the destination or Kafka cannot be reached, 429, 5xx): the items still pending are tried
  again with exponential backoff and jitter, for as long as it takes. Meanwhile the consumer's partitions are
  paused and the consumer keeps polling, so an outage longer than ``max.poll.interval.ms`` does not get the sink
  evicted from its group;
- any other exception for one item is a bug on our side for that input: dead-lettered with its type, counted.

Offsets are committed only after every record of the batch is written or dead-lettered. A commit that fails
(broker restart, rebalance) is retried or left to the next owner of the partition, whose writes are idempotent.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from kafka import KafkaConsumer, KafkaProducer, OffsetAndMetadata, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord
from kafka.errors import CommitFailedError, KafkaError
from prometheus_client import Counter

from mediamon.errors import PermanentError, TransientError
from mediamon.schema import DeadLetter
from mediamon.settings import Settings
from mediamon.topics import Names

log = logging.getLogger(__name__)

T = TypeVar("T")

SINK_MESSAGES = Counter("mediamon_sink_messages", "Messages handled by a sink, by outcome", ["sink", "outcome"])
SINK_RETRIES = Counter("mediamon_sink_retries", "Write attempts retried after a transient error", ["sink"])


@dataclass
class Item(Generic[T]):
    """One decoded record on its way to the destination."""

    record: ConsumerRecord
    value: T


@dataclass
class WriteResult:
    """What a write did with each item, by position in the list it was given."""

    failed: dict[int, PermanentError] = field(default_factory=dict)  # dead-letter these
    retry: dict[int, TransientError] = field(default_factory=dict)  # try these again later
    skipped: set[int] = field(default_factory=set)  # neither written nor failed, on purpose (counted)


@dataclass
class SinkStats:
    written: int = 0
    dead_lettered: int = 0
    skipped: int = 0
    batches: int = 0
    retries: int = 0
    errors: int = 0  # unexpected exceptions, each dead-lettered
    last_error: str | None = None

    @property
    def indexed(self) -> int:  # the Elasticsearch sink's word for written
        return self.written


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with full jitter: ``initial * 2**n`` capped at ``maximum``."""

    initial: float = 0.5
    maximum: float = 30.0

    def delay(self, attempt: int) -> float:
        return random.uniform(0, min(self.maximum, self.initial * 2 ** max(0, attempt)))


class Sink(ABC, Generic[T]):
    """A consumer group that writes what it reads somewhere outside Kafka."""

    stage: str  # the stage name in the registry (mediamon.topics.STAGES)

    def __init__(self, settings: Settings, topics: Sequence[str], *, batch_size: int = 500,
                 backoff: Backoff | None = None, poll_timeout_ms: int = 1000,
                 max_poll_interval_ms: int = 300_000) -> None:
        self.settings = settings
        self.names = Names.from_settings(settings)
        self.topics = list(topics)
        self.batch_size = batch_size
        self.backoff = backoff or Backoff()
        self.poll_timeout_ms = poll_timeout_ms
        self.stats = SinkStats()
        self._stop = threading.Event()
        self.consumer = self._connect(lambda: KafkaConsumer(
            *self.topics,
            bootstrap_servers=settings.kafka_bootstrap,
            group_id=self.names.group(self.stage),
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            max_poll_records=batch_size,
            max_poll_interval_ms=max_poll_interval_ms,
            client_id=f"mediamon-{self.stage}",
        ))
        self.producer = self._connect(lambda: KafkaProducer(
            bootstrap_servers=settings.kafka_bootstrap, acks="all", enable_idempotence=True, linger_ms=5,
            client_id=f"mediamon-{self.stage}-dlq",
        ))

    # -- what a sink supplies ---------------------------------------------------------------------------

    @abstractmethod
    def decode(self, record: ConsumerRecord) -> T:
        """The record's value, or a PermanentError (usually PoisonMessage) naming why not."""

    @abstractmethod
    def write(self, items: list[Item[T]]) -> WriteResult:
        """Write ``items``. Report per-item outcomes in the result; raise TransientError when nothing could be
        written now, PermanentError when the destination refused the request as a whole."""

    def on_written(self, items: list[Item[T]]) -> None:
        """Called after a batch is written, before its offsets are committed."""

    # -- the loop ---------------------------------------------------------------------------------------

    def run(self, stop: threading.Event | None = None, idle_exit_s: float | None = None) -> SinkStats:
        """Consume until ``stop`` is set, or until no message came for ``idle_exit_s`` seconds."""
        if stop is not None:
            self._stop = stop
        idle_since = time.monotonic()
        while not self._stop.is_set():
            if self.poll_once():
                idle_since = time.monotonic()
            elif idle_exit_s is not None and time.monotonic() - idle_since > idle_exit_s:
                break
        return self.stats

    def poll_once(self, timeout_ms: int | None = None) -> int:
        try:
            polled = self.consumer.poll(timeout_ms=timeout_ms or self.poll_timeout_ms, max_records=self.batch_size)
        except KafkaError as exc:  # the broker is restarting: the consumer reconnects by itself
            self._note_outage(f"kafka poll failed: {type(exc).__name__}")
            self._sleep(self.backoff.delay(2))
            return 0
        records = [r for batch in polled.values() for r in batch]
        if not records:
            return 0
        self.handle_batch(records)
        self._commit(records)
        return len(records)

    def handle_batch(self, records: list[ConsumerRecord]) -> None:
        items: list[Item[T]] = []
        for record in records:
            try:
                items.append(Item(record, self.decode(record)))
            except PermanentError as exc:
                self.dead_letter(record, exc)
            except Exception as exc:  # a bug for this input: never lose the message, never stop
                self.stats.errors += 1
                self.dead_letter(record, exc)
        if items:
            self._write_until_done(items)
            self.on_written(items)
        self._flush_producer()
        self.stats.batches += 1

    def _write_until_done(self, items: list[Item[T]]) -> None:
        pending = items
        attempt = 0
        while pending:
            pending = self._write_once(pending)
            if not pending:
                break
            if self._stop.is_set() and attempt > 0:
                raise SystemExit(f"{self.stage}: stopped with {len(pending)} items unwritten (not committed)")
            self.stats.retries += 1
            SINK_RETRIES.labels(self.stage).inc()
            self._wait_paused(self.backoff.delay(attempt))
            attempt += 1
        if attempt:
            log.info("%s: destination back, batch written after %d retries", self.stage, attempt)
            self.stats.last_error = None

    def _write_once(self, items: list[Item[T]]) -> list[Item[T]]:
        """One attempt; returns the items to try again."""
        try:
            result = self.write(items)
        except TransientError as exc:
            self._note_outage(f"{type(exc).__name__}: {exc}")
            return items
        except PermanentError as exc:
            if len(items) == 1:
                self.dead_letter(items[0].record, exc)
                return []
            log.warning("%s: the destination refused a request of %d items (%s); writing them one by one",
                        self.stage, len(items), exc)
            again: list[Item[T]] = []
            for item in items:
                again.extend(self._write_once([item]))
            return again
        except Exception as exc:
            if len(items) == 1:
                self.stats.errors += 1
                self.dead_letter(items[0].record, exc)
                return []
            log.exception("%s: unexpected error writing %d items; writing them one by one", self.stage, len(items))
            again = []
            for item in items:
                again.extend(self._write_once([item]))
            return again
        for index, error in result.failed.items():
            self.dead_letter(items[index].record, error)
        self.stats.skipped += len(result.skipped)
        SINK_MESSAGES.labels(self.stage, "skipped").inc(len(result.skipped))
        done = len(items) - len(result.failed) - len(result.retry) - len(result.skipped)
        self.stats.written += done
        SINK_MESSAGES.labels(self.stage, "written").inc(done)
        if result.retry:
            first = next(iter(result.retry.values()))
            self._note_outage(f"{len(result.retry)} items to retry: {first}")
        return [items[i] for i in sorted(result.retry)]

    # -- dead letters -----------------------------------------------------------------------------------

    def dead_letter(self, record: ConsumerRecord, error: BaseException) -> None:
        letter = DeadLetter.of(stage=self.stage, error=error, source_topic=record.topic, value=record.value,
                               key=record.key, partition=record.partition, offset=record.offset)
        body = letter.model_dump_json().encode()
        target = self.names.dlq(record.topic)
        attempt = 0
        while True:
            try:
                self.producer.send(target, key=record.key, value=body).get(30)
                break
            except KafkaError as exc:  # the DLQ is Kafka too: wait for the broker, never drop the letter
                self._note_outage(f"dead-letter send failed: {type(exc).__name__}")
                self._wait_paused(self.backoff.delay(attempt))
                attempt += 1
        self.stats.dead_lettered += 1
        SINK_MESSAGES.labels(self.stage, "dead_lettered").inc()
        log.warning("%s: dead-lettered %s[%s]@%s to %s: %s", self.stage, record.topic, record.partition,
                    record.offset, target, str(error)[:300])

    # -- commits, pauses, outages -------------------------------------------------------------------------

    def _commit(self, records: list[ConsumerRecord]) -> None:
        offsets: dict[TopicPartition, OffsetAndMetadata] = {}
        for record in records:
            tp = TopicPartition(record.topic, record.partition)
            if tp not in offsets or offsets[tp].offset <= record.offset:
                offsets[tp] = OffsetAndMetadata(record.offset + 1, "", -1)
        attempt = 0
        while True:
            try:
                self.consumer.commit(offsets)
                return
            except CommitFailedError as exc:
                # The group rebalanced: the partitions went to another member, which re-reads from the last
                # commit. Our writes were idempotent, so the re-read repeats them harmlessly.
                log.warning("%s: commit refused after a rebalance (%s); the new owner re-reads", self.stage, exc)
                return
            except KafkaError as exc:
                self._note_outage(f"commit failed: {type(exc).__name__}")
                if self._stop.is_set():
                    return
                self._wait_paused(self.backoff.delay(attempt))
                attempt += 1

    def _wait_paused(self, seconds: float) -> None:
        """Wait, keeping the group membership alive: poll with every partition paused."""
        assigned = list(self.consumer.assignment())
        if assigned:
            self.consumer.pause(*assigned)
        deadline = time.monotonic() + seconds
        try:
            while not self._stop.is_set():
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                try:
                    self.consumer.poll(timeout_ms=int(min(left, 1.0) * 1000) or 1)
                except KafkaError:
                    self._sleep(min(left, 1.0))
        finally:
            still = [tp for tp in assigned if tp in self.consumer.assignment()]
            if still:
                self.consumer.resume(*still)

    def _note_outage(self, message: str) -> None:
        """One log line per change of state, not one per attempt."""
        if message.split(":")[0] != (self.stats.last_error or "").split(":")[0]:
            log.warning("%s: %s; retrying with backoff", self.stage, message)
        self.stats.last_error = message

    def _sleep(self, seconds: float) -> None:
        self._stop.wait(seconds)

    def _flush_producer(self) -> None:
        attempt = 0
        while True:
            try:
                self.producer.flush(timeout=30)
                return
            except KafkaError as exc:
                self._note_outage(f"producer flush failed: {type(exc).__name__}")
                self._wait_paused(self.backoff.delay(attempt))
                attempt += 1

    def _connect(self, make: Callable[[], Any]) -> Any:
        """A Kafka client, waiting for the broker with backoff (one log line while it is down)."""
        attempt = 0
        while True:
            try:
                return make()
            except KafkaError as exc:
                if attempt == 0:
                    log.warning("%s: kafka at %s unreachable (%s); waiting", self.stage,
                                self.settings.kafka_bootstrap, type(exc).__name__)
                if self._stop.is_set():
                    raise
                self._sleep(self.backoff.delay(attempt))
                attempt += 1

    def stop(self) -> None:
        self._stop.set()

    def close(self) -> None:
        try:
            self.producer.flush(timeout=10)
        except KafkaError:
            log.warning("%s: some dead letters may be unsent at close (their batch was not committed)", self.stage)
        self.producer.close()
        self.consumer.close()
