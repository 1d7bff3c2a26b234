"""Throughput and latency of the pipeline on the real local stack (issue 15). Figures go to docs/BENCHMARKS.md.

Run on a running stack (``make stack-up``):

    .venv/bin/python bench/pipeline_bench.py processor [--articles 3000]
        drain rate of the processor (enrich + stories agents) over a backlog on articles.raw, against a
        pass-through Faust agent (same topic, same data, each send awaited like ours) in the same run: a ratio.
    .venv/bin/python bench/pipeline_bench.py e2e --rate 50 --seconds 300
        a sustained stream at RATE articles/s through processor and Elasticsearch sink: produce->searchable
        latency p50/p95/p99, consumer lag over time (CSV beside the report), peak RSS of every process.
    .venv/bin/python bench/pipeline_bench.py alerts --rate 2 --seconds 60
        produce -> alert event latency (an upper bound of enrichment -> alert) at a trickle, processor alone.
    .venv/bin/python bench/pipeline_bench.py backlog [--articles 20000]
        N articles waiting on articles.raw, then processor and sink started: how fast they drain into
        Elasticsearch.
    .venv/bin/python bench/pipeline_bench.py workers [--articles 6000]
        the same backlog drained by 1 processor worker, then (on fresh topics) by 2 workers of one group:
        articles/s of each and their ratio (the story agent's partition is on one of the two).

Articles are the project's own labelled Arabic texts (eval/), each reported by several outlets.
Every run uses its own topic and index prefix.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kafka import KafkaConsumer, KafkaProducer

from mediamon.clients import elasticsearch_client
from mediamon.devstack.pipeline import PIPELINE_STAGES, Workers, env_for, group_lag
from mediamon.devstack.stack.config import StackConfig
from mediamon.devstack.stack.manager import status as stack_status
from mediamon.ids import article_id
from mediamon.schema import Article
from mediamon.settings import Settings, load_settings
from mediamon.setup import ensure_index, ensure_topics
from mediamon.sinks.slack.double import SlackDouble
from mediamon.topics import Names

REPO = Path(__file__).resolve().parents[1]
# Where the lag CSVs go (bench/run_all.py --quick sends them elsewhere).
OUT_DIR = Path(os.environ.get("MEDIAMON_BENCH_OUT") or REPO / "docs" / "bench")


def bench_settings(tag: str, tmp: Path) -> Settings:
    prefix = f"b{tag}{uuid.uuid4().hex[:6]}-"
    settings = load_settings(topic_prefix=prefix, index_prefix=prefix.rstrip("-"), consumer_group_prefix=f"g{prefix}",
                             state_dir=tmp / "state", faust_data_dir=tmp / "faust")
    ensure_topics(settings)
    ensure_index(settings)
    return settings


def corpus(n: int, tag: str) -> list[Article]:
    """n articles of original Arabic news text: the project's labelled texts (eval/, eval/stories/), each reported by
    several outlets (distinct URLs), so the stream has many small stories as wire copy does. Articles of one text
    are spread over the stream, a few minutes apart in event time."""
    items: list[tuple[str, str]] = []
    for path in sorted(REPO.glob("eval/**/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                if item.get("language", "ar") == "ar" and item.get("title") and item.get("text"):
                    items.append((item["title"], item["text"]))
    rng = random.Random(3)
    rng.shuffle(items)
    start = datetime(2025, 6, 1, tzinfo=UTC)
    out = []
    for i in range(n):
        title, text = items[i % len(items)]
        url = f"https://outlet{i // len(items)}.example/{tag}/{i}"
        out.append(Article(id=article_id(url), url=url, source=f"outlet{i // len(items)}", title=title, text=text,
                           published=start + timedelta(seconds=30 * i)))
    return out


def produce_all(settings: Settings, topic: str, items: list[Article]) -> None:
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all", linger_ms=20,
                             batch_size=256 * 1024)
    for article in items:
        producer.send(topic, key=article.id.encode(), value=article.model_dump_json().encode())
    producer.flush()
    producer.close()


def drain_time(settings: Settings, topic: str, want: int, timeout_s: float = 900) -> tuple[float, float]:
    """(first, last) arrival time (monotonic) of ``want`` messages on ``topic``."""
    consumer = KafkaConsumer(topic, bootstrap_servers=settings.kafka_bootstrap, auto_offset_reset="earliest",
                             consumer_timeout_ms=1000, fetch_max_bytes=50 * 1024 * 1024)
    seen = 0
    first = last = 0.0
    deadline = time.monotonic() + timeout_s
    try:
        while seen < want and time.monotonic() < deadline:
            for _ in consumer:
                now = time.monotonic()
                first = first or now
                last = now
                seen += 1
                if seen >= want:
                    break
    finally:
        consumer.close()
    if seen < want:
        raise SystemExit(f"only {seen} of {want} messages reached {topic} in {timeout_s:.0f}s")
    return first, last


PASS_THROUGH = textwrap.dedent('''
    import faust, os
    app = faust.App(os.environ["BENCH_APP"], broker="kafka://" + os.environ["BENCH_BROKER"], store="memory://",
                    key_serializer="raw", value_serializer="raw", web_enabled=False, producer_acks=-1,
                    consumer_auto_offset_reset="earliest", autodiscover=False, topic_replication_factor=1,
                    datadir=os.environ["BENCH_DATA"])
    source = app.topic(os.environ["BENCH_IN"], key_type=bytes, value_type=bytes)
    sink = app.topic(os.environ["BENCH_OUT"], key_type=bytes, value_type=bytes)

    @app.agent(source)
    async def passthrough(stream):
        async for event in stream.events():
            fut = await sink.send(key=event.message.key, value=event.message.value)
            await fut

    if __name__ == "__main__":
        from faust import Worker
        w = Worker(app, loglevel="WARNING", quiet=True)
        w.spinner = None
        w.execute_from_commandline()
''')


def bench_processor(n: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        settings = bench_settings("p", tmp)
        names = Names.from_settings(settings)
        items = corpus(n, tag=names.topic_prefix)
        produce_all(settings, names.raw, items)
        # Pass-through first: a Faust agent that awaits every send, reading the same backlog.
        script = tmp / "passthrough.py"
        script.write_text(PASS_THROUGH)
        env = {**os.environ, "BENCH_APP": f"{names.topic_prefix}passthrough", "BENCH_BROKER": settings.kafka_bootstrap,
               "BENCH_IN": names.raw, "BENCH_OUT": names.rejected, "BENCH_DATA": str(tmp / "pt")}
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, str(script), "worker"], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            first, last = drain_time(settings, names.rejected, n)
        finally:
            proc.terminate()
            proc.wait(30)
        passthrough_rate = n / (last - first)
        passthrough_total = last - started
        with Workers(settings, tmp / "logs", stages=("processor",)):
            started = time.monotonic()
            first, last = drain_time(settings, names.enriched, n)
        processor_rate = n / (last - first)
        return {"articles": n, "bytes_mean": round(statistics.mean(len(a.model_dump_json().encode()) for a in items)),
                "passthrough_per_s": round(passthrough_rate, 1), "processor_per_s": round(processor_rate, 1),
                "ratio": round(processor_rate / passthrough_rate, 3),
                "passthrough_incl_start_s": round(passthrough_total, 1),
                "processor_incl_start_s": round(last - started, 1)}


class Watcher(threading.Thread):
    """Records when each article becomes searchable. It asks Elasticsearch only for the ids already written to
    articles.enriched and not found yet (``pending``, filled by ``EnrichedTimes``): a query for every id sent would
    grow with the processor's lag and cost Elasticsearch a core at 200/s, which is the benchmark's load, not ours."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(daemon=True)
        self.settings = settings
        self.sent: dict[str, float] = {}
        self.found: dict[str, float] = {}
        self.pending: dict[str, None] = {}
        self.lock = threading.Lock()
        self.stop_event = threading.Event()

    def run(self) -> None:
        es = elasticsearch_client(self.settings)
        index = f"{Names.from_settings(self.settings).articles_index}*"
        while not self.stop_event.is_set():
            with self.lock:
                batch = list(itertools.islice(self.pending, 1000))
            if batch:
                resp = es.search(index=index, query={"ids": {"values": batch}}, size=len(batch), source=False)
                now = time.monotonic()
                with self.lock:
                    for hit in resp["hits"]["hits"]:
                        self.found.setdefault(hit["_id"], now)
                        self.pending.pop(hit["_id"], None)
            time.sleep(0.1)
        es.close()


def _proc_kb(pid: int, field_name: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field_name}:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    """The pids of ``pid``'s children and theirs (the processor's analysis processes)."""
    out: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return out
    for task in tasks:
        try:
            children = [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
        for child in children:
            out += [child, *_descendants(child)]
    return out


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set (VmHWM), in MB."""
    return round(_proc_kb(pid, "VmHWM") / 1024, 1)


def peak_rss_tree(name: str, pid: int) -> dict[str, float]:
    """Peak RSS of a stage and of each process it started (``name/child-N``)."""
    out = {name: peak_rss_mb(pid)}
    for i, child in enumerate(_descendants(pid), 1):
        out[f"{name}/child-{i}"] = peak_rss_mb(child)
    return out


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    q = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": round(q[49], 3), "p95": round(q[94], 3), "p99": round(q[98], 3), "max": round(max(values), 3)}


class LagSampler(threading.Thread):
    """Every ``every`` seconds: the uncommitted messages of each stage's group on its input topic."""

    def __init__(self, settings: Settings, groups: dict[str, tuple[str, str]], every: float = 5.0) -> None:
        super().__init__(daemon=True)
        self.settings, self.groups, self.every = settings, groups, every
        self.rows: list[list[float]] = []
        self.began = time.monotonic()
        self.stop_event = threading.Event()

    def run(self) -> None:
        while not self.stop_event.is_set():
            row: list[float] = [round(time.monotonic() - self.began, 1)]
            row += [group_lag(self.settings, group, topic) for group, topic in self.groups.values()]
            self.rows.append(row)
            self.stop_event.wait(self.every)

    def csv(self) -> str:
        return ",".join(["seconds", *(f"{name}_lag" for name in self.groups)]) + "\n" + "".join(
            ",".join(str(v) for v in row) + "\n" for row in self.rows)


class EnrichedTimes(threading.Thread):
    """When each article was written to articles.enriched (the record's CreateTime, stamped by the processor's
    producer): splits produce->searchable into the processor's part and the sink's (with the refresh)."""

    def __init__(self, settings: Settings, watcher: Watcher) -> None:
        super().__init__(daemon=True)
        self.settings = settings
        self.watcher = watcher
        self.at: dict[str, float] = {}
        self.stop_event = threading.Event()

    def run(self) -> None:
        names = Names.from_settings(self.settings)
        consumer = KafkaConsumer(names.enriched, bootstrap_servers=self.settings.kafka_bootstrap,
                                 auto_offset_reset="earliest", fetch_max_wait_ms=50)
        while not self.stop_event.is_set():
            for records in consumer.poll(timeout_ms=200).values():
                for record in records:
                    if record.key and record.key.decode() not in self.at:
                        key = record.key.decode()
                        self.at[key] = record.timestamp / 1000
                        with self.watcher.lock:
                            if key not in self.watcher.found:
                                self.watcher.pending[key] = None
        consumer.close()


def slack_latencies(settings: Settings, double: SlackDouble, sent: dict[str, float]) -> list[float]:
    """Produce -> Slack of each alert posted: from the send of the newest article the alert names to the double's
    receipt. Only alerts whose outlets list every article of their story count (the newest is then the one that
    triggered the decision); the others are left out, not guessed."""
    names = Names.from_settings(settings)
    events: dict[str, dict[str, Any]] = {}
    consumer = KafkaConsumer(names.alerts, bootstrap_servers=settings.kafka_bootstrap, auto_offset_reset="earliest",
                             consumer_timeout_ms=3000)
    for message in consumer:
        body = json.loads(message.value)
        events[body["alert_id"]] = body
    consumer.close()
    out: list[float] = []
    for request in double.accepted():
        meta = request.body.get("metadata") or {}
        if isinstance(meta, str):
            meta = json.loads(meta)
        event = events.get(str((meta.get("event_payload") or {}).get("alert_id")))
        if event is None or event.get("kind") == "spike":
            continue
        outlets = [o["article_id"] for o in event.get("outlets", [])]
        if len(outlets) < int(event.get("story_size", 1)) or not all(a in sent for a in outlets):
            continue
        out.append(request.at - max(sent[a] for a in outlets))
    return out


def bench_e2e(rate: float, seconds: float, slack: bool = True) -> dict[str, Any]:
    """A steady stream at ``rate`` articles/s for ``seconds`` through processor, Elasticsearch sink and (with
    ``slack``) the Slack sink posting to the local Slack double, bot mode, no pacing (the double is not Slack: the
    real pace of one message per second per channel is Slack's limit, not our latency)."""
    with tempfile.TemporaryDirectory() as tmp_dir, SlackDouble() as double:
        tmp = Path(tmp_dir)
        settings = bench_settings("e", tmp)
        names = Names.from_settings(settings)
        n = int(rate * seconds)
        items = corpus(n, tag=names.topic_prefix)
        bodies = [(a.id, a.id.encode(), a.model_dump_json().encode()) for a in items]
        watcher = Watcher(settings)
        groups = {"processor": (names.group("processor"), names.raw),
                  "story_log": (names.group("processor"), names.stories),
                  "sink": (names.group("sink-elasticsearch"), names.enriched)}
        stages: tuple[str, ...] = PIPELINE_STAGES
        extra: dict[str, str] = {}
        if slack:
            stages += ("sink-slack",)
            groups["slack"] = (names.group("sink-slack"), names.alerts)
            extra = {"MEDIAMON_SLACK_MODE": "bot", "MEDIAMON_SLACK_BOT_TOKEN": double.token,
                     "MEDIAMON_SLACK_API_URL": double.api_url, "MEDIAMON_SLACK_CHANNEL": "#desk",
                     "MEDIAMON_SLACK_MIN_INTERVAL_S": "0"}
        lag = LagSampler(settings, groups)
        enriched = EnrichedTimes(settings, watcher)
        sent_wall: dict[str, float] = {}
        with Workers(settings, tmp / "logs", stages=stages, extra_env=extra) as workers:
            time.sleep(20)  # let the worker join its group and the sinks subscribe
            watcher.start()
            lag.start()
            enriched.start()
            producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all", linger_ms=2)
            began = time.monotonic()
            for i, (article_id, key, value) in enumerate(bodies):
                due = began + i / rate
                while (now := time.monotonic()) < due:
                    time.sleep(min(0.005, due - now))
                with watcher.lock:
                    watcher.sent[article_id] = time.monotonic()
                sent_wall[article_id] = time.time()
                producer.send(names.raw, key=key, value=value)
                if i % 1000 == 999:
                    workers.check_alive()
            producer.flush()
            produced_in = time.monotonic() - began
            producer.close()
            deadline = time.monotonic() + 600
            while len(watcher.found) < n and time.monotonic() < deadline:
                time.sleep(0.5)
            watcher.stop_event.set()
            time.sleep(5)  # the last alerts reach Slack
            lag.stop_event.set()
            enriched.stop_event.set()
            rss: dict[str, float] = {}
            for name, proc in workers.procs.items():
                rss |= peak_rss_tree(name, proc.pid)
            rss["load generator + watcher + Slack double (this process)"] = peak_rss_mb(os.getpid())
        for row in stack_status(StackConfig()):
            if row.pid:  # the JVM may be a child of the pid the stack records
                rss[row.name] = max(peak_rss_tree(row.name, row.pid).values())
        latencies = [watcher.found[i] - watcher.sent[i] for i in watcher.found if i in watcher.sent]
        to_enriched = [enriched.at[i] - sent_wall[i] for i in list(enriched.at) if i in sent_wall]
        to_slack = slack_latencies(settings, double, watcher.sent) if slack else []
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        lag_file = OUT_DIR / f"lag-{int(rate)}per_s.csv"
        lag_file.write_text(lag.csv())
        columns = list(groups)
        return {"rate": rate, "seconds": seconds, "articles": n, "produced_in_s": round(produced_in, 1),
                "searchable": len(latencies), "produce_to_searchable_s": percentiles(latencies),
                "produce_to_enriched_s": percentiles(to_enriched),
                "slack_posts": len(double.accepted()), "slack_timed": len(to_slack),
                "produce_to_slack_s": percentiles(to_slack), "peak_rss_mb": rss,
                "lag_csv": os.path.relpath(lag_file, REPO),
                "max_lag": {c: max((r[j + 1] for r in lag.rows), default=0) for j, c in enumerate(columns)},
                "final_lag": dict(zip(columns, lag.rows[-1][1:], strict=True)) if lag.rows else None}


def bench_alerts(rate: float, seconds: float) -> dict[str, Any]:
    """Produce -> alert event on ``alerts`` (an upper bound of enrichment -> alert): a trickle of articles, each its
    own casualty story, through the processor alone; an alert's arrival is timed by a consumer on ``alerts``."""
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        settings = bench_settings("a", tmp)
        names = Names.from_settings(settings)
        start = datetime(2025, 7, 1, tzinfo=UTC)
        n = int(rate * seconds)
        towns = ["حلب", "الموصل", "غزة", "صنعاء", "طرابلس", "الخرطوم", "بيروت", "درعا", "تعز", "الفاشر"]
        items = []
        for i in range(n):
            url = f"https://trickle.example/{names.topic_prefix}{i}"
            town = towns[i % len(towns)]
            items.append(Article(id=article_id(url), url=url, source=f"outlet{i}",
                                 title=f"مقتل {i + 3} أشخاص في حادث رقم {i} في {town}",
                                 text=f"قتل {i + 3} أشخاص وأصيب {i + 5} في انفجار رقم {i} وقع في مدينة {town} "
                                      f"يوم {i}، في حادث منفصل رقمه {i * 7919}.",
                                 published=start + timedelta(days=4 * i)))  # far apart: one story each
        arrived: dict[str, float] = {}
        done = threading.Event()

        def watch() -> None:
            consumer = KafkaConsumer(names.alerts, bootstrap_servers=settings.kafka_bootstrap,
                                     auto_offset_reset="earliest", consumer_timeout_ms=200, fetch_max_wait_ms=20)
            while not done.is_set():
                for message in consumer:
                    body = json.loads(message.value)
                    for outlet in body.get("outlets", []):
                        arrived.setdefault(outlet["article_id"], time.monotonic())
            consumer.close()

        watcher = threading.Thread(target=watch, daemon=True)
        sent: dict[str, float] = {}
        with Workers(settings, tmp / "logs", stages=("processor",)):
            watcher.start()
            time.sleep(15)
            producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all", linger_ms=0)
            for article in items:
                sent[article.id] = time.monotonic()
                producer.send(names.raw, key=article.id.encode(), value=article.model_dump_json().encode()).get(10)
                time.sleep(1 / rate)
            producer.close()
            deadline = time.monotonic() + 60
            while len(arrived) < n and time.monotonic() < deadline:
                time.sleep(0.5)
            done.set()
        latencies = [arrived[i] - sent[i] for i in sent if i in arrived]
        return {"rate": rate, "articles": n, "alerted": len(latencies), "produce_to_alert_s": percentiles(latencies)}


def bench_backlog(n: int) -> dict[str, Any]:
    """``n`` articles waiting on articles.raw, then processor and Elasticsearch sink started: the time until all are
    searchable, with the start-up (group joins, table recovery) and without it (from the first searchable one)."""
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        settings = bench_settings("b", tmp)
        names = Names.from_settings(settings)
        items = corpus(n, tag=names.topic_prefix)
        produce_all(settings, names.raw, items)
        es = elasticsearch_client(settings)
        index = f"{names.articles_index}*"
        first: tuple[float, int] | None = None
        with Workers(settings, tmp / "logs") as workers:
            started = time.monotonic()
            count = 0
            while count < n and time.monotonic() - started < 1800:
                time.sleep(1)
                workers.check_alive()
                es.indices.refresh(index=index)
                count = int(es.count(index=index)["count"])
                if first is None and count:
                    first = (time.monotonic(), count)
            took = time.monotonic() - started
            rss: dict[str, float] = {}
            for name, proc in workers.procs.items():
                rss |= peak_rss_tree(name, proc.pid)
        es.close()
        drained = (count - first[1]) / (started + took - first[0]) if first and count > first[1] else float("nan")
        return {"articles": n, "indexed": count, "seconds_incl_start": round(took, 1),
                "per_s_incl_start": round(count / took, 1), "per_s_after_first": round(drained, 1),
                "peak_rss_mb": rss}


def drain_with_workers(n: int, workers: int) -> dict[str, Any]:
    """Articles/s of ``workers`` processor workers (one consumer group, own data dirs) over an n-article backlog."""
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        settings = bench_settings(f"w{workers}", tmp)
        names = Names.from_settings(settings)
        produce_all(settings, names.raw, corpus(n, tag=names.topic_prefix))
        procs = []
        started = time.monotonic()
        for i in range(workers):
            log = open(tmp / f"worker{i}.log", "ab")  # noqa: SIM115 (lives as long as the child)
            procs.append(subprocess.Popen([sys.executable, "-m", "mediamon.cli", "process", "--data-dir",
                                           str(tmp / f"faust{i}")], env=env_for(settings), stdout=log,
                                          stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True))
        try:
            first, last = drain_time(settings, names.enriched, n)
        finally:
            for proc in procs:
                proc.terminate()
            for proc in procs:
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        return {"workers": workers, "per_s": round(n / (last - first), 1), "incl_start_s": round(last - started, 1)}


def bench_workers(n: int) -> dict[str, Any]:
    one = drain_with_workers(n, 1)
    two = drain_with_workers(n, 2)
    return {"articles": n, "one_worker_per_s": one["per_s"], "two_workers_per_s": two["per_s"],
            "ratio": round(two["per_s"] / one["per_s"], 3), "runs": [one, two]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    p = sub.add_parser("processor")
    p.add_argument("--articles", type=int, default=3000)
    e = sub.add_parser("e2e")
    e.add_argument("--rate", type=float, default=50)
    e.add_argument("--seconds", type=float, default=300)
    e.add_argument("--no-slack", action="store_true", help="without the Slack sink")
    a = sub.add_parser("alerts")
    a.add_argument("--rate", type=float, default=2)
    a.add_argument("--seconds", type=float, default=60)
    b = sub.add_parser("backlog")
    b.add_argument("--articles", type=int, default=20000)
    w = sub.add_parser("workers")
    w.add_argument("--articles", type=int, default=6000)
    args = parser.parse_args()
    if args.mode == "processor":
        result = bench_processor(args.articles)
    elif args.mode == "e2e":
        result = bench_e2e(args.rate, args.seconds, slack=not args.no_slack)
    elif args.mode == "alerts":
        result = bench_alerts(args.rate, args.seconds)
    elif args.mode == "workers":
        result = bench_workers(args.articles)
    else:
        result = bench_backlog(args.articles)
    print(json.dumps({"mode": args.mode, **result, "cpus": os.cpu_count()}, ensure_ascii=False))


if __name__ == "__main__":
    main()
