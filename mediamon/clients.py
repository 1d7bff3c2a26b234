"""Client factories built from Settings, so every component connects the same way."""

from __future__ import annotations

from elasticsearch import Elasticsearch

from mediamon.elastic import connect
from mediamon.settings import Settings


def elasticsearch_client(settings: Settings, *, request_timeout: float = 30.0) -> Elasticsearch:
    """An Elasticsearch client with the settings' credentials (API key or user and password) and TLS options."""
    return connect(settings, request_timeout=request_timeout)
