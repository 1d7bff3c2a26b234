"""Client factories built from Settings, so every component connects the same way."""

from __future__ import annotations

from elasticsearch import Elasticsearch

from mediamon.settings import Settings


def elasticsearch_client(settings: Settings, *, request_timeout: float = 30.0) -> Elasticsearch:
    return Elasticsearch(
        settings.es_url,
        basic_auth=settings.es_basic_auth(),
        request_timeout=request_timeout,
        retry_on_timeout=True,
        max_retries=3,
    )
