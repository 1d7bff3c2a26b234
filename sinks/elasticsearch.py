"""Elasticsearch sink: its own consumer group on articles.enriched, bulk-indexes with ``_id`` = article id.

Error policy at this boundary:
- undecodable or invalid messages -> articles.enriched.dlq with the reason (never retried);
- documents Elasticsearch rejects (4xx other than 429) -> articles.enriched.dlq with ES's reason;
- 429, 5xx and connection errors -> retried with exponential backoff, the batch is not committed;
- offsets are committed only after every record of the batch is indexed or dead-lettered (acknowledged).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

from elastic_transport import ConnectionError as ESConnectionError
from elastic_transport import ConnectionTimeout
from elasticsearch import Elasticsearch
from elasticsearch.helpers import BulkIndexError, bulk
from kafka import KafkaConsumer, KafkaProducer
from kafka.consumer.fetcher import ConsumerRecord
from tenacity import retry, retry_if_exception_type, stop_after_delay, wait_exponential

from mediamon.clients import elasticsearch_client
from mediamon.codec import decode
from mediamon.errors import PoisonMessage, SinkError
from mediamon.schema import DeadLetter, EnrichedArticle
from mediamon.settings import Settings
from mediamon.topics import Names
from sinks.documents import bulk_action

log = logging.getLogger(__name__)

STAGE = "sink-elasticsearch"
TRANSIENT_STATUS = {429, 500, 502, 503, 504}


class TransientIndexError(SinkError):
    """Elasticsearch could not take some documents now (429/5xx); the batch is retried."""


def decode_enriched(value: bytes | None) -> EnrichedArticle:
    return decode(value, EnrichedArticle, "enriched article")


@dataclass
class SinkStats:
    indexed: int = 0
    dead_lettered: int = 0
    batches: int = 0
    retries: int = 0
    last_error: str | None = None


class ElasticsearchSink:
    def __init__(self, settings: Settings, *, batch_size: int = 500, es: Elasticsearch | None = None) -> None:
        self.names = Names.from_settings(settings)
        self.index = self.names.articles_index
        self.source_topic = self.names.enriched
        self.dlq_topic = self.names.dlq(self.names.enriched)
        self.batch_size = batch_size
        self.es = es or elasticsearch_client(settings)
        self.consumer = KafkaConsumer(
            self.source_topic,
            bootstrap_servers=settings.kafka_bootstrap,
            group_id=self.names.group("sink-elasticsearch"),
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            max_poll_records=batch_size,
        )
        self.producer = KafkaProducer(
            bootstrap_servers=settings.kafka_bootstrap, acks="all", enable_idempotence=True, linger_ms=5
        )
        self.stats = SinkStats()

    # -- one batch -----------------------------------------------------------------------------------

    def handle_batch(self, records: list[ConsumerRecord]) -> None:
        good: list[tuple[ConsumerRecord, EnrichedArticle]] = []
        for record in records:
            try:
                good.append((record, decode_enriched(record.value)))
            except PoisonMessage as exc:
                self._dead_letter(record, exc)
        if good:
            self._index_with_retry(good)
        self.producer.flush()
        self.stats.batches += 1

    @retry(
        retry=retry_if_exception_type((TransientIndexError, ESConnectionError, ConnectionTimeout)),
        wait=wait_exponential(multiplier=0.5, max=30),
        stop=stop_after_delay(600),
        reraise=True,
    )
    def _index_with_retry(self, batch: list[tuple[ConsumerRecord, EnrichedArticle]]) -> None:
        by_id = {article.id: (record, article) for record, article in batch}
        # The last message for an id wins, as it would after a replay.
        actions = [bulk_action(self.index, article) for _, article in by_id.values()]
        try:
            ok, _ = bulk(self.es, actions, raise_on_error=True, raise_on_exception=True, stats_only=False)
            self.stats.indexed += ok
            return
        except BulkIndexError as exc:
            failures = exc.errors
        transient: list[tuple[ConsumerRecord, EnrichedArticle]] = []
        failed_ids = set()
        for item in failures:
            info: dict[str, Any] = next(iter(item.values()))
            doc_id = str(info.get("_id"))
            failed_ids.add(doc_id)
            record, article = by_id[doc_id]
            status = int(info.get("status", 0))
            if status in TRANSIENT_STATUS:
                transient.append((record, article))
            else:
                reason = info.get("error", {})
                self._dead_letter(record, SinkError(f"elasticsearch rejected document {doc_id} "
                                                    f"(status {status}): {reason}"))
        self.stats.indexed += len(by_id) - len(failed_ids)
        if transient:
            self.stats.retries += 1
            self.stats.last_error = f"{len(transient)} documents got 429/5xx"
            log.warning("elasticsearch asked to retry %d documents", len(transient))
            raise TransientIndexError(self.stats.last_error)

    def _dead_letter(self, record: ConsumerRecord, error: Exception) -> None:
        letter = DeadLetter.of(stage=STAGE, error=error, source_topic=record.topic, value=record.value,
                               key=record.key, partition=record.partition, offset=record.offset)
        self.producer.send(self.dlq_topic, key=record.key, value=letter.model_dump_json().encode()).get(30)
        self.stats.dead_lettered += 1
        log.warning("dead-lettered %s[%s]@%s: %s", record.topic, record.partition, record.offset, error)

    # -- the loop ------------------------------------------------------------------------------------

    def poll_once(self, timeout_ms: int = 1000) -> int:
        polled = self.consumer.poll(timeout_ms=timeout_ms, max_records=self.batch_size)
        records = [r for batch in polled.values() for r in batch]
        if not records:
            return 0
        self.handle_batch(records)
        self.consumer.commit()  # only after every record is indexed or dead-lettered
        return len(records)

    def run(self, stop: threading.Event | None = None, idle_exit_s: float | None = None) -> SinkStats:
        """Consume until ``stop`` is set, or until no message came for ``idle_exit_s`` seconds."""
        idle_since = time.monotonic()
        while stop is None or not stop.is_set():
            if self.poll_once():
                idle_since = time.monotonic()
            elif idle_exit_s is not None and time.monotonic() - idle_since > idle_exit_s:
                break
        return self.stats

    def close(self) -> None:
        self.producer.flush()
        self.producer.close()
        self.consumer.close()
        self.es.close()

