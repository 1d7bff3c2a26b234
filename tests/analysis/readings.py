"""What the engine reads in a text, in the plain shapes the real-news tests compare against."""

from __future__ import annotations

from mediamon.analysis.engine import analyze

Figure = tuple[str, int | None, str]  # kind, count, qualifier


def facts(text: str) -> list[Figure]:
    return [(c.kind, c.count, c.qualifier) for c in analyze("t", "", text).casualties]


def alerts(text: str) -> set[str]:
    return {alert.rule for alert in analyze("t", "", text).alerts}
