"""``mediamon demo``: the whole pipeline on the bundled demo feed, then a summary of what it found."""

from __future__ import annotations

import argparse
import json
import os
import time
from typing import Any

from kafka import KafkaConsumer

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
    _stories(settings, docs)
    from mediamon.sinks.slack.demo import post_to_double

    print()
    print(post_to_double(settings))
    password_file = REPO_ROOT / "var" / "secrets" / "mediamon_es_password"
    print()
    print("query them:")
    print(f"  curl -s -u elastic:$(cat {password_file}) '{settings.es_url}/{names.articles_index}/_search?"
          "q=analysis.alerts.rule:ceasefire&pretty'")
    print("  make stack-status   # the stack keeps running; `make stack-down` stops it")


def _alert_events(settings: Settings, story_ids: set[str]) -> list[dict[str, Any]]:
    """The alert events on `alerts` for these stories (this run's and earlier runs' of the same articles)."""
    consumer = KafkaConsumer(Names.from_settings(settings).alerts, bootstrap_servers=settings.kafka_bootstrap,
                             auto_offset_reset="earliest", consumer_timeout_ms=3000)
    try:
        events = [json.loads(m.value) for m in consumer]
    finally:
        consumer.close()
    return [e for e in events if e.get("story_id") in story_ids or e.get("kind") == "spike"]


def _stories(settings: Settings, docs: list[dict[str, Any]]) -> None:
    by_story: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        by_story.setdefault(doc.get("story_id") or doc["id"], []).append(doc)
    events = _alert_events(settings, set(by_story))
    print()
    print(f"stories:   {len(by_story)} from {len(docs)} articles; {len(events)} alert events on "
          f"{Names.from_settings(settings).alerts}")
    for story_id, members in by_story.items():
        print(f"  story {story_id[:12]}  {len(members)} report(s): {', '.join(d['source'] for d in members)}")
        for event in (e for e in events if e["story_id"] == story_id):
            rules = ",".join(r["rule"] for r in event["rules"])
            figures = "; ".join(f"{f['kind']} {f['count'] if f['count'] is not None else '?'} ({f['qualifier']})"
                                for f in event["figures"]) or "-"
            change = "; ".join(f"{c['kind']} {(c['before'] or {}).get('count', '-')} -> {c['after']['count']}"
                               for c in event["changes"])
            print(f"    {event['kind']:<6} rev {event['revision']} [{event['severity']}] {rules}  figures: {figures}"
                  + (f"  changed: {change}" if change else ""))


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
