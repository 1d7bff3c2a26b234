"""A replay's time range: parsed from ``--since``/``--until`` and resolved to offsets per partition.

Times are ISO-8601 (``2026-12-01``, ``2026-12-01T06:00:00+03:00``; a time without a zone is UTC) or relative to now
(``7d``, ``36h``, ``90m``, ``2w``; ``now``). Offsets come from Kafka's offsets-for-times: the first message whose
timestamp is at or after ``since``, up to (not including) the first message at or after ``until``. The end offsets
are fixed when the range is resolved, so messages arriving during a replay are the live pipeline's, not the replay's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from kafka import KafkaConsumer, TopicPartition

from mediamon.errors import ReplayError
from mediamon.settings import Settings
from mediamon.topics import DAY_MS

_RELATIVE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$", re.IGNORECASE)
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}

EXIT_EMPTY = 3
EXIT_RETENTION = 4


class EmptyRange(ReplayError):
    """The range holds no message: nothing to do."""

    exit_code = EXIT_EMPTY


class BeforeRetention(ReplayError):
    """The range ends before the oldest message the topic still keeps."""

    exit_code = EXIT_RETENTION


def parse_time(text: str, now: datetime | None = None, *, option: str = "--since") -> datetime:
    """An absolute UTC time from ISO-8601 or a relative form (``7d`` = seven days before now)."""
    now = now or datetime.now(UTC)
    raw = text.strip()
    if raw.lower() == "now":
        return now
    relative = _RELATIVE.match(raw)
    if relative:
        amount, unit = float(relative[1]), relative[2].lower()
        return now - timedelta(**{_UNITS[unit]: amount})
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00") if raw.endswith(("Z", "z")) else raw)
    except ValueError:
        raise ReplayError(f"{option} {text!r}: not a time; use ISO-8601 (2026-12-01, 2026-12-01T06:00:00Z) "
                          "or a relative form (7d, 36h, 90m, 2w, now)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_window(since: str, until: str | None, now: datetime | None = None) -> tuple[datetime, datetime | None]:
    now = now or datetime.now(UTC)
    start = parse_time(since, now, option="--since")
    end = parse_time(until, now, option="--until") if until else None
    if start > now:
        raise ReplayError(f"--since {since!r} is in the future ({start.isoformat()})")
    if end is not None and end <= start:
        raise ReplayError(f"--until {until!r} ({end.isoformat()}) is not after --since {since!r} ({start.isoformat()})")
    return start, end


def to_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def from_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


@dataclass(frozen=True)
class PartitionRange:
    partition: int
    start: int  # first offset of the range
    end: int  # one past the last offset of the range
    earliest: int  # the oldest offset the partition keeps
    latest: int  # the partition's end offset when resolved

    @property
    def count(self) -> int:
        return max(0, self.end - self.start)


@dataclass(frozen=True)
class TopicRange:
    topic: str
    since: datetime
    until: datetime | None
    partitions: tuple[PartitionRange, ...]
    oldest_kept: datetime | None  # timestamp of the oldest message the topic keeps (None: the topic is empty)

    @property
    def count(self) -> int:
        return sum(p.count for p in self.partitions)

    def describe(self) -> str:
        until = self.until.isoformat() if self.until else "now"
        return f"{self.topic} from {self.since.isoformat()} to {until}"

    def table(self) -> list[str]:
        lines = [f"{'partition':>9} {'start':>10} {'end':>10} {'messages':>9}   (kept: earliest..latest)"]
        for p in self.partitions:
            lines.append(f"{p.partition:>9} {p.start:>10} {p.end:>10} {p.count:>9}   ({p.earliest}..{p.latest})")
        lines.append(f"{'total':>9} {'':>10} {'':>10} {self.count:>9}")
        return lines


def topic_partitions(consumer: KafkaConsumer, topic: str) -> list[TopicPartition]:
    parts = consumer.partitions_for_topic(topic)
    if not parts:
        raise ReplayError(f"topic {topic} does not exist; run `mediamon setup` first")
    return [TopicPartition(topic, p) for p in sorted(parts)]


def resolve(consumer: KafkaConsumer, topic: str, since: datetime, until: datetime | None, *,
            retention_days: float | None = None) -> TopicRange:
    """Offsets of the range per partition. Raises BeforeRetention when the topic keeps nothing that old, EmptyRange
    when no message falls in the range."""
    tps = topic_partitions(consumer, topic)
    earliest = consumer.beginning_offsets(tps)
    latest = consumer.end_offsets(tps)
    starts = consumer.offsets_for_times({tp: to_ms(since) for tp in tps})
    ends = consumer.offsets_for_times({tp: to_ms(until) for tp in tps}) if until else {}
    firsts = consumer.offsets_for_times({tp: 0 for tp in tps})
    kept = [f.timestamp for f in firsts.values() if f is not None]
    oldest = from_ms(min(kept)) if kept else None
    parts = []
    for tp in tps:
        start = starts[tp].offset if starts.get(tp) is not None else latest[tp]
        stop = ends[tp].offset if until and ends.get(tp) is not None else latest[tp]
        parts.append(PartitionRange(tp.partition, start, max(start, stop), earliest[tp], latest[tp]))
    found = TopicRange(topic, since, until, tuple(parts), oldest)
    window = found.describe()
    horizon = datetime.now(UTC) - timedelta(days=retention_days) if retention_days else None
    if horizon is not None and until is not None and until <= horizon:
        raise BeforeRetention(
            f"{window} is older than what Kafka keeps: {topic} keeps {retention_days:g} days (retention.ms, set by "
            f"`mediamon setup` from topic_retention_days), so nothing before {horizon.isoformat(timespec='seconds')} "
            "can be replayed. What Elasticsearch holds of that time stays as it is.")
    if found.count == 0:
        deleted = any(p.earliest > 0 for p in parts)
        if oldest is not None and until is not None and until <= oldest and deleted:
            raise BeforeRetention(
                f"{window} is before what Kafka still keeps: the oldest message of {topic} is from "
                f"{oldest.isoformat()}; older ones were deleted by retention. Nothing to replay.")
        if oldest is None:
            raise EmptyRange(f"{topic} is empty: nothing to replay in {window}")
        raise EmptyRange(f"no messages in {window} (its messages run from {oldest.isoformat()}); nothing to replay")
    return found


def note_partial_retention(found: TopicRange) -> str | None:
    """A warning when the start of the range is older than the oldest message kept."""
    if found.oldest_kept is not None and found.since < found.oldest_kept and any(
            p.earliest > 0 for p in found.partitions):
        return (f"note: {found.topic} keeps messages from {found.oldest_kept.isoformat()} only; the range starts "
                f"{found.since.isoformat()}, so the replay starts at the oldest message kept")
    return None


def retention_days(settings: Settings, topic: str) -> float | None:
    """The topic's retention.ms from the broker, in days (None: unlimited or unknown); falls back to the settings'
    ``topic_retention_days`` when the broker cannot be asked."""
    from kafka import KafkaAdminClient
    from kafka.admin import ConfigResource, ConfigResourceType

    try:
        admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap, client_id="mediamon-replay-plan")
        try:
            described: dict[str, Any] = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])
        finally:
            admin.close()
        entry = described.get("topic", {}).get(topic, {}).get("retention.ms", {})
        value = int(str(entry.get("value")))
    except Exception:  # an older broker answer shape, or no describe rights: the settings say what setup set
        return float(settings.topic_retention_days)
    return None if value < 0 else value / DAY_MS
