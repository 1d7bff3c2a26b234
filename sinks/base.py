"""The loop every sink shares: consume a batch, decode, write, dead-letter the permanent failures, retry the
transient ones, commit. A sink supplies ``decode`` and ``write``; this module decides what happens on error.

Policy, by the branch of mediamon.errors the failure belongs to:

- ``PermanentError`` for one item (poison message, a document the destination refuses): that item goes to the
  dead-letter topic of its source topic, with the reason, and the batch goes on;
- ``PermanentError`` for a whole write (a request the destination refuses as a whole): the batch is split and
  each item written alone, so only the bad ones are dead-lettered;
- ``TransientError`` (the destination or Kafka cannot be reached, 429, 5xx): the items still pending are tried
  again with exponential backoff and jitter, for as long as it takes (after a ``RateLimited`` that names its wait,
  that wait plus a little jitter instead, so a long rate limit does not grow the backoff past its end).
  Meanwhile the consumer's partitions are paused and the consumer keeps polling, so an outage longer than
  ``max.poll.interval.ms`` does not get the sink evicted from its group;
- any other exception for one item is a bug on our side for that input: dead-lettered with its type, counted.

Offsets are committed only after every record of the batch is written or dead-lettered. A commit that fails
(broker restart, rebalance) is retried or left to the next owner of the partition, whose writes are idempotent.

A sink whose ``concurrency`` is above 1 (the Elasticsearch sink) runs the pipelined loop instead of the serial one:
the main thread polls and decodes while up to ``concurrency`` writes of ``batch_size`` items run in a thread pool
(and as many wait queued, to start the moment a thread is free).
Only the main thread touches the consumer, the dead-letter producer and the stats; a worker runs ``write`` alone
and hands back its result, which the main thread acts on with the policy above (a retry runs on the main thread,
partitions paused, while the other writes go on). Commits follow an ``OffsetTracker``: per partition, one past the
last offset of the contiguous prefix of finished records (written, dead-lettered or skipped), so a write that
finishes early never commits past one still running. Two writes of the same ``ordering_key`` are never in flight
together, so the later message for an id still wins.
"""

from __future__ import annotations

import gc
import logging
import random
import threading
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from kafka import KafkaProducer, OffsetAndMetadata, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord
from kafka.errors import CommitFailedError, KafkaError
from prometheus_client import Counter

from mediamon.errors import PermanentError, RateLimited, TransientError
from mediamon.schema import DeadLetter
from mediamon.settings import Settings
from mediamon.sinks.consumer import RdConsumer
from mediamon.topics import Names

log = logging.getLogger(__name__)

T = TypeVar("T")

BOOTSTRAP_TIMEOUT_MS = 30_000  # for the first metadata; then the sink waits and tries again

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

    def told(self, retry_after: float) -> float:
        """The destination named its wait (429 Retry-After): that wait plus a little jitter, not the exponential one
        (which, grown over a long rate limit, would sleep through the moment the destination is back)."""
        return max(0.0, retry_after) + random.uniform(0, min(1.0, 0.1 * max(retry_after, 1.0)))


@dataclass
class _Partition:
    outstanding: deque[int] = field(default_factory=deque)  # offsets handed out and not passed yet, in order
    running: set[int] = field(default_factory=set)  # those of them not finished yet
    last: int = -1  # the last offset handed out
    position: int | None = None  # one past the last offset of the finished prefix
    committed: int | None = None  # the last position committed


def _named_wait(outcome: WriteResult | Exception) -> float | None:
    """The wait the destination named for what is left to retry (429 Retry-After), when every item to retry was
    rate-limited; None when anything else failed (the exponential backoff decides)."""
    if isinstance(outcome, RateLimited):
        return outcome.retry_after
    if isinstance(outcome, WriteResult) and outcome.retry:
        errors = list(outcome.retry.values())
        if all(isinstance(error, RateLimited) for error in errors):
            return max(error.retry_after for error in errors if isinstance(error, RateLimited))
    return None


class OffsetTracker:
    """What may be committed when records finish out of order: per partition, one past the end of the contiguous
    prefix of finished records. A record finished twice, or not tracked, changes nothing; a partition read again
    from an earlier offset (a rebalance, a seek) starts over (an offset names one message, so a late finish of
    the earlier read is still true of the new one)."""

    def __init__(self) -> None:
        self._parts: dict[TopicPartition, _Partition] = {}

    def add(self, record: ConsumerRecord) -> None:
        tp = TopicPartition(record.topic, record.partition)
        part = self._parts.get(tp)
        if part is None or record.offset <= part.last:
            part = self._parts[tp] = _Partition()
        part.outstanding.append(record.offset)
        part.running.add(record.offset)
        part.last = record.offset

    def finish(self, record: ConsumerRecord) -> None:
        part = self._parts.get(TopicPartition(record.topic, record.partition))
        if part is None:
            return
        part.running.discard(record.offset)
        while part.outstanding and part.outstanding[0] not in part.running:
            part.position = part.outstanding.popleft() + 1

    def ready(self) -> dict[TopicPartition, OffsetAndMetadata]:
        """The positions not committed yet."""
        return {tp: OffsetAndMetadata(part.position, "", -1) for tp, part in self._parts.items()
                if part.position is not None and part.position != part.committed}

    def committed(self, offsets: dict[TopicPartition, OffsetAndMetadata]) -> None:
        for tp, meta in offsets.items():
            if tp in self._parts:
                self._parts[tp].committed = meta.offset

    def forget(self, keep: set[TopicPartition]) -> None:
        """Drop the partitions not in ``keep`` (no longer assigned: their next owner re-reads them)."""
        for tp in [tp for tp in self._parts if tp not in keep]:
            del self._parts[tp]

    def pending(self) -> int:
        """Records handed out and not finished."""
        return sum(len(part.running) for part in self._parts.values())


@dataclass
class _Flight(Generic[T]):
    """One write running in the pool."""

    items: list[Item[T]]
    keys: set[Hashable]
    future: Future[WriteResult]


# Allocations (net of frees) between two young collections. Python's 700 made a young collection every ~130
# messages and an older one every ~1,500, each walking the records and documents in flight only to promote them
# (2.3 us of CPU per message in the Elasticsearch sink, measured with gc.callbacks). What a message allocates is
# freed by reference counting once its write is settled (no cycles), so the net count stays near the objects in
# flight (8 requests of 500 messages, a few objects each): with 20,000, one young collection in a 30,000-message
# run. Cyclic garbage, if any, waits for it.
GC_YOUNG_THRESHOLD = 20_000


def _freeze_startup_heap() -> None:
    """Once per process, before the first message: what start-up made (modules, schemas, clients: ~100k objects)
    lives as long as the process, so it is taken out of the garbage collector's full collections, which walked it
    each time the messages in flight had been promoted (up to a tenth of the Elasticsearch sink's CPU). No
    collection first (it would walk the whole heap once more): cyclic garbage of start-up, if any, stays. The young
    generation's threshold is raised to GC_YOUNG_THRESHOLD (never lowered)."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
    young, middle, old = gc.get_threshold()
    if 0 < young < GC_YOUNG_THRESHOLD:  # 0: collection disabled by whoever runs us; left so
        gc.set_threshold(GC_YOUNG_THRESHOLD, middle, old)


def _subscribed_consumer(topics: Sequence[str], *, linger_ms: int = 0, **config: Any) -> RdConsumer:
    """A consumer subscribed to ``topics`` (kafka-python's keywords; ``sinks.consumer``), once the cluster's
    metadata came; KafkaTimeoutError after BOOTSTRAP_TIMEOUT_MS without it."""
    return RdConsumer(topics, bootstrap_timeout_s=BOOTSTRAP_TIMEOUT_MS / 1000, linger_ms=linger_ms, **config)


class Sink(ABC, Generic[T]):
    """A consumer group that writes what it reads somewhere outside Kafka.

    ``batch_size``: records per poll and items per write. ``linger_ms``: how long a poll that got a record waits
    for more to fill its batch (0: it takes what is already there). ``concurrency``: writes in flight at once;
    above 1 the pipelined loop runs (see the module's doc) and ``write`` must be safe to call from several
    threads."""

    stage: str  # the stage name in the registry (mediamon.topics.STAGES)

    def __init__(self, settings: Settings, topics: Sequence[str], *, batch_size: int = 500,
                 backoff: Backoff | None = None, poll_timeout_ms: int = 1000,
                 max_poll_interval_ms: int = 300_000, concurrency: int = 1, commit_interval_s: float = 1.0,
                 fetch_bytes: int | None = None, linger_ms: int = 0) -> None:
        self.settings = settings
        self.names = Names.from_settings(settings)
        self.topics = list(topics)
        self.batch_size = batch_size
        self.backoff = backoff or Backoff()
        self._retry_after: float | None = None  # the wait the last failed write was told to keep (429 Retry-After)
        self.poll_timeout_ms = poll_timeout_ms
        self.concurrency = max(1, concurrency)
        # Blocked on full write slots for this long, the pipelined loop polls with its partitions paused.
        self._keepalive_s = min(5.0, max_poll_interval_ms / 4000)
        self.stats = SinkStats()
        self._stop = threading.Event()
        self._tracker = OffsetTracker()
        self._flights: list[_Flight[T]] = []
        self._pool = (ThreadPoolExecutor(self.concurrency, thread_name_prefix=f"{self.stage}-write")
                      if self.concurrency > 1 else None)
        self._flushed_letters = 0
        self.commit_interval_s = commit_interval_s  # pipelined loop: at most one commit per interval while busy
        self._committed_at = 0.0
        fetch = {} if fetch_bytes is None else {"max_partition_fetch_bytes": fetch_bytes,
                                                "fetch_max_bytes": max(fetch_bytes * 4, 52_428_800)}
        self.consumer = self._connect(lambda: _subscribed_consumer(
            self.topics,
            bootstrap_servers=settings.kafka_bootstrap,
            group_id=self.names.group(self.stage),
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            max_poll_records=batch_size,
            max_poll_interval_ms=max_poll_interval_ms,
            client_id=f"mediamon-{self.stage}",
            linger_ms=linger_ms,
            **fetch,
        ))
        self._producer: KafkaProducer | None = None  # the dead-letter producer, made on first use (``producer``)

    @property
    def producer(self) -> KafkaProducer:
        """The dead-letter producer. Made on first use, waiting for the broker like the consumer: a run that
        dead-letters nothing keeps no idle producer (its connections and network thread cost CPU every second)."""
        if self._producer is None:
            self._producer = self._connect(lambda: KafkaProducer(
                bootstrap_servers=self.settings.kafka_bootstrap, acks="all", enable_idempotence=True, linger_ms=5,
                client_id=f"mediamon-{self.stage}-dlq",
            ))
        return self._producer

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

    def ordering_key(self, item: Item[T]) -> Hashable | None:
        """Items of the same key are never in two writes running at once (the pipelined loop waits for the
        first), so the later message wins at the destination; None: no constraint."""
        return None

    def on_poll(self) -> None:
        """Called before every poll that may return records (a liveness signal)."""

    # -- the loop ---------------------------------------------------------------------------------------

    def run(self, stop: threading.Event | None = None, idle_exit_s: float | None = None) -> SinkStats:
        """Consume until ``stop`` is set, or until no message came for ``idle_exit_s`` seconds."""
        if stop is not None:
            self._stop = stop
        _freeze_startup_heap()
        if self.concurrency > 1:
            return self._run_pipelined(idle_exit_s)
        idle_since = time.monotonic()
        while not self._stop.is_set():
            if self.poll_once():
                idle_since = time.monotonic()
            elif idle_exit_s is not None and time.monotonic() - idle_since > idle_exit_s:
                break
        return self.stats

    def poll_once(self, timeout_ms: int | None = None) -> int:
        self.on_poll()
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
        """Write or dead-letter every record (nothing is committed); with ``concurrency`` > 1 the batch goes out
        as several concurrent writes of ``batch_size`` items."""
        items = self._decode_all(records)
        if self.concurrency > 1:
            for start in range(0, len(items), self.batch_size):
                self._submit(items[start:start + self.batch_size])
            self._drain()
            self._flush_producer()
            return
        if items:
            self._write_until_done(items)
            self.on_written(items)
        self._flush_producer()
        self.stats.batches += 1

    def _decode_all(self, records: list[ConsumerRecord]) -> list[Item[T]]:
        items: list[Item[T]] = []
        for record in records:
            try:
                items.append(Item(record, self.decode(record)))
                continue
            except PermanentError as exc:
                self.dead_letter(record, exc)
            except Exception as exc:  # a bug for this input: never lose the message, never stop
                self.stats.errors += 1
                self.dead_letter(record, exc)
            self._tracker.finish(record)
        return items

    def _write_until_done(self, items: list[Item[T]]) -> None:
        self._retry_until_done(self._write_once(items))

    def _retry_until_done(self, pending: list[Item[T]]) -> None:
        """Try ``pending`` again with backoff, partitions paused, until every item is written or dead-lettered."""
        attempt = 0
        grown = 0  # attempts that failed without the destination naming its wait: they grow the backoff
        while pending:
            if self._stop.is_set() and attempt > 0:
                raise SystemExit(f"{self.stage}: stopped with {len(pending)} items unwritten (not committed)")
            self.stats.retries += 1
            SINK_RETRIES.labels(self.stage).inc()
            told = self._retry_after
            if told is None:
                self._wait_paused(self.backoff.delay(grown))
                grown += 1
            else:
                self._wait_paused(self.backoff.told(told))
            attempt += 1
            pending = self._write_once(pending)
        if attempt:
            log.info("%s: destination back, batch written after %d retries", self.stage, attempt)
            self.stats.last_error = None

    def _write_once(self, items: list[Item[T]]) -> list[Item[T]]:
        """One attempt; returns the items to try again."""
        try:
            outcome: WriteResult | Exception = self.write(items)
        except Exception as exc:
            outcome = exc
        return self._apply(items, outcome)

    def _apply(self, items: list[Item[T]], outcome: WriteResult | Exception) -> list[Item[T]]:
        """Act on what a write did (dead letters, counts; a request refused as a whole is split and its items
        written one by one, here); returns the items to try again."""
        self._retry_after = _named_wait(outcome)
        if isinstance(outcome, TransientError):
            self._note_outage(f"{type(outcome).__name__}: {outcome}")
            return items
        if isinstance(outcome, Exception):
            if len(items) == 1:
                if not isinstance(outcome, PermanentError):
                    self.stats.errors += 1
                self.dead_letter(items[0].record, outcome)
                return []
            if isinstance(outcome, PermanentError):
                log.warning("%s: the destination refused a request of %d items (%s); writing them one by one",
                            self.stage, len(items), outcome)
            else:
                log.error("%s: unexpected error writing %d items; writing them one by one", self.stage, len(items),
                          exc_info=outcome)
            again: list[Item[T]] = []
            for item in items:
                again.extend(self._write_once([item]))
            return again
        result = outcome
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

    # -- the pipelined loop (concurrency > 1) ----------------------------------------------------------------

    def _run_pipelined(self, idle_exit_s: float | None) -> SinkStats:
        """Poll and decode the next batch while up to ``concurrency`` writes run; settle each finished write on
        this thread (dead letters, retries) and commit what has become the finished prefix of each partition."""
        idle_since = time.monotonic()
        while not self._stop.is_set():
            self._settle_finished()
            self._commit_finished()
            polled, items = self._poll_decode(10 if self._flights else self.poll_timeout_ms)
            if polled:
                idle_since = time.monotonic()
            if items:
                self._submit(items)  # waits for a free slot, and for a running write of the same keys
            elif not polled:
                if self._flights:
                    self._await_flight(0.05)
                elif idle_exit_s is not None and time.monotonic() - idle_since > idle_exit_s:
                    break
        self._drain()  # stopping: what is in flight is settled and committed, nothing more is read
        self._commit_finished(now=True)
        return self.stats

    def _poll_decode(self, timeout_ms: int) -> tuple[int, list[Item[T]]]:
        self.on_poll()
        try:
            polled = self.consumer.poll(timeout_ms=timeout_ms, max_records=self.batch_size)
        except KafkaError as exc:  # the broker is restarting: the consumer reconnects by itself
            self._note_outage(f"kafka poll failed: {type(exc).__name__}")
            self._sleep(self.backoff.delay(2))
            return 0, []
        records = [r for batch in polled.values() for r in batch]
        for record in records:
            self._tracker.add(record)
        return len(records), self._decode_all(records)

    def _submit(self, items: list[Item[T]]) -> None:
        """Hand ``items`` to the pool once fewer than 2 x ``concurrency`` writes are running or queued (a queued
        one starts the moment a thread is free) and none of them holds one of their keys."""
        if not items:
            return
        keys = {key for key in map(self.ordering_key, items) if key is not None}
        while len(self._flights) >= 2 * self.concurrency or any(keys & f.keys for f in self._flights):
            self._await_flight()
            self._settle_finished()
        assert self._pool is not None
        self._flights.append(_Flight(items, keys, self._pool.submit(self.write, items)))

    def _await_flight(self, timeout: float | None = None) -> None:
        """Until a write finishes (or ``timeout`` seconds). A long wait polls with every partition paused, as
        ``_wait_paused`` does, so writes slower than ``max.poll.interval.ms`` do not get the sink evicted."""
        futures = [f.future for f in self._flights]
        if not futures:
            return
        done, _ = wait(futures, timeout=self._keepalive_s if timeout is None else timeout,
                       return_when=FIRST_COMPLETED)
        if done or timeout is not None:
            return
        self._pause_all()
        try:
            while not any(f.done() for f in futures):
                try:
                    self._keepalive_poll(200)
                except KafkaError:
                    wait(futures, timeout=0.2, return_when=FIRST_COMPLETED)
        finally:
            self._resume_all()

    def _settle_finished(self) -> None:
        for flight in [f for f in self._flights if f.future.done()]:
            try:
                outcome: WriteResult | Exception = flight.future.result()
            except Exception as exc:
                outcome = exc
            # Its keys stay taken (it stays in _flights) until its retries are over: no later write of the same
            # id is sent meanwhile.
            self._retry_until_done(self._apply(flight.items, outcome))
            self._flights.remove(flight)
            self.on_written(flight.items)
            for item in flight.items:
                self._tracker.finish(item.record)
            self.stats.batches += 1

    def _drain(self) -> None:
        while self._flights:
            self._await_flight()
            self._settle_finished()

    def _commit_finished(self, now: bool = False) -> None:
        """Commit the finished prefixes; while writes are in flight, at most once per ``commit_interval_s`` (a
        synchronous commit costs a round trip to the coordinator; a crash re-reads at most that much, idempotently)."""
        if not now and self._flights and time.monotonic() - self._committed_at < self.commit_interval_s:
            return
        self._tracker.forget(set(self.consumer.assignment()))
        offsets = self._tracker.ready()
        if not offsets:
            return
        self._committed_at = time.monotonic()
        if self.stats.dead_lettered != self._flushed_letters:
            self._flush_producer()
            self._flushed_letters = self.stats.dead_lettered
        if self._commit_offsets(offsets):
            self._tracker.committed(offsets)

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
        self._commit_offsets(offsets)

    def _commit_offsets(self, offsets: dict[TopicPartition, OffsetAndMetadata]) -> bool:
        """Whether the commit went through."""
        attempt = 0
        while True:
            try:
                self.consumer.commit(offsets)
                return True
            except CommitFailedError as exc:
                # The group rebalanced: the partitions went to another member, which re-reads from the last
                # commit. Our writes were idempotent, so the re-read repeats them harmlessly.
                log.warning("%s: commit refused after a rebalance (%s); the new owner re-reads", self.stage, exc)
                return False
            except KafkaError as exc:
                self._note_outage(f"commit failed: {type(exc).__name__}")
                if self._stop.is_set():
                    return False
                self._wait_paused(self.backoff.delay(attempt))
                attempt += 1

    def _wait_paused(self, seconds: float) -> None:
        """Wait, keeping the group membership alive: poll with every partition paused."""
        self._pause_all()
        deadline = time.monotonic() + seconds
        try:
            while not self._stop.is_set():
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                try:
                    self._keepalive_poll(int(min(left, 1.0) * 1000) or 1)
                except KafkaError:
                    self._sleep(min(left, 1.0))
        finally:
            self._resume_all()

    def _pause_all(self) -> None:
        assigned = list(self.consumer.assignment())
        if assigned:
            self.consumer.pause(*assigned)

    def _resume_all(self) -> None:
        """Every partition assigned now, paused before the wait or during it (``_keepalive_poll``)."""
        assigned = list(self.consumer.assignment())
        if assigned:
            self.consumer.resume(*assigned)

    def _keepalive_poll(self, timeout_ms: int) -> None:
        """A poll that only keeps the membership alive, every partition paused. A partition the sink takes over in
        a rebalance meanwhile (another member left) is not paused, and the poll returns its records: they are put
        back, not dropped. The partition is sought back to the first of them and paused with the rest, so they
        are read again once the wait is over (dropping them moved the position past them: lost)."""
        for tp, records in self.consumer.poll(timeout_ms=timeout_ms).items():
            if records:
                self.consumer.seek(tp, records[0].offset)
                self.consumer.pause(tp)

    def _note_outage(self, message: str) -> None:
        """One log line per change of state, not one per attempt."""
        if message.split(":")[0] != (self.stats.last_error or "").split(":")[0]:
            log.warning("%s: %s; retrying with backoff", self.stage, message)
        self.stats.last_error = message

    def _sleep(self, seconds: float) -> None:
        self._stop.wait(seconds)

    def _flush_producer(self) -> None:
        if self._producer is None:  # nothing was ever dead-lettered
            return
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
        if self._pool is not None:
            self._pool.shutdown()  # a write still running (an exception left it) ends first; never committed
        if self._producer is not None:
            try:
                self._producer.flush(timeout=10)
            except KafkaError:
                log.warning("%s: some dead letters may be unsent at close (their batch was not committed)",
                            self.stage)
            self._producer.close()
        self.consumer.close()
