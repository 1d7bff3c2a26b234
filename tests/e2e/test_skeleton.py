"""End to end on the real stack: demo feed -> producer -> Faust processor -> Elasticsearch sink."""

from __future__ import annotations

from pathlib import Path

from mediamon.clients import elasticsearch_client
from mediamon.devstack.demo_feed import DemoFeedServer
from mediamon.devstack.pipeline import Workers, count_indexed, group_lag, wait_indexed
from mediamon.producers.runner import produce_once
from mediamon.settings import Settings
from mediamon.topics import Names


def _all_docs(settings: Settings) -> list[dict]:  # type: ignore[type-arg]
    es = elasticsearch_client(settings)
    index = Names.from_settings(settings).articles_index
    es.indices.refresh(index=index)
    hits = es.search(index=index, query={"match_all": {}}, size=100)["hits"]["hits"]
    es.close()
    return [dict(h["_source"], _id=h["_id"]) for h in hits]


def _wait_drained(settings: Settings, workers: Workers) -> None:
    import time

    names = Names.from_settings(settings)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        workers.check_alive()
        if (group_lag(settings, names.group("processor"), names.raw) == 0
                and group_lag(settings, names.group("sink-elasticsearch"), names.enriched) == 0):
            return
        time.sleep(1)
    raise AssertionError("pipeline did not drain in 120 s")


def test_demo_feed_end_to_end_is_idempotent(settings: Settings, tmp_path: Path) -> None:
    with DemoFeedServer() as server, Workers(settings, tmp_path / "logs") as workers:
        feeds = server.write_feeds_file(tmp_path / "feeds.yaml")
        arabic = [a for a in server.articles if a.slug != "english-wire-item"]

        first = produce_once(settings, feeds)
        assert first.emitted == len(arabic)
        assert first.feeds["demo"].rejected == {"language:en": 1}
        wait_indexed(settings, first.emitted_ids, workers, timeout_s=120)

        docs = _all_docs(settings)
        assert len(docs) == len(arabic)
        assert {d["_id"] for d in docs} == set(first.emitted_ids)
        by_title = {d["title"]: d for d in docs}
        assert set(by_title) == {a.title for a in arabic}
        for doc in docs:
            assert doc["id"] == doc["_id"]
            assert doc["schema_version"] == 2
            assert doc["url"].startswith(server.base_url + "/articles/")
            assert "utm_source" not in doc["url"]
            assert doc["source"] == server.outlet
            assert doc["text_source"] == "fulltext"
            assert doc["analysis"]["language"] == "ar"
            assert doc["analysis"]["id"] == doc["id"]
        quake = by_title[next(a.title for a in arabic if a.slug == "atlas-earthquake")]
        assert "شارك المقال" not in quake["text"]  # boilerplate dropped by the producer
        assert "casualties" in {x["rule"] for x in quake["analysis"]["alerts"]}

        # Same state: nothing new is emitted.
        assert produce_once(settings, feeds).emitted == 0
        # Forgotten state (a replay): every article is sent again, and the index still holds N documents.
        replay = settings.model_copy(update={"state_dir": tmp_path / "fresh-state"})
        again = produce_once(replay, feeds)
        assert again.emitted == len(arabic)
        assert sorted(again.emitted_ids) == sorted(first.emitted_ids)
        _wait_drained(settings, workers)
        assert count_indexed(settings, first.emitted_ids) == len(arabic)
        assert len(_all_docs(settings)) == len(arabic)
