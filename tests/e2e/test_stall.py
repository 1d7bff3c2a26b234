"""A stalled stage is named, within a bounded time."""

from __future__ import annotations

from pathlib import Path

import pytest

from mediamon.devstack.demo_feed import DemoFeedServer
from mediamon.devstack.pipeline import StageStalled, Workers, wait_indexed
from mediamon.producers.runner import produce_once
from mediamon.settings import Settings


def test_missing_processor_is_named(settings: Settings, tmp_path: Path) -> None:
    with DemoFeedServer() as server, Workers(settings, tmp_path / "logs", stages=("sink-elasticsearch",)) as w:
        summary = produce_once(settings, server.write_feeds_file(tmp_path / "feeds.yaml"))
        assert summary.emitted > 0
        with pytest.raises(StageStalled, match=r"stalled stage: processor \(group .*processor"):
            wait_indexed(settings, summary.emitted_ids, w, timeout_s=8)
