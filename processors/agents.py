"""The enrichment agent: articles.raw -> articles.enriched (+ alerts), poison -> articles.raw.dlq.

At-least-once: each output is awaited until the broker acknowledged it before the event is acked, so
Faust only commits offsets of articles whose results are safely written. Keys are article ids, so a
replay overwrites rather than duplicates downstream.
"""

from __future__ import annotations

import logging
from typing import Any

from mediamon.processors.analyzer import analyze
from mediamon.processors.app import app, names
from mediamon.processors.enrich import enrich
from mediamon.processors.streams import alerts_topic, enriched_topic, raw_dlq_topic, raw_topic

from mediamon.errors import PoisonMessage
from mediamon.schema import DeadLetter

log = logging.getLogger(__name__)


async def _send(topic: Any, key: bytes | None, value: bytes) -> None:
    fut = await topic.send(key=key, value=value)
    await fut  # wait for the broker's acknowledgement


@app.agent(raw_topic)
async def enrich_articles(stream: Any) -> None:
    async for event in stream.events():
        message = event.message
        try:
            enriched = enrich(message.value, analyze)
        except PoisonMessage as exc:
            letter = DeadLetter.of(stage="processor", error=exc, source_topic=names.raw, value=message.value,
                                   key=message.key, partition=message.partition, offset=message.offset)
            log.warning("dead-lettered %s[%s]@%s: %s", names.raw, message.partition, message.offset, exc)
            await _send(raw_dlq_topic, message.key, letter.model_dump_json().encode())
            continue
        key = enriched.id.encode()
        await _send(enriched_topic, key, enriched.model_dump_json().encode())
        if enriched.analysis.alerts:
            await _send(alerts_topic, key, enriched.model_dump_json().encode())
