"""Fixtures shared by every test package: the real stack and per-test unique names."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from mediamon.devstack.stack import manager
from mediamon.devstack.stack.config import StackConfig
from mediamon.settings import Settings, load_settings
from mediamon.setup import ensure_index, ensure_topics

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = REPO_ROOT.parent / "shared" / "corpus"


@dataclass(frozen=True)
class StackInfo:
    kafka_bootstrap: str
    es_url: str


@pytest.fixture(scope="session")
def stack() -> StackInfo:
    """The real Kafka and Elasticsearch; started here if they are not up (and left running)."""
    cfg = StackConfig()
    if not all(row.healthy for row in manager.status(cfg)):
        manager.up(cfg)
    return StackInfo(cfg.kafka_bootstrap, cfg.es_url)


@pytest.fixture
def unique_prefix() -> str:
    return f"t{uuid.uuid4().hex[:8]}-"


@pytest.fixture
def settings(stack: StackInfo, unique_prefix: str, tmp_path: Path) -> Settings:
    """Settings with topic, index and group names unique to this test; topics and index exist."""
    result = load_settings(
        kafka_bootstrap=stack.kafka_bootstrap,
        es_url=stack.es_url,
        topic_prefix=unique_prefix,
        index_prefix=unique_prefix.rstrip("-"),
        consumer_group_prefix=f"g{unique_prefix}",
        state_dir=tmp_path / "state",
        faust_data_dir=tmp_path / "faust",
    )
    ensure_topics(result)
    ensure_index(result)
    return result


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "stack: needs the real Kafka and Elasticsearch (added automatically)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if {"stack", "settings"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.stack)
