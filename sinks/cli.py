"""``mediamon sink elasticsearch``: run the Elasticsearch sink."""

from __future__ import annotations

import argparse
import signal
import threading
from types import FrameType

from mediamon.settings import get_settings


def _sink_es(args: argparse.Namespace) -> int:
    from mediamon.sinks.elasticsearch import ElasticsearchSink

    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    settings = get_settings()
    sink = ElasticsearchSink(settings, batch_size=args.batch_size,
                             max_poll_interval_ms=int(settings.sink_max_poll_interval_s * 1000))
    try:
        stats = sink.run(stop, idle_exit_s=args.exit_when_idle)
    finally:
        sink.close()
    print(f"indexed {stats.indexed}, dead-lettered {stats.dead_lettered}, batches {stats.batches}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sink = sub.add_parser("sink", help="run a sink")
    kinds = sink.add_subparsers(dest="sink", required=True)
    es = kinds.add_parser("elasticsearch", help="articles.enriched and alerts -> Elasticsearch (its own group)")
    es.add_argument("--batch-size", type=int, default=None,
                    help="documents per bulk request (default: settings es_batch_size)")
    es.add_argument("--exit-when-idle", type=float, default=None, metavar="SECONDS",
                    help="stop after this many seconds without messages (for one-shot runs)")
    es.set_defaults(func=_sink_es)
    from mediamon.sinks.slack.cli import register_sink as register_slack

    register_slack(kinds)
