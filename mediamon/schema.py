"""The shared message contract: what travels on ``articles.raw``, ``articles.enriched``, ``alerts`` and the DLQs.

Every message carries ``schema_version``. The contract evolves without breaking deployed readers:

- writers always write the current version (``SCHEMA_VERSION``), validated strictly (``extra="forbid"``), so a
  typo in our own output is an error at once;
- readers (``mediamon.codec.decode``) accept the current and the previous version, upcast the previous one
  (``mediamon.upcast``), and ignore fields they do not know, so a newer writer's additions pass through;
- any other version is a poison message whose reason names the version (to a DLQ, never silently dropped).

History: v1 (first release); v2 adds ``story_id`` and ``replay`` to enriched articles, ``mentions`` and the
``killed_or_injured`` and ``missing`` kinds to casualty facts, and the alert events.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION: Literal[2] = 2
READABLE_VERSIONS = (1, 2)
Version = Literal[2]

CasualtyKind = Literal["killed", "injured", "killed_or_injured", "displaced", "evacuated", "missing"]
Qualifier = Literal["exact", "at_least", "more_than", "about", "vague"]
Severity = Literal["low", "medium", "high", "critical"]
TextSource = Literal["fulltext", "summary"]
AlertKind = Literal["new", "update", "spike"]

# The only id shape we make (mediamon.ids.article_id): 32 lower-case hex digits. Anything else is refused at
# every boundary, so no hostile id reaches Elasticsearch (which refuses ids over 512 bytes for a whole request).
ARTICLE_ID_PATTERN = r"^[0-9a-f]{32}$"
MAX_URL_CHARS = 4096


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
    """One distinct fact (kind, count, qualifier), with the span of its first mention and every mention."""

    kind: CasualtyKind
    count: int | None
    qualifier: Qualifier
    text: str
    start: int
    end: int
    mentions: list[Span] = Field(default_factory=list)


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

    schema_version: Version = SCHEMA_VERSION
    id: str = Field(pattern=ARTICLE_ID_PATTERN)
    url: str = Field(max_length=MAX_URL_CHARS)
    source: str
    title: str
    text: str
    summary: str = ""
    text_source: TextSource = "summary"
    published: datetime | None = None
    fetched: datetime = Field(default_factory=utcnow)
    # What a stage had to mend to carry the article on (lone surrogates replaced, text cut to fit a message).
    repairs: list[str] = Field(default_factory=list)


class Article(_ArticleFields):
    """One news article as the producers put it on ``articles.raw`` (key = ``id``)."""

    language: str = "ar"


class EnrichedArticle(_ArticleFields):
    """An article with its analysis, as put on ``articles.enriched`` and indexed with ``_id = id``."""

    analyzed: datetime = Field(default_factory=utcnow)
    analysis: Analysis
    story_id: str | None = None
    replay: bool = False
    # Positions in ``analysis.casualties`` of the background facts: tolls the article dates before its event (the
    # war of 2020, "since October 2023"), or every fact of an anniversary piece (processors/decisions.py). None:
    # not decided (a message of an earlier build); a reader that needs it decides it from the text.
    background: list[int] | None = None

    @classmethod
    def build(cls, article: Article, analysis: Analysis, *, replay: bool = False,
              background: list[int] | None = None) -> EnrichedArticle:
        fields = article.model_dump(exclude={"schema_version", "language"})
        return cls(**fields, analysis=analysis, replay=replay, background=background)

    @property
    def event_time(self) -> datetime:
        """When the event was reported: published, else fetched. Every story and alert decision uses it."""
        return self.published or self.fetched


class RuleRef(_Frozen):
    """A rule that fired on a story, with its labels for readers of either language."""

    rule: str
    severity: Severity
    label_ar: str
    label_en: str


class Figure(_Frozen):
    kind: CasualtyKind
    count: int | None
    qualifier: Qualifier


class FigureChange(_Frozen):
    """A story's highest figure of one kind, before and after the reports that changed it."""

    kind: CasualtyKind
    before: Figure | None
    after: Figure


class Outlet(_Frozen):
    """One report of the story."""

    article_id: str
    source: str
    url: str
    title: str
    published: datetime | None = None


class TopStory(_Frozen):
    story_id: str
    headline: str
    size: int


class Spike(_Frozen):
    """A window whose count passed the factor over its trailing baseline."""

    dimension: Literal["rule", "topic", "country"]
    value: str
    window_start: datetime
    window_end: datetime
    count: int
    baseline: float
    factor: float
    top_stories: list[TopStory] = Field(default_factory=list)
    also: list[str] = Field(default_factory=list)  # other "dimension:value" that crossed on the same article


class AlertEvent(_Frozen):
    """An alert decision, keyed by ``story_id`` on ``alerts`` (spikes by their own key).

    ``alert_id`` is derived from (story, revision), so a redelivered or replayed decision is recognisable."""

    schema_version: Version = SCHEMA_VERSION
    alert_id: str
    kind: AlertKind
    story_id: str
    revision: int
    severity: Severity
    rules: list[RuleRef] = Field(default_factory=list)
    new_rules: list[str] = Field(default_factory=list)
    headline: str = ""
    headline_url: str = ""
    matches: list[str] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    changes: list[FigureChange] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)
    outlets: list[Outlet] = Field(default_factory=list)
    story_size: int = 1
    event_time: datetime
    decided_at: datetime = Field(default_factory=utcnow)
    resurgence: bool = False
    replay: bool = False
    spike: Spike | None = None


class DeadLetter(_Frozen):
    """What a stage could not handle: the reason, the original bytes and where they came from."""

    schema_version: Version = SCHEMA_VERSION
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
