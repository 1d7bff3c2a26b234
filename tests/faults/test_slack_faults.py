"""Fault scenario 3 (issue 15): Slack answers 429 with Retry-After, then 500s, for 60 s while alerts flow. Every alert
event is still posted exactly once, each story opens exactly one message, and nothing reaches the DLQ."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from mediamon.settings import Settings
from mediamon.sinks.slack.double import Scripted, SlackDouble

from .newssite import NewsSite
from .pipeline import Pipeline, settle_and_check

N = 1000


def _misbehave(slack: SlackDouble, seconds: float, done: threading.Event) -> None:
    """Keep Slack's next answers failing for ``seconds``: first rate limits with Retry-After, then server errors."""
    began = time.monotonic()
    while (elapsed := time.monotonic() - began) < seconds:
        if slack.scripted() < 2:  # topped up, never queued ahead: the next request meets the current failure
            slack.script(Scripted("429", retry_after=2) if elapsed < seconds / 2 else Scripted("500"))
        time.sleep(0.05)
    done.set()


def _failed(slack: SlackDouble) -> dict[str, int]:
    out: dict[str, int] = {}
    for request in slack.requests:
        if not request.accepted:
            out[request.answered] = out.get(request.answered, 0) + 1
    return out


def test_slack_rate_limits_and_errors_for_a_minute_post_each_alert_once(
        fault_settings: Settings, slack: SlackDouble, tmp_path: Path) -> None:
    site = NewsSite(N, tag=tmp_path.name, rate=N / 60, window=60)
    done = threading.Event()
    with Pipeline(fault_settings, site, slack, tmp_path / "run") as pipeline:
        pipeline.sleep(10)
        site.open()
        site.wait_released(0.15)
        threading.Thread(target=_misbehave, args=(slack, 60.0, done), daemon=True).start()
        while not done.is_set():
            pipeline.sleep(1)
        slack.clear_script()
        outcome = settle_and_check(pipeline, site.ids)
        assert pipeline.restarts() == {}
    failed = _failed(slack)
    # The minute of failures was really seen by the sink (not slept through), and then recovered from.
    assert failed.get("429", 0) >= 3 and failed.get("500", 0) >= 1, failed
    assert len(outcome.posted) == len(outcome.alerts)
