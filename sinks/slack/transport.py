"""The two ways to reach Slack, through slack_sdk: an incoming webhook (``WebhookClient``) and a bot token with
``chat.postMessage`` (``WebClient``). Each answer becomes an outcome or one of mediamon's errors:

- accepted: :class:`Posted` (bot mode: the channel id and the message ts, which roots a story's thread);
- 429: ``RateLimited(retry_after)``; a Retry-After up to ``max_inline_wait_s`` is first waited inside the request
  by slack_sdk's ``RateLimitErrorRetryHandler`` (bounded here, and tolerant of a malformed header);
- 5xx, 408, timeouts, connection errors, Slack's own transient errors: ``SinkUnavailable`` (the sink retries with
  backoff and jitter);
- any other refusal (invalid_payload, no_service, channel_not_found, invalid_auth...): ``Rejected`` with Slack's
  error, dead-lettered; ``ThreadGone`` when the thread to reply in no longer exists.

No URL or token is ever put in an error, and the SDK logs through a logger that stays at WARNING and redacts them.
"""

from __future__ import annotations

import json
import logging
import math
import random
import time
from dataclasses import dataclass
from typing import Any, Protocol

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.webhook import WebhookClient

from mediamon.errors import RateLimited, Rejected, SinkUnavailable
from mediamon.sinks.slack.message import Message
from mediamon.sinks.slack.redact import Redactor
from mediamon.sinks.slack.routing import Destination

TRANSIENT_API_ERRORS = {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
THREAD_GONE_ERRORS = {"thread_not_found", "message_not_found"}


class ThreadGone(Rejected):
    """The story's thread was deleted: the sink posts the alert as a new top-level message."""


@dataclass(frozen=True)
class Posted:
    channel: str
    ts: str | None = None  # None for a webhook, which returns no ts


class Transport(Protocol):
    def post(self, destination: Destination, message: Message, *, broadcast: bool = False,
             metadata: dict[str, Any] | None = None) -> Posted: ...


def retry_after_s(headers: dict[str, Any]) -> float | None:
    """Retry-After in seconds (headers as plain values or lists), or None when absent or malformed."""
    for name, value in headers.items():
        if name.lower() == "retry-after":
            raw = value[0] if isinstance(value, list) and value else value
            try:
                seconds = float(str(raw).strip())
            except ValueError:
                return None
            return seconds if math.isfinite(seconds) and seconds >= 0 else None
    return None


class BoundedRateLimitHandler(RateLimitErrorRetryHandler):
    """slack_sdk's 429 handler, waiting inside the request only for a Retry-After up to ``max_wait_s``."""

    def __init__(self, max_wait_s: float, max_retry_count: int = 1) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.max_wait_s = max_wait_s

    def _can_retry(self, *, state: RetryState, request: HttpRequest, response: HttpResponse | None = None,
                   error: Exception | None = None) -> bool:
        if response is None or response.status_code != 429:
            return False
        wait = retry_after_s(dict(response.headers))
        return wait is not None and wait <= self.max_wait_s

    def prepare_for_next_attempt(self, *, state: RetryState, request: HttpRequest,
                                 response: HttpResponse | None = None, error: Exception | None = None) -> None:
        wait = retry_after_s(dict(response.headers)) if response is not None else None
        state.next_attempt_requested = True
        time.sleep((wait or 1.0) + random.uniform(0, 0.2))
        state.increment_current_attempt()


def _classify_status(status: int, error: str, headers: dict[str, Any], where: str) -> Exception:
    if status == 429 or error == "ratelimited":
        wait = retry_after_s(headers)
        return RateLimited(f"slack {where} rate-limited (429), retry after {wait or 1:g}s", wait or 1.0)
    if status >= 500 or status == 408 or error in TRANSIENT_API_ERRORS:
        return SinkUnavailable(f"slack {where} answered {status} {error}".rstrip())
    if error in THREAD_GONE_ERRORS:
        return ThreadGone(f"slack {where} refused the reply: {error}")
    return Rejected(f"slack {where} refused the message ({status}): {error or 'no error given'}")


def _network_error(exc: BaseException, where: str, redact: Redactor) -> SinkUnavailable:
    return SinkUnavailable(f"slack {where} unreachable: {type(exc).__name__}: {redact(str(exc))[:200]}")


class WebhookTransport:
    """Incoming webhooks: one URL per channel (the default channel's, and optionally one per routed channel)."""

    def __init__(self, urls: dict[str, str], *, timeout_s: float, max_inline_wait_s: float,
                 logger: logging.Logger, redact: Redactor) -> None:
        self._redact = redact
        self._clients = {
            channel: WebhookClient(url=url, timeout=math.ceil(timeout_s), logger=logger,
                                   retry_handlers=[BoundedRateLimitHandler(max_inline_wait_s)])
            for channel, url in urls.items()
        }

    def post(self, destination: Destination, message: Message, *, broadcast: bool = False,
             metadata: dict[str, Any] | None = None) -> Posted:
        client = self._clients.get(destination.channel)
        if client is None:
            raise Rejected(f"no webhook configured for channel {destination.channel!r}")
        try:
            response = client.send(text=message.text, blocks=message.blocks, unfurl_links=False, unfurl_media=False)
        except Exception as exc:  # urllib's errors, timeouts: never chained, their text may hold the URL
            raise _network_error(exc, "webhook", self._redact) from None
        if response.status_code == 200:
            return Posted(destination.channel)
        body = (response.body or "").strip()[:200]
        raise _classify_status(response.status_code, self._redact(body), dict(response.headers or {}), "webhook")


class BotTransport:
    """A bot token and ``chat.postMessage``: threads per story, ``reply_broadcast`` for critical rises."""

    def __init__(self, token: str, *, api_url: str, timeout_s: float, max_inline_wait_s: float,
                 logger: logging.Logger, redact: Redactor) -> None:
        self._redact = redact
        self._client = WebClient(token=token, base_url=api_url, timeout=math.ceil(timeout_s), logger=logger,
                                 retry_handlers=[BoundedRateLimitHandler(max_inline_wait_s)])

    def post(self, destination: Destination, message: Message, *, broadcast: bool = False,
             metadata: dict[str, Any] | None = None) -> Posted:
        extra: dict[str, Any] = {}
        if destination.thread_ts:
            extra["thread_ts"] = destination.thread_ts
            if broadcast:
                extra["reply_broadcast"] = True
        if metadata:
            extra["metadata"] = metadata
        try:
            response = self._client.chat_postMessage(
                channel=destination.channel_id or destination.channel, text=message.text, blocks=message.blocks,
                unfurl_links=False, unfurl_media=False, **extra)
        except SlackApiError as exc:
            data = exc.response.data if isinstance(exc.response.data, dict) else {}
            error = self._redact(str(data.get("error", "")))[:200]
            raise _classify_status(exc.response.status_code, error, dict(exc.response.headers or {}),
                                   "chat.postMessage") from None
        except Exception as exc:
            raise _network_error(exc, "chat.postMessage", self._redact) from None
        return Posted(str(response.get("channel") or destination.channel), str(response.get("ts") or "") or None)


def dumps(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False)
