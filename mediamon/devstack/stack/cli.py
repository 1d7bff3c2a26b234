"""``mediamon stack up|down|status``."""

from __future__ import annotations

import argparse
import time

from mediamon.devstack.stack import elasticsearch, manager
from mediamon.devstack.stack.config import StackConfig


def _print_status(cfg: StackConfig, rows: list[manager.ServiceStatus]) -> None:
    for row in rows:
        state = "healthy" if row.healthy else ("running, not healthy" if row.pid else "stopped")
        print(f"{row.name:<14} {state:<22} pid={row.pid or '-':<8} {row.address:<16} log={row.log_file}")
    print(f"kafka bootstrap: {cfg.kafka_bootstrap}")
    print(f"elasticsearch:   {cfg.es_url} (user elastic, password in {elasticsearch.password_file(cfg)})")


def _up(args: argparse.Namespace) -> int:
    cfg = StackConfig()
    began = time.monotonic()
    rows = manager.up(cfg)
    _print_status(cfg, rows)
    print(f"stack up in {time.monotonic() - began:.1f}s")
    return 0


def _down(args: argparse.Namespace) -> int:
    stopped = manager.down(StackConfig())
    print("stopped: " + (", ".join(stopped) if stopped else "nothing was running"))
    return 0


def _clean(args: argparse.Namespace) -> int:
    removed = manager.clean(StackConfig())
    print("removed: " + (", ".join(map(str, removed)) if removed else "nothing"))
    return 0


def _status(args: argparse.Namespace) -> int:
    cfg = StackConfig()
    rows = manager.status(cfg)
    _print_status(cfg, rows)
    return 0 if all(r.healthy for r in rows) else 1


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    stack = sub.add_parser("stack", help="start, stop and report the local Kafka + Elasticsearch stack")
    verbs = stack.add_subparsers(dest="verb", required=True)
    verbs.add_parser("up", help="fetch (once), start and wait until healthy").set_defaults(func=_up)
    verbs.add_parser("down", help="stop both services").set_defaults(func=_down)
    verbs.add_parser("clean", help="stop and delete data, logs and runtime files (keeps downloads)") \
        .set_defaults(func=_clean)
    verbs.add_parser("status", help="pids, health, addresses, log files; exit 1 unless healthy") \
        .set_defaults(func=_status)
