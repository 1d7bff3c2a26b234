"""The facts story clustering takes from the analysis engine's output (mediamon.schema.Analysis)."""

from __future__ import annotations

from datetime import datetime

from mediamon.processors.stories.config import StoryConfig
from mediamon.processors.stories.features import ArticleFeatures, features_of
from mediamon.schema import Analysis


def figures_of(analysis: Analysis) -> list[tuple[str, int]]:
    """(kind, count) of the casualty facts that state a count."""
    return [(str(c.kind), c.count) for c in analysis.casualties if c.count is not None]


def features_from_analysis(
    article_id: str,
    source: str,
    title: str,
    text: str,
    event_time: datetime,
    analysis: Analysis,
    config: StoryConfig,
) -> ArticleFeatures:
    """``features_of`` with the countries, places and figures of an engine analysis."""
    return features_of(
        article_id,
        source,
        title,
        text,
        event_time,
        countries=analysis.countries,
        places=[place.name for place in analysis.places],
        figures=figures_of(analysis),
        config=config,
    )
