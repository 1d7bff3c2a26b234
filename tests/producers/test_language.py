"""One language detector for the whole pipeline: the producers use the engine's, and its codes."""

from __future__ import annotations

from mediamon.analysis import language as engine
from mediamon.producers import pipeline
from tests.producers.samples import ARABIC, PERSIAN, article_text


def test_the_producer_uses_the_engine_detector() -> None:
    assert pipeline.detect_language is engine.detect_language
    assert [pipeline.detect_language(article_text(s)) for s in ARABIC] == ["ar"] * len(ARABIC)
    assert pipeline.detect_language(article_text(PERSIAN)) == "fa"


def test_nothing_to_judge_is_und() -> None:
    assert pipeline.detect_language("   ") == "und" == engine.detect_language("")
