"""The analyzer the processor uses: the analysis engine, loaded once per worker."""

from __future__ import annotations

from functools import lru_cache

from mediamon.analysis.engine import Engine
from mediamon.schema import Analysis
from mediamon.settings import get_settings


@lru_cache(maxsize=1)
def _engine() -> Engine:
    return Engine(rules_dir=get_settings().rules_dir)


def analyze(article_id: str, title: str, text: str) -> Analysis:
    return _engine().analyze(article_id, title, text)
