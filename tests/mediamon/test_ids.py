from __future__ import annotations

from mediamon.ids import article_id, canonical_url


def test_canonical_url_rules() -> None:
    assert canonical_url("HTTPS://Example.ORG:443/News/1/?utm_source=x&b=2&a=1#top") == \
        "https://example.org/News/1?a=1&b=2"
    assert canonical_url("http://example.org") == "http://example.org/"
    assert canonical_url("http://example.org:8080/x") == "http://example.org:8080/x"


def test_same_article_through_two_feeds_gets_one_id() -> None:
    a = article_id("https://news.example/ar/story-1?utm_medium=rss&utm_campaign=feed")
    b = article_id("https://NEWS.example/ar/story-1/?fbclid=abc")
    assert a == b
    assert len(a) == 32
    assert a != article_id("https://news.example/ar/story-2")
