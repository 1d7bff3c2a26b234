"""Benchmark (not a test): produce -> Slack double latency at a steady trickle, p50/p95/p99.

    .venv/bin/python -m tests.sinks.slack.bench_latency [--alerts 60] [--every 1.25] [--min-interval 1.0]

Runs ``mediamon sink slack`` as a subprocess on a fresh topic prefix against the real Kafka, sends alert events one
by one (each to its own story), and measures from just before ``send`` to the double receiving the post."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

from kafka import KafkaProducer

from mediamon.settings import load_settings
from mediamon.setup import ensure_topics
from mediamon.topics import Names

from .conftest import alert, headline_numbers
from .slackdouble import SlackDouble


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--alerts", type=int, default=60)
    parser.add_argument("--every", type=float, default=1.25, help="seconds between two alerts")
    parser.add_argument("--min-interval", type=float, default=1.0)
    args = parser.parse_args()
    prefix = f"b{uuid.uuid4().hex[:8]}-"
    settings = load_settings(topic_prefix=prefix, consumer_group_prefix=f"g{prefix}")
    ensure_topics(settings)
    topic = Names.from_settings(settings).alerts
    with SlackDouble() as double:
        env = {**os.environ, "MEDIAMON_TOPIC_PREFIX": prefix, "MEDIAMON_CONSUMER_GROUP_PREFIX": f"g{prefix}",
               "MEDIAMON_SLACK_WEBHOOK_URL": double.webhook_url(),
               "MEDIAMON_SLACK_MIN_INTERVAL_S": str(args.min_interval)}
        sink = subprocess.Popen([str(Path(sys.executable).with_name("mediamon")), "sink", "slack"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all", linger_ms=0)
        try:
            warm = alert(10_000)
            producer.send(topic, key=warm.story_id.encode(), value=warm.model_dump_json().encode()).get(10)
            double.wait_for(1, 120)  # the group has joined and the ledger is loaded
            sent: dict[int, float] = {}
            for n in range(args.alerts):
                event = alert(n)
                time.sleep(max(0.0, args.every - (time.monotonic() - sent.get(n - 1, 0.0))))
                sent[n] = time.monotonic()
                producer.send(topic, key=event.story_id.encode(), value=event.model_dump_json().encode())
                producer.flush()
            double.wait_for(args.alerts + 1, 60)
        finally:
            producer.close()
            sink.terminate()
            sink.wait(30)
        arrived = {n: r.at for n, r in zip(headline_numbers(double.accepted()), double.accepted(), strict=True)}
    latencies = sorted((arrived[n] - sent[n]) * 1000 for n in sent if n in arrived)
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    print(f"{len(latencies)}/{args.alerts} alerts, one every {args.every}s, pacing {args.min_interval}s: "
          f"p50 {cuts[49]:.0f} ms, p95 {cuts[94]:.0f} ms, p99 {cuts[98]:.0f} ms, max {latencies[-1]:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
