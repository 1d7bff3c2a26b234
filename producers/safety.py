"""URL safety: only http(s), and no loopback/private/link-local targets unless a feed allows them.

Every host is resolved and *all* its addresses must be public (or inside an allowed network), so a
name that points at 127.0.0.1 or 169.254.169.254 is refused like the literal address.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from mediamon.errors import MediamonError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str], Sequence[str]]

ALLOWED_SCHEMES = frozenset({"http", "https"})


class UnsafeUrl(MediamonError):
    """A URL we refuse to fetch or publish; ``reason`` is a short stable label for counters."""

    def __init__(self, reason: str, url: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {url}" + (f" ({detail})" if detail else ""))
        self.reason = reason
        self.url = url


class ResolveFailed(MediamonError):
    """The host did not resolve; transient, so the item is retried on a later poll."""


def system_resolver(host: str) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ResolveFailed(f"cannot resolve {host!r}: {exc}") from exc
    return sorted({str(info[4][0]) for info in infos})


def is_public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def address_allowed(address: IPAddress, allow: Iterable[IPNetwork]) -> bool:
    if is_public(address):
        return True
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address.version == net.version and address in net for net in allow)


@dataclass(frozen=True)
class UrlPolicy:
    """What a feed may reach: public addresses plus ``allow_networks`` (e.g. 127.0.0.0/8 in tests)."""

    allow_networks: tuple[IPNetwork, ...] = ()
    resolver: Resolver = system_resolver

    def check(self, url: str) -> None:
        """Raise :class:`UnsafeUrl` (permanent) or :class:`ResolveFailed` (transient)."""
        parts = urlsplit(url)
        if parts.scheme.lower() not in ALLOWED_SCHEMES:
            raise UnsafeUrl("bad_scheme", url)
        host = parts.hostname
        if not host:
            raise UnsafeUrl("no_host", url)
        if parts.username is not None or parts.password is not None:
            raise UnsafeUrl("credentials_in_url", url)
        try:
            addresses = [ipaddress.ip_address(host)]
        except ValueError:
            addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in self.resolver(host)]
        if not addresses:
            raise ResolveFailed(f"no address for {host!r}")
        for address in addresses:
            if not address_allowed(address, self.allow_networks):
                raise UnsafeUrl("private_address", url, str(address))
