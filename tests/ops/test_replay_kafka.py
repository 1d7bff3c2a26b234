"""Replay against the real Kafka and Elasticsearch, without a processor: ranges, dry runs, resink, reset-group,
Ctrl-C and resume."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from kafka import KafkaConsumer, TopicPartition

from mediamon.clients import elasticsearch_client
from mediamon.ops import replay_reprocess
from mediamon.ops.cli import EXIT_INTERRUPTED
from mediamon.ops.replay_progress import ProgressReporter
from mediamon.ops.replay_range import TopicRange, parse_window, resolve
from mediamon.ops.replay_read import Batch, range_consumer, read_range
from mediamon.ops.replay_resink import concrete_targets, detach, supports_alerts
from mediamon.ops.replay_state import RunState
from mediamon.schema import AlertEvent
from mediamon.settings import Settings
from mediamon.topics import Names

from .helpers import article, end_offsets, enriched, es_count, es_ids, group_offsets, iso, replay, send


def _raw(settings: Settings, n: int, start: int = 0) -> None:
    names = Names.from_settings(settings)
    send(settings, names.raw, [(a.id, a.model_dump_json().encode()) for a in (article(i) for i in range(start, n))])


def test_empty_topic_empty_range_and_before_retention_exit_with_a_clear_message(
        settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert replay(settings, "reprocess", "--since", "1h", "--dry-run") == 3
    assert "is empty: nothing to replay" in capsys.readouterr().err
    _raw(settings, 3)
    time.sleep(1.5)
    after = datetime.now(UTC)
    time.sleep(1.1)
    assert replay(settings, "reprocess", "--since", iso(after), "--until", iso(after + timedelta(seconds=1))) == 3
    err = capsys.readouterr().err
    assert "no messages in" in err and "nothing to replay" in err and "Traceback" not in err
    assert replay(settings, "reprocess", "--since", "60d", "--until", "45d") == 4
    err = capsys.readouterr().err
    assert "older than what Kafka keeps" in err and "30 days" in err and "Traceback" not in err
    assert replay(settings, "resink", "--since", "60d", "--until", "45d") == 4
    # bad input: exit 2 with the reason, no traceback
    assert replay(settings, "reprocess", "--since", "last week") == 2
    assert "not a time" in capsys.readouterr().err
    assert replay(settings, "reprocess", "--since", "1d", "--until", "2d") == 2
    assert replay(settings, "reprocess", "--since", "1d", "--diff") == 2
    assert replay(settings, "resink", "--since", "1d", "--topics", "stories") == 2
    assert replay(settings, "reprocess", "--resume", "reprocess-nope") == 2
    assert "no replay run" in capsys.readouterr().err


def test_dry_run_changes_no_offsets_and_writes_nothing(settings: Settings,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    names = Names.from_settings(settings)
    since = datetime.now(UTC) - timedelta(seconds=1)
    _raw(settings, 7)
    send(settings, names.enriched, [(e.id, e.model_dump_json().encode()) for e in (enriched(i) for i in range(7))])
    groups = [names.group("processor"), names.group("sink-elasticsearch")]
    topics = [names.raw, names.replay, names.enriched, names.alerts]
    before = (end_offsets(settings, *topics), group_offsets(settings, *groups), es_count(settings))
    assert replay(settings, "reprocess", "--since", iso(since), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "would copy 7 messages" in out and names.replay in out and "Nothing was changed" in out
    assert "partition" in out and "total" in out
    assert replay(settings, "resink", "--since", iso(since), "--dry-run", "--index", f"{names.articles_index}-x") == 0
    assert "would index 7 messages" in capsys.readouterr().out
    assert replay(settings, "reset-group", "sink-elasticsearch", "--to", iso(since), "--dry-run") == 0
    after = (end_offsets(settings, *topics), group_offsets(settings, *groups), es_count(settings))
    assert after == before
    assert before[0][names.raw] == 7 and before[0][names.replay] == 0 and before[2] == 0
    assert not (settings.state_dir / "replay").exists()  # not even a run file


def test_resink_into_a_new_index_same_count_and_ids_then_switch_the_alias(
        settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    """Works with both index layouts: one plain index named like the alias (before the Elasticsearch rework) and
    monthly indices behind a read alias (after it: the rebuild is ``<name>-YYYY.MM``)."""
    names = Names.from_settings(settings)
    since = datetime.now(UTC) - timedelta(seconds=1)
    docs = [enriched(i) for i in range(25)]
    send(settings, names.enriched, [(e.id, e.model_dump_json().encode()) for e in docs])
    send(settings, names.enriched, [(e.id, e.model_dump_json().encode()) for e in docs[:5]])  # redelivered
    live = names.articles_index
    # the live index, as the live sink filled it
    assert replay(settings, "resink", "--since", iso(since), "--plain") == 0
    assert es_count(settings, live) == 25
    assert replay(settings, "resink", "--since", iso(since), "--plain") == 0  # twice: same documents, same count
    assert es_count(settings, live) == 25
    rebuilt = f"{live}-rebuild-1"
    assert replay(settings, "resink", "--since", iso(since), "--index", rebuilt, "--plain") == 0
    out = capsys.readouterr().out
    assert "read:          30" in out and "dead-lettered: 0" in out
    assert es_count(settings, f"{rebuilt}*") == 25 and es_ids(settings, f"{rebuilt}*") == es_ids(settings, live)
    assert es_count(settings, live) == 25  # the rebuild is beside the live index, not in its alias
    es = elasticsearch_client(settings)
    try:
        targets = concrete_targets(es, rebuilt)
        # a template that adds a read alias to a rebuild's index (the monthly layout does) is undone
        other_alias = f"{live}-read"
        es.indices.put_alias(index=rebuilt if rebuilt in targets else targets[0], name=other_alias)
        assert detach(es, other_alias, rebuilt) == [rebuilt if rebuilt in targets else targets[0]]
        assert not es.indices.exists_alias(name=other_alias)
        plain_index = not es.indices.exists_alias(name=live)
    finally:
        es.close()
    if plain_index:  # before the ES rework the live name is a plain index: switching needs --replace-index
        assert replay(settings, "resink", "--since", iso(since), "--index", rebuilt, "--switch-alias") == 2
        assert "--replace-index" in capsys.readouterr().err
    assert replay(settings, "resink", "--since", iso(since), "--index", rebuilt, "--switch-alias",
                  *(["--replace-index"] if plain_index else [])) == 0
    es = elasticsearch_client(settings)
    try:
        assert set(es.indices.get_alias(name=live)) == set(targets)
    finally:
        es.close()
    assert es_count(settings, live) == 25
    # the live sink's group never moved
    assert group_offsets(settings, names.group("sink-elasticsearch"))[names.group("sink-elasticsearch")] == {}


def test_reset_group_refused_while_a_member_is_active_then_moves_it(
        settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    names = Names.from_settings(settings)
    group = names.group("sink-elasticsearch")
    send(settings, names.enriched, [(e.id, e.model_dump_json().encode()) for e in (enriched(i) for i in range(6))])
    time.sleep(1.2)
    middle = datetime.now(UTC)
    time.sleep(1.2)
    send(settings, names.enriched, [(e.id, e.model_dump_json().encode()) for e in (enriched(i) for i in range(6, 9))])
    member = KafkaConsumer(names.enriched, bootstrap_servers=settings.kafka_bootstrap, group_id=group,
                           client_id="live-sink-under-test", auto_offset_reset="earliest", enable_auto_commit=False)
    try:
        deadline = time.monotonic() + 30
        while not member.assignment() and time.monotonic() < deadline:
            member.poll(timeout_ms=500)
        member.commit()
        assert replay(settings, "reset-group", "sink-elasticsearch", "--to", iso(middle)) == 5
        err = capsys.readouterr().err
        assert "refused" in err and "active member" in err and "live-sink-under-test" in err
        assert replay(settings, "reset-group", group, "--to", iso(middle), "--dry-run") == 5  # dry run says so too
    finally:
        member.close()
    committed = group_offsets(settings, group)[group]
    assert sum(committed.values()) == 9
    assert replay(settings, "reset-group", "sink-elasticsearch", "--to", iso(middle)) == 0
    moved = group_offsets(settings, group)[group]
    assert sum(moved.values()) == 6
    assert replay(settings, "reset-group", "not-ours", "--to", "1h") == 2
    assert "not one of our consumer groups" in capsys.readouterr().err


class _InterruptAfterFirstBatch(ProgressReporter):
    def advance(self, n: int) -> None:
        super().advance(n)
        if n:
            raise KeyboardInterrupt


def test_ctrl_c_stops_cleanly_saves_where_it_got_and_resume_finishes(
        settings: Settings, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    names = Names.from_settings(settings)
    since = datetime.now(UTC) - timedelta(seconds=1)
    _raw(settings, 40)
    start, end = parse_window(iso(since), None)
    consumer = range_consumer(settings)
    try:
        found = resolve(consumer, names.raw, start, end)
    finally:
        consumer.close()
    state = RunState.new(settings, "reprocess", [found], {})
    monkeypatch.setattr(replay_reprocess, "read_range", _small_batches)
    summary = replay_reprocess.reprocess(settings, state, lambda label, total: _InterruptAfterFirstBatch(
        label, total, force_plain=True))
    assert summary.interrupted and 0 < summary.written < 40
    saved = RunState.load(settings, state.run_id)
    assert not saved.done and sum(saved.positions_of(names.raw).values()) - sum(
        p.start for p in found.partitions) == summary.written
    monkeypatch.undo()
    assert replay(settings, "reprocess", "--resume", state.run_id, "--plain") == 0
    out = capsys.readouterr().out
    assert "read:" in out
    copied = end_offsets(settings, names.replay)[names.replay]
    assert copied == 40  # each message once: the resume starts where the interrupted run saved
    assert replay(settings, "reprocess", "--resume", state.run_id) == 2  # complete: nothing to resume
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap)
    try:
        tps = [TopicPartition(names.replay, p) for p in consumer.partitions_for_topic(names.replay) or ()]
        consumer.assign(tps)
        consumer.seek_to_beginning()
        records = [r for batch in consumer.poll(timeout_ms=5000).values() for r in batch]
        assert records and all(dict(r.headers).get("mediamon-replay") == b"1" for r in records)
    finally:
        consumer.close()
    assert EXIT_INTERRUPTED == 130


def _small_batches(consumer: KafkaConsumer, found: TopicRange, positions: dict[int, int] | None = None,
                   **_: Any) -> Iterator[Batch]:
    return read_range(consumer, found, positions, batch_size=5)


def test_resink_alerts_when_the_sink_indexes_them(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    names = Names.from_settings(settings)
    since = datetime.now(UTC) - timedelta(seconds=1)
    events = [AlertEvent(alert_id=f"{i:032x}", kind="new", story_id=f"{i:032x}", revision=0, severity="high",
                         headline=f"خبر {i}", event_time=datetime(2026, 11, 2, tzinfo=UTC), replay=i % 2 == 0)
              for i in range(6)]
    send(settings, names.alerts, [(e.story_id, e.model_dump_json().encode()) for e in events])
    if not supports_alerts():
        assert replay(settings, "resink", "--since", iso(since), "--topics", "alerts") == 2
        assert "does not index alerts yet" in capsys.readouterr().err
        pytest.skip("the Elasticsearch sink of this installation indexes no alerts")
    assert replay(settings, "resink", "--since", iso(since), "--topics", "enriched,alerts", "--plain") == 0
    assert replay(settings, "resink", "--since", iso(since), "--topics", "alerts", "--plain") == 0  # idempotent
    assert es_count(settings, names.alerts_index) == 6
    assert es_count(settings, names.alerts_index, {"term": {"replay": True}}) == 3
