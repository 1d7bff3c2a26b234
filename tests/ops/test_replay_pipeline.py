"""Replay through the real pipeline: Kafka, the Faust processor and the Elasticsearch sink in their own processes.

One story of the issue, step by step: index N articles; a dry run changes nothing; a new rule is back-tested, then
reprocessed while live articles keep coming; the documents carry the rule in place, the count stays, the alerts it
raises are flagged replay and none is a ``new`` alert for a story that already alerted; the live articles are indexed
once; the same replay again changes nothing.
"""

from __future__ import annotations

import json
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from mediamon.clients import elasticsearch_client
from mediamon.devstack.pipeline import Workers, group_lag
from mediamon.ops.replay_resink import supports_alerts
from mediamon.settings import Settings
from mediamon.topics import Names
from tests.processors.harness import labelled_articles, produce, read_all

from .helpers import end_offsets, es_count, group_offsets, iso, replay, send, wait_for

REPO_ROOT = Path(__file__).resolve().parents[2]
NEW_RULE = """\
rules:
  - id: aid_convoy
    kind: alert
    labels: {ar: قوافل المساعدات, en: Aid convoys}
    severity: medium
    description: Humanitarian aid, convoys or relief supplies.
    patterns:
      - "مساعدات|المساعدات|الإغاثة|إغاثة|إنسانية"
"""


def _docs(settings: Settings, ids: list[str]) -> dict[str, dict[str, Any]]:
    es = elasticsearch_client(settings)
    try:
        index = Names.from_settings(settings).articles_index
        es.indices.refresh(index=index)
        hits = es.search(index=index, query={"ids": {"values": ids}}, size=len(ids))["hits"]["hits"]
        return {h["_id"]: h["_source"] for h in hits}
    finally:
        es.close()


def _rules(doc: dict[str, Any]) -> set[str]:
    return {a["rule"] for a in doc["analysis"]["alerts"]}


def _drained(settings: Settings) -> bool:
    names = Names.from_settings(settings)
    processor, sink = names.group("processor"), names.group("sink-elasticsearch")
    return (group_lag(settings, processor, names.raw) == 0 and group_lag(settings, processor, names.replay) == 0
            and group_lag(settings, sink, names.enriched) == 0)


def _settle(settings: Settings, timeout_s: float = 180) -> None:
    wait_for(lambda: _drained(settings), timeout_s, "the processor and the sink to catch up")
    time.sleep(4)  # the story log's last outputs
    wait_for(lambda: _drained(settings), timeout_s, "the processor and the sink to catch up")


def test_reprocess_a_new_rule_in_place_with_live_traffic_and_no_new_alerts(
        settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(REPO_ROOT / "rules", rules)
    settings = settings.model_copy(update={"rules_dir": rules})
    names = Names.from_settings(settings)
    labelled = [a for a, _ in labelled_articles()]
    batch, live = labelled[:30], labelled[30:42]
    n = len(batch)

    since = datetime.now(UTC) - timedelta(seconds=1)
    workers = Workers(settings, tmp_path / "logs")
    workers.start()
    try:
        produce(settings, names.raw, batch)
        send(settings, names.raw, [("0" * 32, b"{not json")])  # a poison message in the range
        wait_for(lambda: es_count(settings) == n, 240, f"{n} documents")
        _settle(settings)
        until = datetime.now(UTC)
        first_alerts = [a for _, a in read_all(settings, names.alerts, want=1, settle_s=2)]
        alerted_stories = {a["story_id"] for a in first_alerts}
        assert alerted_stories and not any(a["replay"] for a in first_alerts)
        window = ["--since", iso(since), "--until", iso(until)]

        # A dry run changes no offset and writes nothing.
        groups = [names.group("processor"), names.group("sink-elasticsearch")]
        topics = [names.raw, names.replay, names.enriched, names.alerts]
        before = (end_offsets(settings, *topics), group_offsets(settings, *groups), es_count(settings))
        assert replay(settings, "reprocess", *window, "--dry-run") == 0
        assert f"would copy {n + 1} messages" in capsys.readouterr().out
        assert (end_offsets(settings, *topics), group_offsets(settings, *groups), es_count(settings)) == before

        # The new rule, back-tested: what it would match and which stories it would alert on. Nothing written.
        (rules / "zz_aid.yaml").write_text(NEW_RULE, encoding="utf-8")
        assert replay(settings, "reprocess", *window, "--dry-run", "--diff", "--json") == 0
        out = capsys.readouterr().out
        test = json.loads(out[out.index("\n{") + 1:])
        predicted = set(test["newly_matched"]["aid_convoy"])
        predicted_stories = {s["story_id"]: s["alert"] for s in test["stories"] if "aid_convoy" in s["gains"]}
        assert len(predicted) == 4 and len(predicted_stories) == 2
        assert set(predicted_stories.values()) == {"update"}  # these stories alerted already
        assert not test["dropped"] and not test["not_indexed"]
        assert replay(settings, "reprocess", *window, "--dry-run", "--diff") == 0
        text = capsys.readouterr().out
        assert "rule aid_convoy: would newly match 4 article(s)" in text and "محادثات" in text  # Arabic headlines
        assert (end_offsets(settings, *topics), es_count(settings)) == (before[0], before[2])

        # Deploy the rule (the processor loads rules at start), then reprocess while live articles arrive.
        workers.stop()
        workers = Workers(settings, tmp_path / "logs2")
        workers.start()
        produce(settings, names.raw, live[:6])
        assert replay(settings, "reprocess", *window, "--plain", "--wait", "--wait-timeout", "240") == 0
        produce(settings, names.raw, live[6:])
        out = capsys.readouterr().out
        assert f"read:          {n + 1}" in out and f"copied to {names.replay}: {n + 1}" in out
        assert "dead-lettered: 1 (1 PoisonMessage)" in out  # the poison message, dead-lettered again by the processor
        all_ids = [a.id for a in batch + live]
        wait_for(lambda: es_count(settings) == n + len(live), 240, "the live articles")
        wait_for(lambda: sum("aid_convoy" in _rules(d) for d in _docs(settings, [a.id for a in batch]).values())
                 == len(predicted), 240, "the reprocessed documents")
        _settle(settings)

        docs = _docs(settings, all_ids)
        assert es_count(settings) == n + len(live) == len(docs)  # every live article once, no duplicate
        reprocessed = {d["id"] for d in (docs[a.id] for a in batch) if "aid_convoy" in _rules(d)}
        assert reprocessed == predicted  # the back-test said so
        assert all(docs[a.id]["replay"] for a in batch) and not any(docs[a.id]["replay"] for a in live)

        alerts = [a for _, a in read_all(settings, names.alerts, want=len(first_alerts), settle_s=3)]
        replayed = [a for a in alerts if a["replay"]]
        assert replayed and all(a["kind"] == "update" for a in replayed)
        assert not [a for a in replayed if a["kind"] == "new" and a["story_id"] in alerted_stories]
        gained = {a["story_id"] for a in replayed if "aid_convoy" in a["new_rules"]}
        assert gained == set(predicted_stories)
        if supports_alerts():  # the alerts index (Elasticsearch rework): the replayed alerts, flagged
            replayed_ids = {a["alert_id"] for a in replayed}
            wait_for(lambda: es_count(settings, names.alerts_index, {"term": {"replay": True}}) == len(replayed_ids),
                     60, "the replayed alerts in the alerts index")
        live_alerts = [a for a in alerts[len(first_alerts):] if not a["replay"]]
        assert len({a["alert_id"] for a in live_alerts}) == len(live_alerts)  # each once

        # The same replay again: same documents and counts, not one more alert.
        assert replay(settings, "reprocess", *window, "--plain") == 0
        wait_for(lambda: end_offsets(settings, names.replay)[names.replay] == 2 * (n + 1), 30, "the second copy")
        _settle(settings)
        assert es_count(settings) == n + len(live)
        again = _docs(settings, all_ids)
        assert {k: _rules(v) for k, v in again.items()} == {k: _rules(v) for k, v in docs.items()}
        assert len(read_all(settings, names.alerts, want=len(alerts), settle_s=4)) == len(alerts)
    finally:
        workers.stop()
