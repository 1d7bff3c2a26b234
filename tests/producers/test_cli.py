"""``mediamon produce --once`` and ``mediamon feeds status|check`` through the real CLI entry point."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from mediamon.cli import main
from mediamon.settings import Settings, get_settings
from tests.producers.conftest import FeedsWriter, read_topic
from tests.producers.feedserver import FeedServer, Route
from tests.producers.samples import ARABIC, PERSIAN, rss2


@pytest.fixture
def env(kafka_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    monkeypatch.setenv("MEDIAMON_KAFKA_BOOTSTRAP", kafka_settings.kafka_bootstrap)
    monkeypatch.setenv("MEDIAMON_TOPIC_PREFIX", kafka_settings.topic_prefix)
    monkeypatch.setenv("MEDIAMON_STATE_DIR", str(kafka_settings.state_dir))
    get_settings.cache_clear()
    yield kafka_settings
    get_settings.cache_clear()


def test_produce_once_then_status(
    env: Settings, feed_server: FeedServer, write_feeds: FeedsWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    entries = [(ARABIC[0], feed_server.url("/a")), (PERSIAN, feed_server.url("/p"))]
    url = feed_server.add("/feed.xml", Route(body=rss2(entries).encode()))
    feeds = write_feeds([{"name": "cli-feed", "url": url},
                         {"name": "broken", "url": feed_server.url("/missing.xml")},
                         {"name": "off", "url": url, "enabled": False}])

    assert main(["produce", "--once", "--json", "--feeds", str(feeds)]) == 0
    summary = json.loads(capsys.readouterr().out)
    by_feed = {f["feed"]: f for f in summary["feeds"]}
    assert summary["emitted"] == 1 and set(by_feed) == {"cli-feed", "broken"}
    assert by_feed["cli-feed"]["rejected"] == {"language:fa": 1}
    assert by_feed["broken"]["errors"] == {"http_status": 1}
    assert len(read_topic(env)) == 1

    assert main(["produce", "--once", "--feeds", str(feeds)]) == 0
    table = capsys.readouterr().out
    assert "cli-feed" in table and "total emitted 0" in table

    assert main(["feeds", "status", "--feeds", str(feeds)]) == 0
    rows = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()[1:-1]}
    assert rows["cli-feed"].split()[1:2] == ["yes"] and "language:fa=1" in rows["cli-feed"]
    assert rows["cli-feed"].split()[4:6] == ["4", "1"]  # seen over two polls, emitted
    assert "http_status: " in rows["broken"] and rows["off"].split()[1:3] == ["no", "-"]


def test_invalid_feeds_file_exits_2_naming_the_feed(
    env: Settings, write_feeds: FeedsWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    feeds = write_feeds([{"name": "typo", "url": "https://x/rss", "fulltxt": True}])
    assert main(["feeds", "check", "--feeds", str(feeds)]) == 2
    assert "feed 'typo': fulltxt: Extra inputs are not permitted" in capsys.readouterr().err
