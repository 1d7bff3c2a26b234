from __future__ import annotations

import gzip
import ipaddress
import time
import zlib

import pytest

from mediamon.producers.config import Limits
from mediamon.producers.fetch import FetchError, Validators, fetch, make_client
from mediamon.producers.safety import UnsafeUrl, UrlPolicy
from tests.producers.feedserver import FeedServer, Route

LOOPBACK = UrlPolicy(allow_networks=(ipaddress.ip_network("127.0.0.0/8"),))
LIMITS = Limits(connect_timeout=2, read_timeout=1, total_timeout=2, max_bytes=64 * 1024, max_redirects=2)


def _fetch(url: str, validators: Validators | None = None, limits: Limits = LIMITS,
           policy: UrlPolicy = LOOPBACK) -> object:
    with make_client(limits) as client:
        return fetch(client, url, limits, policy, validators)


def _reason(url: str, **kwargs: object) -> str:
    with pytest.raises(FetchError) as caught:
        _fetch(url, **kwargs)  # type: ignore[arg-type]
    return caught.value.reason


def test_conditional_get_and_validators(feed_server: FeedServer) -> None:
    modified = {"Last-Modified": "Mon, 03 Mar 2025 10:00:00 GMT"}
    url = feed_server.add("/f", Route(body=b"<rss/>", etag='"abc"', headers=modified))
    with make_client(LIMITS) as client:
        first = fetch(client, url, LIMITS, LOOPBACK)
        second = fetch(client, url, LIMITS, LOOPBACK, first.validators)
    assert (first.status, first.content, first.validators.etag) == (200, b"<rss/>", '"abc"')
    assert first.validators.last_modified == "Mon, 03 Mar 2025 10:00:00 GMT"
    assert second.not_modified and second.content == b""
    sent = feed_server.hits("/f")[1].headers
    assert sent["if-none-match"] == '"abc"' and sent["if-modified-since"] == first.validators.last_modified


def test_size_cap_by_header_and_while_streaming(feed_server: FeedServer) -> None:
    declared = feed_server.add("/declared", Route(body=b"x" * (LIMITS.max_bytes + 1)))
    streamed = feed_server.add("/streamed", Route(filler_bytes=50 * 1024 * 1024))
    started = time.monotonic()
    assert _reason(declared) == "too_large"
    assert _reason(streamed) == "too_large"
    assert time.monotonic() - started < 3


def test_gzip_bomb_is_capped_after_decompression(feed_server: FeedServer) -> None:
    bomb = gzip.compress(b"\0" * (20 * 1024 * 1024))
    url = feed_server.add("/bomb", Route(body=bomb, headers={"Content-Encoding": "gzip"}))
    assert len(bomb) < LIMITS.max_bytes
    assert _reason(url) == "too_large"


def test_gzip_and_deflate_bodies_are_decoded_and_broken_ones_refused(feed_server: FeedServer) -> None:
    body = "<rss>وقف إطلاق النار</rss>".encode() * 100
    for coding, data in (("gzip", gzip.compress(body)), ("deflate", zlib.compress(body))):
        url = feed_server.add(f"/{coding}", Route(body=data, headers={"Content-Encoding": coding}))
        assert _fetch(url).content == body  # type: ignore[attr-defined]
    broken = feed_server.add("/broken", Route(body=b"not gzip at all", headers={"Content-Encoding": "gzip"}))
    assert _reason(broken) == "bad_encoding"


def test_trickling_server_hits_the_total_deadline(feed_server: FeedServer) -> None:
    url = feed_server.add("/slow", Route(body=b"<rss>" + b"a" * 50 + b"</rss>", trickle_seconds=0.5))
    started = time.monotonic()
    assert _reason(url) == "timeout"
    assert time.monotonic() - started < LIMITS.total_timeout + 0.5


def test_trickled_headers_hit_the_total_deadline(feed_server: FeedServer) -> None:
    # One header byte every 0.2 s: never a read timeout (2 s), about 60 s for the headers in all.
    url = feed_server.add("/slow-headers", Route(body=b"<rss/>", header_trickle_seconds=0.2))
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(make_client(LIMITS), url, LIMITS, LOOPBACK)
    elapsed = time.monotonic() - started
    assert caught.value.reason == "timeout" and "total" in str(caught.value)
    assert LIMITS.total_timeout - 0.1 < elapsed < LIMITS.total_timeout + 0.5


def test_redirects_are_bounded_and_each_hop_is_checked(feed_server: FeedServer) -> None:
    feed_server.add("/a", Route(redirect_to="/b"))
    loop = feed_server.add("/b", Route(redirect_to="/a"))
    assert _reason(loop) == "too_many_redirects"
    assert len(feed_server.hits()) == LIMITS.max_redirects + 1

    final = feed_server.add("/final", Route(body=b"ok"))
    one_hop = feed_server.add("/hop", Route(redirect_to="/final"))
    result = _fetch(one_hop)
    assert (result.url, result.content) == (final, b"ok")  # type: ignore[attr-defined]

    sneaky = feed_server.add("/sneaky", Route(redirect_to="http://169.254.169.254/latest/"))
    with pytest.raises(UnsafeUrl, match="private_address"):
        _fetch(sneaky)


def test_http_errors_and_refused_connections(feed_server: FeedServer) -> None:
    assert _reason(feed_server.add("/gone", Route(status=410, body=b"gone"))) == "http_status"
    assert _reason(feed_server.url("/not-there")) == "http_status"
    assert _reason("http://127.0.0.1:9/closed-port") == "network"
