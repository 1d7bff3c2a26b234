"""Issue 14, producer side: hostile feeds and outages, each on the real Kafka and the loopback feed server,
asserting what reached ``articles.raw``."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from mediamon.ids import article_id
from mediamon.producers.pipeline import MAX_TEXT_BYTES, MAX_TITLE_CHARS
from mediamon.producers.runner import produce_once, run_forever
from mediamon.producers.state import StateStore
from mediamon.settings import Settings
from tests.producers.conftest import FeedsWriter, read_by_id, read_topic
from tests.producers.feedserver import FeedServer, Route
from tests.producers.samples import ARABIC, PERSIAN, Sample, article_page, rss2
from tests.tcpgate import TcpGate, free_port

REPO = Path(__file__).resolve().parents[2]


def _links(server: FeedServer, samples: tuple[Sample, ...], prefix: str = "/news/") -> list[tuple[Sample, str]]:
    return [(s, server.url(f"{prefix}{s.slug}")) for s in samples]


def _serve(server: FeedServer, path: str, body: str | bytes, **route: object) -> str:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return server.add(path, Route(body=data, **route))  # type: ignore[arg-type]


def _wait_for(predicate: object, timeout: float, what: str) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():  # type: ignore[operator]
            return time.monotonic() - started
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


# -- feeds that hold the producer ---------------------------------------------------------------------
def test_trickled_headers_give_up_at_the_deadline_and_spare_other_feeds(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings
) -> None:
    good = _links(feed_server, ARABIC[:2])
    feeds = write_feeds([
        {"name": "trickle", "url": _serve(feed_server, "/trickle.xml", rss2(_links(feed_server, ARABIC[2:3])),
                                          header_trickle_seconds=0.5)},
        {"name": "good", "url": _serve(feed_server, "/good.xml", rss2(good))},
    ])  # test limits: read timeout 2 s, total 3 s

    started = time.monotonic()
    summary = produce_once(kafka_settings, feeds)
    elapsed = time.monotonic() - started

    assert summary.feeds["trickle"].errors == {"timeout": 1}
    assert "total" in (summary.feeds["trickle"].error_detail or "")
    assert summary.feeds["good"].emitted == 2 and elapsed < 3 + 2
    assert set(read_by_id(kafka_settings)) == {article_id(link) for _, link in good}


def test_a_hanging_feed_does_not_delay_a_good_feed(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings
) -> None:
    good = _links(feed_server, ARABIC[:3])
    feeds = write_feeds([
        {"name": f"hang{n}", "url": _serve(feed_server, f"/hang{n}.xml", b"", hang_seconds=20)} for n in range(3)
    ] + [{"name": "good", "url": _serve(feed_server, "/good.xml", rss2(good))}], poll_interval=600,
        limits={"max_concurrent_feeds": 2})
    stop = threading.Event()
    runner = threading.Thread(target=run_forever, args=(kafka_settings, feeds, stop), daemon=True)
    started = time.monotonic()
    runner.start()
    try:
        # Two slots, three hanging feeds ahead of the good one in the file: the good feed waits at most
        # for one hanging feed's deadline (3 s), never for all of them, and its articles go out at once.
        waited = _wait_for(lambda: len(read_topic(kafka_settings)) == 3, 20, "the good feed's articles")
        assert waited < 3 + 2.5
    finally:
        stop.set()
        runner.join(30)
    assert not runner.is_alive() and time.monotonic() - started < 30
    assert set(read_by_id(kafka_settings)) == {article_id(link) for _, link in good}
    state = StateStore.in_dir(kafka_settings.state_dir)
    try:
        assert all("timeout" in (state.status(f"hang{n}").last_error or "") for n in range(3))
    finally:
        state.close()


def test_a_ten_mib_doctype_feed_is_refused_fast(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings
) -> None:
    good = _links(feed_server, ARABIC[:1])
    head, _, rest = rss2(_links(feed_server, ARABIC[1:2])).partition("\n")
    hostile = head + "\n" + "<!DOCTYPE[" * (10 * 1024 * 1024 // 10) + rest
    feeds = write_feeds([
        {"name": "doctype", "url": _serve(feed_server, "/doctype.xml", hostile)},
        {"name": "good", "url": _serve(feed_server, "/good.xml", rss2(good))},
    ], limits={"max_bytes": 11 * 1024 * 1024})

    summary = produce_once(kafka_settings, feeds)

    assert summary.feeds["doctype"].errors == {"doctype_refused": 1}
    assert list(read_by_id(kafka_settings)) == [article_id(good[0][1])]


def test_a_deeply_nested_article_page_falls_back_to_the_summary(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings
) -> None:
    sample = ARABIC[0]
    page = "<html><body>" + "<div>" * 150 + article_page(sample).split("<body>", 1)[1] * 200
    link = _serve(feed_server, "/news/deep", page, content_type="text/html; charset=utf-8")
    feeds = write_feeds([{"name": "deep", "url": _serve(feed_server, "/feed.xml", rss2([(sample, link)]))}],
                        fulltext=True)

    summary = produce_once(kafka_settings, feeds)

    assert summary.emitted == 1 and summary.feeds["deep"].fulltext == 0
    message = read_by_id(kafka_settings)[article_id(link)]
    assert message.text_source == "summary" and message.text == sample.summary


# -- feeds that mislead the producer ------------------------------------------------------------------
def test_one_stray_byte_loses_no_arabic_article(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings
) -> None:
    entries = _links(feed_server, ARABIC)
    body = rss2(entries).encode()
    at = body.index(ARABIC[2].title.encode()) + 4
    feeds = write_feeds([{"name": "stray", "url": _serve(feed_server, "/feed.xml", body[:at] + b"\xff" + body[at:])}])

    summary = produce_once(kafka_settings, feeds)

    assert summary.emitted == len(ARABIC) and summary.rejected == {}
    messages = read_by_id(kafka_settings)
    assert {m.language for m in messages.values()} == {"ar"}
    assert "\ufffd" in messages[article_id(entries[2][1])].title
    assert messages[article_id(entries[0][1])].title == ARABIC[0].title


def test_a_lone_surrogate_reference_loses_nothing(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings
) -> None:
    entries = _links(feed_server, ARABIC[:2])
    body = rss2(entries).replace(ARABIC[0].title, ARABIC[0].title + " &#xD800;", 1)
    feeds = write_feeds([{"name": "surrogate", "url": _serve(feed_server, "/feed.xml", body)}])

    summary = produce_once(kafka_settings, feeds)

    assert summary.emitted == 2 and summary.errors == {}
    assert read_by_id(kafka_settings)[article_id(entries[0][1])].title == ARABIC[0].title + " \ufffd"


def test_an_undecodable_item_is_an_encoding_error_and_is_tried_again(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings
) -> None:
    entries = _links(feed_server, ARABIC)
    legacy = Sample("legacy", ARABIC[0].title, ARABIC[0].summary, ())
    legacy_link = feed_server.url("/news/legacy")
    body = rss2(entries).encode()
    pasted = rss2([(legacy, legacy_link)], encoding=None).encode("cp1256")  # pasted from a legacy CMS
    item = pasted[pasted.index(b"<item>"):pasted.index(b"</item>") + 7]
    body = body.replace(b"</channel>", item + b"</channel>")
    feeds = write_feeds([{"name": "pasted", "url": _serve(feed_server, "/feed.xml", body)}])

    first = produce_once(kafka_settings, feeds)
    second = produce_once(kafka_settings, feeds)

    assert first.emitted == len(ARABIC) and first.rejected == {"encoding_error": 1}
    # Not marked seen: judged again at every poll (a fixed decoder, or a fixed feed, lets it through).
    assert second.feeds["pasted"].new == 1 and second.rejected == {"encoding_error": 1}
    assert article_id(legacy_link) not in read_by_id(kafka_settings)


def test_one_article_through_two_spellings_of_its_url(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings
) -> None:
    raw = feed_server.url("/أخبار/جسر")
    escaped = feed_server.url("/%d8%a3%d8%ae%d8%a8%d8%a7%d8%b1/%D8%AC%D8%B3%D8%B1")
    feeds = write_feeds([
        {"name": "one", "url": _serve(feed_server, "/one.xml", rss2([(ARABIC[0], raw)]))},
        {"name": "two", "url": _serve(feed_server, "/two.xml", rss2([(ARABIC[0], escaped)]))},
    ])

    summary = produce_once(kafka_settings, feeds)

    assert summary.emitted == 1
    messages = read_topic(kafka_settings)
    assert [m.id for m in messages] == [article_id(raw)] == [article_id(escaped)]
    assert messages[0].url.isascii() and "%D8%A3" in messages[0].url


def test_urls_over_the_limit_are_refused(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings
) -> None:
    good = _links(feed_server, ARABIC[:1])
    huge = feed_server.url("/news/" + "a" * 40_000)
    body = rss2([*good, (ARABIC[1], huge)])
    feeds = write_feeds([{"name": "long", "url": _serve(feed_server, "/feed.xml", body)}])

    summary = produce_once(kafka_settings, feeds)

    assert summary.rejected == {"url_too_long": 1} and summary.emitted == 1
    assert list(read_by_id(kafka_settings)) == [article_id(good[0][1])]


def test_a_language_rejection_is_judged_again_when_the_feed_accepts_the_language(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings
) -> None:
    entries = [(PERSIAN, feed_server.url("/news/tehran")), (ARABIC[0], feed_server.url("/news/bridge"))]
    url = _serve(feed_server, "/feed.xml", rss2(entries))

    first = produce_once(kafka_settings, write_feeds([{"name": "mixed", "url": url}]))
    again = produce_once(kafka_settings, write_feeds([{"name": "mixed", "url": url}]))
    widened = produce_once(kafka_settings, write_feeds([{"name": "mixed", "url": url, "languages": ["ar", "fa"]}]))

    assert first.rejected == {"language:fa": 1} and first.emitted == 1
    assert again.feeds["mixed"].new == 0 and again.emitted == 0  # same policy: seen, not fetched again
    assert widened.feeds["mixed"].new == 1 and widened.emitted == 1
    languages = {m.id: m.language for m in read_topic(kafka_settings)}
    assert languages == {article_id(entries[0][1]): "fa", article_id(entries[1][1]): "ar"}


def test_oversized_articles_are_cut_before_kafka(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings
) -> None:
    paragraph = "أعلنت وزارة الصحة في غزة مقتل 32 شخصا في غارة على مخيم النصيرات. "
    big = Sample("big", "عنوان " * 2000, (paragraph * 40 + "\n") * 300, ())  # 2.9 MB of text
    link = feed_server.url("/news/big")
    feeds = write_feeds([{"name": "big", "url": _serve(feed_server, "/feed.xml", rss2([(big, link)]))}])

    summary = produce_once(kafka_settings, feeds)

    assert summary.emitted == 1 and summary.feeds["big"].cut == 1
    message = read_by_id(kafka_settings)[article_id(link)]
    assert len(message.text.encode()) <= MAX_TEXT_BYTES and len(message.text.encode()) > MAX_TEXT_BYTES * 0.9
    assert len(message.title) <= MAX_TITLE_CHARS
    assert len(message.repairs) == 2 and "title cut" in message.repairs[0] and "text cut" in message.repairs[1]
    assert len(message.model_dump_json().encode()) < 1024 * 1024


# -- Kafka away ---------------------------------------------------------------------------------------
def test_produce_once_with_kafka_unreachable_prints_one_line(write_feeds: FeedsWriter, tmp_path: Path) -> None:
    feeds = write_feeds([{"name": "x", "url": "http://127.0.0.1:1/feed.xml"}])
    bootstrap = f"127.0.0.1:{free_port()}"
    env = {**os.environ, "MEDIAMON_KAFKA_BOOTSTRAP": bootstrap, "MEDIAMON_STATE_DIR": str(tmp_path / "state")}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "mediamon.cli", "produce", "--once", "--feeds", str(feeds)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert time.monotonic() - started < 20
    assert done.returncode == 3
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and bootstrap in lines[0] and "unreachable" in lines[0], done.stderr
    assert "Traceback" not in done.stderr + done.stdout


@pytest.fixture
def proxy() -> Iterator[TcpGate]:
    gate = TcpGate(("127.0.0.1", 9092), port=free_port(), up=False)
    try:
        yield gate
    finally:
        gate.down()


def test_a_kafka_outage_buffers_articles_and_polling_goes_on(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings, proxy: TcpGate,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The producer reaches Kafka only through the proxy: while the proxy is down, Kafka is away for it.
    assert kafka_settings.kafka_bootstrap == "127.0.0.1:9092"
    away = kafka_settings.model_copy(update={"kafka_bootstrap": f"127.0.0.1:{proxy.port}"})
    fast = _links(feed_server, ARABIC[:2])
    feed_server.add("/fast.xml", Route(body=rss2(fast).encode()))
    feeds = write_feeds([{"name": "fast", "url": feed_server.url("/fast.xml")}], poll_interval=0.5)
    caplog.set_level(logging.WARNING, logger="mediamon.producers")
    stop = threading.Event()
    runner = threading.Thread(target=run_forever, args=(away, feeds, stop), daemon=True)
    runner.start()
    state = StateStore.in_dir(kafka_settings.state_dir)
    try:
        _wait_for(lambda: state.queued_count() == 2, 10, "two queued articles")
        # The fast feed scrolls on while Kafka is away: polling goes on, nothing is missed.
        polls = len(feed_server.hits("/fast.xml"))
        more = _links(feed_server, ARABIC[2:])
        feed_server.add("/fast.xml", Route(body=rss2(fast[1:] + more).encode()))
        _wait_for(lambda: state.queued_count() == len(ARABIC), 10, "the scrolled items queued")
        assert len(feed_server.hits("/fast.xml")) > polls
        proxy.up()  # Kafka is back
        _wait_for(lambda: state.queued_count() == 0, 30, "the outbox drained")
    finally:
        stop.set()
        runner.join(30)
        state.close()
    assert not runner.is_alive()
    assert set(read_by_id(kafka_settings)) == {article_id(link) for _, link in fast + more}
    changes = [r.getMessage() for r in caplog.records if "Kafka at" in r.getMessage()]
    assert len(changes) == 2 and "unavailable" in changes[0] and "reachable again" in changes[1], changes


def test_feeds_file_limits_are_documented_in_the_default_file() -> None:
    limits = yaml.safe_load((REPO / "config" / "feeds.yaml").read_text(encoding="utf-8"))["limits"]
    assert {"total_timeout", "max_concurrent_feeds", "max_queued"} <= set(limits)
