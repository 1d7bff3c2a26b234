"""The feeds file (``config/feeds.yaml``): a closed schema; every error names the file and the feed.

A feed entry only says what differs from ``defaults``; :func:`load_feeds` merges the two into one
frozen :class:`FeedConfig` per feed, so the rest of the producers never look at defaults again.
"""

from __future__ import annotations

import codecs
import ipaddress
import re
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from mediamon.errors import ConfigError

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_encoding(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return codecs.lookup(value).name
    except LookupError as exc:
        raise ValueError(f"unknown encoding {value!r}") from exc


def _check_http_url(value: str) -> str:
    if not re.match(r"^https?://[^/\s]+", value, re.IGNORECASE):
        raise ValueError(f"only http and https URLs are allowed, got {value!r}")
    return value


class Limits(_Closed):
    """Bounds on every HTTP request (feeds and article pages alike)."""

    connect_timeout: Annotated[float, Field(gt=0)] = 5.0
    read_timeout: Annotated[float, Field(gt=0)] = 15.0
    # Wall-clock bound on one response, so a server trickling one byte a second cannot hold us.
    total_timeout: Annotated[float, Field(gt=0)] = 30.0
    max_bytes: Annotated[int, Field(gt=0)] = 10 * 1024 * 1024
    max_redirects: Annotated[int, Field(ge=0, le=20)] = 5
    max_items_per_feed: Annotated[int, Field(gt=0)] = 200
    # Feeds polled at once: a slow or hostile outlet holds one slot, never the others.
    max_concurrent_feeds: Annotated[int, Field(gt=0, le=64)] = 8
    # Articles waiting in the outbox for Kafka; above this, polling pauses until the broker drains it.
    max_queued: Annotated[int, Field(gt=0)] = 20000
    user_agent: str = "mediamon/0.1 (+news monitoring; contact: ops)"


class Backoff(_Closed):
    """Exponential backoff after a failed poll: ``min(interval * factor**failures, max_seconds)``."""

    factor: Annotated[float, Field(ge=1)] = 2.0
    max_seconds: Annotated[float, Field(gt=0)] = 3600.0


class FeedOptions(_Closed):
    """Options a feed may override; the ``defaults`` block has the same keys."""

    enabled: bool | None = None
    poll_interval: Annotated[float, Field(gt=0)] | None = None
    # Fraction of the interval added or removed at random, so feeds of one host do not poll in lockstep.
    jitter: Annotated[float, Field(ge=0, le=1)] | None = None
    encoding: str | None = None
    fallback_encoding: str | None = None
    fulltext: bool | None = None
    allow_networks: list[IPNetwork] | None = None
    languages: list[Annotated[str, Field(pattern=r"^[a-z]{2}$")]] | None = None

    _enc = field_validator("encoding", "fallback_encoding")(_check_encoding)


class FeedEntry(FeedOptions):
    name: str
    url: str
    source: str | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not NAME_PATTERN.match(value):
            raise ValueError("name must be lower-case letters, digits, '.', '_' or '-' (max 64)")
        return value

    _url = field_validator("url")(_check_http_url)


class StateOptions(_Closed):
    retention_days: Annotated[float, Field(gt=0)] = 30.0


class FeedsDocument(_Closed):
    version: int = 1
    limits: Limits = Limits()
    backoff: Backoff = Backoff()
    state: StateOptions = StateOptions()
    # Also put rejected (non-Arabic, unsafe) items on ``<prefix>articles.rejected`` for auditing.
    rejected_topic: bool = False
    defaults: FeedOptions = FeedOptions()
    feeds: list[dict[str, Any]]


class FeedConfig(_Closed):
    """One feed with its defaults applied."""

    name: str
    url: str
    source: str
    enabled: bool
    poll_interval: float
    jitter: float
    encoding: str | None
    fallback_encoding: str
    fulltext: bool
    allow_networks: tuple[IPNetwork, ...]
    languages: tuple[str, ...]


BUILTIN_DEFAULTS: dict[str, Any] = {
    "enabled": True,
    "poll_interval": 300.0,
    "jitter": 0.1,
    "encoding": None,
    # Legacy Arabic sites that send no charset almost always mean windows-1256.
    "fallback_encoding": "cp1256",
    "fulltext": True,
    "allow_networks": (),
    "languages": ("ar",),
}


class FeedsConfig(_Closed):
    path: Path
    limits: Limits
    backoff: Backoff
    state: StateOptions
    rejected_topic: bool
    feeds: tuple[FeedConfig, ...]

    @property
    def enabled_feeds(self) -> tuple[FeedConfig, ...]:
        return tuple(f for f in self.feeds if f.enabled)


def _format_error(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "(top)"
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)


def _merge(entry: FeedEntry, defaults: FeedOptions) -> FeedConfig:
    merged: dict[str, Any] = dict(BUILTIN_DEFAULTS)
    for layer in (defaults, entry):
        merged.update({k: v for k, v in layer.model_dump(exclude_unset=True).items() if v is not None})
    merged.update(name=entry.name, url=entry.url, source=entry.source or entry.name)
    return FeedConfig.model_validate(merged)


def _feed_label(raw: dict[str, Any], index: int) -> str:
    name = raw.get("name") if isinstance(raw, dict) else None
    return f"feed {name!r}" if isinstance(name, str) else f"feed #{index + 1}"


def parse_feeds(data: Any, path: Path) -> FeedsConfig:
    """Validate an already-loaded YAML document."""
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the feeds file must be a mapping with a 'feeds' list")
    try:
        doc = FeedsDocument.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {_format_error(exc)}") from exc
    if doc.version != 1:
        raise ConfigError(f"{path}: unsupported version {doc.version} (expected 1)")
    feeds: list[FeedConfig] = []
    seen: set[str] = set()
    for index, raw in enumerate(doc.feeds):
        label = _feed_label(raw, index)
        try:
            entry = FeedEntry.model_validate(raw)
        except ValidationError as exc:
            raise ConfigError(f"{path}: {label}: {_format_error(exc)}") from exc
        if entry.name in seen:
            raise ConfigError(f"{path}: {label}: duplicate feed name")
        seen.add(entry.name)
        feeds.append(_merge(entry, doc.defaults))
    return FeedsConfig(
        path=path, limits=doc.limits, backoff=doc.backoff, state=doc.state,
        rejected_topic=doc.rejected_topic, feeds=tuple(feeds),
    )


def load_feeds(path: Path) -> FeedsConfig:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read feeds file: {exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: invalid YAML: {exc}") from exc
    return parse_feeds(data, path)
