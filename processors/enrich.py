"""Turn one raw message into an enriched article: decode, validate, analyse. No I/O here."""

from __future__ import annotations

import json
from collections.abc import Callable

from pydantic import ValidationError

from mediamon.errors import PoisonMessage
from mediamon.schema import SCHEMA_VERSION, Analysis, Article, EnrichedArticle

Analyzer = Callable[[str, str, str], Analysis]


def decode_article(value: bytes | None) -> Article:
    """Parse a raw message; anything we cannot trust is a PoisonMessage with the reason."""
    if value is None:
        raise PoisonMessage("empty message (tombstone) on the raw topic")
    try:
        payload = json.loads(value.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise PoisonMessage(f"not UTF-8: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise PoisonMessage(f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    if not isinstance(payload, dict):
        raise PoisonMessage(f"expected a JSON object, got {type(payload).__name__}")
    version = payload.get("schema_version")
    if version != SCHEMA_VERSION:
        raise PoisonMessage(f"unknown schema_version {version!r} (this processor reads {SCHEMA_VERSION})")
    try:
        return Article.model_validate(payload)
    except ValidationError as exc:
        raise PoisonMessage(f"invalid article: {exc.error_count()} errors: {exc.errors()[:3]}") from exc


def enrich(value: bytes | None, analyzer: Analyzer) -> EnrichedArticle:
    article = decode_article(value)
    return EnrichedArticle.build(article, analyzer(article.id, article.title, article.text))
