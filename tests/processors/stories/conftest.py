"""Helpers for the story tests: analysed articles (real engine) turned into features."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from mediamon.analysis.engine import default_engine
from mediamon.processors.stories import ArticleFeatures, StoryConfig
from mediamon.processors.stories.engine_facts import features_from_analysis

Make = Callable[[str, str, str, str], ArticleFeatures]


@pytest.fixture
def config() -> StoryConfig:
    return StoryConfig()


@pytest.fixture
def make(config: StoryConfig) -> Make:
    """make(id, published ISO time, title, text) -> features, with the engine's countries, places, figures."""

    def _make(article_id: str, published: str, title: str, text: str) -> ArticleFeatures:
        analysis = default_engine().analyze(article_id, title, text)
        when = datetime.fromisoformat(published)
        return features_from_analysis(article_id, "outlet", title, text, when, analysis, config)

    return _make
