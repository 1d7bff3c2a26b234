"""Idempotent, acknowledged writes to Kafka (kafka-python), and the delivery loop that drains the outbox.

``acks="all"`` plus idempotence means a broker-side retry never duplicates a message, and we learn per
message whether the broker acknowledged it: only acknowledged ids leave the outbox and are marked seen.
Compression is gzip: Arabic news text shrinks about 3-4x, gzip needs no extra library in the producer
or in any consumer (aiokafka in Faust, the Java console tools), and our volume (a few articles per
second at peak) makes its CPU cost irrelevant next to lz4/zstd's extra dependencies.

Polls never wait for Kafka: accepted articles are queued durably in the state's outbox, and
:class:`Deliverer` sends the queue whenever the broker answers. During an outage it backs off
(1 s doubling to ``max_backoff``), logs one line when the broker goes away and one when it is back,
and a whole batch costs at most one delivery timeout, never one per article.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kafka import KafkaProducer
from kafka.errors import KafkaError, KafkaTimeoutError, MessageSizeTooLargeError

from mediamon.errors import BrokerUnavailable
from mediamon.producers.state import Queued, StateStore
from mediamon.schema import Article

log = logging.getLogger(__name__)

# The broker's and the client's default limit is 1 MiB per request; our articles are cut far below it
# (pipeline.MAX_TEXT_BYTES), this is the last guard.
MAX_MESSAGE_BYTES = 1_000_000
# An audit topic (articles.rejected) that cannot be written is tried again this often, never per drain.
AUDIT_RETRY_SECONDS = 60.0


@dataclass(frozen=True)
class Sent:
    entry: Queued
    ok: bool
    error: str = ""
    permanent: bool = False  # the broker will refuse it every time (too large)


def encode(article: Article) -> tuple[bytes, bytes]:
    return article.id.encode("utf-8"), article.model_dump_json().encode("utf-8")


def probe(bootstrap: str, timeout: float = 3.0) -> str | None:
    """None if a TCP connection to some bootstrap server opens, else the reason (fast when refused)."""
    errors = []
    for server in bootstrap.split(","):
        host, _, port = server.strip().rpartition(":")
        try:
            with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
                return None
        except (OSError, ValueError) as exc:
            errors.append(f"{server.strip()}: {exc}")
    return "; ".join(errors) or "no bootstrap server"


def require_broker(bootstrap: str, timeout: float = 5.0) -> None:
    """Raise :class:`BrokerUnavailable` naming the broker when no bootstrap server answers."""
    reason = probe(bootstrap, timeout)
    if reason is not None:
        raise BrokerUnavailable(f"Kafka broker {bootstrap} unreachable ({reason})")


class ArticleWriter:
    """Wraps one KafkaProducer; :meth:`send` reports one :class:`Sent` per outbox entry."""

    def __init__(self, bootstrap: str, *, delivery_timeout_ms: int = 30000, max_block_ms: int = 5000) -> None:
        self.delivery_timeout = delivery_timeout_ms / 1000
        try:
            self._producer = KafkaProducer(
                bootstrap_servers=bootstrap.split(","),
                acks="all",
                enable_idempotence=True,
                compression_type="gzip",
                linger_ms=20,
                retries=2**31 - 1,
                delivery_timeout_ms=delivery_timeout_ms,
                request_timeout_ms=min(15000, delivery_timeout_ms // 2),
                max_block_ms=min(max_block_ms, delivery_timeout_ms),
                max_request_size=MAX_MESSAGE_BYTES + 48_576,
                client_id="mediamon-producer",
            )
        except KafkaError as exc:
            raise BrokerUnavailable(f"Kafka broker {bootstrap} unreachable ({type(exc).__name__}: {exc})") from exc

    def send(self, entries: Sequence[Queued]) -> list[Sent]:
        """Send all, wait for the acknowledgements (bounded by one delivery timeout for the batch)."""
        results: list[Sent] = []
        futures: list[tuple[Queued, Any]] = []
        for index, entry in enumerate(entries):
            if len(entry.payload) > MAX_MESSAGE_BYTES:
                results.append(Sent(entry, False, f"{len(entry.payload)} bytes > {MAX_MESSAGE_BYTES}", True))
                continue
            try:
                futures.append((entry, self._producer.send(entry.topic, key=entry.article_id.encode(),
                                                           value=entry.payload)))
            except KafkaTimeoutError as exc:
                # No metadata within max_block_ms: the broker is gone or the topic missing. The rest of
                # the batch would wait as long each; it stays queued instead.
                error = f"{type(exc).__name__}: {exc} (topic {entry.topic})"
                results.extend(Sent(e, False, error) for e in entries[index:])
                break
            except MessageSizeTooLargeError as exc:
                results.append(Sent(entry, False, f"{type(exc).__name__}: {exc}", True))
            except (KafkaError, ValueError) as exc:  # ValueError: a topic name the client refuses
                results.append(Sent(entry, False, f"{type(exc).__name__}: {exc}"))
        with contextlib.suppress(KafkaError):  # each future below says what happened to its message
            self._producer.flush(timeout=self.delivery_timeout + 5)
        for entry, future in futures:
            try:
                future.get(timeout=max(1.0, self.delivery_timeout))
            except MessageSizeTooLargeError as exc:
                results.append(Sent(entry, False, f"{type(exc).__name__}: {exc}", True))
            except KafkaError as exc:
                results.append(Sent(entry, False, f"{type(exc).__name__}: {exc}"))
            else:
                results.append(Sent(entry, True))
        return results

    def close(self, timeout: float = 30.0) -> None:
        try:
            self._producer.close(timeout=timeout)
        except KafkaError as exc:
            log.debug("closing the Kafka producer: %s", exc)


@dataclass
class DrainResult:
    delivered: list[Queued] = field(default_factory=list)
    refused: list[Sent] = field(default_factory=list)  # permanent: dropped from the outbox
    pending: int = 0  # still queued (broker down, or not tried yet)
    error: str | None = None  # why the broker is considered down


class Deliverer:
    """Drains the outbox to Kafka with reconnection and backoff; one log line per state change."""

    def __init__(
        self, bootstrap: str, raw_topic: str, state: StateStore, *, delivery_timeout_ms: int = 30000,
        max_backoff: float = 60.0, batch: int = 500,
    ) -> None:
        self.bootstrap = bootstrap
        self.raw_topic = raw_topic
        self.state = state
        self.delivery_timeout_ms = delivery_timeout_ms
        self.max_backoff = max_backoff
        self.batch = batch
        self.writer: ArticleWriter | None = None
        self.up: bool | None = None  # None: not tried yet
        self.failing_audit: dict[str, float] = {}  # audit topic -> when to try it again
        self.backoff = 0.0
        self.next_attempt = 0.0

    def _down(self, reason: str) -> None:
        self.backoff = min(self.max_backoff, max(1.0, self.backoff * 2))
        self.next_attempt = time.monotonic() + self.backoff
        if self.up is not False:
            log.warning("Kafka at %s unavailable (%s): articles are buffered in the outbox (%d now); "
                        "retrying with backoff up to %.0fs", self.bootstrap, reason[:300],
                        self.state.queued_count(), self.max_backoff)
        self.up = False
        if self.writer is not None:  # a fresh producer after the outage: no half-expired idempotent state
            self.writer.close(timeout=0)
            self.writer = None

    def _up(self) -> None:
        if self.up is False:
            log.warning("Kafka at %s reachable again: delivering %d buffered articles",
                        self.bootstrap, self.state.queued_count())
        self.up = True
        self.backoff = 0.0

    def drain(self, *, force: bool = False) -> DrainResult:
        """Send what is queued, ``articles.raw`` first; return at once (nothing tried) while backing off,
        unless ``force``. A failing audit topic (``articles.rejected`` missing, say) is skipped with a
        warning; it never holds back the articles."""
        result = DrainResult()
        if not force and self.up is False and time.monotonic() < self.next_attempt:
            result.pending, result.error = self.state.queued_count(), "backing off"
            return result
        others = [t for t in self.state.queued_topics() if t != self.raw_topic]
        if self._drain_topic(self.raw_topic, result):
            for topic in others:
                if time.monotonic() < self.failing_audit.get(topic, 0.0):
                    continue
                if not self._drain_topic(topic, result, audit=True):
                    break
        result.pending = self.state.queued_count()
        return result

    def _drain_topic(self, topic: str, result: DrainResult, audit: bool = False) -> bool:
        """Send ``topic``'s queue; False when the broker is considered down (stop draining)."""
        while True:
            entries = self.state.queued(self.batch, topic)
            if not entries:
                if audit:
                    self.failing_audit.pop(topic, None)
                return True
            reason = probe(self.bootstrap)
            if reason is None and self.writer is None:
                try:
                    self.writer = ArticleWriter(self.bootstrap, delivery_timeout_ms=self.delivery_timeout_ms)
                except BrokerUnavailable as exc:
                    reason = str(exc)
                except Exception as exc:  # kafka-python while the broker is half up: same policy as down
                    reason = f"{type(exc).__name__}: {exc}"
            if reason is not None or self.writer is None:
                self._down(reason or "no producer")
                result.error = reason
                return False
            try:
                sent = self.writer.send(entries)
            except Exception as exc:  # an error of the client itself: nothing acknowledged, all stay queued
                reason = f"{type(exc).__name__}: {exc}"
                self._down(reason)
                result.error = reason
                return False
            acked = [s.entry for s in sent if s.ok]
            refused = [s for s in sent if s.permanent]
            self.state.delivered(acked, self.raw_topic)
            self._refuse(refused)
            result.delivered.extend(acked)
            result.refused.extend(refused)
            failed = [s for s in sent if not s.ok and not s.permanent]
            if failed and audit:
                if topic not in self.failing_audit:
                    log.warning("audit topic %s not written (%s); its messages stay queued, tried again "
                                "every %.0f s", topic, failed[0].error[:300], AUDIT_RETRY_SECONDS)
                self.failing_audit[topic] = time.monotonic() + AUDIT_RETRY_SECONDS
                return True
            if failed:
                self._down(failed[0].error)
                result.error = failed[0].error
                return False
            self._up()

    def _refuse(self, refused: list[Sent]) -> None:
        if not refused:
            return
        for sent in refused:
            log.error("article %s refused for good by %s, not delivered: %s",
                      sent.entry.article_id, sent.entry.topic, sent.error)
        self.state.drop_queued(s.entry for s in refused)
        self.state.mark_seen((s.entry.article_id, s.entry.feed, "rejected:too_large") for s in refused
                             if s.entry.topic == self.raw_topic)

    def close(self, timeout: float = 30.0) -> None:
        if self.writer is not None:
            self.writer.close(timeout=timeout)
            self.writer = None
