"""The sinks' librdkafka consumer behind kafka-python's interface, on the real broker: records as kafka-python
gives them, nothing lost across a pause, commits that a later member starts from, errors as kafka-python's."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from kafka import KafkaProducer, OffsetAndMetadata, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord
from kafka.errors import CommitFailedError, KafkaTimeoutError

from mediamon.settings import Settings
from mediamon.sinks.consumer import RdConsumer, properties
from mediamon.topics import Names


def _produce(settings: Settings, topic: str, n: int) -> None:
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    for i in range(n):
        producer.send(topic, key=f"k{i}".encode(), value=f"v{i}".encode(), partition=i % 2)
    producer.flush()
    producer.close()


def _consumer(settings: Settings, topic: str, group: str, **config: object) -> RdConsumer:
    return RdConsumer([topic], bootstrap_timeout_s=10, bootstrap_servers=settings.kafka_bootstrap, group_id=group,
                      auto_offset_reset="earliest", enable_auto_commit=False, **config)


def _read(consumer: RdConsumer, n: int, timeout_s: float = 30) -> list[ConsumerRecord]:
    out: list[ConsumerRecord] = []
    deadline = time.monotonic() + timeout_s
    while len(out) < n and time.monotonic() < deadline:
        for tp, records in consumer.poll(timeout_ms=500, max_records=n - len(out)).items():
            assert all((r.topic, r.partition) == (tp.topic, tp.partition) for r in records)
            out.extend(records)
    return out


def test_settings_are_kafka_pythons_keywords() -> None:
    config = properties(bootstrap_servers="b:1", group_id="g", max_poll_interval_ms=10_000, max_poll_records=7)
    assert config["bootstrap.servers"] == "b:1" and config["group.id"] == "g"
    assert config["enable.auto.commit"] is False
    assert config["session.timeout.ms"] <= config["max.poll.interval.ms"] == 10_000  # else librdkafka refuses
    assert "max_poll_records" not in config and "max.poll.records" not in config
    with pytest.raises(TypeError, match="api_version"):
        properties(api_version=(4, 0))


def test_records_come_as_kafka_python_gives_them_and_a_commit_is_where_the_next_member_starts(
        settings: Settings) -> None:
    topic = Names.from_settings(settings).enriched
    group = f"g-{uuid.uuid4().hex[:8]}"
    _produce(settings, topic, 40)
    first = _consumer(settings, topic, group, max_poll_records=500)
    try:
        records = _read(first, 40)
        assert sorted(r.value for r in records) == sorted(f"v{i}".encode() for i in range(40))
        assert all(r.key == b"k" + r.value[1:] for r in records)
        for p in (0, 1):
            offsets = [r.offset for r in records if r.partition == p]
            assert offsets == list(range(20))  # in order, none skipped
        assert first.assignment() >= {TopicPartition(topic, 0), TopicPartition(topic, 1)}
        first.commit({TopicPartition(topic, 0): OffsetAndMetadata(15, "", -1),
                      TopicPartition(topic, 1): OffsetAndMetadata(20, "", -1)})
    finally:
        first.close()
    second = _consumer(settings, topic, group)
    try:
        again = _read(second, 5)
        assert sorted((r.partition, r.offset) for r in again) == [(0, o) for o in range(15, 20)]
        assert second.poll(timeout_ms=1000) == {}
    finally:
        second.close()


def test_a_paused_partition_gives_nothing_and_resumes_where_it_stopped(settings: Settings) -> None:
    """librdkafka prefetches; the base's keep-alive polls discard what they get, so a pause must hold it back."""
    topic = Names.from_settings(settings).enriched
    _produce(settings, topic, 400)
    consumer = _consumer(settings, topic, f"g-{uuid.uuid4().hex[:8]}")
    try:
        head = _read(consumer, 10)
        time.sleep(1)  # the rest is fetched into the consumer's queue meanwhile
        assigned = consumer.assignment()
        consumer.pause(*assigned)
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            assert consumer.poll(timeout_ms=200) == {}
        consumer.resume(*assigned)
        rest = _read(consumer, 390)
        got = sorted((r.partition, r.offset) for r in head + rest)
        assert got == sorted((p, o) for p in (0, 1) for o in range(200))
    finally:
        consumer.close()


def test_a_commit_of_a_member_the_group_moved_on_from_is_refused_as_kafka_python_refuses_it(
        settings: Settings) -> None:
    """A member that stopped polling for longer than its poll interval is out of the group; another took its
    partitions. Its commit is a CommitFailedError (the base leaves the partitions to the new owner), not a
    KafkaError that the base would retry without end."""
    topic = Names.from_settings(settings).enriched
    group = f"g-{uuid.uuid4().hex[:8]}"
    _produce(settings, topic, 4)
    stale = _consumer(settings, topic, group, max_poll_interval_ms=7000)
    other = _consumer(settings, topic, group, max_poll_interval_ms=7000)
    try:
        assert len(_read(stale, 4)) == 4
        deadline = time.monotonic() + 30
        while len(other.assignment()) < settings.topic_partitions:
            other.poll(timeout_ms=500)  # the stale one does not poll: the group moves on without it
            assert time.monotonic() < deadline, "the group never moved on"
        with pytest.raises(CommitFailedError):
            stale.commit({TopicPartition(topic, 0): OffsetAndMetadata(2, "", -1)})
    finally:
        stale.close()
        other.close()


def test_with_no_broker_the_constructor_gives_up_after_its_deadline() -> None:
    began = time.monotonic()
    with pytest.raises(KafkaTimeoutError, match="no Kafka metadata"):
        RdConsumer(["nowhere"], bootstrap_timeout_s=1, bootstrap_servers="127.0.0.1:1", group_id="g-none")
    assert 0.9 < time.monotonic() - began < 10


def test_a_poll_returns_a_lone_record_without_waiting_for_a_full_batch(settings: Settings) -> None:
    """librdkafka's batch call waits for max_records or the timeout; a trickle must not wait the timeout each."""
    topic = Names.from_settings(settings).enriched
    consumer = _consumer(settings, topic, f"g-{uuid.uuid4().hex[:8]}")
    try:
        deadline = time.monotonic() + 30
        while not consumer.assignment():
            consumer.poll(timeout_ms=100)
            assert time.monotonic() < deadline
        _produce(settings, topic, 1)
        began = time.monotonic()
        polled = consumer.poll(timeout_ms=20_000, max_records=500)
        assert sum(map(len, polled.values())) == 1
        assert time.monotonic() - began < 10  # it came when the record did, not when the 20 s were up
    finally:
        consumer.close()


def _assigned(consumer: RdConsumer) -> None:
    deadline = time.monotonic() + 30
    while not consumer.assignment():
        consumer.poll(timeout_ms=100)
        assert time.monotonic() < deadline


def _trickle(settings: Settings, topic: str, n: int, every_s: float) -> threading.Thread:
    def send() -> None:
        producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all", linger_ms=0)
        for i in range(n):
            producer.send(topic, key=f"t{i}".encode(), value=f"t{i}".encode(), partition=0)
            producer.flush()
            time.sleep(every_s)
        producer.close()

    thread = threading.Thread(target=send, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("linger_ms", [0, 3000])
def test_a_lingering_poll_gathers_a_trickle_into_one_batch(settings: Settings, linger_ms: int) -> None:
    """Five records 300 ms apart: a poll without linger returns the first alone; with a linger longer than the
    trickle, one poll returns all five (one bulk request instead of five)."""
    topic = Names.from_settings(settings).enriched
    consumer = _consumer(settings, topic, f"g-{uuid.uuid4().hex[:8]}", linger_ms=linger_ms)
    try:
        _assigned(consumer)
        _produce(settings, topic, 2)  # read first: the consumer is then fetching at the end of the log
        assert len(_read(consumer, 2)) == 2
        sender = _trickle(settings, topic, 5, 0.3)
        polled = consumer.poll(timeout_ms=20_000, max_records=5)
        sender.join()
        got = sum(map(len, polled.values()))
        assert got == (5 if linger_ms else 1), got
    finally:
        consumer.close()


def test_a_lingering_poll_returns_as_soon_as_its_batch_is_full(settings: Settings) -> None:
    """A backlog is not slowed by the linger: a full batch is returned at once, not when the linger is over."""
    topic = Names.from_settings(settings).enriched
    consumer = _consumer(settings, topic, f"g-{uuid.uuid4().hex[:8]}", linger_ms=20_000)
    try:
        _assigned(consumer)
        _produce(settings, topic, 40)
        began = time.monotonic()
        got = _read(consumer, 40)
        assert len(got) == 40
        assert time.monotonic() - began < 10  # the 20 s linger never ran out
    finally:
        consumer.close()
