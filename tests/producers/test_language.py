from __future__ import annotations

import sys
import types

import pytest
from mediamon.producers.language import detect_language

from tests.producers.samples import ARABIC, PERSIAN, article_text


def test_arabic_and_persian() -> None:
    assert [detect_language(article_text(s)) for s in ARABIC] == ["ar"] * len(ARABIC)
    assert detect_language(article_text(PERSIAN)) == "fa"
    assert detect_language("   ") == "unknown"


def test_a_failing_engine_falls_back_to_langdetect(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    broken = types.ModuleType("mediamon.analysis.language")

    def explode(text: str) -> str:
        raise RuntimeError("engine bug")

    broken.detect_language = explode  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "mediamon.analysis.language", broken)
    assert detect_language(article_text(PERSIAN)) == "fa"
    assert "detect_language failed" in caplog.text
