"""Producer state in one SQLite file: seen article ids, conditional-GET validators and per-feed status.

SQLite because it is in the standard library, needs no server, and survives SIGKILL: every write is a
committed transaction in WAL mode, so a restarted producer sees exactly what was acknowledged. The
state stays bounded: seen ids older than the retention are deleted at the start of each pass.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mediamon.producers.fetch import Validators

STATE_FILE = "producers.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (
    id TEXT PRIMARY KEY,
    feed TEXT NOT NULL,
    outcome TEXT NOT NULL,
    first_seen REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS seen_first_seen ON seen(first_seen);
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


class StateStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(str(path), isolation_level=None, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    @classmethod
    def in_dir(cls, state_dir: Path) -> StateStore:
        return cls(state_dir / STATE_FILE)

    def close(self) -> None:
        self._db.close()

    # -- seen ids ---------------------------------------------------------------------------------
    def is_seen(self, article_id: str) -> bool:
        row = self._db.execute("SELECT 1 FROM seen WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def mark_seen(self, entries: Iterable[tuple[str, str, str]]) -> None:
        """Record ``(id, feed, outcome)`` triples in one transaction (first sighting wins)."""
        now = time.time()
        rows = [(aid, feed, outcome, now) for aid, feed, outcome in entries]
        if not rows:
            return
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany(
                "INSERT OR IGNORE INTO seen(id, feed, outcome, first_seen) VALUES (?, ?, ?, ?)", rows
            )

    def expire(self, retention_seconds: float) -> int:
        cutoff = time.time() - retention_seconds
        cursor = self._db.execute("DELETE FROM seen WHERE first_seen < ?", (cutoff,))
        return cursor.rowcount

    def seen_count(self) -> int:
        row = self._db.execute("SELECT COUNT(*) FROM seen").fetchone()
        return int(row[0])

    # -- validators -------------------------------------------------------------------------------
    def validators(self, feed: str, url: str) -> Validators | None:
        row = self._db.execute(
            "SELECT etag, last_modified FROM validators WHERE feed = ? AND url = ?", (feed, url)
        ).fetchone()
        return Validators(row[0], row[1]) if row else None

    def save_validators(self, feed: str, url: str, validators: Validators) -> None:
        self._db.execute(
            "INSERT INTO validators(feed, url, etag, last_modified) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(feed) DO UPDATE SET url=excluded.url, etag=excluded.etag, "
            "last_modified=excluded.last_modified",
            (feed, url, validators.etag, validators.last_modified),
        )

    # -- feed status ------------------------------------------------------------------------------
    def status(self, feed: str) -> FeedStatus:
        row = self._db.execute(
            "SELECT feed, last_success, last_error, last_error_at, items_seen, emitted, rejected, "
            "consecutive_failures FROM feed_status WHERE feed = ?", (feed,)
        ).fetchone()
        if row is None:
            return FeedStatus(feed)
        return FeedStatus(row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6]), row[7])

    def all_statuses(self) -> list[FeedStatus]:
        names = [r[0] for r in self._db.execute("SELECT feed FROM feed_status ORDER BY feed")]
        return [self.status(name) for name in names]

    def record_poll(
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
