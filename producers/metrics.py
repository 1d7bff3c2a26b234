"""Prometheus metrics of the producers (own registry, so tests and several producers never clash)."""

from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest, start_http_server


@dataclass
class ProducerMetrics:
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        r = self.registry
        self.items = Counter(
            "mediamon_producer_items", "Feed items by outcome (emitted, rejected reason, already seen)",
            ["feed", "outcome"], registry=r,
        )
        self.errors = Counter(
            "mediamon_producer_errors", "Errors by feed and reason (fetch, parse, delivery)",
            ["feed", "reason"], registry=r,
        )
        self.fetch_seconds = Histogram(
            "mediamon_producer_fetch_seconds", "Latency of HTTP fetches", ["feed", "kind"], registry=r,
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
        )
        self.bytes = Counter(
            "mediamon_producer_bytes", "Bytes downloaded (after decompression)", ["feed", "kind"],
            registry=r,
        )
        self.polls = Counter(
            "mediamon_producer_polls", "Feed polls by result (ok, not_modified, error)",
            ["feed", "result"], registry=r,
        )

        self.queued = Gauge(
            "mediamon_producer_queued", "Articles in the outbox, not yet acknowledged by Kafka", registry=r,
        )
        self.kafka_up = Gauge(
            "mediamon_producer_kafka_up", "1 when the last delivery attempt reached Kafka, else 0", registry=r,
        )

    def exposition(self) -> bytes:
        return generate_latest(self.registry)

    def serve(self, port: int, addr: str = "127.0.0.1") -> None:
        start_http_server(port, addr=addr, registry=self.registry)
