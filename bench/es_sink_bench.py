"""Documents per second of the Elasticsearch sink against a raw ``parallel_bulk`` of the same documents, in one
run, on the local stack (target: sink / raw >= 0.8).

Run (the stack up: ``make stack-up``):
``.venv/bin/python bench/es_sink_bench.py [--docs 20000] [--batch-size 500] [--threads 4] [--repeat 2]``.

- The documents: enriched articles of about 2.5 KB (Arabic title and text, topics, countries, two places with
  coordinates, two casualty figures, an alert), as the processor writes them; every one is new (unique ids).
- Sink: the messages are put on a fresh ``articles.enriched`` topic first (not timed); the timer runs from the
  sink's start (its Kafka consumer joining the group included) until Elasticsearch acknowledged the last
  document, i.e. the whole sink: poll, decode, validate, build the document, bulk, commit. ``--processes N``
  runs N sink processes in the one consumer group (the scale-out of compose's ``--scale``), timed until the
  alias counts every document.
- Raw: ``elasticsearch.helpers.parallel_bulk`` (``--threads`` threads, chunks of ``--batch-size``) of the same
  documents, already built in memory (only Elasticsearch's own cost), into a second deployment's indices made
  from the same templates, so mappings and refresh interval are the same.
- Raw from the messages: the same ``parallel_bulk``, its actions made on the fly from the message bytes (the
  sink's decode and document building, without Kafka), to tell Kafka and the loop from the per-document work.
- Sink and raws alternate ``--repeat`` times on fresh indices; the best of each is compared. Indices and topics
  are deleted at the end. The sink's requests are of ``--batch-size`` documents like the raw chunks; its other
  settings come from the environment (MEDIAMON_ES_BULK_THREADS: requests in flight, default 4 like parallel_bulk's
  threads; MEDIAMON_ES_BATCH_BYTES).
"""

from __future__ import annotations

import argparse
import multiprocessing
import threading
import time
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from elasticsearch.helpers import parallel_bulk
from kafka import KafkaAdminClient, KafkaProducer

from mediamon import indices
from mediamon.clients import elasticsearch_client
from mediamon.devstack.stack.config import StackConfig
from mediamon.ids import article_id
from mediamon.schema import Alert, Analysis, Article, Casualty, EnrichedArticle, Place, Span
from mediamon.settings import Settings, load_settings
from mediamon.setup import ensure_templates, ensure_topics
from mediamon.sinks.documents import bulk_action, doc_action
from mediamon.sinks.elasticsearch import ElasticsearchSink, decode_article_doc
from mediamon.topics import Names

PARAGRAPH = ("قال مسؤولون في القاهرة إن الوسطاء قدّموا مقترحًا جديدًا لوقفٍ فوري لإطلاق النار في قطاع غزة، يبدأ "
             "بهدنة إنسانية مدتها أسبوع قابلة للتمديد، بعد ليلة من القصف أسفرت عن مقتل 27 شخصًا على الأقل. ")


def make_articles(n: int, run: str) -> list[EnrichedArticle]:
    start = datetime(2026, 11, 20, tzinfo=UTC)
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


def deployment(cfg: StackConfig, name: str) -> Settings:
    prefix = f"b{uuid.uuid4().hex[:6]}{name}-"
    settings = load_settings(kafka_bootstrap=cfg.kafka_bootstrap, es_url=cfg.es_url, topic_prefix=prefix,
                             index_prefix=prefix.rstrip("-"), consumer_group_prefix=f"g{prefix}")
    ensure_topics(settings)
    ensure_templates(settings)
    return settings


def _sink_process(settings: Settings, batch_size: int, stop: Any) -> None:
    sink = ElasticsearchSink(settings, batch_size=batch_size)
    try:
        sink.run(stop)
    finally:
        sink.close()


def run_sink(settings: Settings, docs: list[EnrichedArticle], batch_size: int, processes: int = 1) -> float:
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all", linger_ms=20,
                             batch_size=256 * 1024)
    topic = Names.from_settings(settings).enriched
    for doc in docs:
        producer.send(topic, key=doc.id.encode(), value=doc.model_dump_json().encode())
    producer.flush()
    producer.close()
    if processes > 1:
        return _run_sink_processes(settings, len(docs), batch_size, processes)
    stop = threading.Event()
    started = time.perf_counter()
    sink = ElasticsearchSink(settings, batch_size=batch_size)
    runner = threading.Thread(target=sink.run, args=(stop,), daemon=True)
    runner.start()
    while sink.stats.indexed + sink.stats.dead_lettered < len(docs):
        time.sleep(0.005)
    elapsed = time.perf_counter() - started
    stop.set()
    runner.join()
    sink.close()
    assert sink.stats.indexed == len(docs), sink.stats
    return elapsed


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
            from_messages: bool = False) -> float:
    """``from_messages``: the actions are made while parallel_bulk runs, from the message bytes (decode and
    document, the sink's own CPU work without Kafka), instead of being ready in memory."""
    family = indices.articles(Names.from_settings(settings))
    actions: Iterable[dict[str, Any]]
    if from_messages:
        messages = [d.model_dump_json().encode() for d in docs]
        actions = (doc_action(family.index_for(a.event_time), a) for a in map(decode_article_doc, messages))
    else:
        actions = [bulk_action(family.index_for(d.event_time), d) for d in docs]
    es = elasticsearch_client(settings)
    try:
        started = time.perf_counter()
        ok = sum(1 for success, _ in parallel_bulk(es, actions, thread_count=threads, chunk_size=batch_size,
                                                   max_chunk_bytes=10 * 1024 * 1024) if success)
        elapsed = time.perf_counter() - started
    finally:
        es.close()
    assert ok == len(docs)
    return elapsed


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--processes", type=int, default=1,
                        help="sink processes in the one consumer group (the topics have 3 partitions)")
    args = parser.parse_args()
    cfg = StackConfig()
    made: list[Settings] = []
    best_sink = best_raw = best_msg = float("inf")
    try:
        for attempt in range(args.repeat):
            docs = make_articles(args.docs, uuid.uuid4().hex[:6])
            size = sum(len(d.model_dump_json()) for d in docs[:100]) / 100
            sink_settings, raw_settings, msg_settings = (deployment(cfg, "s"), deployment(cfg, "r"),
                                                         deployment(cfg, "m"))
            made += [sink_settings, raw_settings, msg_settings]
            sink_s = run_sink(sink_settings, docs, args.batch_size, args.processes)
            raw_s = run_raw(raw_settings, docs, args.batch_size, args.threads)
            msg_s = run_raw(msg_settings, docs, args.batch_size, args.threads, from_messages=True)
            best_sink, best_raw, best_msg = min(best_sink, sink_s), min(best_raw, raw_s), min(best_msg, msg_s)
            n = args.docs
            print(f"run {attempt + 1}: {n} docs of ~{size / 1024:.1f} KB: sink {n / sink_s:,.0f} docs/s "
                  f"({sink_s:.2f} s); raw parallel_bulk {n / raw_s:,.0f} docs/s ({raw_s:.2f} s); raw parallel_bulk "
                  f"from the messages {n / msg_s:,.0f} docs/s ({msg_s:.2f} s)")
        n = args.docs
        print(f"best: sink ({args.processes} process(es)) {n / best_sink:,.0f} docs/s; "
              f"raw parallel_bulk {n / best_raw:,.0f} docs/s "
              f"({args.threads} threads, chunks of {args.batch_size}): ratio {best_raw / best_sink:.2f} "
              f"(target >= 0.8); "
              f"raw from the messages {n / best_msg:,.0f} docs/s: ratio {best_msg / best_sink:.2f}")
    finally:
        cleanup(made)


if __name__ == "__main__":
    main()
