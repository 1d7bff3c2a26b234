"""A producer killed with SIGKILL between polls and started again re-emits nothing it had delivered;
SIGTERM flushes and exits cleanly. Real processes, real Kafka."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from mediamon.ids import article_id
from mediamon.producers.state import FeedStatus, StateStore
from mediamon.settings import Settings
from tests.producers.conftest import FeedsWriter, read_by_id
from tests.producers.feedserver import FeedServer, Route
from tests.producers.samples import ARABIC, rss2

REPO = Path(__file__).resolve().parents[2]


def _start(settings: Settings, feeds: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "MEDIAMON_KAFKA_BOOTSTRAP": settings.kafka_bootstrap,
        "MEDIAMON_TOPIC_PREFIX": settings.topic_prefix,
        "MEDIAMON_STATE_DIR": str(settings.state_dir),
    }
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "mediamon.cli", "produce", "--feeds", str(feeds), "--metrics-port", "0"],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
        )


def _wait_status(settings: Settings, feed: str, seen: int, proc: subprocess.Popen[bytes],
                 log: Path, emitted: int = 0) -> FeedStatus:
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text(errors="replace")
        state = StateStore.in_dir(settings.state_dir)
        try:
            status = state.status(feed)
        finally:
            state.close()
        if status.items_seen >= seen and status.emitted >= emitted:
            return status
        time.sleep(0.2)
    raise AssertionError(f"producer did not poll in time:\n{log.read_text(errors='replace')}")


def test_sigkill_between_polls_then_restart_emits_no_duplicates(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings, tmp_path: Path
) -> None:
    links = [(s, feed_server.url(f"/news/{s.slug}")) for s in ARABIC]
    feed_server.add("/feed.xml", Route(body=rss2(links[:3]).encode()))
    feeds = write_feeds([{"name": "live", "url": feed_server.url("/feed.xml")}], poll_interval=60)
    log = tmp_path / "producer.log"

    first = _start(kafka_settings, feeds, log)
    status = _wait_status(kafka_settings, "live", 3, first, log, emitted=3)
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    assert status.emitted == 3

    feed_server.add("/feed.xml", Route(body=rss2(links[:4]).encode()))
    second = _start(kafka_settings, feeds, log)
    status = _wait_status(kafka_settings, "live", 3 + 4, second, log, emitted=4)
    second.send_signal(signal.SIGTERM)
    assert second.wait(20) == 0

    assert status.emitted == 4
    assert set(read_by_id(kafka_settings)) == {article_id(link) for _, link in links[:4]}
    assert len(feed_server.hits("/feed.xml")) == 2
