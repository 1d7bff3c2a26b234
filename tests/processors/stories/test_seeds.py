"""The five seed articles, fed in publication order: 000, 001, 002, 004 share a story; 003 gets another."""

from __future__ import annotations

import json
from datetime import datetime

from mediamon.analysis.engine import default_engine
from mediamon.processors.stories import ArticleFeatures, StoryConfig, StoryIndex, assign
from mediamon.processors.stories.engine_facts import features_from_analysis
from tests.conftest import SHARED_CORPUS


def _seed_features(config: StoryConfig) -> list[ArticleFeatures]:
    expected = json.loads((SHARED_CORPUS / "seeds.expected.json").read_text(encoding="utf-8"))
    rows = []
    for path in sorted((SHARED_CORPUS / "seeds").glob("*.txt")):
        title, _, text = path.read_text(encoding="utf-8").partition("\n")  # first line = title
        published = datetime.fromisoformat(expected["articles"][path.stem]["published"])
        rows.append((published, path.stem, title, text))
    rows.sort()
    engine = default_engine()
    return [
        features_from_analysis(aid, f"outlet-{aid[:3]}", title, text, when, engine.analyze(aid, title, text), config)
        for when, aid, title, text in rows
    ]


def test_seeds_split_into_the_expected_stories() -> None:
    config = StoryConfig()
    expected = json.loads((SHARED_CORPUS / "seeds.expected.json").read_text(encoding="utf-8"))["stories"]
    index = StoryIndex(config)
    story = {f.article_id: assign(index, f) for f in _seed_features(config)}
    groups = {frozenset(a for a in story if story[a] == s) for s in set(story.values())}
    assert groups == {frozenset(group) for group in expected}
    # A story's id is its first article's: 001 was published first in 2023.
    assert story["000_1042f5e7941a59e5"] == "001_dcf8befaf0a38c62"
    assert story["003_12308afd6b4c7457"] == "003_12308afd6b4c7457"


def test_seeds_rebuilt_from_stored_features_give_the_same_answer() -> None:
    config = StoryConfig()
    features = _seed_features(config)
    first = StoryIndex(config)
    story = {f.article_id: assign(first, f) for f in features}
    # A restarted worker reloads the table (JSON) in any order, then sees a repeat of the last article.
    rebuilt = StoryIndex(config)
    for f in reversed(features):
        rebuilt.add(type(f).from_dict(json.loads(json.dumps(f.to_dict()))), story[f.article_id])
    assert all(rebuilt.match(f) == story[f.article_id] for f in features)
    assert len(rebuilt) == len(first) == 5
