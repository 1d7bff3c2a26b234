"""Spike decisions (pure)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mediamon.processors.spikes import SpikePolicy, crossing, spike_event, spike_id, window_start

POLICY = SpikePolicy(window=timedelta(hours=1), baseline_windows=24, factor=3.0, min_count=10)


def test_a_count_must_pass_both_the_minimum_and_the_factor_over_the_baseline() -> None:
    assert crossing("country", "IQ", 9, [0] * 24, POLICY) is None
    assert crossing("country", "IQ", 10, [0] * 24, POLICY) is not None
    assert crossing("country", "IQ", 14, [5] * 24, POLICY) is None
    found = crossing("country", "IQ", 15, [5] * 24, POLICY)
    assert found is not None and found.baseline == 5.0


def test_windows_are_aligned_in_event_time() -> None:
    when = datetime(2025, 5, 1, 7, 42, tzinfo=UTC)
    assert window_start(when, timedelta(hours=1)) == datetime(2025, 5, 1, 7, tzinfo=UTC)


def test_one_spike_names_the_most_specific_dimension_and_lists_the_others() -> None:
    start = datetime(2025, 5, 1, 7, tzinfo=UTC)
    crossings = [c for c in (crossing("country", "IQ", 12, [], POLICY), crossing("rule", "casualties", 12, [], POLICY))
                 if c is not None]
    event = spike_event(crossings, start, POLICY, [], start, replay=False)
    assert event.spike is not None and event.spike.value == "IQ" and event.spike.also == ["rule:casualties"]
    assert event.alert_id == spike_id("country", "IQ", start)
