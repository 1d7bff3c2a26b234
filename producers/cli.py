"""``mediamon produce [--once] [--feeds FILE]`` and ``mediamon feeds status|check``."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType

from mediamon.errors import BrokerUnavailable
from mediamon.producers.config import load_feeds
from mediamon.producers.state import FeedStatus, StateStore
from mediamon.settings import get_settings


def _when(ts: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(ts)) if ts else "-"


def _produce(args: argparse.Namespace) -> int:
    # Imported here: trafilatura and kafka-python take a second to import, other commands need neither.
    from mediamon.producers.metrics import ProducerMetrics
    from mediamon.producers.runner import produce_once, run_forever

    settings = get_settings()
    feeds_file: Path | None = args.feeds
    if args.once:
        try:
            summary = produce_once(settings, feeds_file)
        except BrokerUnavailable as exc:
            print(f"mediamon: error: {exc}", file=sys.stderr)
            return 3
        print(json.dumps(summary.as_dict(), ensure_ascii=False) if args.json else summary.render())
        return 1 if summary.pending else 0
    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    metrics = ProducerMetrics()
    if args.metrics_port:
        metrics.serve(args.metrics_port)
    run_forever(settings, feeds_file, stop, metrics)
    return 0


def _status_row(status: FeedStatus, enabled: str) -> str:
    rejected = ",".join(f"{k}={v}" for k, v in sorted(status.rejected.items())) or "-"
    error = f"{_when(status.last_error_at)} {status.last_error}" if status.last_error else "-"
    return (f"{status.feed:<24} {enabled:<3} {_when(status.last_success):<19} {status.items_seen:>6} "
            f"{status.emitted:>7}  {rejected:<24} {error}")


def _status(args: argparse.Namespace) -> int:
    settings = get_settings()
    config = load_feeds(args.feeds or settings.feeds_file)
    state = StateStore.in_dir(settings.state_dir)
    try:
        print(f"{'feed':<24} {'on':<3} {'last success':<19} {'seen':>6} {'emitted':>7}  "
              f"{'rejected':<24} last error")
        for feed in config.feeds:
            print(_status_row(state.status(feed.name), "yes" if feed.enabled else "no"))
        print(f"seen ids kept: {state.seen_count()} (retention {config.state.retention_days} days) "
              f"in {state.path}")
    finally:
        state.close()
    return 0


def _check(args: argparse.Namespace) -> int:
    settings = get_settings()
    config = load_feeds(args.feeds or settings.feeds_file)
    print(f"{config.path}: {len(config.feeds)} feeds, {len(config.enabled_feeds)} enabled")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    produce = subparsers.add_parser("produce", help="poll the feeds and put new Arabic articles on Kafka")
    produce.add_argument("--once", action="store_true", help="one pass over all enabled feeds, then exit")
    produce.add_argument("--feeds", type=Path, default=None, help="feeds file (default MEDIAMON_FEEDS_FILE)")
    produce.add_argument("--json", action="store_true", help="with --once: print the summary as JSON")
    produce.add_argument("--metrics-port", type=int, default=9464,
                         help="Prometheus metrics on 127.0.0.1:PORT while running (0: off)")
    produce.set_defaults(func=_produce)

    feeds = subparsers.add_parser("feeds", help="feeds file and per-feed producer status")
    feeds_sub = feeds.add_subparsers(dest="feeds_command", required=True, metavar="ACTION")
    status = feeds_sub.add_parser("status", help="last success, last error, seen, emitted, rejected per feed")
    status.add_argument("--feeds", type=Path, default=None)
    status.set_defaults(func=_status)
    check = feeds_sub.add_parser("check", help="validate the feeds file")
    check.add_argument("--feeds", type=Path, default=None)
    check.set_defaults(func=_check)
