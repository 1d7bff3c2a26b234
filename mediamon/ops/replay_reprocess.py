"""``mediamon replay reprocess``: copy the raw articles of a range onto ``articles.replay``.

The processor reads ``articles.replay`` with its own agent exactly like ``articles.raw`` but marks every article
replayed and sends it through the same story log, so the current analysis and rules run over the range, story and
alert decisions use event time, and the alerts it raises say ``replay: true``. The copy keeps key and value and adds
the replay header; it reads with an assigned consumer (no group) and keeps its progress in its own run file, so no
live group's offsets move. Re-running the same range is harmless: ids are stable, the Elasticsearch sink overwrites
by ``_id``, and articles already in a story raise no new ``new`` alert.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime

from kafka import KafkaAdminClient, KafkaProducer, TopicPartition

from mediamon.ops.replay_progress import ProgressReporter, Summary
from mediamon.ops.replay_range import to_ms
from mediamon.ops.replay_read import range_consumer, read_range
from mediamon.ops.replay_state import RunState
from mediamon.schema import DeadLetter
from mediamon.settings import Settings
from mediamon.topics import REPLAY_HEADER, Names

Reporter = Callable[[str, int], ProgressReporter]


def reprocess(settings: Settings, state: RunState, reporter: Reporter, summary: Summary | None = None,
              stop: threading.Event | None = None) -> Summary:
    """Copy what is left of ``state``'s range to the replay topic. ``stop`` (set by the first Ctrl-C) ends the copy
    after the current message; a KeyboardInterrupt too. Either way the run file records exactly what was copied
    (``summary.interrupted``)."""
    stop = stop or threading.Event()
    names = Names.from_settings(settings)
    summary = summary or Summary()
    (found,) = state.topic_ranges()
    positions = state.positions_of(found.topic)
    left = sum(p.end - max(p.start, positions.get(p.partition, p.start)) for p in found.partitions)
    consumer = range_consumer(settings, "mediamon-replay-reprocess")
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all", enable_idempotence=True,
                             linger_ms=5, client_id="mediamon-replay-reprocess")
    headers = [(REPLAY_HEADER, b"1")]
    try:
        with reporter(f"reprocess {found.topic} -> {names.replay}", left) as progress:
            done = dict(positions)  # per partition, one past the last record handed to the producer
            try:
                for batch in read_range(consumer, found, positions):
                    for record in batch.records:
                        if stop.is_set():
                            raise KeyboardInterrupt
                        summary.read += 1
                        if record.value is None:
                            summary.skip("without a value (tombstone)")
                        else:
                            producer.send(names.replay, key=record.key, value=record.value, headers=headers)
                            summary.written += 1
                        done[record.partition] = record.offset + 1
                    producer.flush()
                    done.update(batch.positions)
                    state.advance(found.topic, done)
                    state.save()
                    progress.advance(len(batch.records))
                state.done = True
                state.save()
            except KeyboardInterrupt:
                # Deliver what was handed over and record exactly that, so a resume sends nothing twice.
                summary.interrupted = True
                producer.flush(timeout=30)
                state.advance(found.topic, {**state.positions_of(found.topic), **done})
                state.save()
    finally:
        producer.close()
        consumer.close()
    return summary


# -- following the processor (--wait) ----------------------------------------------------------------------------

def replay_ends(settings: Settings) -> dict[int, int]:
    """The replay topic's end offset per partition."""
    names = Names.from_settings(settings)
    consumer = range_consumer(settings, "mediamon-replay-wait")
    try:
        tps = [TopicPartition(names.replay, p) for p in sorted(consumer.partitions_for_topic(names.replay) or ())]
        return {tp.partition: offset for tp, offset in consumer.end_offsets(tps).items()}
    finally:
        consumer.close()


def wait_processed(settings: Settings, start: dict[int, int], end: dict[int, int], reporter: Reporter,
                   timeout_s: float) -> bool:
    """Follow the processor's committed offsets on the replay topic until it has read what this run copied
    (``start``..``end``); False after ``timeout_s`` without reaching it."""
    names = Names.from_settings(settings)
    group = names.group("processor")
    total = sum(end[p] - start.get(p, 0) for p in end)
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap, client_id="mediamon-replay-wait")
    deadline = time.monotonic() + timeout_s
    try:
        with reporter(f"processor {group} on {names.replay}", total) as progress:
            while True:
                committed = admin.list_group_offsets(group).get(group) or {}
                done = 0
                for p, stop in end.items():
                    meta = committed.get(TopicPartition(names.replay, p))
                    at = meta.offset if meta is not None and meta.offset >= 0 else 0
                    done += max(0, min(stop, at) - start.get(p, 0))
                progress.advance(done - progress.done)
                if done >= total:
                    return True
                if time.monotonic() > deadline:
                    return False
                time.sleep(1)
    finally:
        admin.close()


def dead_letters(settings: Settings, since: datetime, start: dict[int, int], end: dict[int, int]) -> Counter[str]:
    """Reasons (error types) of what the processor dead-lettered from this run's copies on the replay topic."""
    names = Names.from_settings(settings)
    dlq = names.dlq(names.replay)
    found: Counter[str] = Counter()
    consumer = range_consumer(settings, "mediamon-replay-dlq")
    try:
        tps = [TopicPartition(dlq, p) for p in sorted(consumer.partitions_for_topic(dlq) or ())]
        if not tps:
            return found
        firsts = consumer.offsets_for_times({tp: to_ms(since) for tp in tps})
        ends = consumer.end_offsets(tps)
        starts = {tp: (firsts[tp].offset if firsts.get(tp) is not None else ends[tp]) for tp in tps}
        todo = {tp: ends[tp] for tp in tps if starts[tp] < ends[tp]}
        if not todo:
            return found
        consumer.assign(list(todo))
        for tp in todo:
            consumer.seek(tp, starts[tp])
        while todo:
            for records in consumer.poll(timeout_ms=1000).values():
                for record in records:
                    try:
                        letter = DeadLetter.model_validate_json(record.value or b"")
                    except ValueError:
                        continue
                    if (letter.source_topic == names.replay and letter.partition is not None
                            and letter.offset is not None
                            and start.get(letter.partition, 0) <= letter.offset < end.get(letter.partition, 0)):
                        found[letter.error_type] += 1
            for tp in list(todo):
                if consumer.position(tp) >= todo[tp]:
                    del todo[tp]
    finally:
        consumer.close()
    return found
