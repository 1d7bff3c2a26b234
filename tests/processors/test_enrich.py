"""Decoding and validating raw messages (pure)."""

from __future__ import annotations

import json

import pytest

from mediamon.errors import PoisonMessage
from mediamon.ids import article_id
from mediamon.processors.enrich import decode_article, enrich
from mediamon.schema import Analysis, Article

URL = "https://example.org/a1"


def _article() -> Article:
    return Article(id=article_id(URL), url=URL, source="demo", title="عنوان", text="نص الخبر")


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
        (json.dumps({"schema_version": 3, "id": "x"}).encode(), "unknown schema_version 3 .*knows versions 1, 2"),
        (json.dumps({"schema_version": "2", "id": "x"}).encode(), "unknown schema_version '2'"),
        (json.dumps({"schema_version": 1, "id": "x"}).encode(), "invalid article"),
        (json.dumps({**json.loads(_article().model_dump_json()), "id": "x" * 600}).encode(), "id: String should"),
        (json.dumps({**json.loads(_article().model_dump_json()), "url": "https://x/" + "a" * 5000}).encode(),
         "url: String should have at most"),
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
    assert enriched.schema_version == 2


def test_a_reader_ignores_unknown_fields_and_reads_the_previous_version() -> None:
    """A newer writer's extra field, and a v1 message, are both read (tolerant reader)."""
    body = json.loads(_article().model_dump_json())
    newer = decode_article(json.dumps({**body, "surprise": {"nested": 1}}).encode())
    assert newer == _article().model_copy(update={"fetched": newer.fetched})
    v1 = decode_article(json.dumps({**body, "schema_version": 1}).encode())
    assert v1.schema_version == 2 and v1.id == body["id"]


def test_our_own_output_stays_strict() -> None:
    with pytest.raises(ValueError, match="surprise"):
        Article(**json.loads(_article().model_dump_json()), surprise=1)


def test_a_v1_enriched_article_is_upcast_with_one_mention_per_fact() -> None:
    from mediamon.codec import decode
    from mediamon.schema import EnrichedArticle

    enriched = enrich(_article().model_dump_json().encode(), _fake_analyzer)
    body = json.loads(enriched.model_dump_json())
    body["schema_version"] = 1
    del body["story_id"], body["replay"]
    body["analysis"]["casualties"] = [
        {"kind": "killed", "count": 3, "qualifier": "exact", "text": "3 قتلى", "start": 0, "end": 6}
    ]
    read = decode(json.dumps(body).encode(), EnrichedArticle, "enriched article")
    [fact] = read.analysis.casualties
    assert [(m.text, m.start, m.end) for m in fact.mentions] == [("3 قتلى", 0, 6)]
    assert read.story_id is None and read.replay is False
