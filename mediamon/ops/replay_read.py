"""Reading a resolved range: an assigned consumer (no group, so no commits and no effect on any group's offsets)
that stops at each partition's end offset."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

from kafka import KafkaConsumer, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord

from mediamon.errors import ReplayError
from mediamon.ops.replay_range import TopicRange
from mediamon.settings import Settings


def range_consumer(settings: Settings, client_id: str = "mediamon-replay") -> KafkaConsumer:
    """A consumer outside any group: it reads what it is told and commits nothing."""
    return KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, group_id=None, enable_auto_commit=False,
                         auto_offset_reset="earliest", client_id=client_id, max_poll_records=500)


@dataclass
class Batch:
    records: list[ConsumerRecord]
    positions: dict[int, int]  # per partition, the next offset to read (clipped to the range's end)


def read_range(consumer: KafkaConsumer, found: TopicRange, positions: dict[int, int] | None = None, *,
               batch_size: int = 500, stall_s: float = 60.0) -> Iterator[Batch]:
    """Batches of the range's records, from ``positions`` (a resume) or the range's start offsets."""
    todo = {}
    where: dict[int, int] = {}
    for p in found.partitions:
        start = max(p.start, (positions or {}).get(p.partition, p.start))
        where[p.partition] = min(start, p.end)
        if start < p.end:
            todo[p.partition] = p
    if not todo:
        return
    tps = {n: TopicPartition(found.topic, n) for n in todo}
    consumer.assign(list(tps.values()))
    for n, tp in tps.items():
        consumer.seek(tp, where[n])
    progress_at = time.monotonic()
    while todo:
        polled = consumer.poll(timeout_ms=1000, max_records=batch_size)
        records: list[ConsumerRecord] = []
        for tp, got in polled.items():
            rng = todo.get(tp.partition)
            if rng is None:
                continue
            records.extend(r for r in got if r.offset < rng.end)
        for n in list(todo):
            position = min(consumer.position(tps[n]), todo[n].end)
            if position != where[n]:
                progress_at = time.monotonic()
            where[n] = position
            if position >= todo[n].end:
                consumer.pause(tps[n])
                del todo[n]
        if records or not todo:
            yield Batch(records, dict(where))
        elif time.monotonic() - progress_at > stall_s:
            raise ReplayError(f"no progress reading {found.topic} for {stall_s:.0f} s (positions {where}); "
                              "is Kafka up? Re-run to resume")
