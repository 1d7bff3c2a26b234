"""Labelled story sets: JSON Lines of {"id", "story", "outlet", "published", "title", "text"}."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mediamon.analysis.engine import default_engine
from mediamon.processors.stories.config import StoryConfig
from mediamon.processors.stories.engine_facts import features_from_analysis
from mediamon.processors.stories.features import ArticleFeatures
from mediamon.processors.stories.index import StoryIndex, assign


@dataclass(frozen=True)
class LabelledArticle:
    id: str
    story: str
    outlet: str
    published: datetime
    title: str
    text: str


def load(path: Path) -> list[LabelledArticle]:
    """The articles of one .jsonl file, or of every .jsonl file in a folder, in publication order."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    articles: list[LabelledArticle] = []
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                articles.append(
                    LabelledArticle(
                        id=row["id"],
                        story=row["story"],
                        outlet=row["outlet"],
                        published=datetime.fromisoformat(row["published"]),
                        title=row["title"],
                        text=row["text"],
                    )
                )
            except (KeyError, ValueError) as error:
                raise ValueError(f"{file}:{number}: {error}") from error
    ids = [a.id for a in articles]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{path}: duplicate article ids")
    return sorted(articles, key=lambda a: (a.published, a.id))


def featurise(articles: list[LabelledArticle], config: StoryConfig) -> list[ArticleFeatures]:
    """Features of each article, with countries, places and figures from the analysis engine."""
    engine = default_engine()
    return [
        features_from_analysis(
            a.id, a.outlet, a.title, a.text, a.published, engine.analyze(a.id, a.title, a.text), config
        )
        for a in articles
    ]


def cluster(features: list[ArticleFeatures], config: StoryConfig) -> dict[str, str]:
    """Article id -> story id, assigning the articles in the order given."""
    index = StoryIndex(config)
    return {f.article_id: assign(index, f) for f in features}
