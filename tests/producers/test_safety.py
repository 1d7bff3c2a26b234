from __future__ import annotations

import ipaddress

import pytest

from mediamon.producers.safety import ResolveFailed, UnsafeUrl, UrlPolicy


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.org/a", "bad_scheme"),
        ("javascript:alert(1)", "bad_scheme"),
        ("file:///etc/passwd", "bad_scheme"),
        ("http:///path-only", "no_host"),
        ("http://user:pw@93.184.216.34/", "credentials_in_url"),
        ("http://127.0.0.1:8080/x", "private_address"),
        ("http://10.0.0.8/x", "private_address"),
        ("http://172.16.3.4/x", "private_address"),
        ("http://192.168.0.1/x", "private_address"),
        ("http://169.254.169.254/latest/meta-data/", "private_address"),
        ("http://100.64.0.1/x", "private_address"),
        ("http://0.0.0.0/x", "private_address"),
        ("http://[::1]/x", "private_address"),
        ("http://[fe80::1]/x", "private_address"),
        ("http://[fd00::1]/x", "private_address"),
        ("http://[::ffff:10.1.1.1]/x", "private_address"),
    ],
)
def test_refused(url: str, reason: str) -> None:
    with pytest.raises(UnsafeUrl) as caught:
        UrlPolicy().check(url)
    assert caught.value.reason == reason


def test_public_addresses_pass() -> None:
    UrlPolicy().check("https://93.184.216.34/news/1")
    UrlPolicy().check("http://[2606:4700::1111]/news")


def test_names_are_resolved_and_every_address_must_be_public() -> None:
    resolver = {"good.example": ["93.184.216.34"], "rebind.example": ["93.184.216.34", "127.0.0.1"]}
    policy = UrlPolicy(resolver=lambda host: resolver[host])
    policy.check("https://good.example/a")
    with pytest.raises(UnsafeUrl, match="private_address"):
        policy.check("https://rebind.example/a")


def test_allowed_networks_open_only_themselves() -> None:
    policy = UrlPolicy(allow_networks=(ipaddress.ip_network("127.0.0.0/8"),))
    policy.check("http://127.0.0.1:9/feed")
    policy.check("http://[::ffff:127.0.0.1]/feed")
    with pytest.raises(UnsafeUrl):
        policy.check("http://10.0.0.1/feed")
    with pytest.raises(UnsafeUrl):
        policy.check("http://[::1]/feed")


def test_unresolvable_is_transient() -> None:
    with pytest.raises(ResolveFailed):
        UrlPolicy().check("https://no-such-host.invalid/a")
