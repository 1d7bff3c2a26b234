"""Ops alerts: the checks (pure), and a feed that starts failing and recovers, through the real producer."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import SecretStr

from mediamon.cli import main
from mediamon.settings import Settings, get_settings
from mediamon.sinks.slack.ops.checks import FeedHealth, Snapshot, Thresholds, evaluate
from mediamon.sinks.slack.ops.notifier import OpsNotifier
from mediamon.sinks.slack.ops.run import make_notifier, one_round
from mediamon.sinks.slack.settings import SlackSettings
from tests.producers.feedserver import FeedServer, Route
from tests.producers.samples import ARABIC, rss2

from .slackdouble import Scripted, SlackDouble

NOW = 1_700_000_000.0
LIMITS = Thresholds()


def _feed(**kw: Any) -> FeedHealth:
    base: dict[str, Any] = {"feed": "f", "last_success": NOW - 60, "last_error": None, "last_error_at": None,
                            "consecutive_failures": 0}
    return FeedHealth(**{**base, **kw})


def test_failing_for_an_hour() -> None:
    early = _feed(last_success=NOW - 1800, consecutive_failures=3, last_error="http_status: 500")
    late = _feed(last_success=NOW - 3700, consecutive_failures=9, last_error="http_status: 500")
    never = _feed(last_success=None, consecutive_failures=9, last_error="dns")
    assert evaluate(Snapshot(NOW, (early,)), LIMITS) == []
    [finding] = evaluate(Snapshot(NOW, (late,)), LIMITS)
    assert finding.key == "feed_failing:f" and "failing for 1h 1m" in finding.summary
    assert evaluate(Snapshot(NOW, (never,)), LIMITS, {"f": NOW - 100}) == []
    assert len(evaluate(Snapshot(NOW, (never,)), LIMITS, {"f": NOW - 4000})) == 1


def test_silent_feed_against_its_usual_gap() -> None:
    hourly = tuple(NOW - 3600 * k for k in range(10, 0, -1))  # one item an hour, the last an hour ago
    assert evaluate(Snapshot(NOW, (_feed(emitted_times=hourly),)), LIMITS) == []
    [finding] = evaluate(Snapshot(NOW + 5 * 3600, (_feed(emitted_times=hourly),)), LIMITS)
    assert finding.kind == "feed_silent" and "usual gap 1h 0m" in finding.summary
    few = hourly[-3:]
    assert evaluate(Snapshot(NOW + 10 * 3600, (_feed(emitted_times=few),)), LIMITS) == []  # too little history


def test_format_change_but_not_a_feed_that_was_always_filtered() -> None:
    changed = ("emitted",) * 20 + ("rejected:language:en",) * 9 + ("rejected:empty",)
    [finding] = evaluate(Snapshot(NOW, (_feed(recent_outcomes=changed),)), LIMITS)
    assert finding.kind == "format_change" and "100% of its last 10 items failed (empty, language:en)" in (
        finding.summary)
    always = ("rejected:language:fa",) * 30
    assert evaluate(Snapshot(NOW, (_feed(recent_outcomes=always),)), LIMITS) == []


def test_dlq_growth_within_the_window() -> None:
    sizes = {"alerts.dlq": [(NOW - 600, 3), (NOW - 300, 8), (NOW, 14)]}
    [finding] = evaluate(Snapshot(NOW, dlq_sizes=sizes), LIMITS)
    assert finding.summary == "alerts.dlq grew by 11 messages in 10m (now 14)"
    assert evaluate(Snapshot(NOW, dlq_sizes={"alerts.dlq": [(NOW - 2000, 0), (NOW, 14)]}), LIMITS) == []


def test_one_alert_reminders_throttled_one_recovery_and_a_restart_repeats_nothing(tmp_path: Path) -> None:
    failing = _feed(last_success=NOW - 4000, consecutive_failures=5, last_error="http_status: 500")
    with SlackDouble() as double:
        settings = SlackSettings(mode="webhook", ops_webhook_url=SecretStr(double.webhook_url("ops")))
        from mediamon.sinks.slack.ops.run import ops_transport

        def notifier() -> OpsNotifier:
            return OpsNotifier(ops_transport(settings), settings.ops_channel, tmp_path, remind_after_s=3600,
                               min_interval_s=0)

        first = notifier()
        assert [k for k, _ in first.round(first.snapshot(NOW, [failing], {}))] == ["alert"]
        assert first.round(first.snapshot(NOW + 60, [failing], {})) == []
        again = notifier()  # a restart
        assert again.round(again.snapshot(NOW + 120, [failing], {})) == []
        assert [k for k, _ in again.round(again.snapshot(NOW + 3700, [failing], {}))] == ["reminder"]
        double.script(Scripted("500"))  # the recovery is not lost when Slack fails once
        healthy = _feed(last_success=NOW + 3800)
        assert again.round(again.snapshot(NOW + 3800, [healthy], {})) == []
        assert [k for k, _ in again.round(again.snapshot(NOW + 3860, [healthy], {}))] == ["recovery"]
        assert again.round(again.snapshot(NOW + 3920, [healthy], {})) == []
        texts = [r.body["text"] for r in double.accepted()]
    assert [t.split(":")[0] for t in texts] == ["🚨 mediamon ops alert", "⏰ mediamon still failing",
                                               "✅ mediamon recovered"]
    assert texts[0].startswith("🚨 mediamon ops alert: feed f failing for 1h 6m (5 polls in a row): http_status")


@pytest.fixture
def producer_env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("MEDIAMON_KAFKA_BOOTSTRAP", settings.kafka_bootstrap)
    monkeypatch.setenv("MEDIAMON_TOPIC_PREFIX", settings.topic_prefix)
    monkeypatch.setenv("MEDIAMON_STATE_DIR", str(settings.state_dir))
    get_settings.cache_clear()
    return settings


def test_a_feed_that_starts_failing_gives_one_ops_alert_and_its_recovery_one_message(
        producer_env: Settings, tmp_path: Path) -> None:
    with FeedServer() as feeds, SlackDouble() as double:
        url = feeds.add("/feed.xml", Route(body=rss2([(ARABIC[0], feeds.url("/a"))]).encode()))
        feeds_file = tmp_path / "feeds.yaml"
        feeds_file.write_text(yaml.safe_dump({
            "version": 1, "defaults": {"poll_interval": 1, "jitter": 0, "fulltext": False,
                                       "allow_networks": ["127.0.0.0/8"]},
            "feeds": [{"name": "local", "url": url}]}, allow_unicode=True), encoding="utf-8")
        slack = SlackSettings(mode="webhook", ops_webhook_url=SecretStr(double.webhook_url("ops")),
                              ops_failing_after_s=600, ops_min_interval_s=0)
        notifier = make_notifier(producer_env, slack)

        def poll_and_check(later_s: float = 0) -> int:
            """A real poll of the feed, then a round of checks as if ``later_s`` had passed."""
            assert main(["produce", "--once", "--feeds", str(feeds_file)]) == 0
            return one_round(producer_env, notifier, now=time.time() + later_s)

        assert poll_and_check() == 0  # healthy
        feeds.add("/feed.xml", Route(status=500))
        assert poll_and_check() == 0  # failing, not yet for long enough
        assert poll_and_check(later_s=601) == 1  # failing for longer than the threshold: one ops alert
        assert poll_and_check(later_s=602) == 0  # still failing: nothing more (reminders are hours apart)
        feeds.add("/feed.xml", Route(body=rss2([(ARABIC[0], feeds.url("/a"))]).encode()))
        assert poll_and_check(later_s=603) == 1  # recovered: one recovery message
        assert poll_and_check(later_s=604) == 0
        texts = [r.body["text"] for r in double.accepted()]
    assert len(texts) == 2
    assert texts[0].startswith("🚨 mediamon ops alert: feed local failing for") and "http_status" in texts[0]
    assert texts[1].startswith("✅ mediamon recovered: local is fine again (was: feed local failing for")
    assert all(r.path == "/hooks/ops" for r in double.accepted())
