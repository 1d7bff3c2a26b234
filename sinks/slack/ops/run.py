"""``mediamon sink slack-ops``: the ops notifier's loop (or one round with ``--once``)."""

from __future__ import annotations

import logging
import threading
import time

from mediamon.errors import SinkUnavailable, TransientError
from mediamon.settings import Settings
from mediamon.sinks.slack.ops.checks import Thresholds
from mediamon.sinks.slack.ops.notifier import OpsNotifier
from mediamon.sinks.slack.ops.source import dlq_sizes, read_feeds
from mediamon.sinks.slack.redact import Redactor, sdk_logger
from mediamon.sinks.slack.settings import SlackSettings
from mediamon.sinks.slack.transport import BotTransport, Transport, WebhookTransport
from mediamon.topics import DLQ_OF, Names

log = logging.getLogger(__name__)


def ops_transport(slack: SlackSettings) -> Transport:
    redact = Redactor(slack.secrets())
    logger = sdk_logger(redact)
    if slack.ops_webhook_url is not None:
        return WebhookTransport({slack.ops_channel: slack.ops_webhook_url.get_secret_value()},
                                timeout_s=slack.timeout_s, max_inline_wait_s=slack.max_inline_wait_s, logger=logger,
                                redact=redact)
    if slack.bot_token is not None:
        return BotTransport(slack.bot_token.get_secret_value(), api_url=slack.api_url, timeout_s=slack.timeout_s,
                            max_inline_wait_s=slack.max_inline_wait_s, logger=logger, redact=redact)
    raise SinkUnavailable("no ops webhook (MEDIAMON_SLACK_OPS_WEBHOOK_URL) and no bot token")


def make_notifier(settings: Settings, slack: SlackSettings, transport: Transport | None = None) -> OpsNotifier:
    limits = Thresholds(failing_after_s=slack.ops_failing_after_s, silent_factor=slack.ops_silent_factor,
                        silent_min_s=slack.ops_silent_min_s, dlq_growth=slack.ops_dlq_growth,
                        dlq_window_s=slack.ops_dlq_window_s)
    return OpsNotifier(transport or ops_transport(slack), slack.ops_channel, settings.state_dir, limits=limits,
                       remind_after_s=slack.ops_remind_after_s, min_interval_s=slack.ops_min_interval_s)


def one_round(settings: Settings, notifier: OpsNotifier, now: float | None = None) -> int:
    names = Names.from_settings(settings)
    dlqs = [names.topic(role) for role in DLQ_OF.values()]
    try:
        sizes = dlq_sizes(settings.kafka_bootstrap, dlqs)
    except TransientError as exc:
        log.warning("ops: DLQ sizes unavailable this round (%s)", exc)
        sizes = {}
    snapshot = notifier.snapshot(time.time() if now is None else now, read_feeds(settings.state_dir), sizes)
    return len(notifier.round(snapshot))


def run(settings: Settings, slack: SlackSettings, stop: threading.Event, *, once: bool = False) -> OpsNotifier:
    notifier = make_notifier(settings, slack)
    while True:
        one_round(settings, notifier)
        if once or stop.wait(slack.ops_interval_s):
            return notifier
