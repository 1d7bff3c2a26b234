"""The whole pipeline as real processes for the fault scenarios, and the checks every scenario ends with.

Processes: the producer (``mediamon produce`` on the loopback news site), one or more Faust workers (``mediamon
process``), the Elasticsearch sink and the Slack sink (against the local Slack double, bot mode, so every message
carries its alert id in Slack's message metadata).
"""

from __future__ import annotations

import collections
import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mediamon.clients import elasticsearch_client
from mediamon.devstack.pipeline import env_for
from mediamon.settings import Settings
from mediamon.sinks.slack.double import SlackDouble
from mediamon.topics import Names
from tests.processors.harness import read_all, replayed_assignment

from .newssite import NewsSite


@dataclass
class Child:
    name: str
    args: list[str]
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen[bytes] | None = None
    starts: int = 0

    def start(self) -> None:
        out = open(self.log, "ab")  # noqa: SIM115 (lives as long as the child)
        self.popen = subprocess.Popen([sys.executable, "-m", "mediamon.cli", *self.args], env=self.env, stdout=out,
                                      stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        self.starts += 1

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def kill(self) -> None:
        if self.popen is not None and self.popen.poll() is None:
            self.popen.send_signal(signal.SIGKILL)
            self.popen.wait()

    def stop(self, timeout_s: float = 40.0) -> None:
        if self.popen is not None and self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout_s)
            except subprocess.TimeoutExpired:
                self.kill()


@dataclass
class Pipeline:
    settings: Settings
    site: NewsSite
    slack: SlackDouble
    workdir: Path
    workers: int = 1
    extra_env: dict[str, str] = field(default_factory=dict)
    children: dict[str, Child] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        feeds = self.site.write_feeds_file(self.workdir / "feeds.yaml")
        env = env_for(self.settings)
        env.update(MEDIAMON_FEEDS_FILE=str(feeds), MEDIAMON_SLACK_MODE="bot", MEDIAMON_SLACK_BOT_TOKEN=self.slack.token,
                   MEDIAMON_SLACK_API_URL=self.slack.api_url, MEDIAMON_SLACK_CHANNEL="#desk",
                   MEDIAMON_SLACK_MIN_INTERVAL_S="0.01", PYTHONUNBUFFERED="1")
        env.update(self.extra_env)
        commands = {"producer": ["produce"], "sink-elasticsearch": ["sink", "elasticsearch"],
                    "sink-slack": ["sink", "slack", "--min-interval", "0.01"]}
        for n in range(1, self.workers + 1):
            commands[f"processor-w{n}"] = ["process", "--data-dir", str(self.data_dir(f"processor-w{n}"))]
        for name, args in commands.items():
            self.children[name] = Child(name, args, env, self.workdir / f"{name}.log")

    def data_dir(self, worker: str) -> Path:
        return self.workdir / f"faust-{worker}"

    def __enter__(self) -> Pipeline:
        for child in self.children.values():
            child.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for child in self.children.values():
            child.stop()
        self.site.close()

    def __getitem__(self, name: str) -> Child:
        return self.children[name]

    def check_alive(self) -> None:
        """Every process is running: one that died would need a human, so the scenario fails at once."""
        for child in self.children.values():
            if not child.alive():
                code = child.popen.returncode if child.popen else None
                raise AssertionError(f"{child.name} exited (code {code}); see {child.log}:\n{tail(child.log)}")

    def restarts(self) -> dict[str, int]:
        return {name: child.starts - 1 for name, child in self.children.items() if child.starts > 1}

    def sleep(self, seconds: float) -> None:
        """Wait, checking every second that no process died."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.check_alive()
            time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


# -- the end checks -------------------------------------------------------------------------------------------------


def _count(settings: Settings, index: str, ids: list[str] | None = None) -> int:
    es = elasticsearch_client(settings)
    try:
        es.indices.refresh(index=index)
        query = {"ids": {"values": ids}} if ids is not None else {"match_all": {}}
        return int(es.count(index=index, query=query)["count"])
    finally:
        es.close()


def wait_all_indexed(pipeline: Pipeline, ids: list[str], timeout_s: float = 600) -> None:
    names = Names.from_settings(pipeline.settings)
    deadline = time.monotonic() + timeout_s
    while True:
        pipeline.check_alive()
        try:
            if _count(pipeline.settings, names.articles_index, ids) >= len(ids):
                return
        except Exception:  # Elasticsearch may be the thing that is down right now
            pass
        if time.monotonic() > deadline:
            have = _count(pipeline.settings, names.articles_index, ids)
            raise AssertionError(f"{have} of {len(ids)} articles indexed after {timeout_s:.0f}s; logs in "
                                 f"{pipeline.workdir}")
        time.sleep(2)


@dataclass
class Outcome:
    alerts: list[dict[str, Any]]
    posted: list[dict[str, Any]]
    dead_letters: dict[str, list[dict[str, Any]]]


def settle_and_check(pipeline: Pipeline, ids: list[str], *, dead_letters: int = 0,
                     timeout_s: float = 600) -> Outcome:
    """The checks every scenario ends with:

    - every article is in Elasticsearch exactly once, and nothing else is;
    - every alert event (distinct ``alert_id`` on the alerts topic) is in the alerts index once and was posted to
      Slack exactly once; every story (and spike) opened exactly one top-level Slack message;
    - the DLQs hold exactly ``dead_letters`` messages, each with a reason;
    - no process died.
    """
    settings = pipeline.settings
    names = Names.from_settings(settings)
    wait_all_indexed(pipeline, ids, timeout_s)
    assert _count(settings, names.articles_index) == len(ids), "documents other than the articles were indexed"

    alerts = [body for _, body in read_all(settings, names.alerts, want=1, settle_s=8, timeout_s=120)]
    wanted = {a["alert_id"]: a for a in alerts if not a.get("replay")}
    assert wanted, "the stream raised no alert at all"
    deadline = time.monotonic() + timeout_s
    while True:
        pipeline.check_alive()
        posted = [_payload(r.body) for r in pipeline.slack.accepted()]
        indexed = _count(settings, names.alerts_index)
        if len(posted) >= len(wanted) and indexed >= len(wanted):
            break
        if time.monotonic() > deadline:
            raise AssertionError(f"{len(posted)} Slack messages and {indexed} alert documents for {len(wanted)} "
                                 f"alert events after {timeout_s:.0f}s")
        time.sleep(1)
    time.sleep(3)  # anything more would be a duplicate: give it the time to show up
    posted = [_payload(r.body) for r in pipeline.slack.accepted()]
    per_alert = collections.Counter(p["alert_id"] for p in posted)
    doubled = {k: n for k, n in per_alert.items() if n > 1}
    assert not doubled, f"alert events posted more than once: {doubled}"
    assert set(per_alert) == set(wanted), (f"posted but not raised: {set(per_alert) - set(wanted)}; raised but "
                                           f"not posted: {set(wanted) - set(per_alert)}")
    openers = collections.Counter(p["story_id"] for p in posted if not p["thread_ts"])
    assert all(n == 1 for n in openers.values()), f"stories with two top-level messages: {openers}"
    assert set(openers) == {a["story_id"] for a in wanted.values()}, "a story without its top-level message"
    assert _count(settings, names.alerts_index) == len(wanted)

    letters = {topic: [body for _, body in read_all(settings, topic, settle_s=2, timeout_s=30)]
               for topic in (names.topic(r) for r in ("raw.dlq", "enriched.dlq", "alerts.dlq"))}
    total = sum(len(v) for v in letters.values())
    assert total == dead_letters, f"{total} dead letters, expected {dead_letters}: {_reasons(letters)}"
    assert all(letter.get("reason") for v in letters.values() for letter in v)
    pipeline.check_alive()
    return Outcome(alerts=list(wanted.values()), posted=posted, dead_letters=letters)


def _payload(body: dict[str, Any]) -> dict[str, Any]:
    meta = body.get("metadata") or {}
    if isinstance(meta, str):
        meta = json.loads(meta)
    payload = dict(meta.get("event_payload") or {})
    payload["thread_ts"] = body.get("thread_ts") or ""
    return payload


def _reasons(letters: dict[str, list[dict[str, Any]]]) -> list[str]:
    return [f"{t}: {d.get('reason', '')[:120]}" for t, v in letters.items() for d in v]


def assignment_matches_story_log(settings: Settings, ids: Iterable[str]) -> None:
    """No story was split or lost by a crash or a handover: the story of every article equals what the one ordered
    story log gives when replayed through the pure assigner."""
    names = Names.from_settings(settings)
    wanted = set(ids)
    enriched = read_all(settings, names.enriched, want=len(wanted), settle_s=2, timeout_s=120)
    placed = {d["id"]: d["story_id"] for _, d in enriched}
    assert set(placed) >= wanted
    log = read_all(settings, names.stories, want=len(wanted), settle_s=2, timeout_s=120)
    assert placed == replayed_assignment(settings, (body for _, body in log))


def worker_holding(pipeline: Pipeline, topic: str) -> str:
    """The name of the processor child whose consumer holds ``topic`` now (the client id carries its pid)."""
    from kafka import KafkaAdminClient

    group = Names.from_settings(pipeline.settings).group("processor")
    pids = {child.popen.pid: name for name, child in pipeline.children.items()
            if name.startswith("processor") and child.popen is not None}
    admin = KafkaAdminClient(bootstrap_servers=pipeline.settings.kafka_bootstrap)
    try:
        described = admin.describe_groups([group])[group]
    finally:
        admin.close()
    for member in described["members"]:
        assignment = member.get("member_assignment") or {}
        if not isinstance(assignment, dict):
            assignment = assignment.to_dict()
        topics = {tp["topic"] for tp in assignment.get("assigned_partitions", [])}
        if topic in topics:
            pid = int(str(member["client_id"]).rsplit("-", 1)[-1])
            return pids[pid]
    raise AssertionError(f"no member of {group} holds {topic}: {described}")
