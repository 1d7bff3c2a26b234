"""Replay and Slack: replayed alerts stay out of Slack unless the Slack sink runs with ``--notify-replay``; then each
arrives once. Runs once the Slack sink (mediamon.sinks.slack) is installed; skipped before."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from mediamon.devstack.pipeline import Workers
from mediamon.settings import Settings
from mediamon.topics import Names
from tests.processors.harness import labelled_articles, produce, read_all

from .helpers import es_count, iso, replay, wait_for
from .test_replay_pipeline import NEW_RULE, REPO_ROOT, _settle

pytest.importorskip("mediamon.sinks.slack.sink")
from pydantic import SecretStr

from mediamon.sinks.base import Backoff
from mediamon.sinks.slack.double import SlackDouble
from mediamon.sinks.slack.settings import SlackSettings
from mediamon.sinks.slack.sink import SlackSink

SECOND_RULE = """\
rules:
  - id: mediation
    kind: alert
    labels: {ar: وساطة, en: Mediation}
    severity: medium
    patterns:
      - "وساطة|الوساطة|الوسطاء|الوسيط|مفاوضات|المفاوضات|محادثات|المحادثات"
"""


@contextmanager
def slack_sink(settings: Settings, double: SlackDouble, *, notify_replay: bool) -> Iterator[SlackSink]:
    slack = SlackSettings(mode="webhook", webhook_url=SecretStr(double.webhook_url()), min_interval_s=0.0,
                          kibana_url="https://kibana.test", notify_replay=notify_replay)
    sink = SlackSink(settings, slack, backoff=Backoff(initial=0.05, maximum=0.5))
    stop = threading.Event()
    thread = threading.Thread(target=sink.run, args=(stop,), daemon=True)
    thread.start()
    try:
        yield sink
    finally:
        stop.set()
        thread.join(60)
        sink.close()


def _quiet(double: SlackDouble, seconds: float = 8) -> int:
    """The accepted count once it has not changed for ``seconds``."""
    last, since = len(double.accepted()), time.monotonic()
    while time.monotonic() - since < seconds:
        time.sleep(1)
        now = len(double.accepted())
        if now != last:
            last, since = now, time.monotonic()
    return last


def _alerts(settings: Settings) -> list[dict[str, Any]]:
    return [a for _, a in read_all(settings, Names.from_settings(settings).alerts, settle_s=2)]


def test_replayed_alerts_reach_slack_only_with_notify_replay_and_once(settings: Settings, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(REPO_ROOT / "rules", rules)
    settings = settings.model_copy(update={"rules_dir": rules})
    names = Names.from_settings(settings)
    batch = [a for a, _ in labelled_articles()][:30]
    since = datetime.now(UTC) - timedelta(seconds=1)
    with SlackDouble() as double:
        with Workers(settings, tmp_path / "logs"), slack_sink(settings, double, notify_replay=False):
            produce(settings, names.raw, batch)
            wait_for(lambda: es_count(settings) == len(batch), 240, "the articles")
            _settle(settings)
            live = _quiet(double)
            assert live == len([a for a in _alerts(settings) if not a["replay"]]) > 0
        window = ["--since", iso(since), "--until", iso(datetime.now(UTC))]

        # A new rule reprocessed: replayed alerts, Slack silent.
        (rules / "zz_aid.yaml").write_text(NEW_RULE, encoding="utf-8")
        with Workers(settings, tmp_path / "logs2"), slack_sink(settings, double, notify_replay=False):
            assert replay(settings, "reprocess", *window, "--plain", "--wait") == 0
            _settle(settings)
            assert [a for a in _alerts(settings) if a["replay"]]
            assert _quiet(double) == live

        # Another rule, with the Slack sink asked to notify replays: each replayed alert once, and a second run
        # of the same replay posts nothing more.
        (rules / "zz_mediation.yaml").write_text(SECOND_RULE, encoding="utf-8")
        before = {a["alert_id"] for a in _alerts(settings)}
        with Workers(settings, tmp_path / "logs3"), slack_sink(settings, double, notify_replay=True):
            assert replay(settings, "reprocess", *window, "--plain", "--wait") == 0
            _settle(settings)
            fresh = {a["alert_id"] for a in _alerts(settings) if a["replay"]} - before
            assert fresh
            assert _quiet(double) == live + len(fresh)
            assert replay(settings, "reprocess", *window, "--plain", "--wait") == 0
            _settle(settings)
            assert _quiet(double) == live + len(fresh)
