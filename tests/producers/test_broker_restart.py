"""The long-running producer rides out a broker restart: on its OWN single-node Kafka (other ports, other
run directory), never the shared one. Stopped mid-run, restarted, every article lands exactly once and
the producer logs one line when Kafka goes and one when it is back."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mediamon.devstack.stack import kafka
from mediamon.devstack.stack.config import StackConfig
from mediamon.ids import article_id
from mediamon.producers.runner import run_forever
from mediamon.producers.state import StateStore
from mediamon.settings import Settings
from mediamon.topics import Names
from tests.producers.conftest import FeedsWriter, create_topics, read_by_id
from tests.producers.feedserver import FeedServer, Route
from tests.producers.samples import ARABIC, rss2
from tests.tcpgate import free_port


def _wait(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def own_kafka(tmp_path: Path) -> Iterator[StackConfig]:
    cfg = StackConfig(run_dir=tmp_path / "stack", kafka_port=free_port(), kafka_controller_port=free_port(),
                      kafka_heap="256m")
    if not (cfg.cache_dir / f"kafka-{cfg.kafka_version}" / ".complete").exists():
        pytest.skip("Kafka is not in the download cache (run `mediamon stack up` once)")
    kafka.start(cfg)
    try:
        _wait(lambda: kafka.healthy(cfg), 120, "our own Kafka to start")
        yield cfg
    finally:
        kafka.service(cfg).stop(timeout_s=30)


def test_the_producer_rides_out_a_broker_restart(
    own_kafka: StackConfig, feed_server: FeedServer, write_feeds: FeedsWriter, tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = Settings(kafka_bootstrap=own_kafka.kafka_bootstrap, topic_prefix="restart-",
                        state_dir=tmp_path / "state")
    raw = Names.from_settings(settings).raw
    create_topics(settings.kafka_bootstrap, [raw])
    links = [(s, feed_server.url(f"/news/{s.slug}")) for s in ARABIC]
    feed_server.add("/feed.xml", Route(body=rss2(links[:2]).encode()))
    feeds = write_feeds([{"name": "live", "url": feed_server.url("/feed.xml")}], poll_interval=0.5)
    caplog.set_level(logging.WARNING, logger="mediamon.producers")
    stop = threading.Event()
    runner = threading.Thread(target=run_forever, args=(settings, feeds, stop), daemon=True)
    runner.start()
    state = StateStore.in_dir(settings.state_dir)
    try:
        _wait(lambda: state.status("live").emitted == 2, 30, "the first two articles")
        kafka.service(own_kafka).stop(timeout_s=30)  # the broker goes away mid-run
        feed_server.add("/feed.xml", Route(body=rss2(links).encode()))
        _wait(lambda: state.queued_count() == len(links) - 2, 30, "new articles queued during the outage")
        time.sleep(3)  # an outage longer than a few backoff rounds
        assert runner.is_alive()
        kafka.start(own_kafka)  # same data directory: the topic and the first two messages are still there
        _wait(lambda: state.queued_count() == 0, 120, "the outbox drained after the restart")
    finally:
        stop.set()
        runner.join(60)
        state.close()
    assert not runner.is_alive()
    assert set(read_by_id(settings, raw)) == {article_id(link) for _, link in links}
    changes = [r.getMessage() for r in caplog.records if "Kafka at" in r.getMessage()]
    assert len(changes) == 2 and "unavailable" in changes[0] and "reachable again" in changes[1], changes
    assert not [r for r in caplog.records if r.exc_info and r.name.startswith("mediamon")], \
            "no traceback of ours while Kafka was away (kafka-python's own are quietened by the CLI)"
