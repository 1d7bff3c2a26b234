"""Idempotent creation of Kafka topics and the Elasticsearch index template (``mediamon setup``)."""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path
from typing import Any

from kafka import KafkaAdminClient
from kafka.admin import ConfigResource, ConfigResourceType, NewTopic
from kafka.errors import TopicAlreadyExistsError

from mediamon.clients import elasticsearch_client
from mediamon.settings import Settings
from mediamon.topics import Names, TopicConfig

log = logging.getLogger(__name__)

TEMPLATE_FILE = Path(__file__).with_name("index_template.json")


def ensure_topics(settings: Settings) -> list[str]:
    """Create every registered topic that is missing, and set retention and cleanup policy on those that exist
    (from the registry and settings). Returns the names created now."""
    names = Names.from_settings(settings)
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap, client_id="mediamon-setup")
    try:
        existing = set(admin.list_topics())
        configs = names.topic_configs()
        new = [NewTopic(c.name, c.partitions, 1, topic_configs=c.configs) for c in configs if c.name not in existing]
        if new:
            with contextlib.suppress(TopicAlreadyExistsError):  # another process won the race
                admin.create_topics(new, timeout_ms=30_000)
        _align_configs(admin, [c for c in configs if c.name in existing])
        return [t.name for t in new]
    finally:
        admin.close()


def _align_configs(admin: KafkaAdminClient, configs: list[TopicConfig]) -> None:
    """Bring retention and cleanup policy of existing topics to what the registry says (idempotent)."""
    if not configs:
        return
    resources = [ConfigResource(ConfigResourceType.TOPIC, c.name) for c in configs]
    described: dict[str, Any] = admin.describe_configs(resources)  # kafka-python 3: {"topic": {name: {key: {...}}}}
    current = {
        name: {key: str(entry.get("value")) for key, entry in entries.items()}
        for name, entries in described.get("topic", {}).items()
    }
    changed = [c for c in configs if any(current.get(c.name, {}).get(k) != v for k, v in c.configs.items())]
    if changed:
        admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, c.name, configs=c.configs) for c in changed])
        log.info("topic configs updated: %s", ", ".join(c.name for c in changed))


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
