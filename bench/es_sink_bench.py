"""Documents per second of the Elasticsearch sink against a raw ``parallel_bulk`` of the same documents, in one
run, on the local stack (target: sink / raw >= 0.8, in the steady state).

Run (the stack up: ``make stack-up``):
``.venv/bin/python bench/es_sink_bench.py [--docs 20000] [--batch-size 500] [--threads 4] [--repeat 2]``.
``--trickle 200 [--seconds 30]`` measures something else: the sink fed at 200 documents/s, without its linger
(``MEDIAMON_ES_BATCH_LINGER_MS``) and with it, and Elasticsearch's CPU per document in each.

- The documents: enriched articles of about 2.5 KB (Arabic title and text, topics, countries, two places with
  coordinates, two casualty figures, an alert), as the processor writes them; every one is new (unique ids). Their
  month's indices exist before either side starts, as ``mediamon setup`` makes the current month's before a sink
  runs (``--cold-index``: not, so each side's first request also waits for Elasticsearch to create the index, as
  every run did before this option; ~0.2-0.3 s at the start of both sides).
- Sink: the messages are put on a fresh ``articles.enriched`` topic first (not timed); the clock starts at
  ``ElasticsearchSink(...)`` and stops when Elasticsearch acknowledged the last request, i.e. the whole sink: poll,
  decode, validate, build the document, bulk, commit. ``--processes N`` runs N sink processes in the one consumer
  group (the scale-out of compose's ``--scale``), timed until the alias counts every document (its "steady" rate
  is then that of the whole run).
- Raw: ``elasticsearch.helpers.parallel_bulk`` (``--threads`` threads, chunks of ``--batch-size``) of the same
  documents, already built in memory (only Elasticsearch's own cost), into a second deployment's indices made
  from the same templates, so mappings and refresh interval are the same.
- Raw from the messages: the same ``parallel_bulk``, its actions made on the fly from the message bytes (the
  sink's decode and document building, without Kafka), to tell Kafka and the loop from the per-document work.

Each side gives two rates. With start-up: all the documents over the whole time. Steady state: the documents after
the first acknowledged request over the time from that acknowledgement to the last one. The target is a throughput,
so the steady-state ratio is the headline; the ratio with start-up is printed beside it, with the sink's start-up
broken down (ms from ``ElasticsearchSink(...)``: Elasticsearch client made and credentials checked, consumer made,
partitions assigned by the group, first request handed to a bulk thread, first request acknowledged). A side's
first acknowledgement comes after up to ``--threads`` requests were sent together, so its steady rate is a little
generous to both; at 20,000 documents (40 requests) that is a few per cent.

Sink and raws alternate ``--repeat`` times on fresh indices (the sink first in odd repeats, last in even ones); the
best of each is compared, and so are the sides of each repeat (their median: on this shared machine one side's quiet
minute can make the best-of ratio, so use ``--repeat 6`` or more for a figure to keep). Indices and topics are
deleted at the end. The sink's requests are of ``--batch-size`` documents like the raw chunks; its other settings
come from the environment (MEDIAMON_ES_BULK_THREADS: requests in flight, default 4 like parallel_bulk's threads;
MEDIAMON_ES_BATCH_BYTES).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from elasticsearch.helpers import parallel_bulk
from kafka import ConsumerRebalanceListener, KafkaAdminClient, KafkaProducer

from mediamon import indices
from mediamon.clients import elasticsearch_client
from mediamon.devstack.stack.config import StackConfig
from mediamon.ids import article_id
from mediamon.schema import Alert, Analysis, Article, Casualty, EnrichedArticle, Place, Span
from mediamon.settings import Settings, load_settings
from mediamon.setup import ensure_templates, ensure_topics
from mediamon.sinks.base import Item, WriteResult
from mediamon.sinks.documents import bulk_action, doc_action
from mediamon.sinks.elasticsearch import Doc, ElasticsearchSink, decode_article_doc
from mediamon.topics import Names

PARAGRAPH = ("قال مسؤولون في القاهرة إن الوسطاء قدّموا مقترحًا جديدًا لوقفٍ فوري لإطلاق النار في قطاع غزة، يبدأ "
             "بهدنة إنسانية مدتها أسبوع قابلة للتمديد، بعد ليلة من القصف أسفرت عن مقتل 27 شخصًا على الأقل. ")


START = datetime(2026, 11, 20, tzinfo=UTC)  # the first document's event time; one a second after it


def make_articles(n: int, run: str) -> list[EnrichedArticle]:
    start = START
    out = []
    for i in range(n):
        url = f"https://bench.example.org/{run}/{i}"
        art = Article(id=article_id(url), url=url, source=f"outlet-{i % 12}", title=f"هدنة جديدة في غزة {i}",
                      text=PARAGRAPH * 6, published=start + timedelta(seconds=i), text_source="fulltext")
        analysis = Analysis(
            id=art.id, language="ar", topics=["armed_conflict", "ceasefire"], countries=["PS", "EG"],
            alerts=[Alert(rule="ceasefire", severity="high", matches=[Span(text="لوقفٍ فوري لإطلاق النار",
                                                                            start=60, end=84)])],
            places=[Place(name="غزة", country="PS", lat=31.5, lon=34.47),
                    Place(name="القاهرة", country="EG", lat=30.04, lon=31.24)],
            casualties=[Casualty(kind="killed", count=27 + i % 5, qualifier="at_least", text="مقتل 27 شخصًا",
                                 start=150, end=163),
                        Casualty(kind="injured", count=60, qualifier="more_than", text="إصابة أكثر من 60",
                                 start=170, end=186)])
        out.append(EnrichedArticle.build(art, analysis).model_copy(update={"story_id": f"story-{i // 5}"}))
    return out


def deployment(cfg: StackConfig, name: str, cold_index: bool = False) -> Settings:
    """Topics, templates and, unless ``cold_index``, the documents' monthly indices, as ``mediamon setup`` makes
    the current month's before a sink starts (cold: the first bulk request of each side creates it)."""
    prefix = f"b{uuid.uuid4().hex[:6]}{name}-"
    settings = load_settings(kafka_bootstrap=cfg.kafka_bootstrap, es_url=cfg.es_url, topic_prefix=prefix,
                             index_prefix=prefix.rstrip("-"), consumer_group_prefix=f"g{prefix}")
    ensure_topics(settings)
    ensure_templates(settings, now=None if cold_index else START)
    return settings


def _sink_process(settings: Settings, batch_size: int, stop: Any) -> None:
    sink = ElasticsearchSink(settings, batch_size=batch_size)
    try:
        sink.run(stop)
    finally:
        sink.close()


@dataclass
class Timing:
    """One side's run: seconds from its start to the first acknowledged bulk request and to the last, the documents
    of that first request and all of them."""

    first_ack_s: float
    last_ack_s: float
    first_docs: int
    docs: int
    phases: dict[str, float] = field(default_factory=dict)  # the sink's start-up, seconds from its start

    @property
    def rate(self) -> float:
        """Documents per second, start-up included."""
        return self.docs / self.last_ack_s

    @property
    def steady_rate(self) -> float:
        """Documents per second from the first acknowledged request to the last, on the documents after it."""
        return (self.docs - self.first_docs) / max(self.last_ack_s - self.first_ack_s, 1e-9)


class _Assigned(ConsumerRebalanceListener):
    def __init__(self, note: Callable[[str], None]) -> None:
        self.note = note

    def on_partitions_revoked(self, revoked: Any) -> None:
        pass

    def on_partitions_assigned(self, assigned: Any) -> None:
        if assigned:
            self.note("assigned")


class TimedSink(ElasticsearchSink):
    """The sink, with the times of its start-up and of each acknowledged bulk request noted (not per document)."""

    def __init__(self, settings: Settings, batch_size: int, expect: int) -> None:
        self.started = time.perf_counter()
        self.phases: dict[str, float] = {}
        self.acks: list[tuple[float, int]] = []
        self.expect = expect
        self.done = threading.Event()  # set once ``expect`` documents are settled (no polling loop beside the sink)
        super().__init__(settings, batch_size=batch_size)
        self.note("constructed")
        # The same topics again, with a listener that notes when the group gave this member its partitions.
        self.consumer.subscribe(self.topics, listener=_Assigned(self.note))

    def note(self, phase: str) -> None:
        self.phases.setdefault(phase, time.perf_counter() - self.started)

    def _connect(self, make: Callable[[], Any]) -> Any:
        self.note("elasticsearch checked")  # the client made and the credentials checked: the consumer is next
        client = super()._connect(make)
        self.note("consumer made")
        return client

    def write(self, items: list[Item[Doc]]) -> WriteResult:
        self.note("first write sent")  # the first records polled, decoded and handed to a bulk thread
        result = super().write(items)
        self.acks.append((time.perf_counter() - self.started, len(items)))
        return result

    def on_written(self, items: list[Item[Doc]]) -> None:
        if self.stats.indexed + self.stats.dead_lettered >= self.expect:
            self.done.set()

    def timing(self) -> Timing:
        acks = sorted(self.acks)
        return Timing(acks[0][0], acks[-1][0], acks[0][1], sum(n for _, n in acks), dict(self.phases))


def run_sink(settings: Settings, docs: list[EnrichedArticle], batch_size: int, processes: int = 1) -> Timing:
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all", linger_ms=20,
                             batch_size=256 * 1024)
    topic = Names.from_settings(settings).enriched
    for doc in docs:
        producer.send(topic, key=doc.id.encode(), value=doc.model_dump_json().encode())
    producer.flush()
    producer.close()
    if processes > 1:
        elapsed = _run_sink_processes(settings, len(docs), batch_size, processes)
        return Timing(0.0, elapsed, 0, len(docs))  # no steady state across processes: its rate is the whole run's
    stop = threading.Event()
    sink = TimedSink(settings, batch_size, len(docs))
    runner = threading.Thread(target=sink.run, args=(stop,), daemon=True)
    runner.start()
    while not sink.done.wait(1.0) and sink.stats.indexed + sink.stats.dead_lettered < len(docs):
        assert runner.is_alive(), "the sink stopped"
    stop.set()
    runner.join()
    sink.close()
    assert sink.stats.indexed == len(docs), sink.stats
    return sink.timing()


def _run_sink_processes(settings: Settings, total: int, batch_size: int, processes: int) -> float:
    """``processes`` sink processes in one consumer group (the topic's partitions shared between them), as
    ``docker compose up --scale sink-elasticsearch=N`` runs them; timed until Elasticsearch holds every document."""
    context = multiprocessing.get_context("fork")
    stop = context.Event()
    started = time.perf_counter()
    workers = [context.Process(target=_sink_process, args=(settings, batch_size, stop)) for _ in range(processes)]
    for worker in workers:
        worker.start()
    es = elasticsearch_client(settings)
    alias = Names.from_settings(settings).articles_index
    try:
        while True:
            es.indices.refresh(index=alias)
            if int(es.count(index=alias)["count"]) >= total:
                break
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
    finally:
        stop.set()
        for worker in workers:
            worker.join(60)
        es.close()
    return elapsed


def run_raw(settings: Settings, docs: list[EnrichedArticle], batch_size: int, threads: int,
            from_messages: bool = False) -> Timing:
    """``from_messages``: the actions are made while parallel_bulk runs, from the message bytes (decode and
    document, the sink's own CPU work without Kafka), instead of being ready in memory. parallel_bulk answers in
    the order of its chunks, so the first answer comes when the first chunk is acknowledged."""
    family = indices.articles(Names.from_settings(settings))
    actions: Iterable[dict[str, Any]]
    if from_messages:
        messages = [d.model_dump_json().encode() for d in docs]
        actions = (doc_action(family.index_for(a.event_time), a) for a in map(decode_article_doc, messages))
    else:
        actions = [bulk_action(family.index_for(d.event_time), d) for d in docs]
    es = elasticsearch_client(settings)
    ok = 0
    first = 0.0
    try:
        started = time.perf_counter()
        for success, _ in parallel_bulk(es, actions, thread_count=threads, chunk_size=batch_size,
                                        max_chunk_bytes=10 * 1024 * 1024):
            if not ok:
                first = time.perf_counter() - started
            ok += success
        elapsed = time.perf_counter() - started
    finally:
        es.close()
    assert ok == len(docs)
    return Timing(first, elapsed, min(batch_size, len(docs)), len(docs))


def cleanup(settings_list: list[Settings]) -> None:
    for settings in settings_list:
        es = elasticsearch_client(settings)
        es.indices.delete(index=f"{settings.index_prefix}-*", allow_no_indices=True)
        for family in indices.families(Names.from_settings(settings)):
            es.indices.delete_index_template(name=family.template)
        es.close()
        admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
        admin.delete_topics(Names.from_settings(settings).all_topics)
        admin.close()


def _phases(timing: Timing) -> str:
    phases = sorted([*timing.phases.items(), ("first request acknowledged", timing.first_ack_s)], key=lambda kv: kv[1])
    return ", ".join(f"{name} {1000 * at:.0f}" for name, at in phases)


def _side(name: str, timing: Timing) -> str:
    return (f"{name} {timing.steady_rate:,.0f} docs/s steady, {timing.rate:,.0f} with start-up "
            f"({timing.last_ack_s:.2f} s, first request acknowledged at {1000 * timing.first_ack_s:.0f} ms)")


def _es_cpu_s(cfg: StackConfig) -> float:
    """CPU seconds used so far by the Elasticsearch processes of the local stack (launcher and server JVM)."""
    home = f"{cfg.es_runtime_dir}/elasticsearch-{cfg.es_version}/"
    total = 0.0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if home not in (proc / "cmdline").read_bytes().decode(errors="replace"):
                continue
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def trickle(cfg: StackConfig, rate: float, seconds: float, linger_ms: int) -> str:
    """The sink fed at ``rate`` documents/s for ``seconds``: bulk requests, documents per request, Elasticsearch's
    CPU per document and this process's (the sink and the producer) over the run, with ``linger_ms``."""
    n = int(rate * seconds)
    docs = make_articles(n, uuid.uuid4().hex[:6])
    settings = deployment(cfg, "t").model_copy(update={"es_batch_linger_ms": linger_ms})
    values = [(d.id.encode(), d.model_dump_json().encode()) for d in docs]
    stop = threading.Event()
    sink = TimedSink(settings, 500, n)
    runner = threading.Thread(target=sink.run, args=(stop,), daemon=True)
    runner.start()
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks=1, linger_ms=0)
    topic = Names.from_settings(settings).enriched
    try:
        while "assigned" not in sink.phases:
            time.sleep(0.05)
        own, es, began = time.process_time(), _es_cpu_s(cfg), time.monotonic()
        for i, (key, value) in enumerate(values):
            ahead = began + i / rate - time.monotonic()
            if ahead > 0:
                time.sleep(ahead)
            producer.send(topic, key=key, value=value)
        producer.flush()
        while not sink.done.wait(0.5):
            assert runner.is_alive(), "the sink stopped"
        own, es, took = time.process_time() - own, _es_cpu_s(cfg) - es, time.monotonic() - began
    finally:
        producer.close()
        stop.set()
        runner.join()
        sink.close()
        cleanup([settings])
    requests = len(sink.acks)
    return (f"linger {linger_ms} ms: {n} documents at {rate:g}/s in {took:.1f} s, {requests} bulk requests "
            f"({n / max(requests, 1):.1f} documents each); Elasticsearch {1000 * es / n:.2f} ms CPU per document "
            f"({100 * es / took:.0f} % of a core), sink + producer {1000 * own / n:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--processes", type=int, default=1,
                        help="sink processes in the one consumer group (the topics have 3 partitions)")
    parser.add_argument("--cold-index", action="store_true",
                        help="no monthly index made before the timers: each side's first request creates it")
    parser.add_argument("--trickle", type=float, metavar="RATE",
                        help="instead: the sink fed at RATE documents/s, without its linger and with it, "
                             "--repeat times (--seconds each): Elasticsearch's CPU per document")
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    cfg = StackConfig()
    if args.trickle:
        linger = load_settings().es_batch_linger_ms
        for _ in range(args.repeat):
            for linger_ms in (0, linger):
                print(trickle(cfg, args.trickle, args.seconds, linger_ms), flush=True)
        return
    made: list[Settings] = []
    runs: list[tuple[Timing, Timing, Timing]] = []
    try:
        for attempt in range(args.repeat):
            docs = make_articles(args.docs, uuid.uuid4().hex[:6])
            size = sum(len(d.model_dump_json()) for d in docs[:100]) / 100
            sink_settings, raw_settings, msg_settings = (deployment(cfg, side, args.cold_index) for side in "srm")
            made += [sink_settings, raw_settings, msg_settings]
            # Who goes first alternates, so a machine slowing or speeding up through the run favours neither side.
            if attempt % 2 == 0:
                sink = run_sink(sink_settings, docs, args.batch_size, args.processes)
                raw = run_raw(raw_settings, docs, args.batch_size, args.threads)
            else:
                raw = run_raw(raw_settings, docs, args.batch_size, args.threads)
                sink = run_sink(sink_settings, docs, args.batch_size, args.processes)
            msg = run_raw(msg_settings, docs, args.batch_size, args.threads, from_messages=True)
            runs.append((sink, raw, msg))
            print(f"run {attempt + 1}: {args.docs} docs of ~{size / 1024:.1f} KB: ratio "
                  f"{sink.steady_rate / raw.steady_rate:.2f} steady, {sink.rate / raw.rate:.2f} with start-up\n"
                  f"  {_side('sink', sink)}\n  sink start-up, ms from ElasticsearchSink(...): {_phases(sink)}\n"
                  f"  {_side('raw parallel_bulk', raw)}\n  {_side('raw parallel_bulk from the messages', msg)}")
        best = [max(run[side].steady_rate for run in runs) for side in range(3)]
        whole = [max(run[side].rate for run in runs) for side in range(3)]
        startup = min(run[0].first_ack_s for run in runs)
        print(f"best of {len(runs)}: sink ({args.processes} process(es)) {best[0]:,.0f} docs/s steady, "
              f"raw parallel_bulk ({args.threads} threads, chunks of {args.batch_size}) {best[1]:,.0f}: "
              f"steady-state ratio {best[0] / best[1]:.2f} (target >= 0.8); with start-up {whole[0]:,.0f} against "
              f"{whole[1]:,.0f}: ratio {whole[0] / whole[1]:.2f}; sink's first request acknowledged after "
              f"{1000 * startup:.0f} ms at best (raw's: {1000 * min(run[1].first_ack_s for run in runs):.0f} ms); "
              f"raw from the messages {best[2]:,.0f} steady: sink / that {best[0] / best[2]:.2f}")
        paired = sorted(run[0].steady_rate / run[1].steady_rate for run in runs)
        print(f"median of the {len(paired)} paired steady ratios (each repeat's sink / its raw, run back to back): "
              f"{statistics.median(paired):.2f} (all: {', '.join(f'{r:.2f}' for r in paired)})")
    finally:
        cleanup(made)


if __name__ == "__main__":
    main()
