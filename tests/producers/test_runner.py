"""End to end on the real Kafka: feeds served on loopback -> ``produce_once`` -> messages on the raw
topic, asserted exactly."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

from mediamon.ids import article_id, canonical_url
from mediamon.producers.config import load_feeds
from mediamon.producers.runner import ProducerSession, produce_once
from mediamon.settings import Settings
from mediamon.topics import Names
from tests.producers.conftest import FeedsWriter, create_topics, read_by_id, read_topic
from tests.producers.feedserver import FeedServer, Route
from tests.producers.samples import ARABIC, Sample, atom, rss1, rss2

Builder = Callable[[list[tuple[Sample, str]]], str]


def _serve(server: FeedServer, path: str, body: str | bytes, **route: object) -> str:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return server.add(path, Route(body=data, **route))  # type: ignore[arg-type]


def _links(server: FeedServer, samples: tuple[Sample, ...]) -> list[tuple[Sample, str]]:
    return [(s, server.url(f"/news/{s.slug}")) for s in samples]


def _check_formats(builder: Builder, feed_server: FeedServer, write_feeds: FeedsWriter,
                   kafka_settings: Settings) -> None:
    entries = _links(feed_server, ARABIC[:3])
    url = _serve(feed_server, "/feed.xml", builder(entries))
    feeds = write_feeds([{"name": "outlet", "source": "منفذ تجريبي", "url": url}])

    summary = produce_once(kafka_settings, feeds)

    assert summary.feeds["outlet"].seen == 3
    assert summary.emitted == 3 and summary.errors == {} and summary.rejected == {}
    messages = read_by_id(kafka_settings)
    assert set(messages) == {article_id(link) for _, link in entries}
    for sample, link in entries:
        message = messages[article_id(link)]
        assert message.title == sample.title
        assert message.url == canonical_url(link)
        assert message.text == sample.summary and message.summary == sample.summary
        assert message.text_source == "summary"
        assert message.source == "منفذ تجريبي" and message.language == "ar"
        assert message.published == datetime(2025, 3, 4, 8, 30, tzinfo=UTC)
        assert "<" not in message.text and "<" not in message.title


def test_rss2(feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings) -> None:
    _check_formats(rss2, feed_server, write_feeds, kafka_settings)


def test_atom(feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings) -> None:
    _check_formats(atom, feed_server, write_feeds, kafka_settings)


def test_rss1(feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings) -> None:
    _check_formats(rss1, feed_server, write_feeds, kafka_settings)


def test_windows_1256_without_any_declaration(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings
) -> None:
    entries = _links(feed_server, ARABIC[1:3])
    body = rss2(entries, encoding=None).encode("cp1256")
    url = _serve(feed_server, "/legacy.xml", body, content_type="application/rss+xml")
    feeds = write_feeds([{"name": "legacy", "url": url}])

    summary = produce_once(kafka_settings, feeds)

    assert summary.emitted == 2
    assert sorted((m.title, m.text) for m in read_topic(kafka_settings)) == sorted(
        (s.title, s.summary) for s, _ in entries
    )


def test_malformed_feeds(feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings) -> None:
    entries = _links(feed_server, ARABIC[:2])
    full = rss2(entries)
    truncated = full[: full.index(ARABIC[1].title) + 10]
    feeds = write_feeds([
        {"name": "truncated", "url": _serve(feed_server, "/truncated.xml", truncated)},
        {"name": "garbage", "url": _serve(feed_server, "/garbage.xml", b"\x00\x01<<not xml>>\xff")},
        {"name": "html", "url": _serve(feed_server, "/page.html", "<html><body>مرحبا</body></html>")},
    ])

    summary = produce_once(kafka_settings, feeds)

    assert summary.feeds["truncated"].emitted == 1
    assert summary.feeds["truncated"].rejected == {"no_link": 1}
    assert summary.feeds["garbage"].errors == {"not_a_feed": 1}
    assert summary.feeds["html"].errors == {"not_a_feed": 1}
    assert [m.title for m in read_topic(kafka_settings)] == [ARABIC[0].title]


def _billion_laughs(feed: str) -> str:
    levels = "".join(
        f'<!ENTITY lol{i} "{(f"&lol{i - 1};") * 10}">' for i in range(1, 10)
    ).replace("&lol0;", "lol")
    head = f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY lol "lol">{levels}]>\n'
    return head + feed.split("\n", 1)[1].replace(ARABIC[0].title, ARABIC[0].title + " &lol9;", 1)


def _quadratic_blowup(feed: str) -> str:
    head = '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "' + "x" * 100_000 + '">]>\n'
    return head + feed.split("\n", 1)[1].replace("<description>", "<description>" + "&a;" * 20_000, 1)


def test_entity_bombs_cost_nothing(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings
) -> None:
    laughs = rss2([(ARABIC[0], feed_server.url("/news/laughs"))])
    quadratic = rss2([(ARABIC[1], feed_server.url("/news/quadratic"))])
    feeds = write_feeds([
        {"name": "laughs", "url": _serve(feed_server, "/laughs.xml", _billion_laughs(laughs))},
        {"name": "quadratic", "url": _serve(feed_server, "/quadratic.xml", _quadratic_blowup(quadratic))},
    ])

    started = time.monotonic()
    summary = produce_once(kafka_settings, feeds)

    assert time.monotonic() - started < 10
    assert summary.emitted == 2 and summary.errors == {}
    messages = read_by_id(kafka_settings)
    laughs_msg = messages[article_id(feed_server.url("/news/laughs"))]
    quadratic_msg = messages[article_id(feed_server.url("/news/quadratic"))]
    # The undefined reference stays literal text: nothing was expanded.
    assert laughs_msg.title == ARABIC[0].title + " &lol9;"
    assert "lollol" not in laughs_msg.title + laughs_msg.text
    assert quadratic_msg.title == ARABIC[1].title
    assert "x" * 100 not in quadratic_msg.text and len(quadratic_msg.text) < 100_000


def test_hostile_servers(feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings) -> None:
    ok = _serve(feed_server, "/ok.xml", rss2(_links(feed_server, ARABIC[:1])))
    huge = feed_server.add("/huge.xml", Route(filler_bytes=50 * 1024 * 1024))
    slow = feed_server.add("/slow.xml", Route(body=rss2(_links(feed_server, ARABIC[1:2])).encode(),
                                              trickle_seconds=1.0))
    feed_server.add("/loop-a", Route(redirect_to="/loop-b"))
    loop = feed_server.add("/loop-b", Route(redirect_to="/loop-a"))
    feeds = write_feeds([
        {"name": "huge", "url": huge}, {"name": "slow", "url": slow},
        {"name": "loop", "url": loop}, {"name": "ok", "url": ok},
    ])

    started = time.monotonic()
    summary = produce_once(kafka_settings, feeds)
    elapsed = time.monotonic() - started

    assert summary.feeds["huge"].errors == {"too_large": 1}
    assert summary.feeds["slow"].errors == {"timeout": 1}
    assert summary.feeds["loop"].errors == {"too_many_redirects": 1}
    assert len(feed_server.hits("/loop-a")) + len(feed_server.hits("/loop-b")) == 4  # max_redirects + 1
    assert summary.feeds["ok"].emitted == 1
    assert elapsed < 12
    assert [m.title for m in read_topic(kafka_settings)] == [ARABIC[0].title]


def test_304_on_second_poll(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings
) -> None:
    entries = _links(feed_server, ARABIC[:2])
    url = _serve(feed_server, "/etag.xml", rss2(entries), etag='"v1"')
    feeds = write_feeds([{"name": "etag", "url": url}])

    first = produce_once(kafka_settings, feeds)
    second = produce_once(kafka_settings, feeds)

    assert first.emitted == 2 and not first.feeds["etag"].not_modified
    assert second.feeds["etag"].not_modified and second.emitted == 0 and second.errors == {}
    hits = feed_server.hits("/etag.xml")
    assert [h.status for h in hits] == [200, 304]
    assert "if-none-match" not in hits[0].headers and hits[1].headers["if-none-match"] == '"v1"'
    assert len(read_topic(kafka_settings)) == 2


def test_same_article_through_two_feeds_with_tracking_params(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings
) -> None:
    base = feed_server.url("/news/bridge")
    one = _serve(feed_server, "/one.xml", rss2([(ARABIC[0], base + "?utm_source=rss&utm_medium=feed")]))
    shouting = base.upper().replace("/NEWS/BRIDGE", "/news/bridge") + "/?fbclid=XYZ&utm_campaign=x#comments"
    two = _serve(feed_server, "/two.xml", rss2([(ARABIC[0], shouting)]))
    feeds = write_feeds([{"name": "one", "url": one}, {"name": "two", "url": two}])

    summary = produce_once(kafka_settings, feeds)

    # Both feeds are polled at once; whichever is first builds the article, the other sees it as known.
    assert summary.emitted == 1
    assert summary.feeds["one"].already_seen + summary.feeds["two"].already_seen == 1
    messages = read_topic(kafka_settings)
    assert [m.id for m in messages] == [article_id(base)]
    assert messages[0].url == base


def test_undelivered_articles_stay_queued_and_go_out_on_the_next_pass(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings
) -> None:
    entries = _links(feed_server, ARABIC[:2])
    url = _serve(feed_server, "/feed.xml", rss2(entries), etag='"v1"')
    feeds = write_feeds([{"name": "later", "url": url}])
    missing = kafka_settings.model_copy(update={"topic_prefix": kafka_settings.topic_prefix + "late-"})
    # Short timeouts so the test stays quick; the topic does not exist yet (no auto-creation).
    with ProducerSession(missing, load_feeds(feeds), delivery_timeout_ms=1000) as session:
        failed = session.run_pass(session.config.enabled_feeds)
    assert failed.emitted == 0 and failed.errors == {"delivery": 1} and failed.pending == 2
    assert failed.feeds["later"].queued_ids == [article_id(link) for _, link in entries]

    create_topics(missing.kafka_bootstrap, [Names.from_settings(missing).raw])
    retried = produce_once(missing, feeds)

    # The queued articles went out; the feed itself answered 304 (its items were all settled in the outbox).
    assert retried.emitted == 2 and retried.feeds["later"].not_modified and retried.pending == 0
    assert set(read_by_id(missing)) == {article_id(link) for _, link in entries}
    again = produce_once(missing, feeds)
    assert again.emitted == 0 and len(read_by_id(missing)) == 2
