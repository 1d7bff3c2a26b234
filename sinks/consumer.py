"""The sinks' Kafka consumer: librdkafka (confluent-kafka) behind the part of kafka-python's consumer API that the
sink base uses (``poll``, ``assignment``, ``pause``, ``resume``, ``seek``, ``commit``, ``subscribe``, ``close``), with
kafka-python's own types at the seam (``TopicPartition``, ``OffsetAndMetadata``, ``ConsumerRecord``, the errors of
``kafka.errors``). So the base keeps one policy for both, and the replay's range reader (a kafka-python consumer)
still drives the same loop.

Why: kafka-python parses every record in Python; a consumer of ~2.5 KB records costs it 14-17 us of CPU per record
on this machine, librdkafka 2 us (its fetch threads included; ``bench/consumer_bench.py``). In the Elasticsearch
sink, which shares two cores with Elasticsearch, that was a fifth of its CPU per document.

What differs from kafka-python, and how it is bridged:

- librdkafka's constructor never fails for want of a broker: the cluster's metadata is asked for first, with a
  deadline, so a sink started without Kafka gets ``KafkaTimeoutError`` and waits, as before.
- A poll returns as soon as a record is there (librdkafka's batch call would wait for a full batch), or, with a
  ``linger_ms``, once its batch is full or the linger after the first record is over.
- A poll returns errors as messages. A batch with records returns the records (an error beside them is logged:
  the records' positions have moved, so raising would drop them); a batch of errors alone raises ``KafkaError``.
- A paused partition's prefetched records are purged by librdkafka, and read again from the position after
  ``resume``: a poll with every partition paused returns nothing, as the base's keep-alive polls expect. A
  partition is paused for this member only: one it takes over in a rebalance comes unpaused, so a keep-alive poll
  may return its records, and the base seeks back to them (``seek``).
- A commit refused because the group moved on (rebalance, fenced or unknown member, not in the group) raises
  ``CommitFailedError``, like kafka-python's; nothing to commit is no error; anything else is ``KafkaError``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Protocol

from confluent_kafka import Consumer, KafkaException, Message
from confluent_kafka import KafkaError as RdKafkaError
from confluent_kafka import TopicPartition as RdPartition
from kafka import OffsetAndMetadata, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord
from kafka.errors import CommitFailedError, KafkaError, KafkaTimeoutError

log = logging.getLogger(__name__)

# kafka-python's keyword -> librdkafka's property, for the settings the sinks pass.
_PROPERTIES = {
    "bootstrap_servers": "bootstrap.servers",
    "group_id": "group.id",
    "client_id": "client.id",
    "enable_auto_commit": "enable.auto.commit",
    "auto_offset_reset": "auto.offset.reset",
    "max_poll_interval_ms": "max.poll.interval.ms",
    "session_timeout_ms": "session.timeout.ms",
    "max_partition_fetch_bytes": "max.partition.fetch.bytes",
    "fetch_max_bytes": "fetch.max.bytes",
}
# The group moved on without this member: its partitions' next owner re-reads from the last commit.
_GROUP_MOVED_ON = frozenset({
    RdKafkaError.REBALANCE_IN_PROGRESS, RdKafkaError.ILLEGAL_GENERATION, RdKafkaError.UNKNOWN_MEMBER_ID,
    RdKafkaError.FENCED_INSTANCE_ID, RdKafkaError._STATE, RdKafkaError._ASSIGNMENT_LOST,
})
# Prefetched records held per partition, at most (librdkafka's default is 64 MiB each), and the pause of a
# partition's fetches while its queue is over that (the default, 1 s, held a 20,000-record backlog to ~12k/s).
QUEUED_KBYTES = 16_384
QUEUE_BACKOFF_MS = 20


class RebalanceListener(Protocol):
    """kafka-python's ConsumerRebalanceListener, as far as it is used here."""

    def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None: ...

    def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None: ...


def properties(**config: Any) -> dict[str, Any]:
    """librdkafka's configuration for kafka-python-style keywords (``max_poll_records`` is the poll's default,
    not a property); an unknown keyword is a TypeError, as kafka-python's would be."""
    unknown = set(config) - set(_PROPERTIES) - {"max_poll_records"}
    if unknown:
        raise TypeError(f"unknown consumer settings: {sorted(unknown)}")
    out = {_PROPERTIES[key]: value for key, value in config.items() if key in _PROPERTIES}
    out.setdefault("enable.auto.commit", False)
    poll_interval = out.get("max.poll.interval.ms", 300_000)
    if "session.timeout.ms" not in out and poll_interval < 45_000:  # librdkafka wants session <= poll interval
        out["session.timeout.ms"] = poll_interval
        out["heartbeat.interval.ms"] = max(100, poll_interval // 10)
    out["enable.auto.offset.store"] = False  # offsets are committed explicitly, never from the position
    out["queued.max.messages.kbytes"] = QUEUED_KBYTES
    out["fetch.queue.backoff.ms"] = QUEUE_BACKOFF_MS
    return out


class RdConsumer:
    """A subscribed consumer group member; see the module's doc."""

    def __init__(self, topics: Sequence[str], *, bootstrap_timeout_s: float, linger_ms: int = 0,
                 **config: Any) -> None:
        self.max_poll_records: int = config.get("max_poll_records", 500)
        # After a poll's first record, how long it may wait for the rest of its batch (returning early once full).
        self.linger_s = max(0, linger_ms) / 1000
        self._consumer = Consumer(properties(**config), logger=log)
        try:
            self._consumer.list_topics(timeout=bootstrap_timeout_s)
        except KafkaException as exc:  # no broker answered: no consumer left behind with its threads
            self._consumer.close()
            raise KafkaTimeoutError(f"no Kafka metadata after {bootstrap_timeout_s:.0f} s ({_reason(exc)})") from None
        self.subscribe(topics)

    def subscribe(self, topics: Sequence[str], listener: RebalanceListener | None = None) -> None:
        if listener is None:
            self._consumer.subscribe(list(topics))
            return

        def assigned(_: Consumer, partitions: list[RdPartition]) -> None:
            listener.on_partitions_assigned(_ours(partitions))

        def revoked(_: Consumer, partitions: list[RdPartition]) -> None:
            listener.on_partitions_revoked(_ours(partitions))

        self._consumer.subscribe(list(topics), on_assign=assigned, on_revoke=revoked, on_lost=revoked)

    def unsubscribe(self) -> None:
        self._consumer.unsubscribe()

    def poll(self, timeout_ms: int = 0, max_records: int | None = None) -> dict[TopicPartition, list[ConsumerRecord]]:
        # librdkafka's batch call waits until the batch is full or the time is up, so a trickle of records would
        # each wait the whole timeout. Wait for the first record only, then for the rest of the batch at most the
        # linger (``linger_ms``; 0: take what is queued, as kafka-python does). A backlog fills the batch at once;
        # a trickle gathers a linger's worth of records into one batch instead of a batch per record.
        messages = self._consumer.consume(1, timeout_ms / 1000)
        if not messages:
            return {}
        wanted = (max_records or self.max_poll_records) - 1
        if wanted > 0:
            messages += self._consumer.consume(wanted, self.linger_s)
        by_partition: dict[tuple[str, int], list[ConsumerRecord]] = {}
        errors: list[RdKafkaError] = []
        for message in messages:
            error = message.error()
            if error is not None:
                if error.code() != RdKafkaError._PARTITION_EOF:
                    errors.append(error)
                continue
            record = _record(message)
            group = by_partition.get((record.topic, record.partition))
            if group is None:
                by_partition[(record.topic, record.partition)] = [record]
            else:
                group.append(record)
        if errors:
            if not by_partition:
                raise KafkaError(f"consume failed: {errors[0].str()}")
            log.warning("kafka: %d consume errors beside %d records, first: %s", len(errors),
                        sum(map(len, by_partition.values())), errors[0].str())
        return {TopicPartition(topic, partition): records for (topic, partition), records in by_partition.items()}

    def assignment(self) -> set[TopicPartition]:
        return _ours(self._consumer.assignment())

    def pause(self, *partitions: TopicPartition) -> None:
        self._consumer.pause(_theirs(partitions))

    def resume(self, *partitions: TopicPartition) -> None:
        self._consumer.resume(_theirs(partitions))

    def seek(self, partition: TopicPartition, offset: int) -> None:
        """The partition's next record is the one at ``offset`` (it must be assigned: this member reads it)."""
        self._consumer.seek(RdPartition(partition.topic, partition.partition, offset))

    def commit(self, offsets: dict[TopicPartition, OffsetAndMetadata]) -> None:
        """Commit ``offsets`` synchronously (raises as the module's doc says)."""
        wanted = [RdPartition(tp.topic, tp.partition, meta.offset) for tp, meta in offsets.items()]
        try:
            result = self._consumer.commit(offsets=wanted, asynchronous=False)
        except KafkaException as exc:
            _raise_commit_error(exc.args[0] if exc.args else None, str(exc))
            return
        for partition in result or []:
            if partition.error is not None:
                _raise_commit_error(partition.error, f"{partition.topic}[{partition.partition}]")

    def close(self) -> None:
        self._consumer.close()


def _record(message: Message) -> ConsumerRecord:
    key, value = message.key(), message.value()
    timestamp_type, timestamp = message.timestamp()
    return ConsumerRecord(message.topic(), message.partition(), -1, message.offset(), timestamp, timestamp_type,
                          key, value, message.headers() or [], None, -1 if key is None else len(key),
                          -1 if value is None else len(value), -1)


def _ours(partitions: list[RdPartition]) -> set[TopicPartition]:
    return {TopicPartition(tp.topic, tp.partition) for tp in partitions}


def _theirs(partitions: Sequence[TopicPartition]) -> list[RdPartition]:
    return [RdPartition(tp.topic, tp.partition) for tp in partitions]


def _reason(exc: KafkaException) -> str:
    error = exc.args[0] if exc.args else None
    return error.str() if isinstance(error, RdKafkaError) else str(exc)


def _raise_commit_error(error: object, where: str) -> None:
    if not isinstance(error, RdKafkaError):
        raise KafkaError(f"commit failed: {where}")
    if error.code() == RdKafkaError._NO_OFFSET:  # nothing new to commit
        return
    if error.code() in _GROUP_MOVED_ON:
        raise CommitFailedError(f"{error.str()} ({where})")
    raise KafkaError(f"commit failed: {error.str()} ({where})")
