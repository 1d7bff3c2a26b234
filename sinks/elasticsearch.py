"""Elasticsearch sink: one consumer group on ``articles.enriched`` and ``alerts``; articles and alert events go to
the monthly index of their event time (mediamon.indices), ``_id`` = article id / alert id, so a redelivery or a
replay overwrites instead of duplicating.

Built on the sink base (sinks/base.py), which owns the loop and the error policy. Here:
- bulk requests are bounded by count (MEDIAMON_ES_BATCH_SIZE documents) and by bytes (MEDIAMON_ES_BATCH_BYTES;
  a larger request is split); up to MEDIAMON_ES_BULK_THREADS of them are in flight at once (the base's pipelined
  loop) while the main thread polls and decodes the next batch; a request that fails as unreachable is retried
  alone (the others stay written), and offsets are committed only up to the finished prefix of each partition;
- a request's body is made as bytes (sinks/bulkbody.py: an action line, then the document's own JSON bytes) and
  sent as it is (``BytesNdjson``) with one ``bulk`` call whose answer is cut to each item's status and error; the
  items Elasticsearch answers 429/502/503/504 for are sent again alone, with backoff, a few times; items still not
  placed are handed back to the base as transient, the others are never sent twice;
- a document Elasticsearch refuses (400 mapping conflict, bad geo point, immense term...) is a ``Rejected`` item:
  dead-lettered to its topic's DLQ with Elasticsearch's reason, and the batch goes on;
- a request refused as a whole (a 4xx for the request, not per item) is a ``Rejected`` write: the base splits it;
- connection errors, timeouts, 5xx and 401/403 in mid-run (a password rotated under us) are ``SinkUnavailable``:
  the base waits and tries again, nothing is dead-lettered or committed meanwhile;
- at start-up, wrong credentials are a ``ConfigError`` (one clear line, exit code 2), not a retry loop.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Hashable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from elastic_transport import ConnectionError as ESConnectionError
from elastic_transport import ConnectionTimeout, TransportError
from elasticsearch import ApiError, Elasticsearch
from elasticsearch.serializer import (
    CompatibilityModeJsonSerializer,
    CompatibilityModeNdjsonSerializer,
    JsonSerializer,
    NdjsonSerializer,
)
from kafka.consumer.fetcher import ConsumerRecord
from pydantic_core import PydanticSerializationError, from_json, to_json

from mediamon import indices
from mediamon.codec import decode
from mediamon.elastic import EsOptions, check_access, connect, who
from mediamon.errors import Rejected, SinkUnavailable
from mediamon.schema import AlertEvent, EnrichedArticle
from mediamon.settings import Settings
from mediamon.sinks.base import Backoff, Item, Sink, WriteResult
from mediamon.sinks.bulkbody import Operation, body, index_operation, requests, upsert_operation
from mediamon.sinks.documents import ArticleDoc, alert_document, article_doc
from mediamon.sinks.fastpath import current_document
from mediamon.topics import Names

log = logging.getLogger(__name__)

STAGE = "sink-elasticsearch"
TRANSIENT_STATUS = (429, 502, 503, 504)
# The bulk response, per item, cut to what the sink reads (status, error); an item is matched to its operation by
# position (every item keeps its status, so none is left out of the list).
BULK_FILTER = "items.*.status,items.*.error"
BULK_BACKOFF_S = 0.5  # before the first retry of throttled items; doubled each time up to BULK_MAX_BACKOFF_S
BULK_MAX_BACKOFF_S = 10.0
AUTH_STATUS = (401, 403)
FETCH_BYTES = 2 * 1024 * 1024  # per partition and fetch, at most (see __init__)
Doc = ArticleDoc | AlertEvent
M = TypeVar("M", EnrichedArticle, AlertEvent)


def decode_enriched(value: bytes | None) -> EnrichedArticle:
    return _decode(value, EnrichedArticle, "enriched article")


def decode_article_doc(value: bytes | None) -> ArticleDoc:
    """The document of an ``articles.enriched`` message: a current message in our own form the fast way
    (sinks/fastpath.py: one JSON parse, no model), anything else through the model and the tolerant reader (which
    upcasts, ignores unknown fields and names why a message is poison). Both give the same document."""
    if value is not None:
        doc = current_document(value)
        if doc is not None:
            return doc
    return article_doc(decode_enriched(value))


def decode_alert(value: bytes | None) -> AlertEvent:
    return _decode(value, AlertEvent, "alert event")


def _decode(value: bytes | None, model: type[M], what: str) -> M:
    """The common case, a current-version message with no unknown field, in one strict pass of pydantic's JSON
    parser (several times faster); anything else through the tolerant reader, which upcasts, ignores unknown
    fields and names why a message is poison."""
    if value is not None:
        try:
            return model.model_validate_json(value)
        except ValueError:
            pass
    return decode(value, model, what)


class RustJson(JsonSerializer):
    """pydantic_core's JSON (Rust) for the sink's own client: it parses each bulk response (cut to each item's
    status and error) and serialises any other request's body. The sink sends JSON's own types only (str,
    numbers, lists, dicts); anything else goes to the client's encoder."""

    def json_dumps(self, data: Any) -> bytes:
        try:
            return to_json(data)
        except PydanticSerializationError:
            return super().json_dumps(data)

    def json_loads(self, data: bytes) -> Any:
        return from_json(data)


class CompatibleRustJson(RustJson):
    mimetype = CompatibilityModeJsonSerializer.mimetype


class BytesNdjson(NdjsonSerializer):
    """A bulk body the sink made as bytes (sinks/bulkbody.py: every line ends in a newline) goes as it is; the
    client's own serializer copies it twice (into a bytearray, then back to bytes: ~0.55 ms for a 1.5 MB request,
    1.1 us a document) to give the same bytes. Anything else is the client's serializer's."""

    def dumps(self, data: Any) -> bytes:
        if type(data) is bytes and data.endswith(b"\n"):
            return data
        return super().dumps(data)


class CompatibleBytesNdjson(BytesNdjson):
    mimetype = CompatibilityModeNdjsonSerializer.mimetype


SERIALIZERS = {RustJson.mimetype: RustJson(), CompatibleRustJson.mimetype: CompatibleRustJson(),
               BytesNdjson.mimetype: BytesNdjson(), CompatibleBytesNdjson.mimetype: CompatibleBytesNdjson()}


class ElasticsearchSink(Sink[Doc]):
    stage = STAGE

    def __init__(self, settings: Settings, *, batch_size: int | None = None, batch_bytes: int | None = None,
                 es: Elasticsearch | None = None, topics: Sequence[str] | None = None, bulk_retries: int = 3,
                 backoff: Backoff | None = None, heartbeat: Path | None = None,
                 bulk_threads: int | None = None, max_poll_interval_ms: int = 300_000,
                 linger_ms: int | None = None) -> None:
        """``heartbeat``: a file touched on every poll for the container's healthcheck (default: in state_dir)."""
        names = Names.from_settings(settings)
        options = EsOptions.of(settings)
        self.es = es or connect(settings, serializers=SERIALIZERS)
        try:
            check_access(self.es, settings)  # wrong credentials: one clear error before any Kafka client exists
        except SinkUnavailable as exc:
            log.warning("%s: %s; the sink starts and waits for it", STAGE, exc)
        except Exception:
            self.es.close()
            raise
        self.bulk_size = batch_size or options.batch_size
        self.bulk_threads = max(1, bulk_threads or options.bulk_threads)
        self.batch_bytes = batch_bytes or options.batch_bytes
        # One poll makes one bulk request; up to bulk_threads of them are in flight while the next is read. A
        # fetch of a request's bytes per partition, up to FETCH_BYTES, keeps polls served from the consumer's
        # prefetched queue (a record larger than that still comes, alone). A poll lingers for its batch
        # (es_batch_linger_ms): at 200 articles/s, a bulk request per record cost Elasticsearch 1.5-2.8 ms of CPU
        # per document, one per 50 ms 0.55-0.75 ms (docs/BENCHMARKS.md).
        super().__init__(settings, topics or [names.enriched, names.alerts], batch_size=self.bulk_size,
                         backoff=backoff, max_poll_interval_ms=max_poll_interval_ms, concurrency=self.bulk_threads,
                         fetch_bytes=min(self.batch_bytes, FETCH_BYTES),
                         linger_ms=options.batch_linger_ms if linger_ms is None else linger_ms)
        self.articles = indices.articles(names)
        self.alerts = indices.alerts(names)
        self.bulk_retries = bulk_retries
        self.heartbeat = heartbeat or settings.state_dir / f"{STAGE}.alive"
        self._beat_at = 0.0
        self._indices: dict[tuple[str, int, int], str] = {}
        self._alerts_topic = names.alerts

    # -- decode and write ------------------------------------------------------------------------------

    def decode(self, record: ConsumerRecord) -> Doc:
        if record.topic == self._alerts_topic:
            return decode_alert(record.value)
        return decode_article_doc(record.value)

    def ordering_key(self, item: Item[Doc]) -> Hashable:
        """The document's id: two messages for one id are never in two bulk requests in flight at once."""
        doc = item.value
        return doc.alert_id if isinstance(doc, AlertEvent) else doc.id

    def operation(self, position: int, doc: Doc) -> Operation:
        if isinstance(doc, AlertEvent):
            return upsert_operation(position, self._index(self.alerts, doc.event_time), doc.alert_id,
                                    alert_document(doc))
        return index_operation(position, self._index(self.articles, doc.event_time), doc.id, doc.source)

    def _index(self, family: indices.IndexFamily, when: datetime) -> str:
        """``family.index_for(when)``, remembered per month for UTC (and naive) times: one lookup per document."""
        if when.utcoffset():
            return family.index_for(when)
        key = (family.alias, when.year, when.month)
        index = self._indices.get(key)
        if index is None:
            index = self._indices[key] = family.index_for(when)
        return index

    def write(self, items: list[Item[Doc]]) -> WriteResult:
        """One bulk request (more when it exceeds the batch size or bytes); safe to run in several threads."""
        # The last message for an id wins, as it would after a replay; earlier ones of the batch are superseded.
        latest: dict[tuple[str, str], Operation] = {}
        for position, item in enumerate(items):
            operation = self.operation(position, item.value)
            key = (operation.index_name, operation.id)
            latest.pop(key, None)  # so that the order of the request is the order of the last messages
            latest[key] = operation
        result = WriteResult()
        if len(latest) < len(items):
            kept = {operation.position for operation in latest.values()}
            result.skipped = {i for i in range(len(items)) if i not in kept}
        # A list longer than a request (a replay's batch) goes as several, one after another: the concurrency is
        # the base's, one write per thread.
        chunks = list(requests(latest.values(), self.bulk_size, self.batch_bytes))
        down: list[SinkUnavailable] = []
        for chunk in chunks:
            outcome = self._bulk(chunk)
            if isinstance(outcome, SinkUnavailable):  # only this chunk is tried again; the others are written
                down.append(outcome)
                for operation in chunk:
                    result.retry[operation.position] = outcome
                continue
            if isinstance(outcome, Rejected):
                raise outcome
            for operation, detail in outcome:
                self._classify(operation, detail, result)
        if down and len(down) == len(chunks):
            raise down[0]
        return result

    def _bulk(self, chunk: list[Operation]) -> list[tuple[Operation, dict[str, Any]]] | SinkUnavailable | Rejected:
        """One bulk request; the items Elasticsearch answered 429/502/503/504 for are sent again alone (at most
        ``bulk_retries`` times, with backoff), the others never twice. Returns the items that failed and what
        Elasticsearch said of each, or why the request failed as a whole."""
        pending = chunk
        failed: list[tuple[Operation, dict[str, Any]]] = []
        for attempt in range(self.bulk_retries + 1):
            if attempt:
                time.sleep(min(BULK_MAX_BACKOFF_S, BULK_BACKOFF_S * 2 ** (attempt - 1)))
            last = attempt == self.bulk_retries
            try:
                answer = self._send(body(pending))
            except (ESConnectionError, ConnectionTimeout) as exc:
                return SinkUnavailable(f"elasticsearch unreachable: {type(exc).__name__}")
            except ApiError as exc:
                if exc.status_code in TRANSIENT_STATUS and not last:
                    continue  # the whole request throttled: all of it again, after the backoff
                if exc.status_code in TRANSIENT_STATUS or exc.status_code >= 500 or exc.status_code in AUTH_STATUS:
                    return SinkUnavailable(self._status_text(exc.status_code))
                return Rejected(f"elasticsearch refused the request ({exc.status_code}): {_reason(exc.body)}")
            except TransportError as exc:
                return SinkUnavailable(f"elasticsearch transport error: {type(exc).__name__}")
            again: list[Operation] = []
            for operation, item in zip(pending, answer, strict=True):
                detail = next(iter(item.values()))
                status = int(detail.get("status") or 500)
                if 200 <= status < 300:
                    continue
                if status in TRANSIENT_STATUS and not last:
                    again.append(operation)
                else:
                    failed.append((operation, detail))
            if not again:
                break
            pending = again
        return failed

    def _send(self, payload: bytes) -> list[dict[str, Any]]:
        """POST ``payload`` to _bulk; the items of the answer, each cut to its status and error (BULK_FILTER)."""
        response = self.es.bulk(operations=cast(Any, payload), filter_path=BULK_FILTER)
        items: list[dict[str, Any]] = response.body.get("items", [])
        return items

    def _status_text(self, status: int) -> str:
        if status in AUTH_STATUS:
            return (f"elasticsearch refused {who(self.settings)} ({status}): fix the credentials or the role; "
                    "nothing is committed meanwhile")
        return f"elasticsearch answered {status}"

    def _classify(self, operation: Operation, detail: dict[str, Any], result: WriteResult) -> None:
        status = int(detail.get("status") or 500)
        if status in AUTH_STATUS:
            raise SinkUnavailable(self._status_text(status))
        if status in TRANSIENT_STATUS or status >= 500:
            result.retry[operation.position] = SinkUnavailable(f"elasticsearch answered {status} for {operation.id}")
        else:
            result.failed[operation.position] = Rejected(
                f"elasticsearch rejected document {operation.id} (status {status}): {_reason(detail.get('error'))}")

    # -- liveness ---------------------------------------------------------------------------------------

    def on_poll(self) -> None:
        now = time.time()
        if now - self._beat_at < 1.0:  # the pipelined loop polls often; the file says seconds
            return
        self._beat_at = now
        try:  # the container's healthcheck reads its age
            self.heartbeat.parent.mkdir(parents=True, exist_ok=True)
            self.heartbeat.write_text(f"{now:.0f}\n")
        except OSError as exc:
            log.debug("heartbeat %s not written: %s", self.heartbeat, exc)

    def close(self) -> None:
        super().close()
        self.es.close()


def _reason(error: object) -> str:
    """Elasticsearch's own reason, short (type and reason of the root cause when there is one)."""
    if isinstance(error, dict):
        inner = error.get("error", error)
        if isinstance(inner, dict):
            text = f"{inner.get('type', '')}: {inner.get('reason', '')}"
            cause = inner.get("caused_by")
            if isinstance(cause, dict):
                text += f" (caused by {cause.get('type', '')}: {cause.get('reason', '')})"
            return text[:1000]
    return str(error)[:1000]
