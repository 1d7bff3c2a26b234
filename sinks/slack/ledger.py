"""The ledger of what Slack accepted: a compacted Kafka topic (``alerts.slack-ledger``, key = alert id).

Each alert gets up to two records under its id: ``sending`` just before the post, ``delivered`` once Slack
accepted it (with the channel and the message ts; compaction keeps the latest). The sink reads the whole topic
at start and catches up before each batch, so it knows, across restarts and across members of its group:

- which alerts were delivered: they are never posted again (a redelivered or replayed alert is skipped);
- where each story's first message went (channel, and in bot mode the ts that roots the story's thread);
- which alerts a previous run was posting when it died: they are posted again and counted as possible duplicates.

The window: a SIGKILL after Slack accepted a message and before its ``delivered`` record is acknowledged repeats
that one message on restart (the ``sending`` record makes it counted and logged). Nothing else is repeated.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import asdict, dataclass
from typing import Any, Literal

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.errors import KafkaError

from mediamon.errors import BrokerUnavailable
from mediamon.sinks.slack.routing import Thread

log = logging.getLogger(__name__)

State = Literal["sending", "delivered"]


@dataclass(frozen=True)
class LedgerEntry:
    alert_id: str
    story_id: str
    state: State
    channel: str = ""  # the channel routed to (a name, or the webhook's channel label)
    channel_id: str = ""  # the channel id Slack answered with (bot mode)
    ts: str = ""  # the message ts (bot mode)
    thread_ts: str = ""  # the ts of the story's first message, when this message opened or replied in a thread
    opens_story: bool = False  # this was the story's first message in Slack
    at: float = 0.0

    def encode(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False).encode()

    @classmethod
    def decode(cls, value: bytes) -> LedgerEntry | None:
        try:
            data: dict[str, Any] = json.loads(value)
            return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
        except (ValueError, TypeError):
            return None


class Ledger:
    def __init__(self, bootstrap: str, topic: str, producer: KafkaProducer, *, client_id: str,
                 write_timeout_s: float = 30.0) -> None:
        self.topic = topic
        self._producer = producer
        self._write_timeout_s = write_timeout_s
        self._consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, group_id=None,
                                       client_id=client_id, auto_offset_reset="earliest")
        self._partitions: list[TopicPartition] = []
        self._state: dict[str, State] = {}
        self._threads: dict[str, Thread] = {}

    # -- reading --------------------------------------------------------------------------------------------

    def load(self, timeout_s: float = 30.0) -> int:
        """Read the whole ledger; returns the number of alert ids it knows."""
        deadline = time.monotonic() + timeout_s
        while not self._partitions:
            parts = self._consumer.partitions_for_topic(self.topic)
            if parts:
                self._partitions = [TopicPartition(self.topic, p) for p in sorted(parts)]
            elif time.monotonic() > deadline:
                raise BrokerUnavailable(f"ledger topic {self.topic} not found (run `mediamon setup`)")
            else:
                time.sleep(0.2)
        self._consumer.assign(self._partitions)
        self._consumer.seek_to_beginning(*self._partitions)
        self.catch_up(timeout_s)
        return len(self._state)

    def catch_up(self, timeout_s: float = 30.0) -> None:
        """Apply every record written so far (by this sink or another member of its group)."""
        try:
            end = self._consumer.end_offsets(self._partitions)
            deadline = time.monotonic() + timeout_s
            while any(self._consumer.position(tp) < end[tp] for tp in self._partitions):
                if time.monotonic() > deadline:
                    raise BrokerUnavailable(f"ledger {self.topic}: could not read to its end in {timeout_s:g}s")
                for records in self._consumer.poll(timeout_ms=200).values():
                    for record in records:
                        if record.value is not None:
                            entry = LedgerEntry.decode(record.value)
                            if entry is not None:
                                self._apply(entry)
        except KafkaError as exc:
            raise BrokerUnavailable(f"ledger {self.topic} unreadable: {type(exc).__name__}") from None

    def _apply(self, entry: LedgerEntry) -> None:
        if self._state.get(entry.alert_id) != "delivered":
            self._state[entry.alert_id] = entry.state
        if entry.state == "delivered" and entry.opens_story and entry.story_id not in self._threads:
            self._threads[entry.story_id] = Thread(entry.channel, entry.thread_ts or None, entry.channel_id or None)

    def delivered(self, alert_id: str) -> bool:
        return self._state.get(alert_id) == "delivered"

    def was_sending(self, alert_id: str) -> bool:
        """A run started posting this alert and never recorded Slack's answer."""
        return self._state.get(alert_id) == "sending"

    def thread(self, story_id: str) -> Thread | None:
        return self._threads.get(story_id)

    def __len__(self) -> int:
        return len(self._state)

    # -- writing --------------------------------------------------------------------------------------------

    def record(self, entry: LedgerEntry) -> None:
        """Write ``entry`` and wait for Kafka's acknowledgement (retrying while Kafka is away), then apply it."""
        attempt = 0
        while True:
            try:
                self._producer.send(self.topic, key=entry.alert_id.encode(), value=entry.encode()).get(
                    self._write_timeout_s)
                break
            except KafkaError as exc:
                if attempt == 0:
                    log.warning("ledger %s: write failed (%s); retrying", self.topic, type(exc).__name__)
                time.sleep(min(10.0, 0.5 * 2 ** attempt))
                attempt += 1
        self._apply(entry)

    def close(self) -> None:
        self._consumer.close()
