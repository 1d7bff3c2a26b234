"""Run the processor and sinks as child processes and watch the pipeline's progress (demo and tests)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition

from mediamon.clients import elasticsearch_client
from mediamon.errors import MediamonError
from mediamon.settings import Settings
from mediamon.topics import Names


class StageStalled(MediamonError):
    """A pipeline stage made no progress within its time bound."""


def env_for(settings: Settings) -> dict[str, str]:
    """Environment that makes a child process see the same (non-secret) settings; secrets still come
    from the parent's environment or secrets directory."""
    env = dict(os.environ)
    env.update(
        MEDIAMON_KAFKA_BOOTSTRAP=settings.kafka_bootstrap,
        MEDIAMON_ES_URL=settings.es_url,
        MEDIAMON_TOPIC_PREFIX=settings.topic_prefix,
        MEDIAMON_INDEX_PREFIX=settings.index_prefix,
        MEDIAMON_CONSUMER_GROUP_PREFIX=settings.consumer_group_prefix,
        MEDIAMON_RULES_DIR=str(settings.rules_dir),
        MEDIAMON_STATE_DIR=str(settings.state_dir),
        MEDIAMON_FAUST_DATA_DIR=str(settings.faust_data_dir),
        MEDIAMON_FAUST_STORE=settings.faust_store,
    )
    return env


WORKER_COMMANDS: dict[str, list[str]] = {"processor": ["process"], "sink-elasticsearch": ["sink", "elasticsearch"],
                                         "sink-slack": ["sink", "slack"]}
PIPELINE_STAGES = ("processor", "sink-elasticsearch")  # the Slack sink needs a Slack (or the double): opt in


@dataclass
class Workers:
    """The processor (Faust) and the Elasticsearch sink (and the Slack sink when asked), each in its own process.
    ``extra_env``: added to every stage's environment (the Slack sink's webhook or token, for instance)."""

    settings: Settings
    log_dir: Path
    stages: tuple[str, ...] = PIPELINE_STAGES
    extra_env: dict[str, str] = field(default_factory=dict)
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)


    def start(self) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        for name in self.stages:
            args = WORKER_COMMANDS[name]
            log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 (lives as long as the child)
            self.procs[name] = subprocess.Popen(
                [sys.executable, "-m", "mediamon.cli", *args],
                env=env_for(self.settings) | self.extra_env, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                # Own session: a Ctrl-C in the terminal reaches only the parent, which stops the
                # children with SIGTERM and waits for them.
                start_new_session=True,
            )

    def check_alive(self) -> None:
        for name, proc in self.procs.items():
            if proc.poll() is not None:
                raise StageStalled(f"{name} exited with code {proc.returncode}; see {self.log_dir / name}.log")

    def stop(self, timeout_s: float = 30.0) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        for proc in self.procs.values():
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def __enter__(self) -> Workers:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def count_indexed(settings: Settings, ids: Iterable[str]) -> int:
    wanted = list(ids)
    es = elasticsearch_client(settings)
    try:
        index = Names.from_settings(settings).articles_index
        es.indices.refresh(index=index)
        return int(es.count(index=index, query={"ids": {"values": wanted}})["count"])
    finally:
        es.close()


def group_lag(settings: Settings, group: str, topic: str) -> int:
    """Messages on ``topic`` that ``group`` has not committed yet."""
    consumer = KafkaConsumer(bootstrap_servers=settings.kafka_bootstrap)
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    try:
        parts = [TopicPartition(topic, p) for p in (consumer.partitions_for_topic(topic) or set())]
        ends = consumer.end_offsets(parts)
        committed = admin.list_group_offsets({group: None}).get(group, {})
        return sum(max(0, end - (_offset(committed.get(tp)))) for tp, end in ends.items())
    finally:
        consumer.close()
        admin.close()


def _offset(meta: object) -> int:
    """A committed offset (OffsetAndMetadata or a bare int), or 0 when nothing was committed."""
    if meta is None:
        return 0
    value = getattr(meta, "offset", meta)
    return max(0, int(str(value)))


def stalled_stage(settings: Settings) -> str:
    names = Names.from_settings(settings)
    if group_lag(settings, names.group("processor"), names.raw) > 0:
        return f"processor (group {names.group('processor')} has not consumed all of {names.raw})"
    if group_lag(settings, names.group("sink-elasticsearch"), names.enriched) > 0:
        return f"elasticsearch sink (group {names.group('sink-elasticsearch')} lags on {names.enriched})"
    return "elasticsearch sink (every message consumed, yet documents are missing: see the sink log and DLQ)"


def wait_indexed(settings: Settings, ids: list[str], workers: Workers, timeout_s: float) -> float:
    """Block until every id is indexed; returns seconds waited. Raises StageStalled naming the stage."""
    began = time.monotonic()
    while True:
        workers.check_alive()
        if count_indexed(settings, ids) >= len(set(ids)):
            return time.monotonic() - began
        if time.monotonic() - began > timeout_s:
            raise StageStalled(f"gave up after {timeout_s:.0f}s: stalled stage: {stalled_stage(settings)}")
        time.sleep(1.0)
