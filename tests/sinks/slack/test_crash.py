"""SIGKILL in the window between Slack's acceptance and the ledger, mid-burst; then a restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from mediamon.settings import Settings

from .conftest import alert, headline_numbers, send
from .slackdouble import Request, SlackDouble

MEDIAMON = str(Path(sys.executable).with_name("mediamon"))


_STARTED: list[subprocess.Popen[str]] = []


@pytest.fixture(autouse=True)
def _no_sink_left_running() -> Iterator[None]:
    yield
    while _STARTED:
        proc = _STARTED.pop()
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


def _sink(settings: Settings, hook: str, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ,
           "MEDIAMON_KAFKA_BOOTSTRAP": settings.kafka_bootstrap, "MEDIAMON_TOPIC_PREFIX": settings.topic_prefix,
           "MEDIAMON_INDEX_PREFIX": settings.index_prefix,
           "MEDIAMON_CONSUMER_GROUP_PREFIX": settings.consumer_group_prefix,
           "MEDIAMON_SLACK_WEBHOOK_URL": hook, "MEDIAMON_SLACK_MIN_INTERVAL_S": "0.2"}
    proc = subprocess.Popen([MEDIAMON, "sink", "slack", *extra], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    _STARTED.append(proc)
    return proc


def test_sigkill_right_after_slack_accepted_repeats_at_most_that_one_message(settings: Settings) -> None:
    burst = [alert(i, story=f"{i % 3:032x}", kind="update" if i >= 3 else "new", revision=i // 3 + 1)
             for i in range(24)]
    send(settings, burst)
    victim: list[subprocess.Popen[str]] = []

    def kill_on_the_8th(request: Request) -> None:
        if victim and len([r for r in double.requests if r.accepted]) == 8:
            os.kill(victim[0].pid, signal.SIGKILL)  # Slack accepted; the sink has not recorded it yet

    with SlackDouble(on_accept=kill_on_the_8th) as double:
        hook = double.webhook_url("T0CRASH/B0CRASH/crashsecretvalue")
        first = _sink(settings, hook)
        victim.append(first)
        first_out, _ = first.communicate(timeout=120)
        assert first.returncode == -signal.SIGKILL
        assert len(double.accepted()) == 8
        second = _sink(settings, hook, "--exit-when-idle", "60", "-v")
        second_out, _ = second.communicate(timeout=180)
        assert second.returncode == 0, second_out[-3000:]
    numbers = headline_numbers(double.accepted())
    print("\n".join(line for line in second_out.splitlines() if "mediamon" in line and "kafka" not in line)[-3000:])
    repeats = {n: c for n, c in Counter(numbers).items() if c > 1}
    print(f"\ndelivered {len(numbers)} messages for {len(burst)} alerts; repeated: {repeats}")
    assert sorted(set(numbers)) == list(range(24))  # every alert delivered
    assert sum(c - 1 for c in repeats.values()) <= 1  # at most one duplicate...
    assert not repeats or list(repeats) == [numbers[7]]  # ...and only the one in the window
    for story in range(3):  # in order per story, the repeat aside
        seen = [n for n in dict.fromkeys(numbers) if n % 3 == story]
        assert seen == list(range(story, 24, 3))
    summary = second_out.strip().splitlines()[-1]
    assert f"possible duplicates {len(repeats)}" in summary, summary  # counted and reported
    if repeats:
        assert "may appear twice in Slack" in second_out
    for out in (first_out, second_out):
        assert "crashsecretvalue" not in out and "T0CRASH" not in out


def test_sigterm_mid_burst_stops_promptly_and_a_restart_finishes_without_repeats(settings: Settings) -> None:
    send(settings, [alert(i, story=f"{i:032x}") for i in range(12)])
    with SlackDouble() as double:
        hook = double.webhook_url()
        env_extra = ("--min-interval", "0.5")
        first = _sink(settings, hook, *env_extra)
        double.wait_for(3, 90)
        first.send_signal(signal.SIGTERM)
        started = time.monotonic()
        out, _ = first.communicate(timeout=60)
        assert first.returncode == 0, out[-2000:]
        assert time.monotonic() - started < 15
        assert "possible duplicates 0" in out
        second = _sink(settings, hook, "--exit-when-idle", "10", *env_extra)
        second_out, _ = second.communicate(timeout=180)
        assert second.returncode == 0, second_out[-2000:]
    numbers = headline_numbers(double.accepted())
    assert sorted(numbers) == list(range(12))  # every alert once: a graceful stop repeats nothing
