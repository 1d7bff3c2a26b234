"""The Faust application, and nothing else (agents, topics and tables live beside it)."""

from __future__ import annotations

import os
import socket

import faust

from mediamon.processors.transport import transport_url
from mediamon.settings import get_settings
from mediamon.topics import Names

settings = get_settings()
names = Names.from_settings(settings)

app = faust.App(
    names.group("processor"),
    # Kafka through aiokafka, as Faust's kafka:// is, but with a fetch wait of processor_fetch_wait_ms
    # (processors/transport.py).
    broker=transport_url(settings.kafka_bootstrap, settings.processor_fetch_wait_ms),
    # Story state lives in tables with changelogs, on disk: a restarted worker keeps it, a wiped store is
    # rebuilt from the changelog, and a worker taking over a partition recovers its state.
    store=settings.faust_store,
    datadir=str(settings.faust_data_dir),
    key_serializer="raw",
    value_serializer="raw",
    web_enabled=False,
    producer_acks=-1,
    # At-least-once with idempotent outputs (article ids, alert ids), not exactly_once (faust-streaming #517).
    processing_guarantee="at_least_once",
    # A rebalance or a stop does not wait for the events in flight to be acked. The story agent acks an event only
    # once the story states of its round are written, and a round closes with a later event, which a paused stream
    # never delivers: waiting stalled every rebalance in a backlog until the broker evicted the worker (2 workers
    # drained at a fifth of 1). Unacked events are delivered again to whoever gets the partition; outputs are
    # idempotent and the revoke handler drops the unwritten states (processors/agents.py, barrier.py).
    stream_wait_empty=False,
    topic_replication_factor=1,
    topic_partitions=names.partitions,
    # Our topics come from `mediamon setup` (the registry; broker auto-creation is off) and exist already; Faust
    # declares its own changelog topics.
    consumer_auto_offset_reset="earliest",
    broker_session_timeout=settings.faust_session_timeout_s,
    broker_heartbeat_interval=max(1.0, settings.faust_session_timeout_s / 6),
    autodiscover=False,
    producer_max_request_size=max(settings.max_message_bytes + 100_000, 1_048_576),
    # Fewer, larger produce requests: a request carries one batch per partition, so a batch as large as a request
    # and a short linger let one request carry every output and changelog record of many articles.
    producer_max_batch_size=max(settings.max_message_bytes + 100_000, 1_048_576),
    producer_linger=0.005,
    # Host and pid in the client id: ops (and the fault suite) can tell which worker holds which partitions in
    # the group's description.
    broker_client_id=f"mediamon-processor-{socket.gethostname()}-{os.getpid()}",
)
