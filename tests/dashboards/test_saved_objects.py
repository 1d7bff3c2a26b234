"""dashboards/mediamon.ndjson: Kibana saved objects that import into Kibana 8.19 and only use fields that the
index template maps (and aggregate them the way the mapping allows)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mediamon.devstack.stack.config import ELASTICSEARCH_VERSION
from mediamon.settings import Settings
from mediamon.setup import TEMPLATE_FILE
from mediamon.topics import Names

NDJSON = Path(__file__).resolve().parents[2] / "dashboards" / "mediamon.ndjson"
INDEX_REF = "kibanaSavedObjectMeta.searchSourceJSON.index"
AGGREGATABLE = {"keyword", "date", "short", "integer", "long", "float", "double", "boolean"}
ARABIC = re.compile(r"[\u0600-\u06FF]")
LATIN = re.compile(r"[A-Za-z]")
GRID_COLUMNS = 48

Object = dict[str, Any]


def version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def mapped_fields(properties: dict[str, Any], prefix: str = "", nested: str | None = None) -> dict[str, Object]:
    """Every field path of the mapping -> its type and the nested path it lives under (None at top level)."""
    fields: dict[str, Object] = {}
    for name, spec in properties.items():
        path = f"{prefix}{name}"
        kind = spec.get("type", "object")
        fields[path] = {"type": kind, "nested": nested}
        if "properties" in spec:
            fields |= mapped_fields(spec["properties"], f"{path}.", path if kind == "nested" else nested)
    return fields


FIELDS = mapped_fields(json.loads(TEMPLATE_FILE.read_text())["template"]["mappings"]["properties"])


def kql_fields(query: str) -> list[str]:
    return re.findall(r"([A-Za-z_][\w.]*)\s*:", query)


def walk(node: Any, nested: str | None = None) -> Iterator[tuple[str, str, str | None]]:
    """(key, value, enclosing nested path) for every "field"/"path" string of an Elasticsearch request body."""
    if isinstance(node, dict):
        if isinstance(node.get("nested"), dict):
            nested = node["nested"]["path"]
        if "reverse_nested" in node:
            nested = None
        for key, value in node.items():
            if key in ("field", "path") and isinstance(value, str):
                yield key, value, nested
            else:
                yield from walk(value, nested)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value, nested)


@pytest.fixture(scope="module")
def objects() -> list[Object]:
    lines = [line for line in NDJSON.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def by_key(objects: list[Object]) -> dict[tuple[str, str], Object]:
    return {(o["type"], o["id"]): o for o in objects}


@pytest.fixture(scope="module")
def data_view(objects: list[Object]) -> Object:
    views = [o for o in objects if o["type"] == "index-pattern"]
    assert len(views) == 1
    return views[0]


def of_type(objects: list[Object], kind: str) -> list[Object]:
    return [o for o in objects if o["type"] == kind]


def vis_state(obj: Object) -> Object:
    state: Object = json.loads(obj["attributes"]["visState"])
    return state


def vega_spec(obj: Object) -> Object:
    spec: Object = json.loads(vis_state(obj)["params"]["spec"])
    return spec


def test_every_line_is_a_saved_object_kibana_8_19_can_migrate(objects: list[Object]) -> None:
    assert {o["type"] for o in objects} == {"index-pattern", "search", "visualization", "dashboard"}
    for obj in objects:
        assert {"id", "type", "attributes", "references", "coreMigrationVersion", "typeMigrationVersion"} <= set(obj)
        for field in ("coreMigrationVersion", "typeMigrationVersion"):
            # A version above the target Kibana (or a model version, 10.x) would be refused on import.
            assert version(obj[field]) <= version(ELASTICSEARCH_VERSION), f"{obj['id']}: {field}"


def test_ids_are_unique(objects: list[Object]) -> None:
    ids = [o["id"] for o in objects]
    assert len(ids) == len(set(ids))


def test_every_reference_resolves(objects: list[Object], by_key: dict[tuple[str, str], Object]) -> None:
    for obj in objects:
        names = [ref["name"] for ref in obj["references"]]
        assert len(names) == len(set(names)), f"{obj['id']}: duplicate reference names"
        for ref in obj["references"]:
            assert (ref["type"], ref["id"]) in by_key, f"{obj['id']} refers to missing {ref['type']} {ref['id']}"


def test_data_view_matches_the_index_and_its_time_field(data_view: Object) -> None:
    attrs = data_view["attributes"]
    assert attrs["title"] == f"{Names.from_settings(Settings()).articles_index}*"
    assert attrs["timeFieldName"] == "published"
    assert FIELDS[attrs["timeFieldName"]]["type"] == "date"
    for field in [*json.loads(attrs["fieldAttrs"]), *json.loads(attrs["fieldFormatMap"])]:
        assert field in FIELDS, f"data view labels or formats unknown field {field}"


def test_search_sources_point_at_the_data_view(objects: list[Object], data_view: Object) -> None:
    for obj in of_type(objects, "search") + of_type(objects, "visualization"):
        source = json.loads(obj["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])
        refs = {ref["name"]: ref for ref in obj["references"]}
        if obj["type"] == "visualization" and vis_state(obj)["type"] == "vega":
            assert "indexRefName" not in source and not refs  # Vega names its index in the spec
            continue
        assert source["indexRefName"] == INDEX_REF
        assert refs[INDEX_REF]["id"] == data_view["id"]
        assert source["query"]["language"] == "kuery"
        for field in kql_fields(source["query"]["query"]):
            assert field in FIELDS, f"{obj['id']}: query uses unknown field {field}"


def test_visualization_aggregations_use_aggregatable_top_level_fields(objects: list[Object]) -> None:
    used = 0
    for obj in of_type(objects, "visualization"):
        state = vis_state(obj)
        assert state["title"] == obj["attributes"]["title"]
        for agg in state["aggs"]:
            field = agg["params"].get("field")
            if field is None:
                continue
            used += 1
            assert field in FIELDS, f"{obj['id']}: unknown field {field}"
            assert FIELDS[field]["type"] in AGGREGATABLE, f"{obj['id']}: {field} cannot be aggregated"
            # Aggregation-based visualizations cannot aggregate inside a nested mapping.
            assert FIELDS[field]["nested"] is None, f"{obj['id']}: {field} is nested"
    assert used >= 5


def test_vega_panel_queries_nested_casualties_correctly(objects: list[Object], data_view: Object) -> None:
    vegas = [o for o in of_type(objects, "visualization") if vis_state(o)["type"] == "vega"]
    assert vegas, "the killed/injured panel (Vega, nested aggregation) is missing"
    for obj in vegas:
        spec = vega_spec(obj)
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v5")
        url = spec["data"]["url"]
        assert url["index"] == data_view["attributes"]["title"]
        assert url["%context%"] is True and "query" not in url["body"]  # follows the dashboard's filters
        assert url["%timefield%"] == data_view["attributes"]["timeFieldName"]
        seen = list(walk(url["body"]))
        assert ("path", "analysis.casualties", "analysis.casualties") in seen
        for key, field, nested in seen:
            assert field in FIELDS, f"{obj['id']}: unknown {key} {field}"
            if key == "path":
                assert FIELDS[field]["type"] == "nested"
            else:
                assert FIELDS[field]["type"] in AGGREGATABLE
                assert FIELDS[field]["nested"] == nested, \
                    f"{field} must be aggregated inside nested({FIELDS[field]['nested']}), not {nested}"
        first = spec["data"]["format"]["property"].split(".")
        assert first[0] == "aggregations" and first[1] in url["body"]["aggs"]


def test_alerts_stream(by_key: dict[tuple[str, str], Object]) -> None:
    attrs = by_key[("search", "mediamon-alerts-stream")]["attributes"]
    assert attrs["columns"] == ["title", "source", "analysis.alerts.rule", "analysis.countries", "url"]
    assert all(column in FIELDS for column in attrs["columns"])
    assert attrs["sort"] == [["published", "desc"]]
    query = json.loads(attrs["kibanaSavedObjectMeta"]["searchSourceJSON"])["query"]["query"]
    assert query == "analysis.alerts.rule : *"


def test_dashboard_panels_match_references(objects: list[Object], by_key: dict[tuple[str, str], Object]) -> None:
    (dashboard,) = of_type(objects, "dashboard")
    panels = json.loads(dashboard["attributes"]["panelsJSON"])
    refs = {ref["name"]: ref for ref in dashboard["references"]}
    indexes = [panel["panelIndex"] for panel in panels]
    assert len(indexes) == len(set(indexes))
    expected_names = set()
    for panel in panels:
        name = f"{panel['panelIndex']}:{panel['panelRefName']}"
        expected_names.add(name)
        assert name in refs, f"panel {panel['panelIndex']} has no reference {name}"
        assert refs[name]["type"] == panel["type"]
        assert panel["gridData"]["i"] == panel["panelIndex"]
    assert expected_names == set(refs), "every reference belongs to a panel"
    shown = {(ref["type"], ref["id"]) for ref in refs.values()}
    assert shown == {key for key in by_key if key[0] in ("visualization", "search")}, "every object is on the desk"


def test_dashboard_grid_has_no_overlap(objects: list[Object]) -> None:
    (dashboard,) = of_type(objects, "dashboard")
    cells: set[tuple[int, int]] = set()
    for panel in json.loads(dashboard["attributes"]["panelsJSON"]):
        grid = panel["gridData"]
        assert grid["x"] + grid["w"] <= GRID_COLUMNS
        area = {(x, y) for x in range(grid["x"], grid["x"] + grid["w"])
                for y in range(grid["y"], grid["y"] + grid["h"])}
        assert not cells & area, f"panel {panel['panelIndex']} overlaps another"
        cells |= area


def test_titles_are_bilingual(objects: list[Object]) -> None:
    for obj in objects:
        title = obj["attributes"].get("title") if obj["type"] != "index-pattern" else obj["attributes"]["name"]
        assert ARABIC.search(title) and LATIN.search(title), f"{obj['id']}: {title!r} is not Arabic and English"
    (dashboard,) = of_type(objects, "dashboard")
    assert dashboard["attributes"]["title"].startswith("mediamon — desk")


def test_field_checks_catch_a_wrong_field() -> None:
    assert "analysis.casualties.count" in FIELDS and FIELDS["analysis.casualties.count"]["nested"]
    assert "analysis.alerts.rules" not in FIELDS
    assert FIELDS["title"]["type"] not in AGGREGATABLE
    assert kql_fields("analysis.alerts.rule : * and source:x") == ["analysis.alerts.rule", "source"]
    body = {"aggs": {"n": {"nested": {"path": "p"}, "aggs": {"k": {"terms": {"field": "p.k"}},
                                                             "r": {"reverse_nested": {}, "aggs": {
                                                                 "t": {"terms": {"field": "top"}}}}}}}}
    assert list(walk(body)) == [("path", "p", "p"), ("field", "p.k", "p"), ("field", "top", None)]
