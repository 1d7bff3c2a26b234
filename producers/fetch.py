"""HTTP fetching with httpx under hard limits: timeouts, a wall-clock deadline, a size cap enforced while
streaming (after decompression, so a gzip bomb is cut too), a bounded number of redirects, each hop
checked by the :class:`~producers.safety.UrlPolicy`, and conditional GET.

The deadline (``limits.total_timeout``) bounds the whole fetch, redirects, TLS, status line and headers
included: httpx's timeouts apply to each socket operation, so a server trickling one header byte a second
would otherwise hold us indefinitely. Every socket operation of the client goes through
:class:`DeadlineBackend`, which shortens its timeout to what is left of the current thread's deadline.
"""

from __future__ import annotations

import ssl
import threading
import time
import typing
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urljoin

import httpcore
import httpx

from mediamon.errors import MediamonError
from mediamon.producers.config import Limits
from mediamon.producers.safety import UrlPolicy

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


class FetchError(MediamonError):
    """A fetch that failed; ``reason`` is a short stable label for counters and status."""

    def __init__(self, reason: str, url: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {url}" + (f" ({detail})" if detail else ""))
        self.reason = reason
        self.url = url


@dataclass(frozen=True)
class Validators:
    """Conditional-GET validators remembered from the last 200 response."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        out: dict[str, str] = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


@dataclass(frozen=True)
class FetchResult:
    status: int
    url: str
    content: bytes
    content_type: str | None
    validators: Validators
    elapsed: float

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        if not self.content_type:
            return None
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip().strip("\"'")
        return None


_deadline = threading.local()


@contextmanager
def deadline_at(at: float) -> Iterator[None]:
    """Every socket operation of this thread inside the block ends by ``at`` (``time.monotonic()``)."""
    previous = getattr(_deadline, "at", None)
    _deadline.at = at
    try:
        yield
    finally:
        _deadline.at = previous


def _left(timeout: float | None, error: type[Exception]) -> float | None:
    at: float | None = getattr(_deadline, "at", None)
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise error("total deadline of the fetch exceeded")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(
            self._inner.start_tls(ssl_context, server_hostname, _left(timeout, httpcore.ConnectTimeout))
        )

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's sync backend with every timeout cut to the calling thread's deadline."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
        socket_options: Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(host, port, _left(timeout, httpcore.ConnectTimeout), local_address,
                                         socket_options)
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[typing.Any] | None = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def make_client(limits: Limits) -> httpx.Client:
    timeout = httpx.Timeout(
        connect=limits.connect_timeout, read=limits.read_timeout,
        write=limits.read_timeout, pool=limits.connect_timeout,
    )
    transport = httpx.HTTPTransport(trust_env=False)
    pool = transport._pool
    if not isinstance(pool, httpcore.ConnectionPool):  # pragma: no cover - no proxy is configured
        raise TypeError(f"unexpected httpx pool {type(pool).__name__}")
    pool._network_backend = DeadlineBackend()
    return httpx.Client(
        timeout=timeout, follow_redirects=False, trust_env=False, transport=transport,
        headers={"User-Agent": limits.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
    )


# Content codings we decode ourselves, a bounded amount at a time (zlib ``max_length``): httpx would
# inflate a whole network chunk at once, and 64 KB of a gzip bomb is 64 MB.
_ZLIB_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": 32 + zlib.MAX_WBITS}
ACCEPT_ENCODING = "gzip, deflate"
_INFLATE_STEP = 256 * 1024


def _iter_decoded(response: httpx.Response, url: str) -> Iterator[bytes]:
    codings = [c.strip().lower() for c in response.headers.get("Content-Encoding", "").split(",")]
    codings = [c for c in codings if c and c != "identity"]
    if not codings:
        yield from response.iter_raw()
        return
    if len(codings) > 1 or codings[0] not in _ZLIB_WBITS:
        yield from response.iter_bytes()  # httpx decodes what it knows, or fails
        return
    inflater = zlib.decompressobj(_ZLIB_WBITS[codings[0]])
    try:
        for raw in response.iter_raw():
            data = raw
            while data:
                out = inflater.decompress(data, _INFLATE_STEP)
                if out:
                    yield out
                data = inflater.unconsumed_tail
        yield inflater.flush()
    except zlib.error as exc:
        raise FetchError("bad_encoding", url, f"{codings[0]}: {exc}") from exc


def _read_capped(response: httpx.Response, limits: Limits, deadline: float, url: str) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError("too_large", url, f"Content-Length {declared} > {limits.max_bytes}")
    chunks: list[bytes] = []
    total = 0
    for chunk in _iter_decoded(response, url):
        total += len(chunk)
        if total > limits.max_bytes:
            raise FetchError("too_large", url, f"more than {limits.max_bytes} bytes")
        if time.monotonic() > deadline:
            raise FetchError("timeout", url, f"exceeded {limits.total_timeout}s total")
        chunks.append(chunk)
    return b"".join(chunks)


def _one_request(
    client: httpx.Client, url: str, headers: dict[str, str], limits: Limits, deadline: float
) -> tuple[httpx.Response, bytes]:
    with client.stream("GET", url, headers=headers) as response:
        if response.status_code in REDIRECT_CODES or response.status_code == 304:
            return response, b""
        if response.status_code != 200:
            raise FetchError("http_status", url, str(response.status_code))
        return response, _read_capped(response, limits, deadline, url)


def fetch(
    client: httpx.Client,
    url: str,
    limits: Limits,
    policy: UrlPolicy,
    validators: Validators | None = None,
) -> FetchResult:
    """GET ``url``; raise :class:`FetchError`, :class:`~producers.safety.UnsafeUrl` or
    :class:`~producers.safety.ResolveFailed`."""
    started = time.monotonic()
    deadline = started + limits.total_timeout
    headers = validators.headers() if validators else {}
    current = url
    for _hop in range(limits.max_redirects + 1):
        policy.check(current)
        try:
            with deadline_at(deadline):
                response, body = _one_request(client, current, headers, limits, deadline)
        except httpx.TimeoutException as exc:
            if time.monotonic() >= deadline:
                raise FetchError("timeout", current, f"exceeded {limits.total_timeout}s total") from exc
            raise FetchError("timeout", current, type(exc).__name__) from exc
        except httpx.HTTPError as exc:
            raise FetchError("network", current, f"{type(exc).__name__}: {exc}") from exc
        if response.status_code in REDIRECT_CODES:
            location = response.headers.get("Location")
            if not location:
                raise FetchError("bad_redirect", current, "no Location")
            current = urljoin(current, location)
            continue
        return FetchResult(
            status=response.status_code,
            url=current,
            content=body,
            content_type=response.headers.get("Content-Type"),
            validators=Validators(response.headers.get("ETag"), response.headers.get("Last-Modified")),
            elapsed=time.monotonic() - started,
        )
    raise FetchError("too_many_redirects", url, f"more than {limits.max_redirects}")
