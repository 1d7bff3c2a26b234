"""The Elasticsearch sink on the real stack: idempotent ids, rejections and poison to the DLQ, commits."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime

from kafka import KafkaConsumer, KafkaProducer
from mediamon.sinks.base import Backoff
from mediamon.sinks.elasticsearch import ElasticsearchSink

from mediamon import indices
from mediamon.clients import elasticsearch_client
from mediamon.ids import article_id
from mediamon.schema import Analysis, Article, EnrichedArticle
from mediamon.settings import Settings
from mediamon.topics import Names

from .esproxy import FaultyProxy


def _enriched(n: int, source: str = "test") -> EnrichedArticle:
    url = f"https://example.org/{n}"
    art = Article(id=article_id(url), url=url, source=source, title=f"خبر {n}", text="نص")
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
    _conflicting_month(settings)
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
    assert f"rejected document {bad.id}" in letter["reason"]
    assert "document_parsing_exception" in letter["reason"] or "mapper_parsing_exception" in letter["reason"]
    assert _count(settings) == 1


def _conflicting_month(settings: Settings) -> None:
    """This month's articles index, made by hand so that it maps `source` as a number (a real mapping conflict)."""
    es = elasticsearch_client(settings)
    family = indices.articles(Names.from_settings(settings))
    index = family.index_for(datetime.now(UTC))
    es.indices.delete(index=index)
    es.indices.create(index=index, mappings={"properties": {"source": {"type": "long"}}},
                      aliases={family.alias: {}})
    es.close()


def _sink_through(proxy: FaultyProxy, settings: Settings) -> ElasticsearchSink:
    through = settings.model_copy(update={"es_url": proxy.url})
    return ElasticsearchSink(through, backoff=Backoff(initial=0.05, maximum=0.2))


def test_a_mixed_bulk_retries_only_the_throttled_items_and_counts_each_once(settings: Settings) -> None:
    """400-rejected and 429-throttled documents in one bulk: the rejected one is dead-lettered once, the throttled
    one is retried alone until indexed, and nothing is counted twice."""
    _conflicting_month(settings)
    good, bad, slow = _enriched(1, source="42"), _enriched(2, source="not-a-number"), _enriched(3, source="7")
    _send(settings, [(d.id.encode(), d.model_dump_json().encode()) for d in (good, bad, slow)])
    with FaultyProxy(settings.es_url, settings.es_basic_auth()) as proxy:
        proxy.throttle[slow.id] = 5  # more than streaming_bulk's own retries: the sink base retries it later
        sink = _sink_through(proxy, settings)
        try:
            stats = sink.run(idle_exit_s=3)
        finally:
            sink.close()
        assert proxy.bulk_requests > 0, proxy.url
        assert proxy.sent[bad.id] == 1 and proxy.sent[good.id] == 1 and proxy.sent[slow.id] == 1
    assert (stats.indexed, stats.dead_lettered) == (2, 1)
    assert [letter["key"] for letter in _dlq(settings)] == [bad.id]
    assert _count(settings) == 2


def test_a_request_refused_as_a_whole_is_split_so_only_the_bad_document_is_dead_lettered(settings: Settings) -> None:
    docs = [_enriched(i) for i in range(6)]
    _send(settings, [(d.id.encode(), d.model_dump_json().encode()) for d in docs])
    with FaultyProxy(settings.es_url, settings.es_basic_auth()) as proxy:
        proxy.refuse_request_with = {docs[3].id}
        sink = _sink_through(proxy, settings)
        try:
            stats = sink.run(idle_exit_s=3)
        finally:
            sink.close()
    assert (stats.indexed, stats.dead_lettered) == (5, 1)
    [letter] = _dlq(settings)
    assert letter["key"] == docs[3].id and "action_request_validation_exception" in letter["reason"]
    assert _count(settings) == 5


def test_an_unknown_future_version_is_dead_lettered_and_an_unknown_field_is_indexed(settings: Settings) -> None:
    doc = _enriched(1)
    body = json.loads(doc.model_dump_json())
    v1_with_extra = {**body, "schema_version": 1, "a_field_from_the_future": [1, 2]}
    del v1_with_extra["story_id"], v1_with_extra["replay"]
    future = {**json.loads(_enriched(2).model_dump_json()), "schema_version": 3}
    _send(settings, [(doc.id.encode(), json.dumps(v1_with_extra).encode()), (b"future", json.dumps(future).encode())])
    sink = ElasticsearchSink(settings)
    try:
        stats = sink.run(idle_exit_s=3)
    finally:
        sink.close()
    assert (stats.indexed, stats.dead_lettered) == (1, 1)
    [letter] = _dlq(settings)
    assert letter["key"] == "future" and "unknown schema_version 3" in letter["reason"]
    assert _count(settings) == 1
