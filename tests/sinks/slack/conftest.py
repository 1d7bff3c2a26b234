"""Alert events straight onto a unique ``alerts`` topic, a Slack double, and a sink running in a thread."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from kafka import KafkaConsumer, KafkaProducer
from pydantic import SecretStr

from mediamon.schema import AlertEvent, Figure, Outlet, RuleRef, Severity
from mediamon.settings import Settings
from mediamon.sinks.base import Backoff
from mediamon.sinks.slack.settings import SlackSettings
from mediamon.sinks.slack.sink import SlackSink
from mediamon.topics import Names

from .slackdouble import SlackDouble

FAST = Backoff(initial=0.05, maximum=0.5)


def alert(n: int, *, story: str | None = None, kind: str = "new", revision: int = 1, replay: bool = False,
          severity: Severity = "high", killed: int = 5, rules: tuple[str, ...] = ("casualties",)) -> AlertEvent:
    story_id = story or f"{n:032x}"
    return AlertEvent.model_validate({
        "alert_id": f"{story_id}-r{revision}", "kind": kind, "story_id": story_id, "revision": revision,
        "severity": severity,
        "rules": [RuleRef(rule=r, severity=severity, label_ar="ضحايا", label_en=r.title()) for r in rules],
        "headline": f"خبر رقم {n}", "headline_url": f"https://example.org/{n}",
        "figures": [Figure(kind="killed", count=killed, qualifier="exact")],
        "changes": [{"kind": "killed", "before": {"kind": "killed", "count": 1, "qualifier": "exact"},
                     "after": {"kind": "killed", "count": killed, "qualifier": "exact"}}] if kind == "update" else [],
        "outlets": [Outlet(article_id=f"{n:032x}", source="aljazeera", url=f"https://example.org/{n}", title="t")],
        "event_time": datetime(2023, 9, 20, tzinfo=UTC) + timedelta(minutes=n), "replay": replay,
    })


def send(settings: Settings, alerts: list[AlertEvent], raw: list[tuple[bytes, bytes]] = ()) -> None:  # type: ignore[assignment]
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    topic = Names.from_settings(settings).alerts
    for a in alerts:
        producer.send(topic, key=a.story_id.encode(), value=a.model_dump_json().encode())
    for key, value in raw:
        producer.send(topic, key=key, value=value)
    producer.flush()
    producer.close()


def read_topic(settings: Settings, topic: str, timeout_ms: int = 3000, expect: int | None = None) -> list[Any]:
    """The topic's messages; with ``expect``, waits up to 30 s for that many (a loaded machine is slow to fetch)."""
    consumer = KafkaConsumer(topic, bootstrap_servers=settings.kafka_bootstrap, auto_offset_reset="earliest",
                             consumer_timeout_ms=timeout_ms)
    out: list[Any] = []
    deadline = time.monotonic() + 30
    while True:
        out += list(consumer)
        if expect is None or len(out) >= expect or time.monotonic() > deadline:
            break
    consumer.close()
    return out


def headline_numbers(requests: list[Any]) -> list[int]:
    """The alert numbers of the posted messages, from their fallback text (``خبر رقم N``)."""
    out = []
    for r in requests:
        text = str(r.body.get("text", ""))
        digits = text.split("رقم", 1)[1].split("\u2066", 1)[1].split("\u2069", 1)[0]
        out.append(int(digits))
    return out


@dataclass
class Running:
    sink: SlackSink
    thread: threading.Thread
    stop: threading.Event


@contextmanager
def running(settings: Settings, slack: SlackSettings, backoff: Backoff = FAST) -> Iterator[SlackSink]:
    stop = threading.Event()
    sink = SlackSink(settings, slack, backoff=backoff)
    errors: list[BaseException] = []

    def _run() -> None:
        try:
            sink.run(stop)
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=_run, daemon=True)
    thread.start()
    try:
        yield sink
    finally:
        stop.set()
        thread.join(60)
        sink.close()
    assert not errors, errors


@pytest.fixture
def double() -> Iterator[SlackDouble]:
    with SlackDouble() as slack:
        yield slack


@pytest.fixture
def webhook(double: SlackDouble) -> SlackSettings:
    return SlackSettings(mode="webhook", webhook_url=SecretStr(double.webhook_url()), min_interval_s=0.0,
                         kibana_url="https://kibana.test")


@pytest.fixture
def bot(double: SlackDouble) -> SlackSettings:
    return SlackSettings(mode="bot", bot_token=SecretStr(double.token), api_url=double.api_url, channel="#desk",
                         min_interval_s=0.0, kibana_url="https://kibana.test")


@pytest.fixture
def all_logs() -> Iterator[list[str]]:
    """Every log line of every logger at DEBUG, formatted, while the test runs."""
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(self.format(record))

    handler = Keep(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    # As `mediamon -v` does: everything at DEBUG (another test may have run mediamon.cli.main, which quiets these).
    quieted = {name: logging.getLogger(name).level
               for name in ("", "kafka", "aiokafka", "httpx", "elastic_transport", "kafka.net.selector", "slack_sdk")}
    root.addHandler(handler)
    for name in quieted:
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        yield lines
    finally:
        root.removeHandler(handler)
        for name, level in quieted.items():
            logging.getLogger(name).setLevel(level)


def tweak(slack: SlackSettings, **changes: Any) -> SlackSettings:
    """``slack`` with ``changes``, validated (model_copy would not turn a str into a SecretStr)."""
    return SlackSettings(**{**dict(slack), **changes})


def until(condition: Callable[[], bool], timeout_s: float = 60.0) -> None:
    """Wait for ``condition`` (a loaded machine makes fixed sleeps flaky)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout_s:g}s")
        time.sleep(0.1)
