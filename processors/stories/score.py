"""The similarity of an article to earlier ones: text (MinHash), places, countries and casualty figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from mediamon.processors.stories.config import StoryConfig
from mediamon.processors.stories.features import ArticleFeatures

_EMPTY = np.uint64((1 << 32) - 1)  # datasketch's value for a slot no shingle reached (the empty set)
_TOLL_KINDS = ("killed", "injured", "killed_or_injured")


@dataclass(frozen=True)
class Entry:
    """An indexed article: its features, pre-computed sets and its story."""

    features: ArticleFeatures
    story_id: str
    hashes: np.ndarray[Any, np.dtype[np.uint64]]
    places: frozenset[str]
    countries: frozenset[str]
    figures: frozenset[tuple[str, int]]
    tolls: dict[str, int]  # highest count per toll kind

    @classmethod
    def of(cls, features: ArticleFeatures, story_id: str) -> Entry:
        return cls(
            features=features,
            story_id=story_id,
            hashes=np.asarray(features.minhash, dtype=np.uint64),
            places=frozenset(features.places),
            countries=frozenset(features.countries),
            figures=frozenset(features.figures),
            tolls=_tolls(features.figures),
        )

    @property
    def has_text(self) -> bool:
        return bool(np.any(self.hashes != _EMPTY))


def _tolls(figures: Sequence[tuple[str, int]]) -> dict[str, int]:
    tolls: dict[str, int] = {}
    for kind, count in figures:
        if kind in _TOLL_KINDS and count > tolls.get(kind, -1):
            tolls[kind] = count
    return tolls


def text_similarities(entry: Entry, others: Sequence[Entry]) -> np.ndarray[Any, np.dtype[np.float64]]:
    """MinHash estimates of the Jaccard similarity of ``entry`` with each of ``others`` (0 without text)."""
    if not others or not entry.has_text:
        return np.zeros(len(others))
    matrix = np.stack([other.hashes for other in others])
    equal = (matrix == entry.hashes).mean(axis=1)
    return np.asarray(equal, dtype=np.float64)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / min(|a|, |b|): 1 when one set names only what the other names; 0 when either is empty."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def place_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap of two place sets, halved when they share a single place: one city is named in many
    events of a day (two strikes in Gaza City), several shared places (a region, its capital, the
    town of the talks) make one event likelier."""
    shared = len(a & b)
    if not shared:
        return 0.0
    return overlap(a, b) * min(1.0, shared / 2)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def toll_conflict(newer: Entry, older: Entry) -> bool:
    """Whether the later report states a lower toll of a kind than the earlier one (tolls only rise)."""
    return any(newer.tolls[kind] < older.tolls[kind] for kind in newer.tolls.keys() & older.tolls.keys())


def pair_score(entry: Entry, other: Entry, text: float, config: StoryConfig) -> float:
    """The score of two articles given their text similarity (see ``StoryConfig``)."""
    score = config.text_weight * text
    score += config.place_weight * place_similarity(entry.places, other.places)
    score += config.country_weight * jaccard(entry.countries, other.countries)
    if entry.figures & other.figures:
        score += config.figure_weight
    newer, older = (entry, other) if entry.features.event_time >= other.features.event_time else (other, entry)
    if toll_conflict(newer, older):
        score -= config.figure_conflict
    return round(float(score), 9)
