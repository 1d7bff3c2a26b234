"""The registry of Kafka topics and pipeline stages, and the Elasticsearch names: the one place that spells them.

Every topic has a :class:`TopicSpec` (what its key is, partitions, retention, cleanup policy) and every stage a
:class:`StageSpec` (its consumer group, what it reads and what it writes). ``mediamon setup``, the local stack, the
Faust app, the sinks, the demo runner and replay all read them from here; nothing else spells a topic name.
Partition counts and retention come from settings, so production can size them without a code change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mediamon.settings import Settings

DAY_MS = 24 * 3600 * 1000
Cleanup = Literal["delete", "compact"]


@dataclass(frozen=True)
class TopicSpec:
    """One topic, by its role. ``name`` is the topic without the deployment's prefix."""

    role: str
    name: str
    key: str
    description: str
    cleanup: Cleanup = "delete"
    retention_days: int | None = None  # None: the settings' default for data topics
    single_partition: bool = False  # an ordered log that one consumer reads whole (e.g. story assignment)
    # Records stamped with their event time (a report from last year has last year's timestamp). Time-based
    # retention would delete such records as soon as they are written, before a lagging or restarted reader gets
    # them (and the reader would jump past them): these topics are bounded by size instead.
    event_time_records: bool = False


@dataclass(frozen=True)
class StageSpec:
    """One stage of the pipeline: its consumer group (``None`` for a stage that only produces)."""

    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    group: str | None
    description: str


TOPICS: tuple[TopicSpec, ...] = (
    TopicSpec("raw", "articles.raw", "article id", "new articles from the feed producers"),
    TopicSpec("replay", "articles.replay", "article id",
              "raw articles fed again by `mediamon replay reprocess`: the processor reads them as replayed"),
    TopicSpec("rejected", "articles.rejected", "article id",
              "items the producers refused (not Arabic, too short...), when a feed asks to keep them"),
    TopicSpec("enriched", "articles.enriched", "article id", "articles with their analysis and story id"),
    TopicSpec("alerts", "alerts", "story id", "alert events: new, update and spike decisions"),
    TopicSpec("stories", "stories.assign", "'assign' (one key: one ordered log)",
              "story assignment requests, read in order by the one story assigner", single_partition=True,
              event_time_records=True),
    TopicSpec("slack-ledger", "alerts.slack-ledger", "alert id",
              "alert ids Slack accepted, with the message ts (compacted: the latest per alert)", cleanup="compact"),
    TopicSpec("raw.dlq", "articles.raw.dlq", "the original key", "what the processor could not handle"),
    TopicSpec("enriched.dlq", "articles.enriched.dlq", "the original key",
              "what the Elasticsearch sink could not index"),
    TopicSpec("alerts.dlq", "alerts.dlq", "the original key", "alerts the sinks could not deliver"),
)

STAGES: tuple[StageSpec, ...] = (
    StageSpec("producer", reads=(), writes=("raw", "rejected"), group=None,
              description="polls feeds, sends new Arabic articles"),
    StageSpec("processor", reads=("raw", "replay", "stories"), writes=("enriched", "alerts", "stories", "raw.dlq"),
              group="processor", description="Faust worker: analysis, stories, alert decisions"),
    StageSpec("sink-elasticsearch", reads=("enriched", "alerts"), writes=("enriched.dlq", "alerts.dlq"),
              group="sink-elasticsearch", description="indexes articles and alerts"),
    StageSpec("sink-slack", reads=("alerts",), writes=("alerts.dlq", "slack-ledger"),
              group="sink-slack", description="posts alerts to Slack"),
)

_BY_ROLE = {spec.role: spec for spec in TOPICS}

# A Kafka header marking a message as replayed (value b"1"); the processor passes it on to what it writes.
REPLAY_HEADER = "mediamon-replay"
_STAGES = {spec.name: spec for spec in STAGES}
# The processor dead-letters what it cannot handle from either of its inputs to articles.raw.dlq.
DLQ_OF = {
    "raw": "raw.dlq", "replay": "raw.dlq", "stories": "raw.dlq", "enriched": "enriched.dlq", "alerts": "alerts.dlq",
}


def topic_spec(role: str) -> TopicSpec:
    try:
        return _BY_ROLE[role]
    except KeyError:
        raise KeyError(f"no topic with role {role!r}; known: {', '.join(_BY_ROLE)}") from None


def stage_spec(name: str) -> StageSpec:
    try:
        return _STAGES[name]
    except KeyError:
        raise KeyError(f"no stage {name!r}; known: {', '.join(_STAGES)}") from None


@dataclass(frozen=True)
class TopicConfig:
    """A topic as ``mediamon setup`` creates it: name with prefix, partitions and Kafka configs."""

    name: str
    partitions: int
    configs: dict[str, str]


@dataclass(frozen=True)
class Names:
    topic_prefix: str
    index_prefix: str
    group_prefix: str
    partitions: int = 3
    retention_days: int = 30
    dlq_retention_days: int = 30
    event_time_retention_bytes: int = 4 * 1024**3

    @classmethod
    def from_settings(cls, settings: Settings) -> Names:
        return cls(settings.topic_prefix, settings.index_prefix, settings.consumer_group_prefix,
                   settings.topic_partitions, settings.topic_retention_days, settings.dlq_retention_days,
                   settings.event_time_retention_bytes)

    # -- topics ---------------------------------------------------------------------------------------

    def topic(self, role: str) -> str:
        return f"{self.topic_prefix}{topic_spec(role).name}"

    @property
    def raw(self) -> str:
        return self.topic("raw")

    @property
    def replay(self) -> str:
        return self.topic("replay")

    @property
    def rejected(self) -> str:
        return self.topic("rejected")

    @property
    def enriched(self) -> str:
        return self.topic("enriched")

    @property
    def alerts(self) -> str:
        return self.topic("alerts")

    @property
    def stories(self) -> str:
        return self.topic("stories")

    @property
    def slack_ledger(self) -> str:
        return self.topic("slack-ledger")

    def dlq(self, topic: str) -> str:
        """Dead-letter topic for messages that failed while read from ``topic`` (a full topic name)."""
        for role, dlq_role in DLQ_OF.items():
            if topic == self.topic(role):
                return self.topic(dlq_role)
        raise KeyError(f"topic {topic!r} has no dead-letter topic in the registry")

    @property
    def all_topics(self) -> list[str]:
        return [self.topic(spec.role) for spec in TOPICS]

    def topic_config(self, spec: TopicSpec) -> TopicConfig:
        days = spec.retention_days or (self.dlq_retention_days if spec.role.endswith(".dlq") else
                                       self.retention_days)
        configs: dict[str, str] = {"cleanup.policy": spec.cleanup}
        if spec.cleanup == "delete" and spec.event_time_records:
            configs["retention.ms"] = "-1"
            configs["retention.bytes"] = str(self.event_time_retention_bytes)
        elif spec.cleanup == "delete":
            configs["retention.ms"] = str(days * DAY_MS)
        return TopicConfig(self.topic(spec.role), 1 if spec.single_partition else self.partitions, configs)

    def topic_configs(self) -> list[TopicConfig]:
        return [self.topic_config(spec) for spec in TOPICS]

    # -- consumer groups ------------------------------------------------------------------------------

    def group(self, stage: str) -> str:
        spec = stage_spec(stage)
        if spec.group is None:
            raise KeyError(f"stage {stage!r} has no consumer group")
        return f"{self.group_prefix}-{self.topic_prefix}{spec.group}"

    # -- Elasticsearch ----------------------------------------------------------------------------------

    @property
    def articles_index(self) -> str:
        return f"{self.index_prefix}-articles"

    @property
    def articles_template(self) -> str:
        return f"{self.index_prefix}-articles-template"

    @property
    def alerts_index(self) -> str:
        return f"{self.index_prefix}-alerts"

    @property
    def alerts_template(self) -> str:
        return f"{self.index_prefix}-alerts-template"
