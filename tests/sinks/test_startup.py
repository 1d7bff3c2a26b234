"""A sink's start: on the real stack its consumer joins the group once, with the partitions already assigned; with
no broker it gives up after its timeout (the sink then waits and tries again) instead of waiting without end."""

from __future__ import annotations

import threading
import time

import pytest
from kafka import ConsumerRebalanceListener, KafkaProducer, TopicPartition
from kafka.errors import KafkaError

from mediamon.ids import article_id
from mediamon.schema import Analysis, Article, EnrichedArticle
from mediamon.settings import Settings
from mediamon.sinks import base
from mediamon.sinks.elasticsearch import ElasticsearchSink
from mediamon.topics import Names


class _Assignments(ConsumerRebalanceListener):
    def __init__(self) -> None:
        self.seen: list[set[TopicPartition]] = []

    def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        pass

    def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        self.seen.append(set(assigned))


def _article(n: int) -> EnrichedArticle:
    url = f"https://example.org/start/{n}"
    art = Article(id=article_id(url), url=url, source="test", title=f"خبر {n}", text="نص")
    return EnrichedArticle.build(art, Analysis(id=art.id, language="ar", countries=["SD"]))


def test_the_first_join_of_the_group_already_assigns_every_partition(settings: Settings) -> None:
    """Without the topics' metadata before the first poll, kafka-python joined the group with no partition, then
    again ~100 ms later once it knew them: two assignments, the first empty."""
    names = Names.from_settings(settings)
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    doc = _article(1)
    producer.send(names.enriched, key=doc.id.encode(), value=doc.model_dump_json().encode())
    producer.flush()
    producer.close()

    sink = ElasticsearchSink(settings, batch_size=10)
    listener = _Assignments()
    sink.consumer.subscribe(sink.topics, listener=listener)  # the same topics, with a listener
    try:
        stats = sink.run(idle_exit_s=1)
    finally:
        sink.close()
    assert stats.indexed == 1
    partitions = {tp for topic in (names.enriched, names.alerts)
                  for tp in (TopicPartition(topic, p) for p in range(settings.topic_partitions))}
    # The first assignment already holds every partition (kafka-python's first one was empty). The test's second
    # subscribe (to add the listener) may land while the constructor's join is still under way, and librdkafka
    # then joins once more: a second, equal assignment is the test's doing, not the sink's.
    assert listener.seen and listener.seen[0] == partitions
    assert all(assigned == partitions for assigned in listener.seen), listener.seen


def test_with_no_broker_the_consumer_gives_up_after_its_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bootstrap ``bootstrap(timeout_ms)`` alone waited for without end (the one the subscription started has no
    deadline); run in a thread so that such a wait fails the test instead of hanging it."""
    monkeypatch.setattr(base, "BOOTSTRAP_TIMEOUT_MS", 1000)
    outcome: list[object] = []

    def start() -> None:
        try:
            outcome.append(base._subscribed_consumer(["nowhere"], bootstrap_servers="127.0.0.1:1", group_id="g-none"))
        except KafkaError as exc:
            outcome.append(exc)

    began = time.monotonic()
    runner = threading.Thread(target=start, daemon=True)
    runner.start()
    runner.join(15)
    assert not runner.is_alive(), "still waiting for a broker that is not there"
    assert len(outcome) == 1 and isinstance(outcome[0], KafkaError)
    assert 0.9 < time.monotonic() - began < 15
