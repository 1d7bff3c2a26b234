from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediamon.ids import BadUrl, article_id, canonical_url
from mediamon.schema import MAX_URL_CHARS


def test_canonical_url_rules() -> None:
    assert canonical_url("HTTPS://Example.ORG:443/News/1/?utm_source=x&b=2&a=1#top") == \
        "https://example.org/News/1?a=1&b=2"
    assert canonical_url("http://example.org") == "http://example.org/"
    assert canonical_url("http://example.org:8080/x") == "http://example.org:8080/x"
    assert canonical_url("http://[::1]:8080/x") == "http://[::1]:8080/x"
    assert canonical_url("http://example.org/a/./b/../c") == "http://example.org/a/c"


def test_same_article_through_two_feeds_gets_one_id() -> None:
    a = article_id("https://news.example/ar/story-1?utm_medium=rss&utm_campaign=feed")
    b = article_id("https://NEWS.example/ar/story-1/?fbclid=abc")
    assert a == b
    assert len(a) == 32
    assert a != article_id("https://news.example/ar/story-2")


def test_percent_encoding_has_one_form() -> None:
    raw = "https://x.example/أخبار/غزة"
    escaped_lower = "https://x.example/%d8%a3%d8%ae%d8%a8%d8%a7%d8%b1/%d8%ba%d8%b2%d8%a9"
    escaped_upper = escaped_lower.upper().replace("HTTPS://X.EXAMPLE", "https://x.example")
    assert canonical_url(raw) == canonical_url(escaped_lower) == canonical_url(escaped_upper) == \
        "https://x.example/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/%D8%BA%D8%B2%D8%A9"
    assert article_id(raw) == article_id(escaped_lower)
    # Escapes of unreserved characters are decoded; reserved ones stay escaped (they mean something else).
    assert canonical_url("http://x.example/%7Euser/%41b%2Fc") == "http://x.example/~user/Ab%2Fc"
    assert canonical_url("http://x.example/a b%zz") == "http://x.example/a%20b%25zz"
    # The query too: one spelling of a space, escapes upper-case, raw Arabic encoded.
    assert canonical_url("http://x.example/s?q=وقف+نار&a=%d8%a3") == \
        canonical_url("http://x.example/s?a=%D8%A3&q=%D9%88%D9%82%D9%81%20%D9%86%D8%A7%D8%B1")


def test_idn_hosts_become_punycode() -> None:
    assert canonical_url("https://مثال.إختبار/خبر") == canonical_url("https://xn--mgbh0fb.xn--kgbechtv/خبر")
    assert canonical_url("https://مثال.إختبار/").startswith("https://xn--mgbh0fb.xn--kgbechtv/")
    assert canonical_url("https://مثال.إختبار/").isascii()


def test_long_and_broken_urls_are_refused() -> None:
    with pytest.raises(BadUrl) as too_long:
        article_id("https://x.example/" + "a" * 40_000)
    assert too_long.value.reason == "url_too_long" and len(str(too_long.value)) < 400
    # Short enough as given, too long once each Arabic letter becomes six characters of escapes.
    with pytest.raises(BadUrl, match="url_too_long"):
        canonical_url("https://x.example/" + "خ" * (MAX_URL_CHARS // 3))
    with pytest.raises(BadUrl) as bad_port:
        canonical_url("http://x.example:99999999/")
    assert bad_port.value.reason == "bad_url"
    assert canonical_url("https://x.example/" + "a" * 4000).endswith("a")


_url_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@given(path=_url_text, query=_url_text)
def test_canonical_url_is_idempotent_and_ascii(path: str, query: str) -> None:
    url = f"https://news.example/{path}?{query}"
    try:
        once = canonical_url(url)
    except BadUrl:
        return
    assert once.isascii()
    assert canonical_url(once) == once
