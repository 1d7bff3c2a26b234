"""The Elasticsearch documents for enriched articles and alert events (pure).

Besides the message itself, a document carries the flat fields the desk charts, maps and sorts in Kibana
(aggregation-based panels and Lens cannot reach into nested fields):

- ``event_time``: published, else fetched, so articles without a published date still appear in time views;
- ``rules``, ``severities``, ``topics``, ``countries``, ``language``: keywords at the top level;
- ``place_names`` and ``place_points`` (geo_point ``{"lat", "lon"}``, places without coordinates left out);
- ``<kind>_max``: the largest stated count of each casualty kind among the facts of the article's own event
  (absent when none is stated; the background tolls of ``background`` are left out, so a report that recalls an
  earlier war does not chart its dead), and ``figures``, every fact as a short label (``killed 27 at_least``),
  background ones included; the full facts stay in ``analysis.casualties``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic_core import to_json

from mediamon.schema import AlertEvent, CasualtyKind, EnrichedArticle

KINDS: tuple[CasualtyKind, ...] = ("killed", "injured", "killed_or_injured", "displaced", "evacuated", "missing")


def figure_label(kind: str, count: int | None, qualifier: str) -> str:
    return f"{kind} {count if count is not None else '?'} {qualifier}"


def _maxima(facts: Iterable[tuple[str, int | None]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for kind, count in facts:
        if count is not None:
            key = f"{kind}_max"
            out[key] = max(out.get(key, count), count)
    return out


def flat_values(event_time: str, language: str, alerts: Iterable[tuple[str, str]], topics: Iterable[str],
                countries: Iterable[str], places: Iterable[tuple[str, float | None, float | None]],
                facts: Iterable[tuple[str, int | None, str]], background: Collection[int] = ()) -> dict[str, Any]:
    """The fields the document adds to the message (see the module's doc), from plain values: the event time as
    ``datetime.isoformat`` writes it, alerts as (rule, severity), places as (name, lat, lon), casualty facts as
    (kind, count, qualifier), ``background`` the positions of the facts left out of the maxima (dated before the
    article's event: ``EnrichedArticle.background``). Shared by the model's document and the fast path's
    (sinks/fastpath.py), so both are the same. (Plain loops: the lists are short, and this runs for every message
    the sink indexes.)"""
    rules: set[str] = set()
    severities: set[str] = set()
    for rule, severity in alerts:
        rules.add(rule)
        severities.add(severity)
    names: list[str] = []
    points: list[dict[str, float]] = []
    for name, lat, lon in places:
        names.append(name)
        if lat is not None and lon is not None:
            points.append({"lat": lat, "lon": lon})
    figures: list[str] = []
    maxima: dict[str, int] = {}
    for position, (kind, count, qualifier) in enumerate(facts):
        figures.append(figure_label(kind, count, qualifier))
        if count is not None and position not in background:
            key = f"{kind}_max"
            known = maxima.get(key)
            maxima[key] = count if known is None or count > known else known
    doc: dict[str, Any] = {
        "event_time": event_time, "language": language, "rules": sorted(rules),
        "severities": sorted(severities), "topics": list(topics), "countries": list(countries), "place_names": names,
        "place_points": points, "figures": figures,
    }
    doc |= maxima
    return doc


def flat_fields(article: EnrichedArticle) -> dict[str, Any]:
    """The fields the document adds to the message (see the module's doc)."""
    analysis = article.analysis
    return flat_values(article.event_time.isoformat(), analysis.language,
                       ((a.rule, a.severity) for a in analysis.alerts), analysis.topics, analysis.countries,
                       ((p.name, p.lat, p.lon) for p in analysis.places),
                       ((c.kind, c.count, c.qualifier) for c in analysis.casualties), article.background or ())


def to_document(article: EnrichedArticle) -> dict[str, Any]:
    """The enriched article as indexed (``_id`` = article id, so a replay overwrites)."""
    doc: dict[str, Any] = article.model_dump(mode="json")
    return doc | flat_fields(article)


def document_json(article: EnrichedArticle) -> bytes:
    """``to_document`` as UTF-8 JSON, made by pydantic's serializer (several times faster than building the dict
    and dumping it; the sink puts these bytes in the bulk body as they are, sinks/bulkbody.py)."""
    own = article.__pydantic_serializer__.to_json(article)
    return b"".join((own[:-1], b",", to_json(flat_fields(article))[1:]))


def alert_document(alert: AlertEvent) -> dict[str, Any]:
    """The alert event as indexed (``_id`` = alert_id); never holds the Slack sink's delivery fields."""
    doc: dict[str, Any] = alert.model_dump(mode="json")
    doc["rule"] = [r.rule for r in alert.rules]
    doc["rule_labels"] = [f"{r.label_ar} · {r.label_en}" for r in alert.rules]
    doc["figure_labels"] = [figure_label(f.kind, f.count, f.qualifier) for f in alert.figures]
    doc |= _maxima((f.kind, f.count) for f in alert.figures)
    doc["outlet_sources"] = sorted({o.source for o in alert.outlets})
    doc["outlet_count"] = len(doc["outlet_sources"])
    return doc


@dataclass(frozen=True, slots=True)
class ArticleDoc:
    """An enriched article ready to index: its id, its event time (which picks the monthly index) and the document
    as UTF-8 JSON. What the sink keeps per message while its request waits: a few objects, not a tree of models."""

    id: str
    event_time: datetime
    source: bytes


def article_doc(article: EnrichedArticle) -> ArticleDoc:
    return ArticleDoc(article.id, article.event_time, document_json(article))


def doc_action(index: str, doc: ArticleDoc) -> dict[str, Any]:
    return {"_op_type": "index", "_index": index, "_id": doc.id, "_source": doc.source}


def bulk_action(index: str, article: EnrichedArticle) -> dict[str, Any]:
    return doc_action(index, article_doc(article))


def alert_action(index: str, alert: AlertEvent) -> dict[str, Any]:
    """An upsert that replaces the event's fields but keeps what the Slack sink wrote (``delivered_at``...)."""
    return {"_op_type": "update", "_index": index, "_id": alert.alert_id, "doc": alert_document(alert),
            "doc_as_upsert": True}
