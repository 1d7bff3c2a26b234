"""The Elasticsearch sink on the real stack: idempotent ids, rejections and poison to the DLQ, commits."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from pydantic import SecretStr

from mediamon import indices
from mediamon.clients import elasticsearch_client
from mediamon.errors import ConfigError
from mediamon.ids import article_id
from mediamon.schema import AlertEvent, Analysis, Article, EnrichedArticle, Figure, Outlet, Place, RuleRef
from mediamon.settings import Settings
from mediamon.sinks.base import Backoff, SinkStats
from mediamon.sinks.consumer import RdConsumer
from mediamon.sinks.documents import to_document
from mediamon.sinks.elasticsearch import STAGE, ElasticsearchSink
from mediamon.topics import Names
from tests.tcpgate import TcpGate

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


def _count(settings: Settings, index: str | None = None) -> int:
    es = elasticsearch_client(settings)
    index = index or Names.from_settings(settings).articles_index
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
        assert sink._producer is not None  # made for the poison message's letter
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

    stats = _run(settings)
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
        proxy.throttle[slow.id] = 5  # more than the bulk write's own retries (3): the sink base retries it later
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
    stats = _run(settings)
    assert (stats.indexed, stats.dead_lettered) == (1, 1)
    [letter] = _dlq(settings)
    assert letter["key"] == "future" and "unknown schema_version 3" in letter["reason"]
    assert _count(settings) == 1


def test_fast_and_slow_messages_are_indexed_alike_and_a_repeated_key_is_dead_lettered_with_the_reason(
        settings: Settings) -> None:
    """A current message in our form (the fast path) and one with an unknown field (the tolerant reader) are
    indexed with the same document; a message that repeats a key keeps its bytes on the fast path, and
    Elasticsearch refuses it with its reason (no writer of ours repeats a key)."""
    fast, extra = _enriched(21), _enriched(22)
    with_field = {**json.loads(extra.model_dump_json()), "a_field_from_the_future": 1}
    repeated = _enriched(23).model_dump_json().replace('"title":', '"title":"x","title":', 1).encode()
    _send(settings, [(fast.id.encode(), fast.model_dump_json().encode()),
                     (extra.id.encode(), json.dumps(with_field).encode()), (b"repeated", repeated)])
    stats = _run(settings)
    assert (stats.indexed, stats.dead_lettered) == (2, 1)
    es = elasticsearch_client(settings)
    try:
        alias = Names.from_settings(settings).articles_index
        for doc in (fast, extra):
            found = es.search(index=alias, query={"ids": {"values": [doc.id]}})["hits"]["hits"]
            assert found[0]["_source"] == to_document(doc)
    finally:
        es.close()
    [letter] = _dlq(settings)
    assert letter["key"] == "repeated" and "Duplicate field" in letter["reason"]


def test_a_message_written_with_an_indent_is_indexed_as_it_is(settings: Settings) -> None:
    """A current message pretty-printed by some other writer takes the fast path; its newlines are whitespace, and
    the bulk body (NDJSON, a line per document) still holds it on one line. Nothing dead-lettered: no dead-letter
    producer was ever made."""
    doc, after = _enriched(31), _enriched(32)
    indented = json.dumps(json.loads(doc.model_dump_json()), indent=2, ensure_ascii=False).encode()
    _send(settings, [(doc.id.encode(), indented), (after.id.encode(), after.model_dump_json().encode())])
    sink = ElasticsearchSink(settings)
    try:
        stats = sink.run(idle_exit_s=3)
        assert sink._producer is None
    finally:
        sink.close()
    assert (stats.indexed, stats.dead_lettered) == (2, 0)
    es = elasticsearch_client(settings)
    try:
        found = es.search(index=Names.from_settings(settings).articles_index,
                          query={"ids": {"values": [doc.id]}})["hits"]["hits"]
        assert found[0]["_source"] == to_document(doc)
    finally:
        es.close()


def _sink_behind(proxy: FaultyProxy, settings: Settings, backoff_max: float) -> tuple[ElasticsearchSink,
                                                                                 threading.Event, threading.Thread]:
    """A sink writing through ``proxy`` (down for now), with a 10 s poll interval; its thread is not started."""
    through = settings.model_copy(update={"es_url": proxy.url})
    sink = ElasticsearchSink(through, batch_size=100, backoff=Backoff(initial=0.5, maximum=backoff_max),
                             max_poll_interval_ms=10_000)
    stop = threading.Event()
    proxy.down = True
    return sink, stop, threading.Thread(target=sink.run, args=(stop,), daemon=True)


def test_an_outage_longer_than_the_poll_interval_does_not_evict_the_sink(settings: Settings,
                                                                        caplog: pytest.LogCaptureFixture) -> None:
    """Elasticsearch unreachable for longer than max.poll.interval.ms: the sink keeps its group membership (it
    polls with its partitions paused), then indexes everything once; nothing goes to the DLQ."""
    docs = [_enriched(i) for i in range(300)]
    with FaultyProxy(settings.es_url, settings.es_basic_auth()) as proxy:
        sink, stop, runner = _sink_behind(proxy, settings, backoff_max=3)
        runner.start()
        _send(settings, [(d.id.encode(), d.model_dump_json().encode()) for d in docs])
        time.sleep(25)  # 2.5 poll intervals without a single write
        assert runner.is_alive() and sink.stats.written == 0
        proxy.down = False
        deadline = time.monotonic() + 90
        while sink.stats.written < len(docs) and time.monotonic() < deadline:
            time.sleep(1)
        stop.set()
        runner.join(30)
        sink.close()
    assert (sink.stats.written, sink.stats.dead_lettered) == (300, 0)
    assert _count(settings) == 300
    assert _dlq(settings) == []
    assert not [r for r in caplog.records if "rebalance" in r.getMessage()]  # never evicted from its group


def test_partitions_taken_over_during_an_outage_lose_nothing(settings: Settings) -> None:
    """Two members share the sink's partitions and Elasticsearch is down: the sink polls only to keep its
    membership, its partitions paused. The other member leaves (scaled down, crashed), and the sink takes over its
    partitions, which nobody paused: a keep-alive poll gets their records. They are put back (read again once
    Elasticsearch answers), not dropped."""
    docs = [_enriched(i) for i in range(600)]
    names = Names.from_settings(settings)
    _send(settings, [(d.id.encode(), d.model_dump_json().encode()) for d in docs])
    other = RdConsumer([names.enriched], bootstrap_timeout_s=10, bootstrap_servers=settings.kafka_bootstrap,
                       group_id=names.group(STAGE), auto_offset_reset="earliest", enable_auto_commit=False,
                       max_poll_interval_ms=10_000)
    with FaultyProxy(settings.es_url, settings.es_basic_auth()) as proxy:
        sink, stop, runner = _sink_behind(proxy, settings, backoff_max=2)
        try:
            deadline = time.monotonic() + 30
            while not other.assignment():
                other.poll(timeout_ms=200, max_records=1)  # read, never committed
                assert time.monotonic() < deadline, "the other member never got a partition"
            runner.start()
            while True:
                mine = {tp for tp in sink.consumer.assignment() if tp.topic == names.enriched}
                theirs = other.assignment()
                if mine and theirs and len(mine | theirs) == settings.topic_partitions and not mine & theirs:
                    break
                other.poll(timeout_ms=200, max_records=1)  # both members hold a share
                assert time.monotonic() < deadline, "the group never shared its partitions"
            time.sleep(3)  # the sink's first writes failed: it waits with its partitions paused
        finally:
            other.close()  # it leaves: the sink takes over its partitions, unpaused
        time.sleep(8)  # keep-alive polls with the partitions taken over
        assert runner.is_alive() and sink.stats.written == 0
        proxy.down = False
        deadline = time.monotonic() + 90
        while _count(settings) < len(docs) and time.monotonic() < deadline:
            time.sleep(1)
        stop.set()
        runner.join(30)
        sink.close()
    assert _count(settings) == 600
    assert _dlq(settings) == []


# -- the desk's indices: months, aliases, alerts, idempotence, outages, credentials ---------------------------


def _alert(n: int, story: str = "s1", when: datetime | None = None) -> AlertEvent:
    return AlertEvent(
        alert_id=f"{story}-r{n}", kind="new" if n == 1 else "update", story_id=story, revision=n, severity="high",
        rules=[RuleRef(rule="casualties", severity="high", label_ar="ضحايا", label_en="Casualties")],
        headline="مقتل 27 شخصا في غارة", headline_url="https://example.org/a",
        figures=[Figure(kind="killed", count=27, qualifier="at_least")], countries=["PS"],
        outlets=[Outlet(article_id="0" * 32, source="a", url="https://example.org/a", title="t"),
                 Outlet(article_id="1" * 32, source="b", url="https://example.org/b", title="t")],
        story_size=2, event_time=when or datetime.now(UTC))


def _send_to(settings: Settings, topic: str, items: list[tuple[bytes, bytes]]) -> None:
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    for key, value in items:
        producer.send(topic, key=key, value=value)
    producer.flush()
    producer.close()


def _run(settings: Settings, **kwargs: Any) -> SinkStats:
    sink = ElasticsearchSink(settings, **kwargs)
    try:
        return sink.run(idle_exit_s=3)
    finally:
        sink.close()


def _fresh_group(settings: Settings) -> Settings:
    return settings.model_copy(update={"consumer_group_prefix": f"{settings.consumer_group_prefix}x"})


def test_the_same_batch_twice_gives_the_same_count(settings: Settings) -> None:
    names = Names.from_settings(settings)
    docs = [_enriched(i) for i in range(20)]
    alerts = [_alert(1), _alert(2), _alert(1, story="s2")]
    _send(settings, [(d.id.encode(), d.model_dump_json().encode()) for d in docs])
    _send_to(settings, names.alerts, [(a.story_id.encode(), a.model_dump_json().encode()) for a in alerts])
    first = _run(settings)
    assert (first.indexed, first.dead_lettered) == (23, 0)
    counts = (_count(settings), _count(settings, names.alerts_index))
    assert counts == (20, 3)
    # The same messages again, read by a new group (a replay from the start): same documents, same counts.
    again = _run(_fresh_group(settings))
    assert again.indexed == 23
    assert (_count(settings), _count(settings, names.alerts_index)) == counts


def test_an_alert_replay_keeps_what_the_slack_sink_wrote(settings: Settings) -> None:
    names = Names.from_settings(settings)
    alert = _alert(1)
    _send_to(settings, names.alerts, [(b"s1", alert.model_dump_json().encode())])
    _run(settings)
    es = elasticsearch_client(settings)
    index = indices.alerts(names).index_for(alert.event_time)
    es.update(index=index, id=alert.alert_id, doc={"delivered_at": "2026-12-01T10:00:00Z", "slack_status": "sent"},
              refresh=True)
    _run(_fresh_group(settings))
    doc = es.get(index=index, id=alert.alert_id)["_source"]
    es.close()
    assert doc["slack_status"] == "sent" and doc["delivered_at"] == "2026-12-01T10:00:00Z"
    assert doc["outlet_count"] == 2 and doc["killed_max"] == 27 and doc["rule"] == ["casualties"]


def test_last_months_article_lands_in_last_months_index_and_is_found_through_the_alias(settings: Settings) -> None:
    names = Names.from_settings(settings)
    now = datetime.now(UTC)
    last_month = (now.replace(day=1) - timedelta(days=1)).replace(hour=12)
    old = _enriched(1).model_copy(update={"published": last_month})
    undated = _enriched(2)  # no published date: the month of its fetch time (now)
    _send(settings, [(d.id.encode(), d.model_dump_json().encode()) for d in (old, undated)])
    assert _run(settings).indexed == 2
    family = indices.articles(names)
    es = elasticsearch_client(settings)
    es.indices.refresh(index=names.articles_index)
    try:
        assert es.get(index=family.index_for(last_month), id=old.id)["found"]
        assert es.get(index=family.index_for(now), id=undated.id)["found"]
        hits = es.search(index=names.articles_index, query={"ids": {"values": [old.id, undated.id]}})["hits"]
        assert {h["_id"]: h["_index"] for h in hits["hits"]} == {old.id: family.index_for(last_month),
                                                                 undated.id: family.index_for(now)}
        in_range = es.count(index=names.articles_index, query={"range": {"event_time": {
            "gte": last_month.replace(day=1, hour=0).isoformat(), "lt": now.replace(day=1, hour=0).isoformat()}}})
        assert in_range["count"] == 1
    finally:
        es.close()


def test_a_mapping_conflict_is_dead_lettered_with_the_reason_and_the_others_are_indexed(settings: Settings) -> None:
    """The real template, a real conflict: a place whose latitude is out of range is no geo_point."""
    good = [_enriched(i) for i in range(4)]
    art = _enriched(9)
    bad = art.model_copy(update={"analysis": art.analysis.model_copy(update={"places": [
        Place(name="مكان", country="SD", lat=215.0, lon=30.0)]})})
    _send(settings, [(d.id.encode(), d.model_dump_json().encode()) for d in (*good[:2], bad, *good[2:])])
    stats = _run(settings)
    assert (stats.indexed, stats.dead_lettered) == (4, 1)
    [letter] = _dlq(settings)
    assert letter["key"] == bad.id and f"rejected document {bad.id} (status 400)" in letter["reason"]
    assert "place_points" in letter["reason"]
    assert _count(settings) == 4


def test_a_poison_alert_goes_to_the_alerts_dlq(settings: Settings) -> None:
    names = Names.from_settings(settings)
    _send_to(settings, names.alerts, [(b"s9", b'{"schema_version": 2, "kind": "new"}')])
    stats = _run(settings)
    assert stats.dead_lettered == 1
    consumer = KafkaConsumer(names.dlq(names.alerts), bootstrap_servers=settings.kafka_bootstrap,
                             auto_offset_reset="earliest", consumer_timeout_ms=3000)
    [letter] = [json.loads(m.value) for m in consumer]
    consumer.close()
    assert letter["key"] == "s9" and "invalid alert event" in letter["reason"]


def test_wrong_credentials_are_a_clear_start_up_error(settings: Settings, tmp_path: Path) -> None:
    wrong = settings.model_copy(update={"es_username": "elastic", "es_password": SecretStr("wrong-password-1")})
    with pytest.raises(ConfigError, match=r"refused the credentials of user 'elastic' .*401.*will not retry"):
        ElasticsearchSink(wrong)
    # The command: one line on stderr, exit code 2, no traceback, in seconds (not a retry loop).
    env = {**os.environ, "MEDIAMON_ES_URL": settings.es_url, "MEDIAMON_ES_USERNAME": "elastic",
           "MEDIAMON_ES_PASSWORD": "wrong-password-1", "MEDIAMON_SECRETS_DIR": str(tmp_path),
           "MEDIAMON_KAFKA_BOOTSTRAP": settings.kafka_bootstrap, "MEDIAMON_TOPIC_PREFIX": settings.topic_prefix}
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "mediamon.cli", "sink", "elasticsearch"], env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2, proc.stderr
    assert "mediamon: error: Elasticsearch at" in proc.stderr and "Traceback" not in proc.stderr
    assert "wrong-password-1" not in proc.stderr
    assert time.monotonic() - started < 30


def test_elasticsearch_down_for_60_s_while_300_articles_flow(settings: Settings) -> None:
    """300 articles arrive in three waves; Elasticsearch is unreachable for 60 s from the second wave on. When
    it is back, all 300 are indexed once each, none is dead-lettered, and the offsets are committed."""
    host, port = settings.es_url.removeprefix("http://").split(":")
    gate = TcpGate((host, int(port)))
    through = settings.model_copy(update={"es_url": gate.url})
    docs = [_enriched(i) for i in range(300)]
    sink = ElasticsearchSink(through, batch_size=50, backoff=Backoff(initial=0.5, maximum=4.0))
    stop = threading.Event()
    runner = threading.Thread(target=sink.run, args=(stop,), daemon=True)
    runner.start()
    try:
        _send(settings, [(d.id.encode(), d.model_dump_json().encode()) for d in docs[:100]])
        deadline = time.monotonic() + 60
        while sink.stats.indexed < 100 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert sink.stats.indexed == 100
        gate.down()
        down_at = time.monotonic()
        for wave in (docs[100:200], docs[200:]):
            _send(settings, [(d.id.encode(), d.model_dump_json().encode()) for d in wave])
            time.sleep(20)
        assert sink.stats.indexed == 100 and sink.stats.retries > 0  # nothing got through meanwhile
        time.sleep(max(0.0, 60 - (time.monotonic() - down_at)))
        gate.up()
        deadline = time.monotonic() + 90
        while sink.stats.indexed < 300 and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        stop.set()
        runner.join(60)
        sink.close()
        gate.down()
    assert (sink.stats.indexed, sink.stats.dead_lettered, sink.stats.skipped) == (300, 0, 0)
    assert _dlq(settings) == []
    assert _count(settings) == 300
    es = elasticsearch_client(settings)
    try:  # each document was written by one successful request: version 1
        found = es.search(index=Names.from_settings(settings).articles_index, size=300, version=True,
                          query={"match_all": {}})["hits"]["hits"]
        assert len(found) == 300 and {h["_version"] for h in found} == {1}
    finally:
        es.close()
    assert _run(settings).indexed == 0  # committed: nothing left for the group


# -- several bulk requests in flight: commits and order ---------------------------------------------------------------


def _send_one_partition(settings: Settings, docs: list[EnrichedArticle]) -> TopicPartition:
    """All of ``docs`` on one partition of articles.enriched (one key), in order; returns the partition."""
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    topic = Names.from_settings(settings).enriched
    futures = [producer.send(topic, key=b"one", value=d.model_dump_json().encode()) for d in docs]
    producer.flush()
    producer.close()
    [partition] = {f.get().partition for f in futures}
    return TopicPartition(topic, partition)


def _committed(settings: Settings, tp: TopicPartition) -> int | None:
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, enable_auto_commit=False,
                             group_id=Names.from_settings(settings).group(STAGE))
    try:
        return consumer.committed(tp)
    finally:
        consumer.close()


def test_a_slow_request_holds_back_the_commit_of_its_partition_but_not_the_other_writes(settings: Settings) -> None:
    """Four bulk requests in flight; the first one (offsets 0-9) is held 8 s. The later ones are indexed meanwhile,
    but nothing of the partition is committed past the held one until it is indexed; then all of it is."""
    docs = [_enriched(i) for i in range(40)]
    tp = _send_one_partition(settings, docs)
    with FaultyProxy(settings.es_url, settings.es_basic_auth()) as proxy:
        proxy.hold[docs[3].id] = 8.0
        through = settings.model_copy(update={"es_url": proxy.url})
        sink = ElasticsearchSink(through, batch_size=10, bulk_threads=4)
        stop = threading.Event()
        runner = threading.Thread(target=sink.run, args=(stop,), daemon=True)
        runner.start()
        try:
            assert proxy.held.wait(30)
            deadline = time.monotonic() + 30
            while sink.stats.written < 30 and time.monotonic() < deadline:
                time.sleep(0.1)
            assert sink.stats.written == 30  # the other three requests, while the first is held
            time.sleep(1.5)  # more than the commit interval
            assert _committed(settings, tp) is None
            deadline = time.monotonic() + 30
            while sink.stats.written < 40 and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            stop.set()
            runner.join(30)
            sink.close()
    assert (sink.stats.written, sink.stats.dead_lettered) == (40, 0)
    assert _committed(settings, tp) == 40
    assert _count(settings) == 40


def test_two_messages_for_one_id_are_never_in_flight_together_so_the_later_wins(settings: Settings) -> None:
    """One message per request, four requests in flight: the first version of an article is held 3 s by the
    proxy. The second version waits for it instead of overtaking it, so Elasticsearch ends with the second."""
    doc = _enriched(1)
    first, second = doc.model_copy(update={"title": "first"}), doc.model_copy(update={"title": "second"})
    others = [_enriched(i) for i in range(2, 6)]
    _send_one_partition(settings, [first, *others, second])
    with FaultyProxy(settings.es_url, settings.es_basic_auth()) as proxy:
        proxy.hold[doc.id] = 3.0
        stats = _run(settings.model_copy(update={"es_url": proxy.url}), batch_size=1, bulk_threads=4)
    assert (stats.written, stats.dead_lettered) == (6, 0)
    es = elasticsearch_client(settings)
    try:
        es.indices.refresh(index=Names.from_settings(settings).articles_index)
        found = es.search(index=Names.from_settings(settings).articles_index, query={"ids": {"values": [doc.id]}})
    finally:
        es.close()
    [hit] = found["hits"]["hits"]
    assert hit["_source"]["title"] == "second"
