"""``mediamon setup`` on the real stack: topics, templates, aliases and monthly indices, idempotent, upgraded in
place; the analyzer chosen by what the cluster has; clear errors for wrong credentials and an old plain index."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from elasticsearch import BadRequestError
from kafka import KafkaAdminClient
from pydantic import SecretStr

from mediamon import indices
from mediamon.clients import elasticsearch_client
from mediamon.errors import ConfigError
from mediamon.settings import Settings
from mediamon.setup import ensure_index, ensure_templates, ensure_topics, has_arabic_analyzer, template_body
from mediamon.topics import Names


def test_setup_is_idempotent(settings: Settings) -> None:
    names = Names.from_settings(settings)
    # The fixture already ran setup once; a second run creates nothing, changes nothing and fails on nothing.
    assert ensure_topics(settings) == []
    assert ensure_index(settings) == names.articles_index
    assert {s.outcome for s in ensure_templates(settings)} == {"unchanged"}
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    try:
        assert set(names.all_topics) <= set(admin.list_topics())
    finally:
        admin.close()
    es = elasticsearch_client(settings)
    try:
        month = datetime.now(UTC).strftime("%Y.%m")
        for family in indices.families(names):
            index = f"{family.alias}-{month}"
            assert es.indices.get_alias(name=family.alias) == {index: {"aliases": {family.alias: {}}}}
            template = es.indices.get_index_template(name=family.template)["index_templates"][0]["index_template"]
            assert template["index_patterns"] == [f"{family.alias}-*"]
        mapping = es.indices.get_mapping(index=names.articles_index)
        props = next(iter(mapping.values()))["mappings"]["properties"]
        assert props["place_points"]["type"] == "geo_point"
        assert props["event_time"]["type"] == "date"
        assert props["killed_max"]["type"] == "integer"
        assert props["analysis"]["properties"]["casualties"]["type"] == "nested"
        assert props["title"]["fields"]["keyword"]["type"] == "keyword"
    finally:
        es.close()


def test_the_story_log_is_bounded_by_size_not_by_its_event_time_stamps(settings: Settings) -> None:
    """stories.assign records carry event times: a report from last year must not fall to time-based retention
    before the story agent reads it (a lagging reader would silently jump past it)."""
    from kafka.admin import ConfigResource, ConfigResourceType

    names = Names.from_settings(settings)
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    try:
        described = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, t)
                                            for t in (names.stories, names.raw)])["topic"]
    finally:
        admin.close()
    story_log = {k: str(v.get("value")) for k, v in described[names.stories].items()}
    raw = {k: str(v.get("value")) for k, v in described[names.raw].items()}
    assert story_log["retention.ms"] == "-1"
    assert story_log["retention.bytes"] == str(settings.event_time_retention_bytes)
    assert raw["retention.ms"] == str(settings.topic_retention_days * 24 * 3600 * 1000)


def test_a_changed_template_is_upgraded_in_place(settings: Settings, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A new field in the template reaches the template and the existing monthly index, without a rebuild."""
    names = Names.from_settings(settings)
    body = json.loads((indices.TEMPLATES_DIR / "alerts.json").read_text())
    body["template"]["mappings"]["properties"]["desk_note"] = {"type": "keyword"}
    changed = tmp_path / "alerts.json"
    changed.write_text(json.dumps(body))
    monkeypatch.setattr(indices.IndexFamily, "template_file",
                        property(lambda self: changed if self.kind == "alerts" else
                                 indices.TEMPLATES_DIR / f"{self.kind}.json"))
    outcomes = {s.family.kind: s.outcome for s in ensure_templates(settings)}
    assert outcomes == {"articles": "unchanged", "alerts": "updated"}
    es = elasticsearch_client(settings)
    try:
        mapping = es.indices.get_mapping(index=names.alerts_index)
        assert next(iter(mapping.values()))["mappings"]["properties"]["desk_note"] == {"type": "keyword"}
    finally:
        es.close()
    assert {s.outcome for s in ensure_templates(settings)} == {"unchanged"}


def test_the_analyzer_falls_back_to_standard_with_a_warning_naming_the_module(
        settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    es = elasticsearch_client(settings)
    try:
        arabic = has_arabic_analyzer(es)
    finally:
        es.close()
    with caplog.at_level(logging.WARNING, logger="mediamon.setup"):
        states = ensure_templates(settings)
    if arabic:  # the official distribution: no warning, the arabic analyzer
        assert {s.analyzer for s in states} == {"arabic"}
        assert "analysis-common" not in caplog.text
    else:  # the Maven Central integ-test distribution
        assert {s.analyzer for s in states} == {"standard"}
        assert "analysis-common" in caplog.text and "standard" in caplog.text


def test_the_arabic_path_uses_the_arabic_analyzer_and_needs_the_module(settings: Settings) -> None:
    """Both template variants differ only in the analyzer type; a cluster without the module refuses the arabic
    one (which is why setup asks the cluster first), and one with it gets it."""
    family = indices.articles(Names.from_settings(settings))
    arabic, standard = template_body(family, arabic=True), template_body(family, arabic=False)
    assert arabic["template"]["settings"]["analysis"]["analyzer"]["mediamon_text"] == {"type": "arabic"}
    assert standard["template"]["settings"]["analysis"]["analyzer"]["mediamon_text"] == {"type": "standard"}
    assert arabic["template"]["mappings"] == standard["template"]["mappings"]
    assert arabic["_meta"]["mediamon_hash"] != standard["_meta"]["mediamon_hash"]
    assert arabic["template"]["mappings"]["properties"]["title"]["analyzer"] == "mediamon_text"
    es = elasticsearch_client(settings)
    try:
        if not has_arabic_analyzer(es):
            with pytest.raises(BadRequestError, match="arabic"):
                es.indices.create(index=f"{family.alias}-arabic-probe",
                                  settings=arabic["template"]["settings"])

        class Knows:  # a cluster with analysis-common answers _analyze for "arabic"
            class indices:
                @staticmethod
                def analyze(**kwargs: Any) -> dict[str, Any]:
                    assert kwargs["analyzer"] == "arabic"
                    return {"tokens": [{"token": "وقف"}]}

        assert has_arabic_analyzer(Knows())  # type: ignore[arg-type]
    finally:
        es.close()


def test_a_plain_index_with_the_alias_name_gets_a_clear_error(settings: Settings) -> None:
    names = Names.from_settings(settings)
    es = elasticsearch_client(settings)
    try:
        es.indices.delete(index=f"{names.articles_index}-*")
        es.indices.create(index=names.articles_index)  # the layout of the previous release
        with pytest.raises(ConfigError, match="plain index"):
            ensure_templates(settings)
    finally:
        es.indices.delete(index=names.articles_index)
        es.close()


def test_wrong_credentials_are_a_clear_start_up_error(settings: Settings) -> None:
    wrong = settings.model_copy(update={"es_username": "elastic", "es_password": SecretStr("not-the-password")})
    with pytest.raises(ConfigError, match=r"refused the credentials of user 'elastic'.*401") as info:
        ensure_templates(wrong)
    assert "not-the-password" not in str(info.value)


def test_the_month_follows_the_event_time() -> None:
    family = indices.articles(Names("", "mm", "g"))
    assert family.index_for(datetime(2026, 1, 31, 23, 30, tzinfo=UTC)) == "mm-articles-2026.01"
    assert family.index_for(datetime(2026, 2, 1, 0, 30, tzinfo=UTC)) == "mm-articles-2026.02"
    assert family.month_of("mm-articles-2026.02") == (2026, 2)
    assert family.month_of("mm-alerts-2026.02") is None
    assert family.pattern == "mm-articles-*"
