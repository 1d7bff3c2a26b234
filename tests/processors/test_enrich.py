"""Decoding and validating raw messages (pure)."""

from __future__ import annotations

import json

import pytest

from mediamon.errors import PoisonMessage
from mediamon.schema import Analysis, Article
from mediamon.processors.enrich import decode_article, enrich


def _article() -> Article:
    return Article(id="a1", url="https://example.org/a1", source="demo", title="عنوان", text="نص الخبر")


def _fake_analyzer(article_id: str, title: str, text: str) -> Analysis:
    return Analysis(id=article_id, language="ar", topics=[f"{len(title)}-{len(text)}"])


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (None, "tombstone"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"{not json", "not JSON"),
        (b"[1, 2]", "expected a JSON object"),
        (json.dumps({"schema_version": 99, "id": "x"}).encode(), "unknown schema_version 99"),
        (json.dumps({"schema_version": 1, "id": "x"}).encode(), "invalid article"),
        (json.dumps({**json.loads(_article().model_dump_json()), "surprise": 1}).encode(), "invalid article"),
    ],
)
def test_poison_messages_are_named(value: bytes | None, reason: str) -> None:
    with pytest.raises(PoisonMessage, match=reason):
        decode_article(value)


def test_enrich_carries_article_and_analysis() -> None:
    article = _article()
    enriched = enrich(article.model_dump_json().encode(), _fake_analyzer)
    assert enriched.id == article.id
    assert enriched.title == article.title
    assert enriched.analysis.topics == [f"{len(article.title)}-{len(article.text)}"]
    assert enriched.schema_version == 1
