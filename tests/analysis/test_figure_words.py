"""What a word can be in a casualty figure: the facts the finder reads."""

from __future__ import annotations

import pytest

from mediamon.analysis.figure_words import facts_of
from mediamon.analysis.normalize import normalize


@pytest.mark.parametrize("word", ["قتيل", "جريحاً", "غريق", "وشهيد", "قتيلين", "غريقين", "والجريحين"])
def test_lone_casualty_nouns(word: str) -> None:
    assert facts_of(normalize(word)).lone


@pytest.mark.parametrize("word", ["القتلى", "جرحى", "مقتل", "شخص", "جنديين"])
def test_not_lone(word: str) -> None:
    assert not facts_of(normalize(word)).lone


@pytest.mark.parametrize("word", ["وفقدان", "وتدمير", "والمدنيين"])
def test_conjuncts(word: str) -> None:
    assert facts_of(normalize(word)).conjunct


@pytest.mark.parametrize("word", ["وزراء", "ولدا", "وافدين", "شخصا", "وفد"])
def test_not_conjuncts(word: str) -> None:
    assert not facts_of(normalize(word)).conjunct
