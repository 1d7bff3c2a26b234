"""Connecting to Elasticsearch the same way everywhere: URL, user and password or an API key, TLS, and a
start-up check that turns wrong credentials into one clear error instead of a retry or crash loop.

Every option comes from ``mediamon.settings.Settings`` (``MEDIAMON_ES_*``, ``MEDIAMON_KIBANA_URL``); ``EsOptions``
is their typed view for the code that connects, sets up or writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from elastic_transport import ConnectionError as ESConnectionError
from elastic_transport import ConnectionTimeout, Serializer, TlsError, TransportError
from elasticsearch import ApiError, AuthenticationException, AuthorizationException, Elasticsearch
from pydantic import SecretStr

from mediamon.errors import ConfigError, SinkUnavailable
from mediamon.settings import Settings


@dataclass(frozen=True)
class EsOptions:
    api_key: SecretStr | None
    ca_file: Path | None
    verify_certs: bool
    refresh_interval: str
    batch_size: int
    batch_bytes: int
    bulk_threads: int
    batch_linger_ms: int
    request_timeout_s: float
    kibana_url: str

    @classmethod
    def of(cls, settings: Settings) -> EsOptions:
        return cls(settings.es_api_key, settings.es_ca_file, settings.es_verify_certs, settings.es_refresh_interval,
                   settings.es_batch_size, settings.es_batch_bytes, settings.es_bulk_threads,
                   settings.es_batch_linger_ms, settings.es_request_timeout_s, settings.kibana_url)


def connect(settings: Settings, *, request_timeout: float | None = None, max_retries: int = 3,
            serializers: Mapping[str, Serializer] | None = None) -> Elasticsearch:
    """A client from settings: an API key wins over user and password; TLS options apply to https URLs.
    ``serializers``: by mimetype, in place of the client's own."""
    options = EsOptions.of(settings)
    kwargs: dict[str, Any] = {
        "request_timeout": request_timeout or options.request_timeout_s,
        "retry_on_timeout": True,
        "max_retries": max_retries,
    }
    if serializers is not None:
        kwargs["serializers"] = serializers
    if options.api_key is not None:
        kwargs["api_key"] = options.api_key.get_secret_value()
    elif (auth := settings.es_basic_auth()) is not None:
        kwargs["basic_auth"] = auth
    if settings.es_url.startswith("https:"):
        kwargs["verify_certs"] = options.verify_certs
        if options.ca_file is not None:
            if not options.ca_file.is_file():
                raise ConfigError(f"MEDIAMON_ES_CA_FILE {options.ca_file} is not a readable file")
            kwargs["ca_certs"] = str(options.ca_file)
    return Elasticsearch(settings.es_url, **kwargs)


def who(settings: Settings) -> str:
    """How we authenticate, for messages (never the secret itself)."""
    if EsOptions.of(settings).api_key is not None:
        return "the API key in MEDIAMON_ES_API_KEY"
    if settings.es_username:
        return f"user {settings.es_username!r} (MEDIAMON_ES_USERNAME / MEDIAMON_ES_PASSWORD)"
    return "no credentials (MEDIAMON_ES_USERNAME / MEDIAMON_ES_PASSWORD unset)"


def check_access(es: Elasticsearch, settings: Settings) -> None:
    """Fail fast and clearly when Elasticsearch refuses our credentials (401) or rights (403).

    Raises ConfigError for those (a restart will not help: fix the settings), SinkUnavailable when
    Elasticsearch cannot be reached (a caller may wait for it)."""
    try:
        es.cluster.health(timeout="5s")
    except AuthenticationException as exc:
        raise ConfigError(
            f"Elasticsearch at {settings.es_url} refused the credentials of {who(settings)} (401: "
            f"{_short(exc)}). Fix the password or API key; the service will not retry.") from exc
    except AuthorizationException as exc:
        raise ConfigError(
            f"Elasticsearch at {settings.es_url} accepted {who(settings)} but denied it cluster monitor rights "
            f"(403: {_short(exc)}); give its role the 'monitor' cluster privilege") from exc
    except TlsError as exc:
        raise ConfigError(f"TLS to Elasticsearch at {settings.es_url} failed ({exc}); check MEDIAMON_ES_CA_FILE "
                          "and MEDIAMON_ES_VERIFY_CERTS") from exc
    except (ESConnectionError, ConnectionTimeout) as exc:
        raise SinkUnavailable(f"Elasticsearch at {settings.es_url} is unreachable ({type(exc).__name__})") from exc
    except ApiError as exc:
        if exc.status_code >= 500:
            raise SinkUnavailable(f"Elasticsearch at {settings.es_url} answered {exc.status_code}") from exc
        raise
    except TransportError as exc:
        raise SinkUnavailable(f"Elasticsearch at {settings.es_url}: {type(exc).__name__}") from exc


def _short(exc: ApiError) -> str:
    body = exc.body
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return str(body["error"].get("reason", ""))[:200]
    return str(exc.message)[:200]
