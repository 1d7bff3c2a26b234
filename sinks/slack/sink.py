"""``mediamon sink slack``: alert events from ``alerts`` to Slack, once each, in order per story.

Built on the sink base (sinks/base.py), which owns the consumer loop, the dead-letter topic and commits. Here,
for each alert of a batch, in order:

1. the ledger says it was delivered already -> skipped (counted as a duplicate suppressed);
2. ``replay: true`` and no ``--notify-replay`` -> skipped (counted);
3. the story's first message decides the destination (routing.py); a route without a channel -> skipped;
4. the pacer holds each channel to one message per ``min_interval_s``; a burst waits in order;
5. ``sending`` is recorded, the message posted, ``delivered`` recorded with the channel and ts (ledger.py).

A transient failure (429, 5xx, timeout) leaves that alert and every later one of the batch to be retried by the
base with backoff (a 429 also holds the channel for its Retry-After), so order is kept. A permanent refusal
dead-letters that alert to ``alerts.dlq`` with Slack's error, and the next alert goes on. Offsets are committed
after the batch, so the ledger is what prevents a repeat after a crash (see ledger.py for the window).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

from kafka.consumer.fetcher import ConsumerRecord
from prometheus_client import Counter

from mediamon.codec import decode
from mediamon.errors import PermanentError, RateLimited, SinkUnavailable, TransientError
from mediamon.schema import AlertEvent
from mediamon.settings import Settings
from mediamon.sinks.base import Backoff, Item, Sink, WriteResult
from mediamon.sinks.slack.ledger import Ledger, LedgerEntry
from mediamon.sinks.slack.message import MessageOptions, build_message
from mediamon.sinks.slack.pacer import Pacer
from mediamon.sinks.slack.redact import RedactingFilter, Redactor, sdk_logger
from mediamon.sinks.slack.routing import Destination, route
from mediamon.sinks.slack.settings import SEVERITY_RANK, SlackSettings
from mediamon.sinks.slack.transport import BotTransport, Posted, ThreadGone, Transport, WebhookTransport
from mediamon.topics import Names

log = logging.getLogger(__name__)

STAGE = "sink-slack"
SLACK_ALERTS = Counter("mediamon_slack_alerts", "Alerts handled by the Slack sink, by outcome", ["outcome"])


@dataclass
class SlackStats:
    posted: int = 0
    duplicates_suppressed: int = 0  # already in the ledger
    replay_skipped: int = 0
    unrouted: int = 0  # a route said: not posted
    possible_duplicates: int = 0  # a previous run died between posting and recording
    rate_limited: int = 0
    thread_fallbacks: int = 0  # the story's thread was gone: posted top-level

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        SLACK_ALERTS.labels(outcome).inc()

    def summary(self) -> str:
        return ", ".join(f"{name.replace('_', ' ')} {value}" for name, value in vars(self).items())


def make_transport(slack: SlackSettings, redact: Redactor) -> Transport:
    logger = sdk_logger(redact)
    if slack.use_bot:
        if slack.bot_token is None:
            raise SinkUnavailable("slack mode is bot but no bot token is set (MEDIAMON_SLACK_BOT_TOKEN)")
        return BotTransport(slack.bot_token.get_secret_value(), api_url=slack.api_url, timeout_s=slack.timeout_s,
                            max_inline_wait_s=slack.max_inline_wait_s, logger=logger, redact=redact)
    urls = {name: url.get_secret_value() for name, url in slack.webhooks.items()}
    if slack.webhook_url is not None:
        urls[slack.channel] = slack.webhook_url.get_secret_value()
    if not urls:
        raise SinkUnavailable("no Slack webhook configured (MEDIAMON_SLACK_WEBHOOK_URL) and no bot token")
    return WebhookTransport(urls, timeout_s=slack.timeout_s, max_inline_wait_s=slack.max_inline_wait_s,
                            logger=logger, redact=redact)


class SlackSink(Sink[AlertEvent]):
    stage = STAGE

    def __init__(self, settings: Settings, slack: SlackSettings, *, transport: Transport | None = None,
                 topics: Sequence[str] | None = None, backoff: Backoff | None = None) -> None:
        redact = Redactor(slack.secrets())
        _guard_logs(redact)
        super().__init__(settings, topics or [Names.from_settings(settings).alerts], batch_size=slack.batch_size,
                         backoff=backoff)
        self.slack = slack
        self.redact = redact
        self.transport = transport or make_transport(slack, redact)
        self.routes = slack.all_routes()
        self.options = MessageOptions(kibana_url=slack.kibana_url, kibana_data_view=slack.kibana_index_pattern,
                                      max_outlets=slack.max_outlets_shown)
        self.pacer = Pacer(slack.min_interval_s)
        self.slack_stats = SlackStats()
        self._attempted: set[str] = set()
        self.ledger: Ledger = self._connect(lambda: Ledger(
            settings.kafka_bootstrap, self.names.slack_ledger, self.producer, client_id=f"mediamon-{STAGE}-ledger"))
        known = self.ledger.load()
        log.info("%s: ledger %s holds %d alerts; posting %s", STAGE, self.names.slack_ledger, known,
                 "with a bot token (threads per story)" if slack.use_bot else "to incoming webhooks")

    def decode(self, record: ConsumerRecord) -> AlertEvent:
        return decode(record.value, AlertEvent, "alert")

    def write(self, items: list[Item[AlertEvent]]) -> WriteResult:
        result = WriteResult()
        try:
            self.ledger.catch_up()
        except TransientError as exc:
            result.retry = {i: exc for i in range(len(items))}
            return result
        for position, item in enumerate(items):
            if self._stop.is_set():  # stopping: post nothing more; the rest is left uncommitted for the restart
                result.retry = {i: SinkUnavailable("stopping") for i in range(position, len(items))}
                break
            try:
                if not self._deliver(item.value):
                    result.skipped.add(position)
            except TransientError as exc:  # this one and every later one, so order holds
                result.retry = {i: exc for i in range(position, len(items))}
                break
            except PermanentError as exc:
                result.failed[position] = exc
        return result

    # -- one alert ------------------------------------------------------------------------------------------

    def _deliver(self, alert: AlertEvent) -> bool:
        """Post ``alert``; False when it is skipped on purpose."""
        if self.ledger.delivered(alert.alert_id):
            self.slack_stats.count("duplicates_suppressed")
            return False
        if alert.replay and not self.slack.notify_replay:
            self.slack_stats.count("replay_skipped")
            return False
        thread = self.ledger.thread(alert.story_id)
        destination = route(alert, self.routes, self.slack.channel, thread)
        if destination is None:
            self.slack_stats.count("unrouted")
            return False
        self._wait_turn(destination.channel)
        if self.ledger.was_sending(alert.alert_id) and alert.alert_id not in self._attempted:
            self.slack_stats.count("possible_duplicates")
            log.warning("%s: alert %s of story %s may appear twice in Slack: a previous run stopped after "
                        "posting it and before recording it", STAGE, alert.alert_id, alert.story_id)
        if alert.alert_id not in self._attempted:
            self.ledger.record(LedgerEntry(alert.alert_id, alert.story_id, "sending", at=time.time()))
            self._attempted.add(alert.alert_id)
        posted, destination = self._post(alert, destination)
        opens = thread is None
        root = posted.ts if opens else (thread.ts if thread is not None else None)
        self.ledger.record(LedgerEntry(
            alert.alert_id, alert.story_id, "delivered", channel=destination.channel,
            channel_id=posted.channel if self.slack.use_bot else "", ts=posted.ts or "", thread_ts=root or "",
            opens_story=opens, at=time.time()))
        self.slack_stats.count("posted")
        return True

    def _post(self, alert: AlertEvent, destination: Destination) -> tuple[Posted, Destination]:
        message = build_message(alert, self.options)
        broadcast = self._broadcast(alert, destination)
        metadata = {"event_type": "mediamon_alert",
                    "event_payload": {"alert_id": alert.alert_id, "story_id": alert.story_id,
                                      "revision": alert.revision}}
        try:
            try:
                posted = self.transport.post(destination, message, broadcast=broadcast, metadata=metadata)
            except ThreadGone:
                self.slack_stats.count("thread_fallbacks")
                destination = Destination(destination.channel)
                posted = self.transport.post(destination, message, metadata=metadata)
        except RateLimited as exc:
            self.slack_stats.count("rate_limited")
            self.pacer.hold(destination.channel, exc.retry_after)
            raise
        finally:
            self.pacer.sent(destination.channel)
        return posted, destination

    def _broadcast(self, alert: AlertEvent, destination: Destination) -> bool:
        floor = self.slack.reply_broadcast_severity
        return (destination.thread_ts is not None and alert.kind == "update" and bool(alert.changes)
                and floor is not None and SEVERITY_RANK[alert.severity] >= SEVERITY_RANK[floor])

    def _wait_turn(self, channel: str) -> None:
        """Wait for the channel's turn, inside the batch when short; a long hold goes back to the base's backoff."""
        wait = self.pacer.wait_s(channel)
        if wait > self.slack.max_inline_wait_s:
            raise RateLimited(f"channel {channel} held for {wait:.1f}s more", wait)
        if wait > 0 and self._stop.wait(wait):
            raise SinkUnavailable("stopping")

    def close(self) -> None:
        try:
            self.ledger.close()
        finally:
            super().close()


def _guard_logs(redact: Redactor) -> None:
    """Redact the secrets from what this package and the sink base log (a last line of defence)."""
    for name in (__name__, "mediamon.sinks.slack.ledger", "mediamon.sinks.base"):
        logger = logging.getLogger(name)
        logger.filters = [f for f in logger.filters if not isinstance(f, RedactingFilter)]
        logger.addFilter(RedactingFilter(redact))
