from __future__ import annotations

import logging

import pytest

from mediamon.ids import article_id
from mediamon.producers.kafka_out import SEND_ATTEMPTS, ArticleWriter
from mediamon.schema import Article
from mediamon.settings import Settings
from mediamon.topics import Names
from tests.producers.conftest import read_by_id


def _article(n: int) -> Article:
    url = f"https://news.example/a/{n}"
    return Article(id=article_id(url), url=url, source="تجربة", title=f"عنوان {n}", text=f"نص {n}")


def test_acknowledged_deliveries_carry_offsets(kafka_settings: Settings) -> None:
    articles = [_article(1), _article(2)]
    writer = ArticleWriter(kafka_settings.kafka_bootstrap, Names.from_settings(kafka_settings).raw)
    try:
        deliveries = writer.deliver(articles)
    finally:
        writer.close()
    assert [(d.article_id, d.ok) for d in deliveries] == [(articles[0].id, True), (articles[1].id, True)]
    assert all(d.partition is not None and d.offset is not None for d in deliveries)
    assert read_by_id(kafka_settings) == {a.id: a for a in articles}


@pytest.mark.parametrize("topic", ["illegal topic name!", "missing-topic-never-created"])
def test_failures_are_retried_then_reported_with_the_article_id(
    kafka_settings: Settings, caplog: pytest.LogCaptureFixture, topic: str
) -> None:
    # The broker does not auto-create topics: a missing topic fails like an unreachable partition.
    writer = ArticleWriter(kafka_settings.kafka_bootstrap, kafka_settings.topic_prefix + topic,
                           delivery_timeout_ms=1200)
    caplog.set_level(logging.WARNING, logger="mediamon.producers.kafka_out")
    try:
        deliveries = writer.deliver([_article(3)])
    finally:
        writer.close(timeout=5)
    assert [(d.article_id, d.ok) for d in deliveries] == [(_article(3).id, False)]
    assert deliveries[0].error
    ours = [r for r in caplog.records if r.name == "mediamon.producers.kafka_out"]
    errors = [r.getMessage() for r in ours if r.levelno == logging.ERROR]
    assert len(errors) == 1 and _article(3).id in errors[0] and f"after {SEND_ATTEMPTS} attempts" in errors[0]
    retries = [r for r in ours if r.levelno == logging.WARNING]
    assert len(retries) == SEND_ATTEMPTS - 1
