from __future__ import annotations

from mediamon.producers.config import load_feeds
from mediamon.producers.metrics import ProducerMetrics
from mediamon.producers.runner import ProducerSession
from mediamon.settings import Settings
from tests.producers.conftest import FeedsWriter
from tests.producers.feedserver import FeedServer, Route
from tests.producers.samples import ARABIC, PERSIAN, rss2


def test_metrics_count_items_errors_bytes_and_latency(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings
) -> None:
    body = rss2([(ARABIC[0], feed_server.url("/a")), (PERSIAN, feed_server.url("/p"))]).encode()
    url = feed_server.add("/feed.xml", Route(body=body))
    feeds = write_feeds([{"name": "m", "url": url}, {"name": "gone", "url": feed_server.url("/404")}])
    metrics = ProducerMetrics()
    with ProducerSession(kafka_settings, load_feeds(feeds), metrics) as session:
        session.run_pass(session.config.enabled_feeds)
    text = metrics.exposition().decode()
    assert 'mediamon_producer_items_total{feed="m",outcome="emitted"} 1.0' in text
    assert 'mediamon_producer_items_total{feed="m",outcome="rejected:language:fa"} 1.0' in text
    assert 'mediamon_producer_errors_total{feed="gone",reason="http_status"} 1.0' in text
    assert f'mediamon_producer_bytes_total{{feed="m",kind="feed"}} {float(len(body))}' in text
    assert 'mediamon_producer_fetch_seconds_count{feed="m",kind="feed"} 1.0' in text
    assert 'mediamon_producer_polls_total{feed="gone",result="error"} 1.0' in text
