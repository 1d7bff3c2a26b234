"""``mediamon replay reprocess``: copy the raw articles of a range onto ``articles.replay``.

The processor reads ``articles.replay`` with its own agent exactly like ``articles.raw`` but marks every article
replayed and sends it through the same story log, so the current analysis and rules run over the range, story and
alert decisions use event time, and the alerts it raises say ``replay: true``. The copy keeps key and value and adds
the replay header; it reads with an assigned consumer (no group) and keeps its progress in its own run file, so no
live group's offsets move. Re-running the same range is harmless: ids are stable, the Elasticsearch sink overwrites
by ``_id``, and articles already in a story raise no new ``new`` alert.
"""

from __future__ import annotations

from collections.abc import Callable

from kafka import KafkaProducer

from mediamon.ops.replay_progress import ProgressReporter, Summary
from mediamon.ops.replay_read import range_consumer, read_range
from mediamon.ops.replay_state import RunState
from mediamon.settings import Settings
from mediamon.topics import REPLAY_HEADER, Names

Reporter = Callable[[str, int], ProgressReporter]


def reprocess(settings: Settings, state: RunState, reporter: Reporter, summary: Summary | None = None) -> Summary:
    """Copy what is left of ``state``'s range to the replay topic; KeyboardInterrupt stops after saving where it got
    (``summary.interrupted``)."""
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
            try:
                for batch in read_range(consumer, found, positions):
                    for record in batch.records:
                        summary.read += 1
                        if record.value is None:
                            summary.skip("without a value (tombstone)")
                            continue
                        producer.send(names.replay, key=record.key, value=record.value, headers=headers)
                    producer.flush()
                    summary.written += sum(1 for r in batch.records if r.value is not None)
                    state.advance(found.topic, batch.positions)
                    state.save()
                    progress.advance(len(batch.records))
                state.done = True
                state.save()
            except KeyboardInterrupt:
                summary.interrupted = True
                producer.flush(timeout=10)  # what was sent is idempotent downstream; the run file says where to go on
                state.save()
    finally:
        producer.close()
        consumer.close()
    return summary
