"""Elasticsearch sink: its own consumer group on articles.enriched (and alerts), bulk-indexes with ``_id`` = the
message's id, so a redelivery or a replay overwrites instead of duplicating.

Built on the sink base (sinks/base.py), which owns the loop and the error policy. Here:
- ``streaming_bulk`` retries the items Elasticsearch answers 429/502/503/504 for, alone, with its own backoff
  (``max_retries``, ``initial_backoff``, ``retry_on_status``); items it still could not place are handed back
  to the base as transient, the others are never sent twice;
- a document Elasticsearch refuses (400 mapping conflict, immense term...) is a ``Rejected`` item: dead-lettered
  with Elasticsearch's reason;
- a request refused as a whole (a 4xx for the request, not per item) is a ``Rejected`` write: the base splits it;
- connection errors and timeouts are ``SinkUnavailable``: the base waits and tries again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from elastic_transport import ConnectionError as ESConnectionError
from elastic_transport import ConnectionTimeout, TransportError
from elasticsearch import ApiError, Elasticsearch
from elasticsearch.helpers import streaming_bulk
from kafka.consumer.fetcher import ConsumerRecord

from mediamon.clients import elasticsearch_client
from mediamon.codec import decode
from mediamon.errors import Rejected, SinkUnavailable
from mediamon.schema import EnrichedArticle
from mediamon.settings import Settings
from mediamon.sinks.base import Backoff, Item, Sink, WriteResult
from mediamon.sinks.documents import bulk_action
from mediamon.topics import Names

log = logging.getLogger(__name__)

STAGE = "sink-elasticsearch"
TRANSIENT_STATUS = (429, 502, 503, 504)


def decode_enriched(value: bytes | None) -> EnrichedArticle:
    return decode(value, EnrichedArticle, "enriched article")


class ElasticsearchSink(Sink[EnrichedArticle]):
    stage = STAGE

    def __init__(self, settings: Settings, *, batch_size: int = 500, es: Elasticsearch | None = None,
                 topics: Sequence[str] | None = None, bulk_retries: int = 3, backoff: Backoff | None = None,
                 max_poll_interval_ms: int = 300_000) -> None:
        super().__init__(settings, topics or [Names.from_settings(settings).enriched], batch_size=batch_size,
                         backoff=backoff, max_poll_interval_ms=max_poll_interval_ms)
        self.index = self.names.articles_index
        self.source_topic = self.names.enriched
        self.dlq_topic = self.names.dlq(self.names.enriched)
        self.es = es or elasticsearch_client(settings)
        self.bulk_retries = bulk_retries

    def decode(self, record: ConsumerRecord) -> EnrichedArticle:
        return decode_enriched(record.value)

    def write(self, items: list[Item[EnrichedArticle]]) -> WriteResult:
        # The last message for an id wins, as it would after a replay; earlier ones of the batch are superseded.
        last: dict[str, int] = {}
        for position, item in enumerate(items):
            last[item.value.id] = position
        result = WriteResult(skipped={i for i in range(len(items)) if last[items[i].value.id] != i})
        positions = sorted(last.values())
        actions = [bulk_action(self.index, items[i].value) for i in positions]
        try:
            outcomes = streaming_bulk(
                self.es, actions, chunk_size=len(actions), max_retries=self.bulk_retries, initial_backoff=0.5,
                max_backoff=10, retry_on_status=TRANSIENT_STATUS, raise_on_error=False, raise_on_exception=False,
                yield_ok=True,
            )
            by_id = {items[i].value.id: i for i in positions}
            for ok, info in outcomes:
                if ok:
                    continue
                _, detail = next(iter(info.items()))
                self._classify(detail, by_id, result)
        except (ESConnectionError, ConnectionTimeout) as exc:
            raise SinkUnavailable(f"elasticsearch unreachable: {type(exc).__name__}") from exc
        except ApiError as exc:  # a retryable status that outlived streaming_bulk's retries, for the request
            if exc.status_code in TRANSIENT_STATUS or exc.status_code >= 500:
                raise SinkUnavailable(f"elasticsearch answered {exc.status_code}") from exc
            raise Rejected(f"elasticsearch refused the request ({exc.status_code}): {_reason(exc.body)}") from exc
        except TransportError as exc:
            raise SinkUnavailable(f"elasticsearch transport error: {type(exc).__name__}") from exc
        return result

    def _classify(self, detail: dict[str, Any], by_id: dict[str, int], result: WriteResult) -> None:
        doc_id = str(detail.get("_id"))
        position = by_id[doc_id]
        status = int(detail.get("status") or 0)
        reason = _reason(detail.get("error"))
        if status in TRANSIENT_STATUS or status >= 500:
            result.retry[position] = SinkUnavailable(f"elasticsearch answered {status} for {doc_id}")
        elif "exception" in detail:
            # The request as a whole was refused (e.g. one id over 512 bytes): split, so only the bad one fails.
            raise Rejected(f"elasticsearch refused the request ({status}): {reason}")
        else:
            result.failed[position] = Rejected(f"elasticsearch rejected document {doc_id} (status {status}): {reason}")

    def close(self) -> None:
        super().close()
        self.es.close()


def _reason(error: object) -> str:
    """Elasticsearch's own reason, short (type and reason of the root cause when there is one)."""
    if isinstance(error, dict):
        inner = error.get("error", error)
        if isinstance(inner, dict):
            return f"{inner.get('type', '')}: {inner.get('reason', '')}"[:1000]
    return str(error)[:1000]
