"""The ops notifier: runs the checks every ``interval`` and posts to the ops webhook or channel, with its own
throttling: one message when a problem starts, a reminder at most every ``remind_after_s`` while it lasts, one
recovery message when it ends; at least ``min_interval_s`` between two posts. What it has said survives restarts
(a JSON file in the state directory), so a restart neither repeats an alert nor forgets a recovery."""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mediamon.errors import PermanentError, TransientError
from mediamon.sinks.slack.bidi import escape
from mediamon.sinks.slack.message import Message
from mediamon.sinks.slack.ops.checks import Finding, Snapshot, Thresholds, evaluate
from mediamon.sinks.slack.routing import Destination
from mediamon.sinks.slack.transport import Transport

log = logging.getLogger(__name__)

STATE_NAME = "slack-ops.json"


@dataclass
class OpsStats:
    alerts: int = 0
    reminders: int = 0
    recoveries: int = 0
    failed_posts: int = 0


def ops_message(kind: str, finding_summary: str) -> Message:
    icon = {"alert": "🚨", "reminder": "⏰", "recovery": "✅"}[kind]
    word = {"alert": "ops alert", "reminder": "still failing", "recovery": "recovered"}[kind]
    text = f"{icon} mediamon {word}: {escape(finding_summary)}"
    return Message(text=text, blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": text}}])


class OpsNotifier:
    def __init__(self, transport: Transport, channel: str, state_dir: Path, *, limits: Thresholds | None = None,
                 remind_after_s: float = 6 * 3600, min_interval_s: float = 1.0) -> None:
        self.transport = transport
        self.channel = channel
        self.limits = limits or Thresholds()
        self.remind_after_s = remind_after_s
        self.min_interval_s = min_interval_s
        self.path = state_dir / STATE_NAME
        self.stats = OpsStats()
        self._last_post = 0.0
        self.state: dict[str, Any] = self._load()

    # -- state ------------------------------------------------------------------------------------------------

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            if isinstance(data, dict):
                return {"firing": {}, "failing_since": {}, "dlq": {}, **data}
        except (OSError, ValueError):
            pass
        return {"firing": {}, "failing_since": {}, "dlq": {}}

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.state, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)

    # -- one round --------------------------------------------------------------------------------------------

    def snapshot(self, now: float, feeds: list[Any], dlq_sizes: dict[str, int]) -> Snapshot:
        """A snapshot, remembering DLQ sizes over the window and when each feed was first seen failing."""
        history: dict[str, list[list[float]]] = self.state["dlq"]
        for topic, size in dlq_sizes.items():
            kept = [p for p in history.get(topic, []) if now - p[0] <= self.limits.dlq_window_s]
            history[topic] = [*kept, [now, size]]
        since: dict[str, float] = self.state["failing_since"]
        for feed in feeds:
            if feed.consecutive_failures > 0:
                since.setdefault(feed.feed, now)
            else:
                since.pop(feed.feed, None)
        sizes = {t: [(p[0], int(p[1])) for p in points] for t, points in history.items()}
        return Snapshot(now=now, feeds=tuple(feeds), dlq_sizes=sizes)

    def round(self, snapshot: Snapshot) -> list[tuple[str, Finding]]:
        """Evaluate and post what changed; returns what was posted, as (kind, finding)."""
        findings = {f.key: f for f in evaluate(snapshot, self.limits, self.state["failing_since"])}
        firing: dict[str, dict[str, Any]] = self.state["firing"]
        posted: list[tuple[str, Finding]] = []
        for key, finding in findings.items():
            entry = firing.get(key)
            if entry is None:
                kind = "alert"
            elif snapshot.now - float(entry["notified_at"]) >= self.remind_after_s:
                kind = "reminder"
            else:
                continue
            if self._post(kind, finding):
                firing[key] = {"summary": finding.summary, "notified_at": snapshot.now,
                               "since": entry["since"] if entry else snapshot.now}
                posted.append((kind, finding))
        for key in [k for k in firing if k not in findings]:
            entry = firing[key]
            kind_name, _, subject = key.partition(":")
            ended = Finding(kind_name, subject, f"{subject} is fine again (was: {entry['summary']})")  # type: ignore[arg-type]
            if self._post("recovery", ended):
                del firing[key]
                posted.append(("recovery", ended))
        self._save()
        return posted

    def _post(self, kind: str, finding: Finding) -> bool:
        wait = self._last_post + self.min_interval_s - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last_post = time.monotonic()
        try:
            self.transport.post(Destination(self.channel), ops_message(kind, finding.summary))
        except TransientError as exc:  # tried again next round: the state is left as it was
            self.stats.failed_posts += 1
            log.warning("ops %s for %s not posted (%s); next round", kind, finding.key, exc)
            return False
        except PermanentError as exc:  # would fail every round: log it, count it as said
            self.stats.failed_posts += 1
            log.error("ops %s for %s refused by Slack: %s", kind, finding.key, exc)
            return True
        counter = {"alert": "alerts", "reminder": "reminders", "recovery": "recoveries"}[kind]
        setattr(self.stats, counter, getattr(self.stats, counter) + 1)
        log.info("ops %s posted: %s", kind, finding.summary)
        return True
