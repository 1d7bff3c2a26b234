"""Every panel proven against Elasticsearch (Kibana cannot run here): the demo articles, analysed by the engine
and indexed by the sink with stories and alert events beside them, fill a fresh deployment's indices; then
each visualization's aggregation, the map's geo aggregation and each saved search run as Kibana would send
them, on the data view's pattern, and must return data."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from kafka import KafkaProducer

from mediamon.analysis.engine import Engine
from mediamon.clients import elasticsearch_client
from mediamon.devstack.demo_feed import load_articles
from mediamon.ids import article_id
from mediamon.saved_objects import Object, load
from mediamon.schema import AlertEvent, Article, EnrichedArticle, Figure, Outlet, RuleRef, Spike, TopStory
from mediamon.settings import Settings, load_settings
from mediamon.setup import ensure_templates, ensure_topics
from mediamon.sinks.elasticsearch import ElasticsearchSink
from mediamon.topics import Names

from ..conftest import StackInfo
from .panels import map_requests, search_request, vis_state, visualization_request

NDJSON = Path(__file__).resolve().parents[2] / "dashboards" / "mediamon.ndjson"
OUTLETS = ("وكالة المرصد التجريبية", "صحيفة الخبر التجريبية")


def _fill(settings: Settings) -> list[str]:
    """The demo feed's articles as two outlets report them (one story per event), and the alert events a story
    with an alert gets: new (one outlet), update (two outlets), and a spike. Returns the story ids."""
    _, demo = load_articles()
    engine = Engine(rules_dir=settings.rules_dir)
    names = Names.from_settings(settings)
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    stories = []
    for item in demo:
        story = f"story-{item.slug}"
        reports = []
        for n, outlet in enumerate(OUTLETS):
            url = f"https://outlet{n}.example.org/{item.slug}"
            raw = Article(id=article_id(url), url=url, source=outlet, title=item.title, text=item.text,
                          published=item.published + timedelta(minutes=20 * n), text_source="fulltext")
            enriched = EnrichedArticle.build(raw, engine.analyze(raw.id, raw.title, raw.text))
            enriched = enriched.model_copy(update={"story_id": story})
            producer.send(names.enriched, key=raw.id.encode(), value=enriched.model_dump_json().encode())
            reports.append(enriched)
        stories.append(story)
        first = reports[0]
        if not first.analysis.alerts:
            continue
        rules = [RuleRef(rule=a.rule, severity=a.severity, label_ar=a.rule, label_en=a.rule)
                 for a in first.analysis.alerts]
        figures = [Figure(kind=c.kind, count=c.count, qualifier=c.qualifier) for c in first.analysis.casualties]
        for revision in (1, 2):
            outlets = [Outlet(article_id=r.id, source=r.source, url=r.url, title=r.title, published=r.published)
                       for r in reports[:revision]]
            alert = AlertEvent(
                alert_id=f"{story}-{revision}", kind="new" if revision == 1 else "update", story_id=story,
                revision=revision, severity=max((r.severity for r in rules), key=("low", "medium", "high",
                                                                                  "critical").index),
                rules=rules, headline=first.title, headline_url=first.url, figures=figures,
                countries=first.analysis.countries, places=[p.name for p in first.analysis.places],
                outlets=outlets, story_size=revision, event_time=reports[revision - 1].event_time)
            producer.send(names.alerts, key=story.encode(), value=alert.model_dump_json().encode())
    when = demo[-1].published
    spike = AlertEvent(
        alert_id="spike-casualties", kind="spike", story_id=stories[0], revision=1, severity="high",
        headline="ارتفاع مفاجئ في تقارير الضحايا", event_time=when, story_size=4,
        spike=Spike(dimension="rule", value="casualties", window_start=when - timedelta(hours=1), window_end=when,
                    count=6, baseline=1.5, factor=4.0, top_stories=[TopStory(story_id=stories[0], headline="h",
                                                                               size=2)]))
    producer.send(names.alerts, key=b"spike", value=spike.model_dump_json().encode())
    producer.flush()
    producer.close()
    sink = ElasticsearchSink(settings)
    try:
        stats = sink.run(idle_exit_s=4)
    finally:
        sink.close()
    assert stats.dead_lettered == 0 and stats.indexed > 2 * len(demo)
    return stories


@pytest.fixture(scope="module")
def filled(stack: StackInfo, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Settings, list[str]]]:
    prefix = f"d{uuid.uuid4().hex[:8]}-"
    settings = load_settings(kafka_bootstrap=stack.kafka_bootstrap, es_url=stack.es_url, topic_prefix=prefix,
                             index_prefix=prefix.rstrip("-"), consumer_group_prefix=f"g{prefix}",
                             state_dir=tmp_path_factory.mktemp("state"))
    ensure_topics(settings)
    ensure_templates(settings)
    stories = _fill(settings)
    es = elasticsearch_client(settings)
    es.indices.refresh(index=f"{settings.index_prefix}-*")
    es.close()
    yield settings, stories


@pytest.fixture(scope="module")
def objects() -> dict[str, Object]:
    return {o["id"]: o for o in load(NDJSON)}


def _pattern(obj: Object, objects: dict[str, Object], settings: Settings) -> str:
    """The data view's pattern for this deployment's index prefix (the file names the default, ``mediamon``)."""
    view_id = next(r["id"] for r in obj["references"] if r["type"] == "index-pattern")
    title: str = objects[view_id]["attributes"]["title"]
    assert title.startswith("mediamon-")
    return f"{settings.index_prefix}-{title.removeprefix('mediamon-')}"


def _leaves(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """Every innermost bucket of an aggregation response."""
    inner = [(k, v) for k, v in node.items() if isinstance(v, dict) and "buckets" in v]
    if not inner:
        yield path, node
    for _, agg in inner:
        for bucket in agg["buckets"]:
            yield from _leaves(bucket, (*path, str(bucket.get("key_as_string", bucket["key"]))))


def test_every_visualization_returns_buckets_and_values(filled: tuple[Settings, list[str]],
                                                        objects: dict[str, Object]) -> None:
    settings, _ = filled
    es = elasticsearch_client(settings)
    try:
        for obj in (o for o in objects.values() if o["type"] == "visualization"):
            body = visualization_request(obj)
            resp = es.search(index=_pattern(obj, objects, settings), **body)
            top = next(iter(body["aggs"]))
            assert resp["aggregations"][top]["buckets"], f"{obj['id']}: no buckets"
            leaves = list(_leaves(resp["aggregations"]))
            assert leaves and all(path for path, _ in leaves), obj["id"]
            assert _metric_ids(obj) or obj["id"] != "mediamon-casualties"
            for metric in _metric_ids(obj):
                values = [leaf[metric]["value"] for _, leaf in leaves]
                assert any(v for v in values), f"{obj['id']}: metric {metric} is empty: {values}"
    finally:
        es.close()


def _metric_ids(obj: Object) -> list[str]:
    return [a["id"] for a in vis_state(obj)["aggs"] if a["schema"] == "metric" and a["type"] != "count"]


def test_the_casualty_panel_sums_and_maxes_real_figures(filled: tuple[Settings, list[str]],
                                                        objects: dict[str, Object]) -> None:
    settings, _ = filled
    obj = objects["mediamon-casualties"]
    es = elasticsearch_client(settings)
    try:
        resp = es.search(index=_pattern(obj, objects, settings), **visualization_request(obj))
    finally:
        es.close()
    leaves = [leaf for _, leaf in _leaves(resp["aggregations"])]
    assert max(leaf["3"]["value"] or 0 for leaf in leaves) >= 27  # "مقتل 27 شخصًا على الأقل" in the demo feed
    assert sum(leaf["1"]["value"] or 0 for leaf in leaves) >= 2 * 27  # two outlets report it
    assert max(leaf["5"]["value"] or 0 for leaf in leaves) > 0


def test_the_map_geo_aggregation_returns_points(filled: tuple[Settings, list[str]],
                                                objects: dict[str, Object]) -> None:
    settings, _ = filled
    obj = objects["mediamon-places-map"]
    requests = map_requests(obj)
    assert requests
    es = elasticsearch_client(settings)
    try:
        for body in requests:
            buckets = es.search(index=_pattern(obj, objects, settings), **body)["aggregations"]["grid"]["buckets"]
            assert len(buckets) >= 3, buckets  # Gaza, Khartoum, Marrakesh, Kharkiv... are far apart
            for bucket in buckets:
                point = bucket["centroid"]["location"]
                assert -90 <= point["lat"] <= 90 and -180 <= point["lon"] <= 180 and bucket["doc_count"] > 0
    finally:
        es.close()


def test_every_saved_search_returns_documents_with_its_columns(filled: tuple[Settings, list[str]],
                                                               objects: dict[str, Object]) -> None:
    settings, stories = filled
    es = elasticsearch_client(settings)
    try:
        for obj in (o for o in objects.values() if o["type"] == "search"):
            story_view = obj["id"].startswith("mediamon-story-")
            # The story view is filtered by story_id (the query Slack's link puts in the dashboard).
            extra = {"term": {"story_id": stories[0]}} if story_view else None
            hits = es.search(index=_pattern(obj, objects, settings), **search_request(obj, extra))["hits"]["hits"]
            assert hits, f"{obj['id']}: no documents"
            if story_view:
                assert {h["_source"].get("story_id", stories[0]) for h in hits} == {stories[0]}
            shown = set().union(*(h["_source"] for h in hits))
            assert set(obj["attributes"]["columns"]) - {"event_time"} <= shown | {"delivered_at", "figures"}, \
                f"{obj['id']}: columns never filled: {set(obj['attributes']['columns']) - shown}"
    finally:
        es.close()


def test_the_data_views_match_the_indices_the_sink_wrote(filled: tuple[Settings, list[str]],
                                                        objects: dict[str, Object]) -> None:
    settings, _ = filled
    es = elasticsearch_client(settings)
    try:
        for view in (o for o in objects.values() if o["type"] == "index-pattern"):
            pattern = f"{settings.index_prefix}-{view['attributes']['title'].removeprefix('mediamon-')}"
            written = set(es.indices.get(index=pattern))
            alias = pattern.removesuffix("-*")
            assert written and written == set(es.indices.get_alias(name=alias)), (pattern, written)
            assert es.count(index=pattern)["count"] == es.count(index=alias)["count"] > 0
            assert "2026.11" in " ".join(written)  # the demo feed's month
    finally:
        es.close()
