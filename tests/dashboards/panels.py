"""What each saved object asks of Elasticsearch: the fields it references (with how it uses them), and, for
every panel, the aggregation or search Kibana would run, as a plain Elasticsearch request."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from mediamon import indices
from mediamon.saved_objects import Object
from mediamon.settings import Settings
from mediamon.topics import Names

AGGREGATABLE = {"keyword", "date", "short", "integer", "long", "float", "double", "boolean"}
SORTABLE = AGGREGATABLE
GEO = {"geo_point"}
INDEX_REF = "kibanaSavedObjectMeta.searchSourceJSON.index"
BUCKET_SCHEMAS = ("segment", "group", "split", "bucket")
_KQL_FIELD = re.compile(r"([A-Za-z_][\w.]*)\s*(?::|>=|<=|>|<)")


def mapped_fields(properties: dict[str, Any], prefix: str = "", nested: str | None = None) -> dict[str, Object]:
    """Every field path of a mapping (multi-fields too) -> its type and the nested path it lives under."""
    fields: dict[str, Object] = {}
    for name, spec in properties.items():
        path = f"{prefix}{name}"
        kind = spec.get("type", "object")
        fields[path] = {"type": kind, "nested": nested}
        for sub, sub_spec in spec.get("fields", {}).items():
            fields[f"{path}.{sub}"] = {"type": sub_spec["type"], "nested": nested}
        if "properties" in spec and spec.get("enabled", True):
            fields |= mapped_fields(spec["properties"], f"{path}.", path if kind == "nested" else nested)
    return fields


def family_fields() -> dict[str, dict[str, Object]]:
    """Data view title (the default deployment's index pattern) -> the fields its template maps."""
    out = {}
    for family in indices.families(Names.from_settings(Settings())):
        body = json.loads(family.template_file.read_text(encoding="utf-8"))
        out[family.pattern] = mapped_fields(body["template"]["mappings"]["properties"])
    return out


def kql_fields(query: str) -> list[str]:
    return _KQL_FIELD.findall(query)


def kql_to_es(query: str) -> dict[str, Any]:
    """The few KQL forms our objects use (``f : "v"``, ``f : *``, ``f >= n``, joined by one kind of and/or)."""
    query = query.strip()
    if not query:
        return {"match_all": {}}
    for word, clause in ((" or ", "should"), (" and ", "filter")):
        if word in query:
            parts = [kql_to_es(part) for part in query.split(word)]
            return {"bool": {clause: parts, **({"minimum_should_match": 1} if clause == "should" else {})}}
    if match := re.fullmatch(r"([\w.]+)\s*:\s*\*", query):
        return {"exists": {"field": match[1]}}
    if match := re.fullmatch(r'([\w.]+)\s*:\s*"?([^"]*)"?', query):
        return {"term": {match[1]: match[2]}}
    if match := re.fullmatch(r"([\w.]+)\s*(>=|<=|>|<)\s*(\S+)", query):
        op = {">=": "gte", "<=": "lte", ">": "gt", "<": "lt"}[match[2]]
        return {"range": {match[1]: {op: match[3]}}}
    raise ValueError(f"KQL form not understood by the proof: {query!r}")


@dataclass(frozen=True)
class FieldUse:
    field: str
    use: str  # "aggregate" | "sort" | "show" | "time" | "geo" | "query" | "label"


def data_view_of(obj: Object, views: dict[str, Object]) -> Object | None:
    for ref in obj["references"]:
        if ref["type"] == "index-pattern":
            return views[ref["id"]]
    return None


def search_source(obj: Object) -> Object:
    source: Object = json.loads(obj["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])
    return source


def vis_state(obj: Object) -> Object:
    state: Object = json.loads(obj["attributes"]["visState"])
    return state


def field_uses(obj: Object) -> list[FieldUse]:
    attrs = obj["attributes"]
    uses: list[FieldUse] = []
    if obj["type"] == "index-pattern":
        uses.append(FieldUse(attrs["timeFieldName"], "time"))
        uses += [FieldUse(f, "label") for f in json.loads(attrs.get("fieldAttrs") or "{}")]
        uses += [FieldUse(f, "label") for f in json.loads(attrs.get("fieldFormatMap") or "{}")]
    if obj["type"] in ("visualization", "search"):
        uses += [FieldUse(f, "query") for f in kql_fields(search_source(obj)["query"]["query"])]
    if obj["type"] == "visualization":
        for agg in vis_state(obj)["aggs"]:
            if "field" in agg["params"]:
                uses.append(FieldUse(agg["params"]["field"], "aggregate"))
    if obj["type"] == "search":
        uses += [FieldUse(c, "show") for c in attrs["columns"]]
        uses += [FieldUse(f, "sort") for f, _ in attrs["sort"]]
    if obj["type"] == "map":
        for layer in json.loads(attrs["layerListJSON"]):
            source = layer["sourceDescriptor"]
            if "geoField" in source:
                uses.append(FieldUse(source["geoField"], "geo"))
            uses += [FieldUse(m["field"], "aggregate") for m in source.get("metrics", []) if "field" in m]
    return uses


def _es_agg(agg: Object) -> dict[str, Any]:
    params = agg["params"]
    if agg["type"] == "date_histogram":
        return {"date_histogram": {"field": params["field"], "fixed_interval": "1h", "min_doc_count": 1}}
    if agg["type"] == "terms":
        return {"terms": {"field": params["field"], "size": params["size"]}}
    if agg["type"] in ("sum", "max", "min", "avg", "cardinality"):
        return {agg["type"]: {"field": params["field"]}}
    raise ValueError(f"aggregation type {agg['type']} not handled by the proof")


def visualization_request(obj: Object) -> dict[str, Any]:
    """The request body Kibana's aggregation-based visualization sends (buckets nested in order, metrics inside
    the innermost bucket, terms ordered by their metric)."""
    state = vis_state(obj)
    metrics = [a for a in state["aggs"] if a["schema"] == "metric" and a["type"] != "count"]
    buckets = [a for a in state["aggs"] if a["schema"] in BUCKET_SCHEMAS]
    inner: dict[str, Any] = {a["id"]: _es_agg(a) for a in metrics}
    for bucket in reversed(buckets):
        body = _es_agg(bucket)
        order_by = bucket["params"].get("orderBy")
        by_metric = {a["id"]: a for a in metrics}
        if bucket["type"] == "terms" and order_by in by_metric:
            # Kibana orders terms by the metric computed inside each of its buckets.
            body["terms"]["order"] = {order_by: bucket["params"].get("order", "desc")}
            inner = {**inner, order_by: _es_agg(by_metric[order_by])}
        elif bucket["type"] == "terms":
            body["terms"]["order"] = {"_count": "desc"}
        if inner:
            body["aggs"] = inner
        inner = {bucket["id"]: body}
    return {"size": 0, "query": kql_to_es(search_source(obj)["query"]["query"]), "aggs": inner}


def map_requests(obj: Object) -> list[dict[str, Any]]:
    """The geo aggregation of each clustered layer of a map (what ES_GEO_GRID sources ask for)."""
    out = []
    for layer in json.loads(obj["attributes"]["layerListJSON"]):
        source = layer["sourceDescriptor"]
        if source["type"] != "ES_GEO_GRID":
            continue
        metrics = {f"m{i}": {m["type"]: {"field": m["field"]}} for i, m in enumerate(source["metrics"])
                   if m["type"] != "count"}
        out.append({"size": 0, "aggs": {"grid": {
            "geotile_grid": {"field": source["geoField"], "precision": 5},
            "aggs": {"centroid": {"geo_centroid": {"field": source["geoField"]}}, **metrics}}}})
    return out


def search_request(obj: Object, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    attrs = obj["attributes"]
    query = kql_to_es(search_source(obj)["query"]["query"])
    if extra:
        query = {"bool": {"filter": [query, extra]}}
    return {"size": 10, "query": query, "sort": [{f: {"order": d}} for f, d in attrs["sort"]],
            "_source": attrs["columns"]}
