"""The pipelined sink's commit point (no stack): one past the end of the finished prefix of each partition, however
the writes finish."""

from __future__ import annotations

from kafka import TopicPartition
from kafka.consumer.fetcher import ConsumerRecord

from mediamon.sinks.base import OffsetTracker

TP = TopicPartition("t", 0)


def _rec(offset: int, partition: int = 0) -> ConsumerRecord:
    return ConsumerRecord(topic="t", partition=partition, leader_epoch=-1, offset=offset, timestamp=0, timestamp_type=0,
                          key=None, value=b"", headers=[], checksum=None, serialized_key_size=-1,
                          serialized_value_size=0, serialized_header_size=-1)


def _positions(tracker: OffsetTracker) -> dict[int, int]:
    return {tp.partition: meta.offset for tp, meta in tracker.ready().items()}


def test_a_later_write_finishing_first_commits_nothing_past_an_earlier_one_still_running() -> None:
    tracker = OffsetTracker()
    first, second = [_rec(o) for o in range(0, 3)], [_rec(o) for o in range(3, 6)]
    for record in first + second:
        tracker.add(record)
    for record in second:
        tracker.finish(record)
    assert _positions(tracker) == {} and tracker.pending() == 3
    for record in first:
        tracker.finish(record)
    assert _positions(tracker) == {0: 6} and tracker.pending() == 0


def test_the_prefix_stops_at_the_first_unfinished_record_and_skips_offset_gaps() -> None:
    tracker = OffsetTracker()
    records = [_rec(o) for o in (10, 11, 14, 15)]  # 12, 13: compacted away or transaction markers
    for record in records:
        tracker.add(record)
    tracker.finish(records[0])
    tracker.finish(records[2])
    assert _positions(tracker) == {0: 11}
    tracker.finish(records[1])
    assert _positions(tracker) == {0: 15}
    tracker.finish(records[3])
    assert _positions(tracker) == {0: 16}


def test_partitions_are_independent_and_a_committed_position_is_not_offered_again() -> None:
    tracker = OffsetTracker()
    a, b = _rec(0, partition=0), _rec(0, partition=1)
    tracker.add(a)
    tracker.add(b)
    tracker.finish(b)
    assert _positions(tracker) == {1: 1}
    tracker.committed(tracker.ready())
    assert _positions(tracker) == {}
    tracker.finish(a)
    tracker.finish(a)  # finished twice: nothing changes
    assert _positions(tracker) == {0: 1}


def test_a_partition_read_again_from_an_earlier_offset_starts_over() -> None:
    tracker = OffsetTracker()
    for offset in range(5):
        tracker.add(_rec(offset))
    tracker.finish(_rec(0))
    assert _positions(tracker) == {0: 1}
    for offset in range(1, 5):  # a rebalance gave the partition back: it is read again from the commit
        tracker.add(_rec(offset))
    assert _positions(tracker) == {} and tracker.pending() == 4
    for offset in range(1, 5):
        tracker.finish(_rec(offset))
    assert _positions(tracker) == {0: 5}


def test_forgotten_partitions_are_not_committed() -> None:
    tracker = OffsetTracker()
    a, b = _rec(0, partition=0), _rec(0, partition=1)
    for record in (a, b):
        tracker.add(record)
        tracker.finish(record)
    tracker.forget({TP})
    assert _positions(tracker) == {0: 1}
    tracker.finish(b)  # a late finish for a partition no longer ours
    assert _positions(tracker) == {0: 1}
