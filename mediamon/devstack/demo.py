"""``mediamon demo``: the whole pipeline on the bundled demo feed, then a summary of what it found."""

from __future__ import annotations

import argparse
import os
import time
from typing import Any

from mediamon.analysis.language import detect_language
from mediamon.clients import elasticsearch_client
from mediamon.devstack.demo_feed import DemoFeedServer
from mediamon.devstack.pipeline import Workers, wait_indexed
from mediamon.ids import article_id
from mediamon.settings import REPO_ROOT, Settings, get_settings
from mediamon.setup import ensure_index, ensure_topics
from mediamon.topics import Names

DEMO_DIR = REPO_ROOT / "var" / "demo"


def expected_ids(server: DemoFeedServer) -> list[str]:
    """Ids of the demo articles that should reach Elasticsearch (the Arabic ones)."""
    return [
        article_id(f"{server.base_url}/articles/{a.slug}.html")
        for a in server.articles
        if detect_language(f"{a.title}\n{a.text}") == "ar"
    ]


def _fetch_docs(settings: Settings, ids: list[str]) -> list[dict[str, Any]]:
    es = elasticsearch_client(settings)
    try:
        index = Names.from_settings(settings).articles_index
        resp = es.search(index=index, query={"ids": {"values": ids}}, size=len(ids),
                         sort=[{"published": "asc"}])
        return [hit["_source"] for hit in resp["hits"]["hits"]]
    finally:
        es.close()


def _summary(settings: Settings, docs: list[dict[str, Any]], read: int, emitted: int, rejected: dict[str, int],
             seconds: float) -> None:
    names = Names.from_settings(settings)
    alerted = [d for d in docs if d["analysis"]["alerts"]]
    print()
    print(f"demo feed: {read} items read, {emitted} new sent to {names.raw}, "
          f"rejected {rejected or 'none'}")
    print(f"indexed:   {len(docs)} documents in {names.articles_index} ({seconds:.1f}s end to end)")
    print(f"alerts:    {sum(len(d['analysis']['alerts']) for d in docs)} on {len(alerted)} articles")
    print()
    for doc in docs:
        a = doc["analysis"]
        rules = ",".join(x["rule"] for x in a["alerts"]) or "-"
        figures = "; ".join(f"{c['kind']} {c['count'] if c['count'] is not None else '?'} ({c['qualifier']})"
                            for c in a["casualties"]) or "-"
        print(f"  {doc['title']}")
        print(f"    alerts: {rules}   countries: {','.join(a['countries']) or '-'}   figures: {figures}")
    password_file = REPO_ROOT / "var" / "secrets" / "mediamon_es_password"
    print()
    print("query them:")
    print(f"  curl -s -u elastic:$(cat {password_file}) '{settings.es_url}/{names.articles_index}/_search?"
          "q=analysis.alerts.rule:ceasefire&pretty'")
    print("  make stack-status   # the stack keeps running; `make stack-down` stops it")


def run_demo(settings: Settings, port: int, timeout_s: float) -> int:
    from mediamon.producers.runner import produce_once

    ensure_topics(settings)
    ensure_index(settings)
    began = time.monotonic()
    with DemoFeedServer(port=port) as server, Workers(settings, DEMO_DIR / "logs") as workers:
        feeds_file = server.write_feeds_file(DEMO_DIR / "feeds.yaml")
        ids = expected_ids(server)
        summary = produce_once(settings, feeds_file)
        feed = summary.feeds.get("demo")
        if feed and feed.errors:
            print(f"producer errors on the demo feed: {feed.errors} {feed.error_detail or ''}")
            return 1
        print(f"producer: {summary.emitted} new articles sent; waiting for processor and sink ...")
        wait_indexed(settings, ids, workers, timeout_s)
        docs = _fetch_docs(settings, ids)
    rejected: dict[str, int] = dict(feed.rejected) if feed else {}
    _summary(settings, docs, feed.seen if feed else 0, summary.emitted, rejected, time.monotonic() - began)
    return 0


def _demo(args: argparse.Namespace) -> int:
    return run_demo(get_settings(), args.port, args.timeout)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = sub.add_parser("demo", help="run producer, processor and sink on the bundled demo feed")
    demo.add_argument("--port", type=int, default=int(os.environ.get("MEDIAMON_DEMO_PORT", "8765")),
                      help="loopback port of the demo feed (fixed, so article ids are stable across runs)")
    demo.add_argument("--timeout", type=float, default=180.0, help="seconds before a stalled stage is named")
    demo.set_defaults(func=_demo)
