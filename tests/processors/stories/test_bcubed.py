from __future__ import annotations

import pytest

from mediamon.processors.stories.bcubed import bcubed


def test_perfect_clustering() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    score = bcubed({"a": "1", "b": "1", "c": "2"}, gold)
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_everything_in_one_cluster() -> None:
    # a, b: 2/3 of their cluster shares their label; c: 1/3. Recall is perfect.
    score = bcubed({"a": "1", "b": "1", "c": "1"}, {"a": "x", "b": "x", "c": "y"})
    assert score.precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    assert score.recall == 1.0


def test_every_item_alone() -> None:
    # Precision is perfect; a and b each find half of their gold story.
    score = bcubed({"a": "1", "b": "2", "c": "3"}, {"a": "x", "b": "x", "c": "y"})
    assert score.precision == 1.0
    assert score.recall == pytest.approx((1 / 2 + 1 / 2 + 1) / 3)
    assert score.f1 == pytest.approx(2 * 1 * (2 / 3) / (1 + 2 / 3))


def test_cluster_names_do_not_matter() -> None:
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    assert bcubed({"a": "p", "b": "q", "c": "q", "d": "q"}, gold) == bcubed(
        {"a": "1", "b": "2", "c": "2", "d": "2"}, gold
    )


def test_items_must_agree() -> None:
    with pytest.raises(ValueError):
        bcubed({"a": "1"}, {"b": "x"})
