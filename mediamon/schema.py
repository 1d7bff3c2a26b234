"""The shared message contract: what travels on ``articles.raw``, ``articles.enriched`` and the DLQs.

Every message carries ``schema_version``; consumers reject versions they do not know (to the DLQ).
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

CasualtyKind = Literal["killed", "injured", "displaced", "evacuated"]
Qualifier = Literal["exact", "at_least", "more_than", "about", "vague"]
Severity = Literal["low", "medium", "high", "critical"]
TextSource = Literal["fulltext", "summary"]


def utcnow() -> datetime:
    return datetime.now(UTC)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Frozen):
    """A phrase of the original text: ``text == original[start:end]``."""

    text: str
    start: int
    end: int


class Alert(_Frozen):
    rule: str
    severity: Severity
    matches: list[Span]


class Place(_Frozen):
    name: str
    country: str
    lat: float | None = None
    lon: float | None = None


class Casualty(_Frozen):
    kind: CasualtyKind
    count: int | None
    qualifier: Qualifier
    text: str
    start: int
    end: int


class Analysis(_Frozen):
    """The ``mediamon analyze`` output contract (DESIGN.md, "The analysis contract")."""

    id: str
    language: str
    alerts: list[Alert] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    casualties: list[Casualty] = Field(default_factory=list)


class _ArticleFields(_Frozen):
    """What every article message carries, raw or enriched."""

    schema_version: Literal[1] = 1
    id: str
    url: str
    source: str
    title: str
    text: str
    summary: str = ""
    text_source: TextSource = "summary"
    published: datetime | None = None
    fetched: datetime = Field(default_factory=utcnow)


class Article(_ArticleFields):
    """One news article as the producers put it on ``articles.raw`` (key = ``id``)."""

    language: str = "ar"


class EnrichedArticle(_ArticleFields):
    """An article with its analysis, as put on ``articles.enriched`` and indexed with ``_id = id``."""

    analyzed: datetime = Field(default_factory=utcnow)
    analysis: Analysis

    @classmethod
    def build(cls, article: Article, analysis: Analysis) -> EnrichedArticle:
        fields = article.model_dump(exclude={"schema_version", "language"})
        return cls(**fields, analysis=analysis)


class DeadLetter(_Frozen):
    """What a stage could not handle: the reason, the original bytes and where they came from."""

    schema_version: Literal[1] = 1
    stage: str
    reason: str
    error_type: str
    source_topic: str
    partition: int | None = None
    offset: int | None = None
    key: str | None = None
    original_b64: str
    failed_at: datetime = Field(default_factory=utcnow)

    @classmethod
    def of(
        cls,
        *,
        stage: str,
        error: BaseException,
        source_topic: str,
        value: bytes | None,
        key: bytes | None = None,
        partition: int | None = None,
        offset: int | None = None,
    ) -> DeadLetter:
        return cls(
            stage=stage,
            reason=str(error)[:2000] or type(error).__name__,
            error_type=type(error).__name__,
            source_topic=source_topic,
            partition=partition,
            offset=offset,
            key=key.decode("utf-8", "replace") if key is not None else None,
            original_b64=base64.b64encode(value or b"").decode("ascii"),
        )

    def original(self) -> bytes:
        return base64.b64decode(self.original_b64)
