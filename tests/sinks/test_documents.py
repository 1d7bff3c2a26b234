"""The documents the desk charts (pure): event time, flat keywords, geo points, casualty maxima, alert fields."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import SecretStr

from mediamon.elastic import EsOptions, connect
from mediamon.errors import ConfigError
from mediamon.schema import (
    Alert,
    AlertEvent,
    Analysis,
    Article,
    Casualty,
    EnrichedArticle,
    Figure,
    Outlet,
    Place,
    RuleRef,
    Span,
)
from mediamon.settings import Settings
from mediamon.sinks.documents import alert_action, alert_document, bulk_action, document_json, to_document

FETCHED = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _article(published: datetime | None = None) -> EnrichedArticle:
    art = Article(id="a" * 32, url="https://example.org/x", source="وكالة", title="مقتل 27 وإصابة 60",
                  text="نص", published=published, fetched=FETCHED)
    analysis = Analysis(
        id=art.id, language="ar", topics=["armed_conflict"], countries=["PS"],
        alerts=[Alert(rule="casualties", severity="high", matches=[Span(text="مقتل 27", start=0, end=7)]),
                Alert(rule="ceasefire", severity="medium", matches=[])],
        places=[Place(name="غزة", country="PS", lat=31.5, lon=34.47), Place(name="مكان", country="PS")],
        casualties=[
            Casualty(kind="killed", count=27, qualifier="at_least", text="مقتل 27", start=0, end=7),
            Casualty(kind="killed", count=31, qualifier="exact", text="31 قتيلا", start=20, end=28),
            Casualty(kind="injured", count=None, qualifier="vague", text="عشرات الجرحى", start=30, end=42),
            Casualty(kind="displaced", count=4500, qualifier="about", text="نحو 4500", start=50, end=58)])
    return EnrichedArticle.build(art, analysis).model_copy(update={"story_id": "s1"})


def test_event_time_falls_back_from_published_to_fetched() -> None:
    published = datetime(2026, 11, 19, 23, 0, tzinfo=UTC)
    assert to_document(_article(published))["event_time"] == published.isoformat()
    assert to_document(_article())["event_time"] == FETCHED.isoformat()


def test_flat_fields_for_the_desk() -> None:
    doc = to_document(_article())
    assert doc["rules"] == ["casualties", "ceasefire"] and doc["severities"] == ["high", "medium"]
    assert (doc["topics"], doc["countries"], doc["language"], doc["story_id"]) == (
        ["armed_conflict"], ["PS"], "ar", "s1")
    assert doc["place_names"] == ["غزة", "مكان"]
    assert doc["place_points"] == [{"lat": 31.5, "lon": 34.47}]  # a place without coordinates is no point
    assert (doc["killed_max"], doc["displaced_max"]) == (31, 4500)
    assert "injured_max" not in doc  # a vague amount states no number
    assert doc["figures"] == ["killed 27 at_least", "killed 31 exact", "injured ? vague", "displaced 4500 about"]
    assert doc["analysis"]["casualties"][0]["mentions"] == []  # the full facts stay


def test_background_tolls_are_labelled_but_not_charted() -> None:
    """The 31 is an earlier war's (EnrichedArticle.background): not the killed the desk sums and sorts."""
    doc = to_document(_article().model_copy(update={"background": [1]}))
    assert doc["killed_max"] == 27
    assert "killed 31 exact" in doc["figures"]
    assert json.loads(document_json(_article().model_copy(update={"background": [1]})))["killed_max"] == 27


def test_the_json_document_is_the_same_document() -> None:
    for article in (_article(), _article(datetime(2026, 1, 1, tzinfo=UTC))):
        assert json.loads(document_json(article)) == to_document(article)
    action = bulk_action("i-2026.11", _article())
    assert (action["_op_type"], action["_id"], action["_index"]) == ("index", "a" * 32, "i-2026.11")
    assert isinstance(action["_source"], bytes)


def test_alert_documents_upsert_without_the_slack_fields() -> None:
    alert = AlertEvent(
        alert_id="s1-2", kind="update", story_id="s1", revision=2, severity="high",
        rules=[RuleRef(rule="casualties", severity="high", label_ar="ضحايا", label_en="Casualties")],
        figures=[Figure(kind="killed", count=27, qualifier="at_least"), Figure(kind="killed", count=31,
                                                                              qualifier="exact")],
        outlets=[Outlet(article_id="a" * 32, source="x", url="u1", title="t"),
                 Outlet(article_id="b" * 32, source="x", url="u2", title="t"),
                 Outlet(article_id="c" * 32, source="y", url="u3", title="t")],
        story_size=3, event_time=FETCHED)
    doc = alert_document(alert)
    assert doc["rule"] == ["casualties"] and doc["rule_labels"] == ["ضحايا · Casualties"]
    assert doc["killed_max"] == 31 and doc["figure_labels"] == ["killed 27 at_least", "killed 31 exact"]
    assert (doc["outlet_sources"], doc["outlet_count"]) == (["x", "y"], 2)
    assert not {"delivered_at", "slack_status"} & set(doc)
    action = alert_action("al-2026.11", alert)
    assert action["_op_type"] == "update" and action["doc_as_upsert"] is True and action["_id"] == "s1-2"


def test_client_options_api_key_wins_and_a_missing_ca_file_is_a_config_error(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MEDIAMON_ES_API_KEY", "a2V5OnNlY3JldA==")
    settings = Settings(es_url="https://es.example.org:9200", es_username="u", es_password=SecretStr("p"))
    options = EsOptions.of(settings)
    assert options.api_key is not None and "a2V5" not in repr(options)
    client = connect(settings)
    try:
        assert client._headers["authorization"].startswith("ApiKey ")
    finally:
        client.close()
    monkeypatch.setenv("MEDIAMON_ES_CA_FILE", str(tmp_path / "missing-ca.pem"))
    settings = Settings(es_url="https://es.example.org:9200", es_username="u", es_password=SecretStr("p"))
    with pytest.raises(ConfigError, match="MEDIAMON_ES_CA_FILE"):
        connect(settings)
