"""Where the stack lives and how it is sized; read from ``MEDIAMON_STACK_*`` environment variables."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from mediamon.settings import REPO_ROOT

KAFKA_VERSION = "4.3.1"
ELASTICSEARCH_VERSION = "8.19.21"


class StackConfig(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MEDIAMON_STACK_", frozen=True, extra="ignore")

    kafka_version: str = KAFKA_VERSION
    es_version: str = ELASTICSEARCH_VERSION
    host: str = "127.0.0.1"
    kafka_port: int = 9092
    kafka_controller_port: int = 9093
    es_port: int = 9200
    es_transport_port: int = 9300
    kafka_heap: str = "768m"
    es_heap: str = "1g"
    # Downloads (git-ignored); survives ``stack down``.
    cache_dir: Path = REPO_ROOT / ".cache" / "stack"
    # Pid files, data, logs and generated secrets (git-ignored).
    run_dir: Path = REPO_ROOT / "var" / "stack"
    secrets_dir: Path = REPO_ROOT / "var" / "secrets"
    es_user: str = "mediamon-es"
    java_home: Path | None = None
    start_timeout_s: float = 180.0

    @field_validator("run_dir", "secrets_dir", "cache_dir")
    @classmethod
    def _resolved(cls, path: Path) -> Path:
        """Resolved, so a checkout whose var/ is a symlink finds the same running stack (pid markers compare paths)."""
        return path.resolve()

    @property
    def kafka_bootstrap(self) -> str:
        return f"{self.host}:{self.kafka_port}"

    @property
    def es_url(self) -> str:
        return f"http://{self.host}:{self.es_port}"

    @property
    def es_runtime_dir(self) -> Path:
        """Elasticsearch refuses to run as root. When we are root, its files live where its own
        unprivileged user can reach them (a checkout under /root or mktemp is not traversable)."""
        if os.geteuid() != 0:
            return self.run_dir / "elasticsearch"
        digest = hashlib.sha1(str(self.run_dir.resolve()).encode()).hexdigest()[:10]
        return Path("/var/tmp/mediamon-stack") / digest / "elasticsearch"
