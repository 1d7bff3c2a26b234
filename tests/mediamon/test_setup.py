from __future__ import annotations

from kafka import KafkaAdminClient

from mediamon.clients import elasticsearch_client
from mediamon.settings import Settings
from mediamon.setup import ensure_index, ensure_topics
from mediamon.topics import Names


def test_setup_is_idempotent(settings: Settings) -> None:
    names = Names.from_settings(settings)
    # The fixture already ran setup once; a second run creates nothing and fails on nothing.
    assert ensure_topics(settings) == []
    assert ensure_index(settings) == names.articles_index
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    try:
        assert set(names.all_topics) <= set(admin.list_topics())
    finally:
        admin.close()
    es = elasticsearch_client(settings)
    try:
        mapping = es.indices.get_mapping(index=names.articles_index)[names.articles_index]["mappings"]
        assert mapping["properties"]["id"]["type"] == "keyword"
        assert mapping["properties"]["analysis"]["properties"]["casualties"]["type"] == "nested"
        template = es.indices.get_index_template(name=names.articles_template)["index_templates"][0]
        assert template["index_template"]["index_patterns"] == [f"{names.articles_index}*"]
    finally:
        es.close()
