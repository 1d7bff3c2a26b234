"""The Faust worker on the real stack: good articles are enriched, poison goes to the DLQ with its reason."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path

from kafka import KafkaConsumer, KafkaProducer

from mediamon.devstack.pipeline import Workers
from mediamon.ids import article_id
from mediamon.schema import Article
from mediamon.settings import Settings
from mediamon.topics import Names


def _read(settings: Settings, topic: str, want: int, timeout_s: float = 90) -> list[tuple[bytes, bytes]]:
    consumer = KafkaConsumer(topic, bootstrap_servers=settings.kafka_bootstrap, auto_offset_reset="earliest",
                             consumer_timeout_ms=1000)
    got: list[tuple[bytes, bytes]] = []
    deadline = time.monotonic() + timeout_s
    while len(got) < want and time.monotonic() < deadline:
        got.extend((m.key, m.value) for m in consumer)
    consumer.close()
    return got


def test_processor_enriches_and_dead_letters(settings: Settings, tmp_path: Path) -> None:
    names = Names.from_settings(settings)
    url = "https://example.org/news/ceasefire"
    good = Article(id=article_id(url), url=url, source="test", title="هدنة",
                   text="أعلن الطرفان وقفاً فورياً لإطلاق النار بعد مقتل خمسة مدنيين في القصف.")
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    producer.send(names.raw, key=good.id.encode(), value=good.model_dump_json().encode())
    producer.send(names.raw, key=b"poison-1", value=b"\xc3\x28 definitely not json")
    producer.send(names.raw, key=b"poison-2", value=json.dumps({"schema_version": 7}).encode())
    producer.flush()
    producer.close()

    with Workers(settings, tmp_path / "logs", stages=("processor",)):
        enriched = _read(settings, names.enriched, 1)
        alerts = _read(settings, names.alerts, 1)
        dead = _read(settings, names.dlq(names.raw), 2)

    assert [k for k, _ in enriched] == [good.id.encode()]
    doc = json.loads(enriched[0][1])
    assert doc["analysis"]["language"] == "ar"
    rules = {a["rule"] for a in doc["analysis"]["alerts"]}
    assert {"ceasefire", "casualties"} <= rules
    assert [k for k, _ in alerts] == [good.id.encode()]

    letters = {k: json.loads(v) for k, v in dead}
    assert set(letters) == {b"poison-1", b"poison-2"}
    assert "not UTF-8" in letters[b"poison-1"]["reason"]
    assert base64.b64decode(letters[b"poison-1"]["original_b64"]) == b"\xc3\x28 definitely not json"
    assert letters[b"poison-1"]["source_topic"] == names.raw
    assert letters[b"poison-1"]["offset"] is not None
    assert "unknown schema_version 7" in letters[b"poison-2"]["reason"]
