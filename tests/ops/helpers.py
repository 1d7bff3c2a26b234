"""Helpers of the replay tests: the command in-process, articles, counts and offsets."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition

from mediamon.clients import elasticsearch_client
from mediamon.ids import article_id
from mediamon.ops.cli import main
from mediamon.schema import Analysis, Article, EnrichedArticle
from mediamon.settings import Settings
from mediamon.topics import Names


def replay(settings: Settings, *argv: str) -> int:
    return main(["replay", *argv], settings)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def article(n: int, title: str = "خبر", text: str = "نص الخبر", published: datetime | None = None) -> Article:
    url = f"https://replay.example/{n}"
    return Article(id=article_id(url), url=url, source="replay", title=f"{title} {n}", text=text,
                   published=published or datetime(2026, 11, 1, tzinfo=UTC) + timedelta(minutes=n))


def enriched(n: int) -> EnrichedArticle:
    a = article(n)
    return EnrichedArticle.build(a, Analysis(id=a.id, language="ar")).model_copy(update={"story_id": a.id})


def send(settings: Settings, topic: str, items: list[tuple[str, bytes]]) -> None:
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    for key, value in items:
        producer.send(topic, key=key.encode(), value=value)
    producer.flush()
    producer.close()


def end_offsets(settings: Settings, *topics: str) -> dict[str, int]:
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap)
    try:
        out = {}
        for topic in topics:
            tps = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
            out[topic] = sum(consumer.end_offsets(tps).values())
        return out
    finally:
        consumer.close()


def group_offsets(settings: Settings, *groups: str) -> dict[str, dict[Any, int]]:
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    try:
        return {g: {tp: o.offset for tp, o in (admin.list_group_offsets(g).get(g) or {}).items()} for g in groups}
    finally:
        admin.close()


def es_count(settings: Settings, index: str | None = None, query: dict[str, Any] | None = None) -> int:
    es = elasticsearch_client(settings)
    try:
        target = index or Names.from_settings(settings).articles_index
        es.indices.refresh(index=target)
        return int(es.count(index=target, query=query or {"match_all": {}})["count"])
    finally:
        es.close()


def es_ids(settings: Settings, index: str) -> set[str]:
    es = elasticsearch_client(settings)
    try:
        es.indices.refresh(index=index)
        hits = es.search(index=index, query={"match_all": {}}, size=10_000, source=False)["hits"]["hits"]
        return {h["_id"] for h in hits}
    finally:
        es.close()


def wait_for(check: Any, timeout_s: float = 120, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout_s
    last = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(1)
    raise AssertionError(f"timed out waiting for {what} (last: {last!r})")
