"""Kafka topic and Elasticsearch index names: the one place that spells them."""

from __future__ import annotations

from dataclasses import dataclass

from mediamon.settings import Settings


@dataclass(frozen=True)
class Names:
    topic_prefix: str
    index_prefix: str
    group_prefix: str

    @classmethod
    def from_settings(cls, settings: Settings) -> Names:
        return cls(settings.topic_prefix, settings.index_prefix, settings.consumer_group_prefix)

    @property
    def raw(self) -> str:
        return f"{self.topic_prefix}articles.raw"

    @property
    def enriched(self) -> str:
        return f"{self.topic_prefix}articles.enriched"

    @property
    def alerts(self) -> str:
        return f"{self.topic_prefix}alerts"

    def dlq(self, topic: str) -> str:
        """Dead-letter topic for messages that failed while read from ``topic``."""
        return f"{topic}.dlq"

    @property
    def all_topics(self) -> list[str]:
        base = [self.raw, self.enriched, self.alerts]
        return base + [self.dlq(t) for t in base]

    @property
    def articles_index(self) -> str:
        return f"{self.index_prefix}-articles"

    @property
    def articles_template(self) -> str:
        return f"{self.index_prefix}-articles-template"

    def group(self, stage: str) -> str:
        return f"{self.group_prefix}-{self.topic_prefix}{stage}"
