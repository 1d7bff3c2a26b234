"""The Faust application, and nothing else (agents and topics live beside it)."""

from __future__ import annotations

import faust

from mediamon.settings import get_settings
from mediamon.topics import Names

settings = get_settings()
names = Names.from_settings(settings)

app = faust.App(
    names.group("processor"),
    broker=f"kafka://{settings.kafka_bootstrap}",
    store="memory://",
    key_serializer="raw",
    value_serializer="raw",
    web_enabled=False,
    producer_acks=-1,
    topic_replication_factor=1,
    topic_partitions=names.partitions,
    consumer_auto_offset_reset="earliest",
    autodiscover=False,
)
