"""Turn one raw message into an enriched article: decode, validate, analyse. No I/O here."""

from __future__ import annotations

from collections.abc import Callable

from mediamon.codec import decode
from mediamon.schema import Analysis, Article, EnrichedArticle

Analyzer = Callable[[str, str, str], Analysis]


def decode_article(value: bytes | None) -> Article:
    """Parse a raw message; anything we cannot trust is a PoisonMessage with the reason."""
    return decode(value, Article, "article")


def enrich(value: bytes | None, analyzer: Analyzer) -> EnrichedArticle:
    article = decode_article(value)
    return EnrichedArticle.build(article, analyzer(article.id, article.title, article.text))
