"""Which channel an alert goes to. Pure.

A story's first message decides: its channel comes from the routes (first match wins, else the default; a route
with no channel drops the alert). Every later alert of the story follows that first message (same channel, and
in bot mode the same thread), whatever the routes say of it."""

from __future__ import annotations

from dataclasses import dataclass

from mediamon.schema import AlertEvent
from mediamon.sinks.slack.settings import SEVERITY_RANK, Route


@dataclass(frozen=True)
class Thread:
    """Where a story's first message went: its channel, and in bot mode the message ts that roots its thread."""

    channel: str
    ts: str | None = None
    channel_id: str | None = None  # the id Slack answered with (bot mode): replies go there


@dataclass(frozen=True)
class Destination:
    channel: str  # the routed channel: the pacing key, and the webhook's label in webhook mode
    thread_ts: str | None = None  # reply in this thread (bot mode)
    channel_id: str | None = None  # post here when known (bot mode replies)


def route(alert: AlertEvent, routes: list[Route], default_channel: str, thread: Thread | None) -> Destination | None:
    """Where ``alert`` goes, or None when the routes drop it."""
    if thread is not None:
        return Destination(thread.channel, thread.ts, thread.channel_id)
    rules = {r.rule for r in alert.rules}
    for candidate in routes:
        if candidate.rule is not None and candidate.rule not in rules:
            continue
        if candidate.min_severity is not None and SEVERITY_RANK[alert.severity] < SEVERITY_RANK[candidate.min_severity]:
            continue
        return Destination(candidate.channel) if candidate.channel else None
    return Destination(default_channel)
