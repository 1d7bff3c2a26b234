"""Fixtures for producer tests: a loopback feed server, feeds files, settings on the real Kafka."""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition
from kafka.admin import NewTopic
from kafka.errors import TopicAlreadyExistsError

from mediamon.ids import article_id, canonical_url
from mediamon.producers.runner import rejected_topic_name
from mediamon.schema import Article
from mediamon.settings import Settings
from mediamon.topics import Names
from tests.producers.feedserver import FeedServer

TEST_LIMITS: dict[str, Any] = {
    "connect_timeout": 2, "read_timeout": 2, "total_timeout": 3,
    "max_bytes": 10 * 1024 * 1024, "max_redirects": 3,
}


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    with FeedServer() as server:
        yield server


FeedsWriter = Callable[..., Path]


@pytest.fixture
def write_feeds(tmp_path: Path) -> FeedsWriter:
    """``write_feeds([{"name": ..., "url": ...}], fulltext=True, limits={...}, top={...})`` -> path of a
    feeds file whose defaults allow loopback targets explicitly."""

    def write(feeds: list[dict[str, Any]], limits: dict[str, Any] | None = None,
              name: str = "feeds.yaml", top: dict[str, Any] | None = None, **defaults: Any) -> Path:
        doc: dict[str, Any] = {
            **(top or {}),
            "version": 1,
            "limits": {**TEST_LIMITS, **(limits or {})},
            "defaults": {"poll_interval": 1, "jitter": 0, "fulltext": False,
                         "allow_networks": ["127.0.0.0/8"], **defaults},
            "feeds": feeds,
        }
        path = tmp_path / name
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        return path

    return write


def create_topics(bootstrap: str, topics: list[str]) -> None:
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="mediamon-tests")
    try:
        for topic in topics:
            with contextlib.suppress(TopicAlreadyExistsError):
                admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1)])
    finally:
        admin.close()


@pytest.fixture
def kafka_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """The lead's ``settings`` fixture when tests/conftest.py provides it (unique prefix, topics
    created, state in tmp_path); otherwise the same built here against the running Kafka."""
    try:
        settings: Settings = request.getfixturevalue("settings")
    except pytest.FixtureLookupError:
        prefix = f"tp{uuid.uuid4().hex[:8]}-"
        settings = Settings(
            kafka_bootstrap=os.environ.get("MEDIAMON_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
            topic_prefix=prefix, index_prefix=f"ti{prefix}", state_dir=tmp_path / "state",
        )
        create_topics(settings.kafka_bootstrap, Names.from_settings(settings).all_topics)
    create_topics(settings.kafka_bootstrap, [rejected_topic_name(settings)])
    return settings


def read_topic(settings: Settings, topic: str | None = None, timeout: float = 15.0) -> list[Article]:
    """Every message now on the topic (it has one partition per test run), decoded, in order.
    Also checks each key is the article id, and each id the hash of the article's canonical url."""
    topic = topic or Names.from_settings(settings).raw
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, enable_auto_commit=False,
                             group_id=None)
    try:
        deadline = time.monotonic() + timeout
        partitions = consumer.partitions_for_topic(topic)
        while not partitions and time.monotonic() < deadline:
            time.sleep(0.2)
            partitions = consumer.partitions_for_topic(topic)
        assert partitions, f"topic {topic} not found"
        tps = [TopicPartition(topic, p) for p in sorted(partitions)]
        consumer.assign(tps)
        consumer.seek_to_beginning(*tps)
        end = consumer.end_offsets(tps)
        out: list[Article] = []
        while any(consumer.position(tp) < end[tp] for tp in tps):
            assert time.monotonic() < deadline, "timed out reading the topic"
            for records in consumer.poll(timeout_ms=500).values():
                for record in records:
                    article = Article.model_validate_json(record.value)
                    assert record.key == article.id.encode("utf-8")
                    # The id is the hash of the (already canonical) url: any stage can check it.
                    assert article_id(article.url) == article.id and canonical_url(article.url) == article.url
                    out.append(article)
        return out
    finally:
        consumer.close()


def read_by_id(settings: Settings, topic: str | None = None) -> dict[str, Article]:
    """The topic's messages by article id (topics may have several partitions, so no global order);
    fails on a duplicate id."""
    messages = read_topic(settings, topic)
    by_id = {m.id: m for m in messages}
    assert len(by_id) == len(messages), f"duplicate messages: {[m.id for m in messages]}"
    return by_id
