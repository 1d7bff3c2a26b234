"""Slack settings, typed and frozen, read once from the environment (prefix ``MEDIAMON_SLACK_``).

The webhook URLs and the bot token are ``SecretStr``: masked in every repr, read with ``get_secret_value`` only
where a request is made. Routes are JSON in the environment (``MEDIAMON_SLACK_ROUTES='[{"rule": "protests",
"min_severity": "medium", "channel": "#protests"}]'``) or a YAML/JSON file (``MEDIAMON_SLACK_ROUTES_FILE``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from mediamon.errors import ConfigError
from mediamon.schema import Severity
from mediamon.settings import DEFAULT_SECRETS_DIR

SEVERITY_RANK: dict[str, int] = {"low": 0, "medium": 1, "high": 2, "critical": 3}


class Route(BaseModel):
    """Alerts that match go to ``channel``; ``channel: null`` means not posted at all.

    A route matches an alert when ``rule`` (if given) is among the story's rules and the alert's severity is at
    least ``min_severity`` (if given). Routes are tried in order; the first match wins; no match: the default."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str | None = None
    min_severity: Severity | None = None
    channel: str | None


class SlackSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MEDIAMON_SLACK_", frozen=True, extra="ignore")

    # How to reach Slack: "auto" is the bot when a token is set, else the webhook.
    mode: Literal["auto", "webhook", "bot"] = "auto"
    webhook_url: SecretStr | None = None  # the default channel's incoming webhook
    webhooks: dict[str, SecretStr] = {}  # webhook mode: channel name -> its incoming webhook
    bot_token: SecretStr | None = None
    api_url: str = "https://slack.com/api/"  # the Web API base (a local double in tests and the demo)
    channel: str = "#alerts"  # the default channel (bot mode; a label for the default webhook)

    routes: list[Route] = []
    routes_file: Path | None = None

    # Delivery
    min_interval_s: float = 1.0  # at most one message per this many seconds per webhook or channel
    timeout_s: float = 10.0  # one request; a hang is a transient failure (retried with backoff)
    max_inline_wait_s: float = 15.0  # Retry-After up to this is waited inside the request; longer: backoff
    reply_broadcast_severity: Severity | None = "critical"  # updates at least this severe also go to the channel
    notify_replay: bool = False
    batch_size: int = 20  # alerts per consumer batch (at 1/s a batch stays well within max.poll.interval.ms)

    # The message
    kibana_url: str = "http://127.0.0.1:5601"
    kibana_index_pattern: str = ""  # a data view id for Discover; empty: Discover's default
    max_outlets_shown: int = 8

    # Ops alerts (mediamon sink slack-ops): their own webhook or channel, their own throttling
    ops_webhook_url: SecretStr | None = None  # else the bot token (if any) posts to ops_channel
    ops_channel: str = "#mediamon-ops"
    ops_interval_s: float = 60.0  # one round of checks
    ops_remind_after_s: float = 6 * 3600.0  # a problem that lasts is said again at most this often
    ops_min_interval_s: float = 1.0
    ops_failing_after_s: float = 3600.0
    ops_silent_factor: float = 5.0
    ops_silent_min_s: float = 3600.0
    ops_dlq_growth: int = 10
    ops_dlq_window_s: float = 900.0

    @property
    def use_bot(self) -> bool:
        return self.mode == "bot" or (self.mode == "auto" and self.bot_token is not None)

    def all_routes(self) -> list[Route]:
        """Routes from the environment, then those of ``routes_file``."""
        if self.routes_file is None:
            return list(self.routes)
        return [*self.routes, *load_routes(self.routes_file)]

    def secrets(self) -> list[str]:
        """Every secret value, for redaction."""
        singles = (self.webhook_url, self.bot_token, self.ops_webhook_url)
        values = [s.get_secret_value() for s in singles if s is not None]
        values += [s.get_secret_value() for s in self.webhooks.values()]
        return [v for v in values if v]


def load_routes(path: Path) -> list[Route]:
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read routes: {exc}") from exc
    items = data.get("routes") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ConfigError(f"{path}: expected a list of routes (or a mapping with 'routes')")
    routes: list[Route] = []
    for number, item in enumerate(items, 1):
        try:
            routes.append(Route.model_validate(item))
        except ValidationError as exc:
            raise ConfigError(f"{path}: route {number}: {exc.errors()[0]['msg']}") from None
    return routes


def load_slack_settings(**overrides: object) -> SlackSettings:
    """From the environment, then secret files named like the variable in lower case (``mediamon_slack_bot_token``)
    in ``MEDIAMON_SECRETS_DIR`` or ``var/secrets``, as mediamon.settings.load_settings does."""
    secrets_dir = Path(os.environ.get("MEDIAMON_SECRETS_DIR", DEFAULT_SECRETS_DIR))
    if secrets_dir.is_dir():
        overrides.setdefault("_secrets_dir", secrets_dir)
    return SlackSettings(**overrides)  # type: ignore[arg-type]
