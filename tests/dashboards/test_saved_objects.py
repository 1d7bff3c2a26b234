"""dashboards/mediamon.ndjson: Kibana 8.19 saved objects that import (parse, unique ids, references resolve,
versions Kibana 8.19 accepts, including the model versions 10.x of its own exports) and that only use fields
the index templates map, the way the mapping allows."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mediamon import indices
from mediamon.devstack.stack.config import ELASTICSEARCH_VERSION
from mediamon.saved_objects import Object, SavedObjectsError, importable_version, load, parse, problems, title
from mediamon.settings import Settings
from mediamon.topics import Names

from .panels import AGGREGATABLE, GEO, SORTABLE, family_fields, field_uses, kql_fields, mapped_fields, vis_state

NDJSON = Path(__file__).resolve().parents[2] / "dashboards" / "mediamon.ndjson"
ARABIC = re.compile(r"[\u0600-\u06FF]")
LATIN = re.compile(r"[A-Za-z]")
GRID_COLUMNS = 48
FIELDS_BY_PATTERN = family_fields()

# One line as Kibana 8.19 exports a saved search after an edit (model version 10.x, export metadata).
REAL_EXPORT = (
    '{"attributes":{"columns":["title"],"description":"","grid":{},"hideChart":false,"isTextBasedQuery":false,'
    '"kibanaSavedObjectMeta":{"searchSourceJSON":"{\\"query\\":{\\"query\\":\\"\\",\\"language\\":\\"kuery\\"},'
    '\\"filter\\":[],\\"indexRefName\\":\\"kibanaSavedObjectMeta.searchSourceJSON.index\\"}"},'
    '"sort":[["event_time","desc"]],"timeRestore":false,"title":"t"},"coreMigrationVersion":"8.8.0",'
    '"created_at":"2026-11-30T09:12:44.101Z","created_by":"u_1","id":"edited-search","managed":false,'
    '"references":[{"id":"mediamon-articles","name":"kibanaSavedObjectMeta.searchSourceJSON.index",'
    '"type":"index-pattern"}],"type":"search","typeMigrationVersion":"10.5.0",'
    '"updated_at":"2026-11-30T09:15:02.880Z","updated_by":"u_1","version":"WzEyLDFd"}\n'
    '{"excludedObjects":[],"excludedObjectsCount":0,"exportedCount":1,"missingRefCount":0,"missingReferences":[]}\n'
)


@pytest.fixture(scope="module")
def objects() -> list[Object]:
    return load(NDJSON)


@pytest.fixture(scope="module")
def views(objects: list[Object]) -> dict[str, Object]:
    return {o["id"]: o for o in objects if o["type"] == "index-pattern"}


def of_type(objects: list[Object], kind: str) -> list[Object]:
    return [o for o in objects if o["type"] == kind]


def fields_of(obj: Object, views: dict[str, Object]) -> dict[str, Object]:
    view = obj if obj["type"] == "index-pattern" else next(
        views[r["id"]] for r in obj["references"] if r["type"] == "index-pattern")
    return FIELDS_BY_PATTERN[view["attributes"]["title"]]


def test_the_file_imports_into_kibana_8_19(objects: list[Object]) -> None:
    assert {o["type"] for o in objects} == {"index-pattern", "search", "visualization", "map", "dashboard"}
    for obj in objects:
        assert {"id", "type", "attributes", "references", "coreMigrationVersion", "typeMigrationVersion"} <= set(obj)
    assert problems(objects, ELASTICSEARCH_VERSION) == []
    ids = [o["id"] for o in objects]
    assert len(ids) == len(set(ids)), "ids are unique across types too (links and logs name objects by id)"


def test_real_8_19_exports_with_model_versions_are_accepted(objects: list[Object]) -> None:
    exported = parse(REAL_EXPORT)
    assert [o["id"] for o in exported] == ["edited-search"]  # the summary line is not an object
    assert problems([*objects, *exported], ELASTICSEARCH_VERSION) == []
    assert importable_version("10.2.0", "8.19.21") and importable_version("8.9.0", "8.19.21")


def test_what_kibana_would_refuse_is_refused(objects: list[Object]) -> None:
    newer = [{**objects[0], "typeMigrationVersion": "8.20.0"}, {**objects[1], "coreMigrationVersion": "9.1.0"}]
    found = problems(newer, ELASTICSEARCH_VERSION)
    assert any("8.20.0 is newer" in p for p in found) and any("9.1.0 is newer" in p for p in found)
    dangling = {**objects[-1], "references": [{"type": "visualization", "id": "gone", "name": "1:panel_1"}]}
    assert any("refers to visualization gone" in p for p in problems([dangling], ELASTICSEARCH_VERSION))
    assert any("more than once" in p for p in problems([objects[0], objects[0]], ELASTICSEARCH_VERSION))
    with pytest.raises(SavedObjectsError, match="line 2: not JSON"):
        parse('{"id": "a", "type": "x", "attributes": {}}\n{"id": \n')


def test_data_views_match_the_indices_the_sink_writes_and_use_event_time(views: dict[str, Object]) -> None:
    patterns = {family.pattern for family in indices.families(Names.from_settings(Settings()))}
    assert {v["attributes"]["title"] for v in views.values()} == patterns
    for view in views.values():
        assert view["attributes"]["timeFieldName"] == "event_time"
    for family in indices.families(Names.from_settings(Settings())):  # the pattern holds every month, only them
        assert re.fullmatch(family.pattern.replace("*", ".*"), family.index_for(datetime(2026, 1, 5, tzinfo=UTC)))
        assert not re.fullmatch(family.pattern.replace("*", ".*"), family.alias)


def test_every_field_exists_with_a_type_its_use_accepts(objects: list[Object], views: dict[str, Object]) -> None:
    checked = 0
    for obj in objects:
        if obj["type"] == "dashboard":
            continue
        fields = fields_of(obj, views)
        for use in field_uses(obj):
            checked += 1
            assert use.field in fields, f"{obj['id']}: unknown field {use.field} ({use.use})"
            kind, nested = fields[use.field]["type"], fields[use.field]["nested"]
            if use.use in ("aggregate", "time", "sort"):
                assert kind in (SORTABLE if use.use == "sort" else AGGREGATABLE), \
                    f"{obj['id']}: {use.field} ({kind}) cannot be used to {use.use}"
                # Aggregation-based visualizations and Lens cannot reach into a nested mapping.
                assert nested is None, f"{obj['id']}: {use.field} is inside nested {nested}"
            if use.use == "time":
                assert kind == "date"
            if use.use == "geo":
                assert kind in GEO, f"{obj['id']}: {use.field} is {kind}, not a geo_point"
    assert checked >= 60


def test_search_sources_point_at_a_data_view(objects: list[Object], views: dict[str, Object]) -> None:
    for obj in of_type(objects, "search") + of_type(objects, "visualization"):
        source = json.loads(obj["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])
        refs = {ref["name"]: ref for ref in obj["references"]}
        assert source["indexRefName"] == "kibanaSavedObjectMeta.searchSourceJSON.index"
        assert refs[source["indexRefName"]]["id"] in views
        assert source["query"]["language"] == "kuery"
    for obj in of_type(objects, "map"):
        for layer in json.loads(obj["attributes"]["layerListJSON"]):
            ref_name = layer["sourceDescriptor"].get("indexPatternRefName")
            if ref_name:
                assert {r["name"]: r for r in obj["references"]}[ref_name]["id"] in views


def test_the_desk_has_every_panel_the_issue_asks_for(objects: list[Object]) -> None:
    by_id = {o["id"]: o for o in objects}

    def aggs(vid: str) -> list[tuple[str, str | None]]:
        return [(a["type"], a["params"].get("field")) for a in vis_state(by_id[vid])["aggs"]]

    assert ("terms", "topics") in aggs("mediamon-articles-by-topic")
    assert ("terms", "rule") in aggs("mediamon-alerts-by-rule")
    assert ("terms", "countries") in aggs("mediamon-top-countries")
    assert ("terms", "source") in aggs("mediamon-top-outlets")
    assert {("sum", "killed_max"), ("max", "killed_max"), ("sum", "injured_max"), ("max", "injured_max")} \
        <= set(aggs("mediamon-casualties"))
    assert ("date_histogram", "event_time") in aggs("mediamon-casualties")
    layers = json.loads(by_id["mediamon-places-map"]["attributes"]["layerListJSON"])
    assert any(layer["sourceDescriptor"].get("geoField") == "place_points" for layer in layers)
    latest = by_id["mediamon-latest-articles"]["attributes"]
    assert latest["columns"] == ["title", "source", "url", "rules", "figures", "story_id"]
    assert latest["sort"] == [["event_time", "desc"]]
    stream = by_id["mediamon-alert-stream"]["attributes"]["columns"]
    assert {"severity", "story_size", "headline_url"} <= set(stream)
    assert 'kind : "spike"' in by_id["mediamon-spikes-over-time"]["attributes"]["kibanaSavedObjectMeta"][
        "searchSourceJSON"].replace('\\"', '"')
    assert ("terms", "story_id") in aggs("mediamon-top-stories") and ("max", "outlet_count") in aggs(
        "mediamon-top-stories")


def test_dashboards_panels_match_their_references(objects: list[Object]) -> None:
    keys = {(o["type"], o["id"]) for o in objects}
    shown: set[tuple[str, str]] = set()
    for dashboard in of_type(objects, "dashboard"):
        panels = json.loads(dashboard["attributes"]["panelsJSON"])
        refs = {ref["name"]: ref for ref in dashboard["references"]}
        names = set()
        for panel in panels:
            name = f"{panel['panelIndex']}:{panel['panelRefName']}"
            names.add(name)
            assert refs[name]["type"] == panel["type"] and (panel["type"], refs[name]["id"]) in keys
            assert panel["gridData"]["i"] == panel["panelIndex"]
            shown.add((panel["type"], refs[name]["id"]))
        assert names == set(refs), f"{dashboard['id']}: every reference belongs to a panel"
    assert shown == {k for k in keys if k[0] in ("visualization", "search", "map")}, "every panel is on a dashboard"


def test_dashboard_grids_have_no_overlap(objects: list[Object]) -> None:
    for dashboard in of_type(objects, "dashboard"):
        cells: set[tuple[int, int]] = set()
        for panel in json.loads(dashboard["attributes"]["panelsJSON"]):
            grid = panel["gridData"]
            assert grid["x"] + grid["w"] <= GRID_COLUMNS
            area = {(x, y) for x in range(grid["x"], grid["x"] + grid["w"])
                    for y in range(grid["y"], grid["y"] + grid["h"])}
            assert not cells & area, f"{dashboard['id']}: panel {panel['panelIndex']} overlaps another"
            cells |= area


def test_titles_and_field_labels_are_arabic_and_english(objects: list[Object], views: dict[str, Object]) -> None:
    for obj in objects:
        assert ARABIC.search(title(obj)) and LATIN.search(title(obj)), f"{obj['id']}: {title(obj)!r}"
    for view in views.values():
        for field, attrs in json.loads(view["attributes"]["fieldAttrs"]).items():
            label = attrs["customLabel"]
            assert ARABIC.search(label) and LATIN.search(label), f"{view['id']}: {field} label {label!r}"
    titles = {o["id"]: o["attributes"]["title"] for o in of_type(objects, "dashboard")}
    assert titles["mediamon-desk"].startswith("mediamon — desk")
    assert set(titles) == {"mediamon-desk", "mediamon-alerts-dashboard", "mediamon-story"}


def test_the_field_checks_catch_a_wrong_field() -> None:
    articles = FIELDS_BY_PATTERN["mediamon-articles-*"]
    assert articles["analysis.casualties.count"]["nested"] == "analysis.casualties"
    assert articles["title.keyword"]["type"] == "keyword" and articles["title"]["type"] not in AGGREGATABLE
    assert "analysis.alerts.rules" not in articles
    assert FIELDS_BY_PATTERN["mediamon-alerts-*"]["changes"]["type"] == "object"
    assert "changes.kind" not in FIELDS_BY_PATTERN["mediamon-alerts-*"]  # not indexed (enabled: false)
    assert kql_fields('kind : "spike" and killed_max >= 1') == ["kind", "killed_max"]
    assert mapped_fields({"a": {"type": "nested", "properties": {"b": {"type": "keyword"}}}}) == {
        "a": {"type": "nested", "nested": None}, "a.b": {"type": "keyword", "nested": "a"}}
