"""Faust topic handles for the processor (names come from mediamon.topics)."""

from __future__ import annotations

from mediamon.processors.app import app, names

raw_topic = app.topic(names.raw, key_type=bytes, value_type=bytes)
enriched_topic = app.topic(names.enriched, key_type=bytes, value_type=bytes)
alerts_topic = app.topic(names.alerts, key_type=bytes, value_type=bytes)
raw_dlq_topic = app.topic(names.dlq(names.raw), key_type=bytes, value_type=bytes)
