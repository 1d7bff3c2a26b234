"""The Elasticsearch sink on the real stack: idempotent ids, rejections and poison to the DLQ, commits."""

from __future__ import annotations

import base64
import json

from kafka import KafkaConsumer, KafkaProducer

from mediamon.clients import elasticsearch_client
from mediamon.schema import Analysis, Article, EnrichedArticle
from mediamon.settings import Settings
from mediamon.topics import Names
from mediamon.sinks.elasticsearch import ElasticsearchSink


def _enriched(n: int, source: str = "test") -> EnrichedArticle:
    art = Article(id=f"id-{n}", url=f"https://example.org/{n}", source=source, title=f"خبر {n}", text="نص")
    return EnrichedArticle.build(art, Analysis(id=art.id, language="ar", countries=["SD"]))


def _send(settings: Settings, items: list[tuple[bytes, bytes]]) -> None:
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    for key, value in items:
        producer.send(Names.from_settings(settings).enriched, key=key, value=value)
    producer.flush()
    producer.close()


def _dlq(settings: Settings) -> list[dict]:  # type: ignore[type-arg]
    names = Names.from_settings(settings)
    consumer = KafkaConsumer(names.dlq(names.enriched), bootstrap_servers=settings.kafka_bootstrap,
                             auto_offset_reset="earliest", consumer_timeout_ms=3000)
    out = [json.loads(m.value) for m in consumer]
    consumer.close()
    return out


def _count(settings: Settings) -> int:
    es = elasticsearch_client(settings)
    index = Names.from_settings(settings).articles_index
    es.indices.refresh(index=index)
    n = int(es.count(index=index)["count"])
    es.close()
    return n


def test_indexes_once_per_id_and_dead_letters_poison(settings: Settings) -> None:
    docs = [_enriched(i) for i in range(5)]
    _send(settings, [(d.id.encode(), d.model_dump_json().encode()) for d in docs])
    _send(settings, [(docs[0].id.encode(), docs[0].model_dump_json().encode())])  # a replayed duplicate
    _send(settings, [(b"bad", b"{\"schema_version\": 1, \"id\": 3}")])

    sink = ElasticsearchSink(settings, batch_size=3)
    try:
        stats = sink.run(idle_exit_s=3)
    finally:
        sink.close()
    assert _count(settings) == 5
    assert stats.dead_lettered == 1
    [letter] = _dlq(settings)
    assert letter["stage"] == "sink-elasticsearch"
    assert "invalid enriched article" in letter["reason"]
    assert base64.b64decode(letter["original_b64"]) == b"{\"schema_version\": 1, \"id\": 3}"

    # Offsets were committed: a new sink in the same group finds nothing left to do.
    again = ElasticsearchSink(settings)
    try:
        assert again.run(idle_exit_s=2).indexed == 0
    finally:
        again.close()


def test_elasticsearch_rejection_goes_to_dlq_with_reason(settings: Settings) -> None:
    # Make Elasticsearch reject documents for real: this index maps `source` as a number.
    es = elasticsearch_client(settings)
    index = Names.from_settings(settings).articles_index
    es.indices.delete(index=index)
    es.indices.create(index=index, mappings={"properties": {"source": {"type": "long"}}})
    es.close()
    good, bad = _enriched(1, source="42"), _enriched(2, source="not-a-number")
    _send(settings, [(d.id.encode(), d.model_dump_json().encode()) for d in (good, bad)])

    sink = ElasticsearchSink(settings)
    try:
        stats = sink.run(idle_exit_s=3)
    finally:
        sink.close()
    assert (stats.indexed, stats.dead_lettered) == (1, 1)
    [letter] = _dlq(settings)
    assert letter["key"] == bad.id
    assert "rejected document id-2" in letter["reason"]
    assert "document_parsing_exception" in letter["reason"] or "mapper_parsing_exception" in letter["reason"]
    assert _count(settings) == 1
