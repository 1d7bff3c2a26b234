"""The Kafka broker restarts mid-stream while the Faust worker and the Elasticsearch sink run: every article is
indexed exactly once and no process needs a human (issue 14, fault scenario 1)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from kafka import KafkaProducer

from mediamon.devstack.pipeline import Workers, count_indexed
from mediamon.settings import Settings
from mediamon.topics import Names

from .conftest import PrivateKafka
from .corpus import articles

N = 400


def _feed(settings: Settings, stream: list, done: threading.Event) -> None:  # type: ignore[type-arg]
    # The feeder rides out the restart too: long delivery timeout, every send awaited in order.
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all", retries=1_000_000,
                             delivery_timeout_ms=300_000, request_timeout_ms=10_000, reconnect_backoff_max_ms=2000,
                             max_in_flight_requests_per_connection=1)
    topic = Names.from_settings(settings).raw
    for article in stream:
        producer.send(topic, key=article.id.encode(), value=article.model_dump_json().encode())
        time.sleep(0.05)  # ~20 articles/s, so the restart lands mid-stream
    producer.flush(timeout=300)
    producer.close()
    done.set()


def test_a_broker_restart_mid_stream_loses_and_doubles_nothing(fault_settings: Settings, private_kafka: PrivateKafka,
                                                               tmp_path: Path) -> None:
    stream = articles(N, tag=tmp_path.name)
    done = threading.Event()
    with Workers(fault_settings, tmp_path / "logs") as workers:
        feeder = threading.Thread(target=_feed, args=(fault_settings, stream, done), daemon=True)
        feeder.start()
        time.sleep(6)
        private_kafka.stop()
        time.sleep(10)
        private_kafka.start()
        assert done.wait(300), "the feeder did not get its articles through"
        ids = [a.id for a in stream]
        deadline = time.monotonic() + 300
        while count_indexed(fault_settings, ids) < N and time.monotonic() < deadline:
            workers.check_alive()  # a stage that died would need a human: fail at once
            time.sleep(2)
        workers.check_alive()
        assert count_indexed(fault_settings, ids) == N
    # Exactly once: the index holds no document twice and nothing else.
    from mediamon.clients import elasticsearch_client

    es = elasticsearch_client(fault_settings)
    index = Names.from_settings(fault_settings).articles_index
    es.indices.refresh(index=index)
    assert int(es.count(index=index)["count"]) == N
    es.close()
