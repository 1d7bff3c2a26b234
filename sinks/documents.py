"""The Elasticsearch document for an enriched article (pure)."""

from __future__ import annotations

from typing import Any

from mediamon.schema import EnrichedArticle


def to_document(article: EnrichedArticle) -> dict[str, Any]:
    """The enriched article as indexed; ``_id`` is the article id, so a replay overwrites."""
    doc: dict[str, Any] = article.model_dump(mode="json")
    return doc


def bulk_action(index: str, article: EnrichedArticle) -> dict[str, Any]:
    return {"_op_type": "index", "_index": index, "_id": article.id, "_source": to_document(article)}
