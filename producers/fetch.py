"""HTTP fetching with httpx under hard limits: timeouts, a wall-clock deadline, a size cap enforced while
streaming (after decompression, so a gzip bomb is cut too), a bounded number of redirects, each hop
checked by the :class:`~producers.safety.UrlPolicy`, and conditional GET."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx
from mediamon.producers.config import Limits
from mediamon.producers.safety import UrlPolicy

from mediamon.errors import MediamonError

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


def make_client(limits: Limits) -> httpx.Client:
    timeout = httpx.Timeout(
        connect=limits.connect_timeout, read=limits.read_timeout,
        write=limits.read_timeout, pool=limits.connect_timeout,
    )
    return httpx.Client(
        timeout=timeout, follow_redirects=False, trust_env=False,
        headers={"User-Agent": limits.user_agent},
    )


def _read_capped(response: httpx.Response, limits: Limits, deadline: float, url: str) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError("too_large", url, f"Content-Length {declared} > {limits.max_bytes}")
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
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
            response, body = _one_request(client, current, headers, limits, deadline)
        except httpx.TimeoutException as exc:
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
