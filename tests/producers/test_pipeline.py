"""End to end on the real Kafka: what happens to single items (unsafe links, article pages with
boilerplate, other languages), asserted on the messages that arrive."""

from __future__ import annotations

from mediamon.ids import article_id
from mediamon.producers.runner import produce_once, rejected_topic_name
from mediamon.producers.state import StateStore
from mediamon.settings import Settings
from tests.producers.conftest import FeedsWriter, read_by_id, read_topic
from tests.producers.feedserver import FeedServer, Route
from tests.producers.samples import ARABIC, BOILERPLATE_LINES, PERSIAN, article_page, article_text, rss2


def test_links_to_private_addresses_are_refused(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings
) -> None:
    good = feed_server.url("/news/ok")
    entries = [
        (ARABIC[0], "http://10.20.30.40/news/internal"),
        (ARABIC[1], "http://169.254.169.254/latest/meta-data/"),
        (ARABIC[2], "http://[::ffff:192.168.1.5]/news/mapped"),
        (ARABIC[3], "file:///etc/passwd"),
        (ARABIC[4], good),
    ]
    url = feed_server.add("/mixed.xml", Route(body=rss2(entries).encode()))
    feeds = write_feeds([{"name": "mixed", "url": url}], fulltext=True)

    summary = produce_once(kafka_settings, feeds)

    assert summary.feeds["mixed"].rejected == {"private_address": 3, "bad_scheme": 1}
    assert [m.id for m in read_topic(kafka_settings)] == [article_id(good)]
    # Nothing was fetched from the refused targets; only the feed and the one good page.
    assert {h.path for h in feed_server.hits()} == {"/mixed.xml", "/news/ok"}


def test_loopback_is_refused_unless_allowed(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings
) -> None:
    url = feed_server.add("/feed.xml", Route(body=rss2([(ARABIC[0], feed_server.url("/news/a"))]).encode()))
    feeds = write_feeds([{"name": "closed", "url": url, "allow_networks": []}])

    summary = produce_once(kafka_settings, feeds)

    assert summary.feeds["closed"].errors == {"private_address": 1}
    assert feed_server.hits() == []
    assert read_topic(kafka_settings) == []


def test_article_page_boilerplate_is_dropped(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings
) -> None:
    page = feed_server.add("/news/truce", Route(body=article_page(ARABIC[3]).encode(),
                                                content_type="text/html; charset=utf-8"))
    missing = feed_server.url("/news/missing")
    url = feed_server.add("/feed.xml", Route(body=rss2([(ARABIC[3], page), (ARABIC[4], missing)]).encode()))
    feeds = write_feeds([{"name": "pages", "url": url}], fulltext=True)

    summary = produce_once(kafka_settings, feeds)

    assert summary.emitted == 2 and summary.feeds["pages"].fulltext == 1
    messages = read_by_id(kafka_settings)
    full, fallback = messages[article_id(page)], messages[article_id(missing)]
    assert full.text == article_text(ARABIC[3]) and full.text_source == "fulltext"
    assert full.summary == ARABIC[3].summary
    assert not any(line in full.text for line in BOILERPLATE_LINES)
    # The page answered 404: the feed's summary is used, and marked as such.
    assert fallback.text == ARABIC[4].summary and fallback.text_source == "summary"


def test_persian_article_in_an_arabic_feed_is_rejected(
    feed_server: FeedServer, write_feeds: FeedsWriter, kafka_settings: Settings
) -> None:
    arabic, persian = feed_server.url("/news/wheat"), feed_server.url("/news/tehran")
    feed_server.add("/news/tehran", Route(body=article_page(PERSIAN, ()).encode(), content_type="text/html"))
    feed_server.add("/news/wheat", Route(body=article_page(ARABIC[4], ()).encode(), content_type="text/html"))
    url = feed_server.add("/feed.xml", Route(body=rss2([(PERSIAN, persian), (ARABIC[4], arabic)]).encode()))
    feeds = write_feeds([{"name": "mixed-lang", "url": url}], fulltext=True, top={"rejected_topic": True})

    first = produce_once(kafka_settings, feeds)
    second = produce_once(kafka_settings, feeds)

    assert first.feeds["mixed-lang"].rejected == {"language:fa": 1} and first.emitted == 1
    assert second.emitted == 0 and second.rejected == {} and second.feeds["mixed-lang"].already_seen == 2
    assert [(m.id, m.language) for m in read_topic(kafka_settings)] == [(article_id(arabic), "ar")]
    audited = read_topic(kafka_settings, rejected_topic_name(kafka_settings))
    assert [(m.id, m.language, m.title) for m in audited] == [(article_id(persian), "fa", PERSIAN.title)]
    state = StateStore.in_dir(kafka_settings.state_dir)
    try:
        status = state.status("mixed-lang")
    finally:
        state.close()
    assert (status.items_seen, status.emitted, status.rejected) == (4, 1, {"language:fa": 1})
