"""Upcasting: a message of the previous schema version turned into the current shape before validation. Pure.

One function per (message, version) step; ``upcast`` applies them in order. When v3 comes, add the v2 -> v3 steps
and move ``READABLE_VERSIONS`` on in mediamon.schema: readers then accept v2 and v3.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Payload = dict[str, Any]
Step = Callable[[Payload], Payload]


def _casualty_mentions_v1(payload: Payload) -> Payload:
    """v1 listed every mention as its own casualty entry; v2 lists facts with their mentions. A v1 entry
    becomes a fact mentioned once (its own span)."""
    analysis = payload.get("analysis")
    if isinstance(analysis, dict) and isinstance(analysis.get("casualties"), list):
        for item in analysis["casualties"]:
            if isinstance(item, dict) and "mentions" not in item:
                item["mentions"] = [{k: item.get(k) for k in ("text", "start", "end")}]
    return payload


def _same_shape(payload: Payload) -> Payload:
    return payload


# message name -> {from_version: step to from_version + 1}
STEPS: dict[str, dict[int, Step]] = {
    "EnrichedArticle": {1: _casualty_mentions_v1},
    "Article": {1: _same_shape},
    "DeadLetter": {1: _same_shape},
}


def upcast(payload: Payload, message: str, current: int) -> Payload:
    """``payload`` (a fresh dict the caller owns) brought up to version ``current``."""
    version = payload.get("schema_version")
    steps = STEPS.get(message, {})
    while isinstance(version, int) and version < current:
        payload = steps.get(version, _same_shape)(payload)
        version += 1
    payload["schema_version"] = current
    return payload
