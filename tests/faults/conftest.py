"""A private Kafka for scenarios that stop and start the broker (the shared stack is never touched)."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mediamon.devstack.stack import kafka
from mediamon.devstack.stack.config import StackConfig
from mediamon.settings import Settings, load_settings
from mediamon.setup import ensure_index, ensure_topics
from tests.conftest import StackInfo


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PrivateKafka:
    def __init__(self, run_dir: Path) -> None:
        self.cfg = StackConfig(kafka_port=_free_port(), kafka_controller_port=_free_port(), run_dir=run_dir,
                               kafka_heap="512m")

    @property
    def bootstrap(self) -> str:
        return self.cfg.kafka_bootstrap

    def start(self) -> None:
        kafka.start(self.cfg)
        deadline = time.monotonic() + 120
        while not kafka.healthy(self.cfg):
            if time.monotonic() > deadline:
                raise RuntimeError(f"private kafka not healthy; see {kafka.log_file(self.cfg)}")
            time.sleep(0.5)

    def stop(self) -> None:
        kafka.service(self.cfg).stop()


@pytest.fixture(scope="module")
def private_kafka(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateKafka]:
    broker = PrivateKafka(tmp_path_factory.mktemp("private-kafka"))
    broker.start()
    try:
        yield broker
    finally:
        broker.stop()


@pytest.fixture
def fault_settings(stack: StackInfo, private_kafka: PrivateKafka, unique_prefix: str, tmp_path: Path) -> Settings:
    """Settings on the private Kafka and the shared Elasticsearch, names unique to the test."""
    result = load_settings(kafka_bootstrap=private_kafka.bootstrap, es_url=stack.es_url, topic_prefix=unique_prefix,
                           index_prefix=unique_prefix.rstrip("-"), consumer_group_prefix=f"g{unique_prefix}",
                           state_dir=tmp_path / "state", faust_data_dir=tmp_path / "faust")
    ensure_topics(result)
    ensure_index(result)
    return result
