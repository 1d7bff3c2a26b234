"""``mediamon sink slack`` (run the sink) and ``mediamon slack preview ALERT.json`` (show a message).

``register_sink`` adds ``slack`` under ``mediamon sink`` (with ``preview`` as its sub-command too);
``register`` adds the top-level ``slack`` command (``mediamon slack preview``)."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from mediamon.errors import ConfigError, PoisonMessage

if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


def _run(args: argparse.Namespace) -> int:
    from mediamon.settings import get_settings
    from mediamon.sinks.slack.settings import load_slack_settings
    from mediamon.sinks.slack.sink import SlackSink

    overrides: dict[str, object] = {}
    if args.notify_replay:
        overrides["notify_replay"] = True
    if args.min_interval is not None:
        overrides["min_interval_s"] = args.min_interval
    slack = load_slack_settings(**overrides)
    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    sink = SlackSink(get_settings(), slack)
    try:
        stats = sink.run(stop, idle_exit_s=args.exit_when_idle)
    except SystemExit as exc:  # stopped mid-batch: what was posted is in the ledger, the rest is not committed
        print(f"slack: {exc}", file=sys.stderr)
        stats = sink.stats
    finally:
        sink.close()
    print(f"slack: {sink.slack_stats.summary()}; dead-lettered {stats.dead_lettered}, batches {stats.batches}")
    return 0


def _ops(args: argparse.Namespace) -> int:
    from mediamon.settings import get_settings
    from mediamon.sinks.slack.ops.run import run
    from mediamon.sinks.slack.settings import load_slack_settings

    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    notifier = run(get_settings(), load_slack_settings(), stop, once=args.once)
    s = notifier.stats
    print(f"slack ops: alerts {s.alerts}, reminders {s.reminders}, recoveries {s.recoveries}, "
          f"failed posts {s.failed_posts}")
    return 0


def _preview(args: argparse.Namespace) -> int:
    from mediamon.codec import decode
    from mediamon.schema import AlertEvent
    from mediamon.sinks.slack.message import MessageOptions, build_message
    from mediamon.sinks.slack.plaintext import render
    from mediamon.sinks.slack.settings import load_slack_settings

    path = Path(args.alert)
    try:
        raw = sys.stdin.buffer.read() if args.alert == "-" else path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror}") from None
    try:
        alert = decode(raw, AlertEvent, "alert")
    except PoisonMessage as exc:
        raise ConfigError(f"{args.alert}: {exc}") from None
    slack = load_slack_settings()
    options = MessageOptions(kibana_url=args.kibana_url or slack.kibana_url,
                             kibana_data_view=slack.kibana_index_pattern, max_outlets=slack.max_outlets_shown)
    payload = build_message(alert, options).payload()
    if args.format in ("both", "json"):
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    if args.format == "both":
        print()
    if args.format in ("both", "text"):
        print(render(payload, show_marks=args.show_marks))
    return 0


def _add_preview(sub: SubParsers) -> None:
    preview = sub.add_parser("preview", help="print the Slack payload of an alert event and a plain-text rendering")
    preview.add_argument("alert", metavar="ALERT.json", help="an alert event as JSON ('-' for stdin)")
    preview.add_argument("--format", choices=("both", "json", "text"), default="both")
    preview.add_argument("--show-marks", action="store_true", help="show RLM/LRI/PDI as [RLM] [LRI] [PDI]")
    preview.add_argument("--kibana-url", default=None, help="Kibana base URL for the story link")
    preview.set_defaults(func=_preview)


def register_sink(kinds: SubParsers) -> None:
    """``mediamon sink slack [--notify-replay] ...`` and ``mediamon sink slack preview ALERT.json``."""
    slack = kinds.add_parser("slack", help="alerts -> Slack (its own consumer group; docs/slack.md)")
    slack.add_argument("--notify-replay", action="store_true", help="also post alerts marked replay: true")
    slack.add_argument("--min-interval", type=float, default=None, metavar="SECONDS",
                       help="at least this long between two messages to one channel (default 1)")
    slack.add_argument("--exit-when-idle", type=float, default=None, metavar="SECONDS",
                       help="stop after this many seconds without messages (for one-shot runs)")
    slack.set_defaults(func=_run)
    _add_preview(slack.add_subparsers(dest="slack_command"))
    ops = kinds.add_parser("slack-ops", help="ops alerts (failing or silent feeds, format changes, growing DLQs)")
    ops.add_argument("--once", action="store_true", help="one round of checks, then exit")
    ops.set_defaults(func=_ops)


def register(sub: SubParsers) -> None:
    """The top-level ``mediamon slack`` command."""
    slack = sub.add_parser("slack", help="Slack messages: preview what an alert event looks like")
    _add_preview(slack.add_subparsers(dest="slack_command", required=True))
