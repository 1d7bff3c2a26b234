"""A private Kafka and a private Elasticsearch for the fault scenarios: they are stopped, killed and restarted here,
so the shared stack that every other test uses is never touched."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mediamon.devstack.stack import elasticsearch, kafka, manager
from mediamon.devstack.stack.config import StackConfig
from mediamon.settings import Settings, load_settings
from mediamon.setup import ensure_index, ensure_topics
from mediamon.sinks.slack.double import SlackDouble
from tests.tcpgate import free_port


def _wait(ready: Callable[[], bool], what: str, log: Path, timeout_s: float = 180.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not ready():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} not healthy after {timeout_s:.0f}s; see {log}")
        time.sleep(0.5)


class PrivateStack:
    """One Kafka node and one Elasticsearch node on free ports, with their own directories and password."""

    def __init__(self, run_dir: Path) -> None:
        self.cfg = StackConfig(kafka_port=free_port(), kafka_controller_port=free_port(), es_port=free_port(),
                               es_transport_port=free_port(), run_dir=run_dir / "stack",
                               secrets_dir=run_dir / "secrets", kafka_heap="512m", es_heap="512m")

    @property
    def bootstrap(self) -> str:
        return self.cfg.kafka_bootstrap

    @property
    def es_url(self) -> str:
        return self.cfg.es_url

    @property
    def secrets_dir(self) -> Path:
        return self.cfg.secrets_dir

    def start_kafka(self) -> None:
        kafka.start(self.cfg)
        _wait(lambda: kafka.healthy(self.cfg), "private kafka", kafka.log_file(self.cfg))

    def stop_kafka(self) -> None:
        kafka.service(self.cfg).stop(timeout_s=60)

    def start_es(self) -> None:
        elasticsearch.start(self.cfg)
        _wait(lambda: elasticsearch.healthy(self.cfg), "private elasticsearch", elasticsearch.log_file(self.cfg))

    def stop_es(self) -> None:
        elasticsearch.service(self.cfg).stop(timeout_s=60)

    def start(self) -> None:
        self.start_kafka()
        self.start_es()

    def close(self) -> None:
        manager.down(self.cfg)
        manager.clean(self.cfg)


@pytest.fixture(scope="session")
def private_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateStack]:
    stack = PrivateStack(tmp_path_factory.mktemp("private-stack"))
    stack.start()
    try:
        yield stack
    finally:
        stack.close()


@pytest.fixture
def fault_settings(private_stack: PrivateStack, unique_prefix: str, tmp_path: Path,
                   monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings on the private stack, names unique to the test; topics, templates and aliases exist."""
    monkeypatch.setenv("MEDIAMON_SECRETS_DIR", str(private_stack.secrets_dir))
    result = load_settings(kafka_bootstrap=private_stack.bootstrap, es_url=private_stack.es_url,
                           topic_prefix=unique_prefix, index_prefix=unique_prefix.rstrip("-"),
                           consumer_group_prefix=f"g{unique_prefix}", state_dir=tmp_path / "state",
                           faust_data_dir=tmp_path / "faust", _secrets_dir=private_stack.secrets_dir)
    assert result.es_password is not None, "the private Elasticsearch password was not found"
    ensure_topics(result)
    ensure_index(result)
    return result


@pytest.fixture
def slack() -> Iterator[SlackDouble]:
    with SlackDouble() as double:
        yield double


def full_length() -> bool:
    """``MEDIAMON_FAULTS_FULL=1`` (``make test-faults``): outages at the lengths the issue names, e.g. 6 minutes
    without Elasticsearch against the consumer's default 5-minute poll interval. Otherwise the same scenario with a
    shorter poll interval, so CI proves the same property in less time."""
    return os.environ.get("MEDIAMON_FAULTS_FULL", "") not in ("", "0")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A scenario runs for minutes (outages are real time): its own time bound, above the suite's default."""
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.timeout(2400 if full_length() else 1200))
