"""Typed, frozen settings read once from the environment (prefix ``MEDIAMON_``).

Secrets are ``SecretStr``: their repr is masked, so they never reach logs or exception texts.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MEDIAMON_", frozen=True, extra="ignore")

    kafka_bootstrap: str = "127.0.0.1:9092"
    es_url: str = "http://127.0.0.1:9200"
    es_username: str | None = None
    es_password: SecretStr | None = None
    es_api_key: SecretStr | None = None
    es_ca_file: Path | None = None
    es_verify_certs: bool = True
    es_refresh_interval: str = "1s"
    es_batch_size: int = 500
    es_batch_bytes: int = 10 * 1024 * 1024
    # Bulk requests the Elasticsearch sink keeps in flight (each of es_batch_size documents) while it reads on.
    es_bulk_threads: int = 4
    # After the first record of a bulk request, how long the sink waits for more to fill it (ms; 0: send what has
    # come). A backlog fills a request at once; a trickle is sent in batches instead of a request per record,
    # which cost Elasticsearch ~3x the CPU per document at 200 articles/s. Adds at most this to produce->searchable.
    es_batch_linger_ms: int = Field(default=50, ge=0, le=5000)
    es_request_timeout_s: float = 30.0
    # A sink's consumer must poll within this interval or its group evicts it; during an outage the sink keeps
    # polling with its partitions paused, so an outage of any length is not an eviction (Kafka's default: 5 min).
    sink_max_poll_interval_s: float = 300.0
    kibana_url: str = "http://127.0.0.1:5601"
    kibana_username: str | None = None
    kibana_password: SecretStr | None = None
    kibana_api_key: SecretStr | None = None
    slack_webhook_url: SecretStr | None = None

    # Prefixes make topic and index names unique per test run or per deployment.
    topic_prefix: str = ""
    index_prefix: str = "mediamon"
    consumer_group_prefix: str = "mediamon"

    # Topic sizing (mediamon/topics.py holds what each topic is; these say how big). Retention bounds how far back
    # a replay can read: keep it longer than any range ops may need to reprocess.
    topic_partitions: int = 3
    topic_retention_days: int = 30
    dlq_retention_days: int = 30
    # The story log (stories.assign) carries event times as record timestamps, so it is bounded by size per
    # partition, not by time (mediamon/topics.py): keep it well above what the story agent may lag behind.
    event_time_retention_bytes: int = 4 * 1024**3

    # The Faust worker's table store. faust-streaming's rocksdb:// store runs on rocksdict when it is installed (it
    # is a dependency): story state on disk, recovered from the changelog when lost. memory:// is for experiments.
    faust_store: str = "rocksdb://"
    faust_data_dir: Path = REPO_ROOT / "var" / "faust"
    # How long the group waits for a silent worker before its partitions (and story state) move to another.
    faust_session_timeout_s: float = 20.0

    # Stories and alert decisions (processors/decisions.py, docs/stories.md). All windows are in event time.
    story_window_hours: float = 72.0
    # How long a story and its articles are remembered (replays within it add to the known stories).
    story_state_days: float = 30.0
    realert_hours: float = 48.0
    realert_hours_by_rule: dict[str, float] = {}
    update_step_ratio: float = 0.25
    update_step_min: int = 3
    spike_window_minutes: float = 60.0
    spike_baseline_windows: int = 24
    spike_factor: float = 3.0
    spike_min_count: int = 10
    # Largest message the processor produces; a bigger one goes to the DLQ with the reason (Kafka's default
    # max.request.size is 1 MiB).
    max_message_bytes: int = 900_000
    # Analysis processes of one processor worker: the engine runs beside the story agent on another core
    # (processors/pool.py); 0 runs it in the worker's own process.
    processor_analysis_processes: int = 1
    # How long the broker may hold a fetch of the processor's consumer that finds no new record (aiokafka allows
    # one fetch in flight per broker; Faust's 1,500 ms stalled the story log behind fetches of idle partitions:
    # processors/transport.py).
    processor_fetch_wait_ms: int = Field(50, ge=1, le=1500)

    rules_dir: Path = REPO_ROOT / "rules"
    feeds_file: Path = REPO_ROOT / "config" / "feeds.yaml"
    state_dir: Path = REPO_ROOT / "var" / "state"

    def es_basic_auth(self) -> tuple[str, str] | None:
        if self.es_username and self.es_password:
            return (self.es_username, self.es_password.get_secret_value())
        return None


DEFAULT_SECRETS_DIR = REPO_ROOT / "var" / "secrets"


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, then from secret files (one file per field, named like the
    environment variable in lower case, e.g. ``mediamon_es_password``) in ``MEDIAMON_SECRETS_DIR``
    or ``var/secrets`` where the local stack writes its generated password."""
    secrets_dir = Path(os.environ.get("MEDIAMON_SECRETS_DIR", DEFAULT_SECRETS_DIR))
    if secrets_dir.is_dir():
        overrides.setdefault("_secrets_dir", secrets_dir)
    return Settings(**overrides)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
