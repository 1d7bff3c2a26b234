"""Where the ops checks look: the producers' SQLite state (read-only) and the sizes of the DLQ topics in Kafka.

The producers' state file is their contract with this reader (tables ``feed_status`` and ``seen``, see
producers/state.py); it is read with ``mode=ro``, so the notifier never writes it or blocks the producer (WAL)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from kafka import KafkaConsumer, TopicPartition
from kafka.errors import KafkaError

from mediamon.errors import BrokerUnavailable
from mediamon.sinks.slack.ops.checks import FeedHealth

STATE_FILE = "producers.sqlite3"
HISTORY = 50


def read_feeds(state_dir: Path) -> list[FeedHealth]:
    path = state_dir / STATE_FILE
    if not path.exists():
        return []
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        rows = db.execute("SELECT feed, last_success, last_error, last_error_at, consecutive_failures "
                          "FROM feed_status ORDER BY feed").fetchall()
        feeds = []
        for feed, last_success, last_error, last_error_at, failures in rows:
            emitted = [r[0] for r in db.execute(
                "SELECT first_seen FROM seen WHERE feed = ? AND outcome = 'emitted' ORDER BY first_seen DESC "
                "LIMIT ?", (feed, HISTORY))]
            outcomes = [r[0] for r in db.execute(
                "SELECT outcome FROM seen WHERE feed = ? ORDER BY first_seen DESC LIMIT ?", (feed, HISTORY))]
            feeds.append(FeedHealth(feed, last_success, last_error, last_error_at, int(failures or 0),
                                    tuple(reversed(emitted)), tuple(reversed(outcomes))))
        return feeds
    except sqlite3.Error:
        return []  # a producer state from another version: no feed checks rather than no ops alerts at all
    finally:
        db.close()


def dlq_sizes(bootstrap: str, topics: list[str]) -> dict[str, int]:
    """Messages currently held by each topic (end minus beginning offsets, over its partitions)."""
    try:
        consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, client_id="mediamon-slack-ops")
    except KafkaError as exc:
        raise BrokerUnavailable(f"kafka unreachable: {type(exc).__name__}") from None
    try:
        sizes: dict[str, int] = {}
        for topic in topics:
            parts = consumer.partitions_for_topic(topic) or set()
            tps = [TopicPartition(topic, p) for p in parts]
            if not tps:
                continue
            end, start = consumer.end_offsets(tps), consumer.beginning_offsets(tps)
            sizes[topic] = sum(end[tp] - start[tp] for tp in tps)
        return sizes
    except KafkaError as exc:
        raise BrokerUnavailable(f"kafka: {type(exc).__name__}") from None
    finally:
        consumer.close()


def dumps(data: object) -> str:
    return json.dumps(data, sort_keys=True)
