"""Idempotent creation of Kafka topics and the Elasticsearch index template (``mediamon setup``)."""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path
from typing import Any

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import TopicAlreadyExistsError

from mediamon.clients import elasticsearch_client
from mediamon.settings import Settings
from mediamon.topics import Names

log = logging.getLogger(__name__)

TEMPLATE_FILE = Path(__file__).with_name("index_template.json")
PARTITIONS = 3
# Dead letters are kept long enough for ops to inspect and replay them.
DLQ_RETENTION_MS = str(30 * 24 * 3600 * 1000)


def ensure_topics(settings: Settings, partitions: int = PARTITIONS) -> list[str]:
    """Create every mediamon topic that is missing. Returns the names created now."""
    names = Names.from_settings(settings)
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap, client_id="mediamon-setup")
    try:
        existing = set(admin.list_topics())
        wanted = [t for t in names.all_topics if t not in existing]
        new = [
            NewTopic(t, partitions, 1, topic_configs={"retention.ms": DLQ_RETENTION_MS} if t.endswith(".dlq")
                     else {})
            for t in wanted
        ]
        if new:
            with contextlib.suppress(TopicAlreadyExistsError):  # another process won the race
                admin.create_topics(new, timeout_ms=30_000)
        return wanted
    finally:
        admin.close()


def index_template(settings: Settings) -> dict[str, Any]:
    names = Names.from_settings(settings)
    body: dict[str, Any] = json.loads(TEMPLATE_FILE.read_text())
    body["index_patterns"] = [f"{names.articles_index}*"]
    return body


def ensure_index(settings: Settings) -> str:
    """Put the index template (idempotent: same name, same body) and create the index if missing."""
    names = Names.from_settings(settings)
    es = elasticsearch_client(settings)
    try:
        es.indices.put_index_template(name=names.articles_template, **index_template(settings))
        if not es.indices.exists(index=names.articles_index):
            es.indices.create(index=names.articles_index)
        return names.articles_index
    finally:
        es.close()


def setup_all(settings: Settings) -> None:
    created = ensure_topics(settings)
    log.info("topics created: %s", ", ".join(created) or "none (all existed)")
    index = ensure_index(settings)
    log.info("index ready: %s", index)
