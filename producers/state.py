"""Producer state in one SQLite file: seen article ids, the outbox of articles not yet acknowledged by
Kafka, conditional-GET validators and per-feed status.

SQLite because it is in the standard library, needs no server, and survives SIGKILL: every write is a
committed transaction in WAL mode, so a restarted producer sees exactly what was acknowledged. The
state stays bounded: seen ids older than the retention are deleted at the start of each pass.

What counts as seen (not looked at again):

- an id in the **outbox**: accepted, durably queued, delivered to Kafka as soon as the broker answers
  (a Kafka outage never stalls polling, and nothing queued is lost when the process dies);
- an id **emitted** (the broker acknowledged it) or rejected for a reason that cannot change
  (``policy`` = ``""``: a bad scheme, a URL too long);
- an id rejected by a decision of ours that can change (its language, a private address, empty) only
  while ``policy`` still equals the stamp of the code and feed options that decided it. A fix of the
  decoder or detector, or a feed that starts accepting another language, changes the stamp, so the item
  is judged again.

One connection, used from the poll threads and the delivery thread under one lock.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tenacity import retry, retry_if_exception, stop_after_delay, wait_random

from mediamon.producers.fetch import Validators

STATE_FILE = "producers.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (
    id TEXT PRIMARY KEY,
    feed TEXT NOT NULL,
    outcome TEXT NOT NULL,
    first_seen REAL NOT NULL,
    policy TEXT
);
CREATE INDEX IF NOT EXISTS seen_first_seen ON seen(first_seen);
CREATE TABLE IF NOT EXISTS outbox (
    id TEXT NOT NULL,
    topic TEXT NOT NULL,
    feed TEXT NOT NULL,
    payload BLOB NOT NULL,
    queued_at REAL NOT NULL,
    PRIMARY KEY (id, topic)
);
CREATE TABLE IF NOT EXISTS validators (
    feed TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT
);
CREATE TABLE IF NOT EXISTS feed_status (
    feed TEXT PRIMARY KEY,
    last_success REAL,
    last_error TEXT,
    last_error_at REAL,
    items_seen INTEGER NOT NULL DEFAULT 0,
    emitted INTEGER NOT NULL DEFAULT 0,
    rejected TEXT NOT NULL DEFAULT '{}',
    consecutive_failures INTEGER NOT NULL DEFAULT 0
);
"""


@dataclass
class FeedStatus:
    feed: str
    last_success: float | None = None
    last_error: str | None = None
    last_error_at: float | None = None
    items_seen: int = 0
    emitted: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    consecutive_failures: int = 0


@dataclass(frozen=True)
class Queued:
    """One outbox entry: an encoded message waiting for the broker's acknowledgement."""

    article_id: str
    topic: str
    feed: str
    payload: bytes


# Seen-table outcome of an acknowledged article.
EMITTED = "emitted"


def _locked(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)


# Two processes (or a producer and ops' `mediamon` command) opening a new state file at once: switching it to WAL
# needs its exclusive lock, and SQLite answers "database is locked" at once instead of waiting out the timeout
# (its busy handler is not called where waiting could deadlock). Seen 6 times in 200 with three openers.
@retry(retry=retry_if_exception(_locked), wait=wait_random(0.01, 0.1), stop=stop_after_delay(30), reraise=True)
def _prepare(db: sqlite3.Connection) -> None:
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(_SCHEMA)
    columns = {row[1] for row in db.execute("PRAGMA table_info(seen)")}
    if "policy" not in columns:  # a state file of an earlier release: its rejections are judged again
        try:
            db.execute("ALTER TABLE seen ADD COLUMN policy TEXT")
        except sqlite3.OperationalError as exc:
            if "duplicate column" not in str(exc):  # another opener added it first
                raise


class StateStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.RLock()
        self._db = sqlite3.connect(str(path), isolation_level=None, timeout=30, check_same_thread=False)
        try:
            _prepare(self._db)
        except sqlite3.Error:
            self._db.close()
            raise

    @classmethod
    def in_dir(cls, state_dir: Path) -> StateStore:
        return cls(state_dir / STATE_FILE)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- seen ids ---------------------------------------------------------------------------------
    def is_seen(self, article_id: str, policy: str = "") -> bool:
        """True when the id is queued, emitted, rejected for good, or rejected under ``policy``."""
        with self._lock:
            if self._db.execute("SELECT 1 FROM outbox WHERE id = ? LIMIT 1", (article_id,)).fetchone():
                return True
            row = self._db.execute("SELECT outcome, policy FROM seen WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return False
        outcome, stamp = row
        return bool(outcome == EMITTED or stamp == "" or (stamp is not None and stamp == policy))

    def mark_seen(self, entries: Iterable[tuple[str, str, str]], policy: str = "") -> None:
        """Record ``(id, feed, outcome)`` triples in one transaction. ``policy`` is ``""`` for final
        outcomes, else the stamp of what decided them. An emitted id is never overwritten."""
        now = time.time()
        rows = [(aid, feed, outcome, now, policy) for aid, feed, outcome in entries]
        if not rows:
            return
        with self._lock, self._db:
            self._db.execute("BEGIN")
            self._db.executemany(
                "INSERT INTO seen(id, feed, outcome, first_seen, policy) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET outcome=excluded.outcome, policy=excluded.policy "
                f"WHERE seen.outcome != '{EMITTED}'", rows,
            )

    def expire(self, retention_seconds: float) -> int:
        cutoff = time.time() - retention_seconds
        with self._lock:
            cursor = self._db.execute("DELETE FROM seen WHERE first_seen < ?", (cutoff,))
        return cursor.rowcount

    def seen_count(self) -> int:
        with self._lock:
            row = self._db.execute("SELECT COUNT(*) FROM seen").fetchone()
        return int(row[0])

    # -- outbox -----------------------------------------------------------------------------------
    def enqueue(self, entries: Iterable[Queued]) -> None:
        rows = [(q.article_id, q.topic, q.feed, q.payload, time.time()) for q in entries]
        if not rows:
            return
        with self._lock, self._db:
            self._db.execute("BEGIN")
            self._db.executemany(
                "INSERT OR IGNORE INTO outbox(id, topic, feed, payload, queued_at) VALUES (?, ?, ?, ?, ?)", rows
            )

    def queued(self, limit: int = 500, topic: str | None = None) -> list[Queued]:
        """The oldest entries first (of ``topic`` only, when given)."""
        where, args = ("WHERE topic = ? ", (topic, limit)) if topic else ("", (limit,))
        with self._lock:
            rows = self._db.execute(
                f"SELECT id, topic, feed, payload FROM outbox {where}ORDER BY queued_at, rowid LIMIT ?", args
            ).fetchall()
        return [Queued(r[0], r[1], r[2], bytes(r[3])) for r in rows]

    def queued_topics(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT DISTINCT topic FROM outbox ORDER BY topic")]

    def queued_count(self) -> int:
        with self._lock:
            row = self._db.execute("SELECT COUNT(*) FROM outbox").fetchone()
        return int(row[0])

    def delivered(self, entries: Iterable[Queued], raw_topic: str) -> None:
        """Acknowledged: out of the outbox; articles of ``raw_topic`` marked emitted and counted for
        their feed, in one transaction."""
        entries = list(entries)
        if not entries:
            return
        now = time.time()
        per_feed: dict[str, int] = {}
        for q in entries:
            if q.topic == raw_topic:
                per_feed[q.feed] = per_feed.get(q.feed, 0) + 1
        with self._lock, self._db:
            self._db.execute("BEGIN")
            self._db.executemany("DELETE FROM outbox WHERE id = ? AND topic = ?",
                                 [(q.article_id, q.topic) for q in entries])
            self._db.executemany(
                "INSERT INTO seen(id, feed, outcome, first_seen, policy) VALUES (?, ?, ?, ?, '') "
                "ON CONFLICT(id) DO UPDATE SET outcome=excluded.outcome, policy=''",
                [(q.article_id, q.feed, EMITTED, now) for q in entries if q.topic == raw_topic],
            )
            for feed, count in per_feed.items():
                self._db.execute(
                    "INSERT INTO feed_status(feed, emitted) VALUES (?, ?) "
                    "ON CONFLICT(feed) DO UPDATE SET emitted = emitted + excluded.emitted", (feed, count),
                )

    def drop_queued(self, entries: Iterable[Queued]) -> None:
        """Out of the outbox without being sent (a message the broker refuses for good)."""
        with self._lock, self._db:
            self._db.execute("BEGIN")
            self._db.executemany("DELETE FROM outbox WHERE id = ? AND topic = ?",
                                 [(q.article_id, q.topic) for q in entries])

    # -- validators -------------------------------------------------------------------------------
    def validators(self, feed: str, url: str) -> Validators | None:
        with self._lock:
            row = self._db.execute(
                "SELECT etag, last_modified FROM validators WHERE feed = ? AND url = ?", (feed, url)
            ).fetchone()
        return Validators(row[0], row[1]) if row else None

    def save_validators(self, feed: str, url: str, validators: Validators) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO validators(feed, url, etag, last_modified) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(feed) DO UPDATE SET url=excluded.url, etag=excluded.etag, "
                "last_modified=excluded.last_modified",
                (feed, url, validators.etag, validators.last_modified),
            )

    # -- feed status ------------------------------------------------------------------------------
    def status(self, feed: str) -> FeedStatus:
        with self._lock:
            row = self._db.execute(
                "SELECT feed, last_success, last_error, last_error_at, items_seen, emitted, rejected, "
                "consecutive_failures FROM feed_status WHERE feed = ?", (feed,)
            ).fetchone()
        if row is None:
            return FeedStatus(feed)
        return FeedStatus(row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6]), row[7])

    def all_statuses(self) -> list[FeedStatus]:
        with self._lock:
            names = [r[0] for r in self._db.execute("SELECT feed FROM feed_status ORDER BY feed")]
        return [self.status(name) for name in names]

    def record_poll(
        self, feed: str, *, seen: int, emitted: int, rejected: dict[str, int], error: str | None
    ) -> FeedStatus:
        with self._lock:
            return self._record_poll(feed, seen=seen, emitted=emitted, rejected=rejected, error=error)

    def _record_poll(
        self, feed: str, *, seen: int, emitted: int, rejected: dict[str, int], error: str | None
    ) -> FeedStatus:
        current = self.status(feed)
        now = time.time()
        merged = dict(current.rejected)
        for reason, count in rejected.items():
            merged[reason] = merged.get(reason, 0) + count
        current.items_seen += seen
        current.emitted += emitted
        current.rejected = merged
        if error is None:
            current.last_success = now
            current.consecutive_failures = 0
        else:
            current.last_error, current.last_error_at = error[:500], now
            current.consecutive_failures += 1
        self._db.execute(
            "INSERT OR REPLACE INTO feed_status(feed, last_success, last_error, last_error_at, items_seen, "
            "emitted, rejected, consecutive_failures) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (feed, current.last_success, current.last_error, current.last_error_at, current.items_seen,
             current.emitted, json.dumps(current.rejected, sort_keys=True), current.consecutive_failures),
        )
        return current
