"""The Faust worker on the real stack: good articles are enriched, poison and hostile input go to the DLQ with the
reason, nothing is lost and the worker goes on."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from kafka import KafkaProducer

from mediamon.ids import article_id
from mediamon.schema import Article
from mediamon.settings import Settings

from .harness import Processor, names, read_all


def _article(path: str, title: str, text: str) -> Article:
    url = f"https://example.org/news/{path}"
    return Article(id=article_id(url), url=url, source="test", title=title, text=text)


def test_processor_enriches_mends_and_dead_letters(settings: Settings, tmp_path: Path) -> None:
    topics = names(settings)
    good = _article("ceasefire", "هدنة", "أعلن الطرفان وقفاً فورياً لإطلاق النار بعد مقتل خمسة مدنيين في القصف.")
    surrogate = _article("surrogate", "عنوان", "نص عن الهدنة")
    surrogate_body = surrogate.model_dump_json().replace('"عنوان"', '"عنوان \\ud800 مكسور"').encode()
    # A dense but valid long text: the enriched message must stay within the size we produce.
    dense = _article("dense", "حصيلة", " ".join(["قتل 5 أشخاص وأصيب 7 في غارة على حلب بسوريا."] * 9000))
    wrong_key = _article("wrong-key", "خبر", "نص")
    foreign = _article("foreign-id", "خبر", "نص").model_copy(update={"id": "0" * 32})
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all", max_request_size=2_000_000)
    producer.send(topics.raw, key=good.id.encode(), value=good.model_dump_json().encode())
    producer.send(topics.raw, key=b"poison-1", value=b"\xc3\x28 definitely not json")
    producer.send(topics.raw, key=b"poison-2", value=json.dumps({"schema_version": 7}).encode())
    producer.send(topics.raw, key=surrogate.id.encode(), value=surrogate_body)
    producer.send(topics.raw, key=dense.id.encode(), value=dense.model_dump_json().encode())
    producer.send(topics.raw, key=b"not-the-id", value=wrong_key.model_dump_json().encode())
    producer.send(topics.raw, key=foreign.id.encode(), value=foreign.model_dump_json().encode())
    producer.flush()
    producer.close()

    with Processor(settings, tmp_path) as worker:
        enriched = {d["id"]: d for _, d in read_all(settings, topics.enriched, want=3)}
        dead = read_all(settings, topics.dlq(topics.raw), want=4)
        assert worker.alive()

    assert set(enriched) == {good.id, surrogate.id, dense.id}
    doc = enriched[good.id]
    assert doc["analysis"]["language"] == "ar" and doc["story_id"] == good.id
    assert {"ceasefire", "casualties"} <= {a["rule"] for a in doc["analysis"]["alerts"]}
    assert enriched[surrogate.id]["title"] == "عنوان \ufffd مكسور"
    assert enriched[surrogate.id]["repairs"] == ["lone surrogate replaced with U+FFFD in title"]
    assert len(json.dumps(enriched[dense.id], ensure_ascii=False).encode()) < settings.max_message_bytes
    assert enriched[dense.id]["text"] == dense.text  # kept whole: only the findings are capped

    letters = {k: v for k, v in dead}
    assert set(letters) == {b"poison-1", b"poison-2", b"not-the-id", foreign.id.encode()}
    assert "not UTF-8" in letters[b"poison-1"]["reason"]
    assert base64.b64decode(letters[b"poison-1"]["original_b64"]) == b"\xc3\x28 definitely not json"
    assert letters[b"poison-1"]["source_topic"] == topics.raw and letters[b"poison-1"]["offset"] is not None
    assert "unknown schema_version 7" in letters[b"poison-2"]["reason"]
    assert "is not the article id" in letters[b"not-the-id"]["reason"]
    assert "not the hash of its canonical url" in letters[foreign.id.encode()]["reason"]
