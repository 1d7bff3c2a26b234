"""The outbox and its delivery to the real Kafka: acknowledged, buffered while Kafka is away, refused."""

from __future__ import annotations

import logging
import time

import pytest

from mediamon.ids import article_id
from mediamon.producers.kafka_out import MAX_MESSAGE_BYTES, Deliverer, encode
from mediamon.producers.state import Queued, StateStore
from mediamon.schema import Article
from mediamon.settings import Settings
from mediamon.topics import Names
from tests.producers.conftest import create_topics, read_by_id
from tests.tcpgate import free_port


def _article(n: int) -> Article:
    url = f"https://news.example/a/{n}"
    return Article(id=article_id(url), url=url, source="تجربة", title=f"عنوان {n}", text=f"نص {n}")


def _queued(article: Article, topic: str) -> Queued:
    return Queued(article.id, topic, "feed", encode(article)[1])


def test_acknowledged_articles_leave_the_outbox_and_are_seen(kafka_settings: Settings) -> None:
    raw = Names.from_settings(kafka_settings).raw
    state = StateStore.in_dir(kafka_settings.state_dir)
    articles = [_article(1), _article(2)]
    state.enqueue(_queued(a, raw) for a in articles)
    assert all(state.is_seen(a.id) for a in articles)  # queued counts as seen: never fetched twice
    deliverer = Deliverer(kafka_settings.kafka_bootstrap, raw, state)
    try:
        result = deliverer.drain()
    finally:
        deliverer.close()
    assert [q.article_id for q in result.delivered] == [a.id for a in articles] and result.pending == 0
    assert state.queued_count() == 0 and all(state.is_seen(a.id) for a in articles)
    assert state.status("feed").emitted == 2
    assert read_by_id(kafka_settings) == {a.id: a for a in articles}


def test_a_missing_topic_keeps_articles_queued_until_it_exists(
    kafka_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    # The broker does not auto-create topics: a missing topic fails like an unreachable partition.
    late = kafka_settings.model_copy(update={"topic_prefix": kafka_settings.topic_prefix + "late-"})
    raw = Names.from_settings(late).raw
    state = StateStore.in_dir(late.state_dir)
    state.enqueue([_queued(_article(3), raw)])
    deliverer = Deliverer(late.kafka_bootstrap, raw, state, delivery_timeout_ms=1500)
    caplog.set_level(logging.WARNING, logger="mediamon.producers.kafka_out")
    try:
        failed = deliverer.drain()
        assert failed.delivered == [] and failed.pending == 1 and failed.error
        assert deliverer.drain().error == "backing off"  # no second attempt inside the backoff
        create_topics(late.kafka_bootstrap, [raw])
        done = deliverer.drain(force=True)
    finally:
        deliverer.close(timeout=5)
    assert [q.article_id for q in done.delivered] == [_article(3).id] and done.pending == 0
    lines = [r.getMessage() for r in caplog.records if r.name == "mediamon.producers.kafka_out"]
    assert len(lines) == 2 and "unavailable" in lines[0] and "reachable again" in lines[1]
    assert list(read_by_id(late)) == [_article(3).id]


def test_an_unreachable_broker_costs_no_wait_per_article(
    kafka_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    state = StateStore.in_dir(kafka_settings.state_dir)
    state.enqueue(_queued(_article(n), "x") for n in range(50))
    deliverer = Deliverer(f"127.0.0.1:{free_port()}", "x", state)
    caplog.set_level(logging.WARNING, logger="mediamon.producers.kafka_out")
    started = time.monotonic()
    for _ in range(3):
        result = deliverer.drain(force=True)
    assert time.monotonic() - started < 5
    assert result.pending == 50 and result.delivered == []
    warnings = [r.getMessage() for r in caplog.records if r.name == "mediamon.producers.kafka_out"]
    assert len(warnings) == 1 and "unavailable" in warnings[0] and "127.0.0.1:" in warnings[0]


def test_a_message_over_the_size_limit_is_refused_and_remembered(kafka_settings: Settings) -> None:
    raw = Names.from_settings(kafka_settings).raw
    state = StateStore.in_dir(kafka_settings.state_dir)
    small, huge = _article(4), _article(5)
    state.enqueue([_queued(small, raw), Queued(huge.id, raw, "feed", b"x" * (MAX_MESSAGE_BYTES + 1))])
    deliverer = Deliverer(kafka_settings.kafka_bootstrap, raw, state)
    try:
        result = deliverer.drain()
    finally:
        deliverer.close()
    assert [q.article_id for q in result.delivered] == [small.id]
    assert [s.entry.article_id for s in result.refused] == [huge.id] and result.pending == 0
    assert state.is_seen(huge.id)  # not fetched and refused again at every poll
    assert list(read_by_id(kafka_settings)) == [small.id]


def test_a_missing_audit_topic_never_holds_back_the_articles(
    kafka_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    raw = Names.from_settings(kafka_settings).raw
    state = StateStore.in_dir(kafka_settings.state_dir)
    audit = kafka_settings.topic_prefix + "audit-never-created"
    state.enqueue([_queued(_article(6), audit), _queued(_article(7), raw)])
    deliverer = Deliverer(kafka_settings.kafka_bootstrap, raw, state, delivery_timeout_ms=1500)
    caplog.set_level(logging.WARNING, logger="mediamon.producers.kafka_out")
    try:
        first = deliverer.drain()
        second = deliverer.drain()  # the failing audit topic is not tried again at once
    finally:
        deliverer.close(timeout=5)
    assert [q.article_id for q in first.delivered] == [_article(7).id] and first.pending == 1
    assert second.delivered == [] and second.pending == 1 and deliverer.up is True
    warnings = [r.getMessage() for r in caplog.records if r.name == "mediamon.producers.kafka_out"]
    assert len(warnings) == 1 and audit in warnings[0]
    assert list(read_by_id(kafka_settings)) == [_article(7).id]
