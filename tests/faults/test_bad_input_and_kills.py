"""Fault scenarios 6 and 7 (issue 15): poison messages mixed into ``articles.raw`` while the outlets' articles flow,
and the producer SIGKILLed while sending, then restarted. Every good article is indexed once, every poison message
is in the DLQ with its reason, and no other process stops."""

from __future__ import annotations

import json
import time
from pathlib import Path

from kafka import KafkaAdminClient, KafkaProducer
from kafka.admin import ConfigResource, ConfigResourceType

from mediamon.ids import article_id
from mediamon.schema import Article
from mediamon.settings import Settings
from mediamon.sinks.slack.double import SlackDouble
from mediamon.topics import Names

from .newssite import NewsSite
from .pipeline import Pipeline, settle_and_check

N = 1000
BIG = 9 * 1024 * 1024


def _good(n: int) -> dict[str, object]:
    url = f"https://poison.example/{n}"
    return json.loads(Article(id=article_id(url), url=url, source="poison", title="عنوان",
                              text="نص عربي قصير عن الطقس").model_dump_json())


def _poison() -> list[tuple[str, bytes]]:
    """(what, value) for every kind of bad message the issue names; each must end in the DLQ."""
    missing = _good(1)
    del missing["url"]
    wrong = _good(2)
    wrong["published"] = "not a date"
    wrong["title"] = 12345
    future = _good(3)
    future["schema_version"] = 99
    return [("invalid JSON", b"{\"id\": \"abc\", "), ("not UTF-8", b"\xff\xfe\xfa" + "خبر".encode("cp1256")),
            ("missing fields", json.dumps(missing).encode()), ("wrong types", json.dumps(wrong).encode()),
            ("future schema version", json.dumps(future).encode()), ("not an object", b"[1, 2, 3]")]


def test_poison_messages_and_a_9_mb_article_lose_and_stop_nothing(
        fault_settings: Settings, slack: SlackDouble, tmp_path: Path) -> None:
    names = Names.from_settings(fault_settings)
    # A broker configured to take big messages (as the probe's was): the 9 MB article reaches the processor.
    admin = KafkaAdminClient(bootstrap_servers=fault_settings.kafka_bootstrap)
    admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, names.raw,
                                        configs={"max.message.bytes": str(BIG + 1024 * 1024)})])
    admin.close()
    url = f"https://big.example/{tmp_path.name}"
    sentence = "قتل ثلاثة أشخاص في قصف على حلب. "
    big = Article(id=article_id(url), url=url, source="big", title="تقرير طويل جدا",
                  text=sentence * (BIG // len(sentence.encode()) + 1))
    poison = _poison()
    assert len(big.model_dump_json().encode()) > BIG

    site = NewsSite(N, tag=tmp_path.name, rate=N / 60, window=60)
    with Pipeline(fault_settings, site, slack, tmp_path / "run") as pipeline:
        pipeline.sleep(10)
        site.open()
        site.wait_released(0.3)
        producer = KafkaProducer(bootstrap_servers=fault_settings.kafka_bootstrap, acks="all",
                                 max_request_size=BIG + 1024 * 1024)
        for what, value in poison:
            producer.send(names.raw, key=what.encode(), value=value)
        producer.send(names.raw, key=big.id.encode(), value=big.model_dump_json().encode())
        producer.flush()
        producer.close()
        outcome = settle_and_check(pipeline, [*site.ids, big.id], dead_letters=len(poison))
        assert pipeline.restarts() == {}
    letters = outcome.dead_letters[names.topic("raw.dlq")]
    assert sorted(d["key"] for d in letters) == sorted(what for what, _ in poison)
    assert all(d["reason"] and d["stage"].startswith("processor") for d in letters)


def test_a_producer_killed_while_sending_loses_and_doubles_nothing(
        fault_settings: Settings, slack: SlackDouble, tmp_path: Path) -> None:
    site = NewsSite(N, tag=tmp_path.name, rate=N / 60, window=60)
    with Pipeline(fault_settings, site, slack, tmp_path / "run") as pipeline:
        producer = pipeline["producer"]
        pipeline.sleep(10)
        site.open()
        for fraction in (0.25, 0.5):
            site.wait_released(fraction)
            producer.kill()  # SIGKILL while it sends: its outbox and seen-state are on disk
            time.sleep(2)
            producer.start()
        settle_and_check(pipeline, site.ids)
        assert pipeline.restarts() == {"producer": 2}
