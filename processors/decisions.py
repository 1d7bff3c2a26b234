"""Alert decisions per story: one ``new`` alert per story, an ``update`` when the facts change, a resurgence after a
quiet spell. Pure: no Kafka, no clock. Every decision is a function of the story's state and the article's event time,
so a replay squeezed into minutes decides what the live run decided.

The rule for updates (docs/stories.md):
- the story's highest killed or injured figure rises past the step over the figure last alerted: at least
  ``step_min`` more people and at least ``step_ratio`` more (32 -> 100 is an update, 100 -> 104 is not);
  a figure is compared by the least it can mean ("more than 200" is at least 201, so "200" is no rise);
- or a rule fires on the story for the first time (a casualties story now reports a ceasefire);
- all changes an article brings make one update.

A story's figures are those of its event: a toll an article dates to an earlier period is left out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field

from mediamon.analysis.event_facts import event_facts
from mediamon.processors.stories.retrospective import is_retrospective
from mediamon.schema import (
    AlertEvent,
    Casualty,
    EnrichedArticle,
    Figure,
    FigureChange,
    Outlet,
    RuleRef,
    Severity,
)

SEVERITY_RANK: dict[Severity, int] = {"low": 0, "medium": 1, "high": 2, "critical": 3}
QUALIFIER_RANK = {"exact": 4, "more_than": 3, "at_least": 2, "about": 1, "vague": 0}
MAX_OUTLETS = 100
MAX_MATCHES = 12
MAX_PLACES = 30


@dataclass(frozen=True)
class RuleLabels:
    ar: str
    en: str


@dataclass(frozen=True)
class AlertPolicy:
    realert: timedelta = timedelta(hours=48)
    realert_by_rule: Mapping[str, timedelta] = field(default_factory=dict)
    step_ratio: float = 0.25
    step_min: int = 3
    rising_kinds: tuple[str, ...] = ("killed", "injured")

    def realert_for(self, rules: list[str]) -> timedelta:
        windows = [self.realert_by_rule.get(rule, self.realert) for rule in rules] or [self.realert]
        return min(windows)


class StoryState(BaseModel):
    """A story as kept in the story table (JSON), keyed by story id."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    story_id: str
    first_seen: datetime
    last_seen: datetime
    size: int = 0
    outlets: list[Outlet] = Field(default_factory=list)
    figures: dict[str, Figure] = Field(default_factory=dict)
    rules: list[RuleRef] = Field(default_factory=list)
    matches: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)
    headline: str = ""
    headline_url: str = ""
    revision: int = -1  # of the last alert; -1 while the story has raised none
    alerted_figures: dict[str, Figure] = Field(default_factory=dict)
    alerted_rules: list[str] = Field(default_factory=list)
    last_alert_at: datetime | None = None

    @property
    def severity(self) -> Severity:
        return max((r.severity for r in self.rules), key=SEVERITY_RANK.__getitem__, default="low")


def least(figure: Figure) -> int | None:
    """The least number a figure can mean; None for a vague amount."""
    if figure.count is None or figure.qualifier == "vague":
        return None
    return figure.count + 1 if figure.qualifier == "more_than" else figure.count


def _stronger(a: Figure, b: Figure | None) -> bool:
    """Whether ``a`` says more than ``b`` (by its least meaning, then by how exact it is)."""
    if b is None:
        return True
    la, lb = least(a), least(b)
    if la is None:
        return False
    if lb is None:
        return True
    return (la, QUALIFIER_RANK[a.qualifier]) > (lb, QUALIFIER_RANK[b.qualifier])


def _figure(fact: Casualty) -> Figure:
    return Figure(kind=fact.kind, count=fact.count, qualifier=fact.qualifier)


def _append_unique(items: list[str], new: list[str], cap: int) -> list[str]:
    out = list(items)
    for item in new:
        if item not in out and len(out) < cap:
            out.append(item)
    return out


def background_facts(title: str, text: str, facts: Sequence[Casualty], when: datetime) -> list[int]:
    """Positions in ``facts`` of the background ones: a toll the article dates to an earlier period (the war of
    2020, the nineties) is not its event's (analysis/event_facts.py), and an anniversary piece tells no current
    toll at all. The enrich stage stores them in the message (``EnrichedArticle.background``)."""
    if not facts:
        return []
    if is_retrospective(title, text):
        return list(range(len(facts)))
    current = {id(fact) for fact in event_facts(text, facts, when)}
    return [i for i, fact in enumerate(facts) if id(fact) not in current]


def current_facts(article: EnrichedArticle) -> list[Casualty]:
    """The article's facts that tell its event: all but the background ones, as the message says them, or as
    ``background_facts`` decides them for a message that does not say."""
    facts = article.analysis.casualties
    background = article.background
    if background is None:
        background = background_facts(article.title, article.text, facts, article.event_time)
    if not background:
        return list(facts)
    skip = set(background)
    return [fact for i, fact in enumerate(facts) if i not in skip]


def add_article(state: StoryState | None, story_id: str, article: EnrichedArticle,
                labels: Mapping[str, RuleLabels]) -> StoryState:
    """The story with ``article`` added. An article already in the story changes nothing."""
    when = article.event_time
    outlet = Outlet(article_id=article.id, source=article.source, url=article.url, title=article.title,
                    published=article.published)
    if state is None:
        state = StoryState(story_id=story_id, first_seen=when, last_seen=when, headline=article.title,
                           headline_url=article.url)
    # An article seen before (a redelivery, a replay) merges its facts again but is not counted twice: the same
    # analysis changes nothing, a new rule's analysis (reprocessing) adds what the rule now finds.
    seen = any(o.article_id == article.id for o in state.outlets)
    analysis = article.analysis
    figures = dict(state.figures)
    for fact in current_facts(article):
        figure = _figure(fact)
        if _stronger(figure, figures.get(fact.kind)):
            figures[fact.kind] = figure
    rules = list(state.rules)
    known = {r.rule for r in rules}
    for alert in analysis.alerts:
        if alert.rule not in known:
            label = labels.get(alert.rule, RuleLabels(alert.rule, alert.rule))
            rules.append(RuleRef(rule=alert.rule, severity=alert.severity, label_ar=label.ar, label_en=label.en))
            known.add(alert.rule)
    matches = _append_unique(state.matches, [m.text for a in analysis.alerts for m in a.matches], MAX_MATCHES)
    outlets = state.outlets if seen or len(state.outlets) >= MAX_OUTLETS else [*state.outlets, outlet]
    earliest = when < state.first_seen
    updated = state.model_copy(update={
        "first_seen": min(state.first_seen, when),
        "last_seen": max(state.last_seen, when),
        "size": state.size + (0 if seen else 1),
        "outlets": outlets,
        "figures": figures,
        "rules": rules,
        "matches": matches,
        "countries": _append_unique(state.countries, list(analysis.countries), MAX_PLACES),
        "places": _append_unique(state.places, [p.name for p in analysis.places], MAX_PLACES),
        # The best headline is the first report's (an earlier report arriving late takes over).
        "headline": article.title if earliest else state.headline,
        "headline_url": article.url if earliest else state.headline_url,
    })
    return state if updated == state else updated


def alert_id(story_id: str, revision: int) -> str:
    return hashlib.sha256(f"{story_id}:{revision}".encode()).hexdigest()[:32]


def _rises(state: StoryState, policy: AlertPolicy) -> list[FigureChange]:
    changes = []
    for kind in policy.rising_kinds:
        after = state.figures.get(kind)
        if after is None or least(after) is None:
            continue
        before = state.alerted_figures.get(kind)
        now = least(after) or 0
        then = least(before) if before is not None else None
        if then is None:
            if before is None and state.revision >= 0:  # a first figure of this kind after the first alert
                changes.append(FigureChange(kind=after.kind, before=None, after=after))
            continue
        if now >= then + policy.step_min and now >= then * (1 + policy.step_ratio):
            changes.append(FigureChange(kind=after.kind, before=before, after=after))
    return changes


def decide(before: StoryState | None, after: StoryState, event_time: datetime, policy: AlertPolicy, *,
           replay: bool = False) -> tuple[StoryState, list[AlertEvent]]:
    """The alerts ``after`` calls for, given the story as it was; returns the story with its alert bookkeeping."""
    if before is not None and after == before:
        return after, []
    if not after.rules:
        return after, []
    rule_ids = [r.rule for r in after.rules]
    if after.revision < 0:
        return _raise(after, "new", event_time, [], rule_ids, replay=replay)
    quiet = before is not None and event_time - before.last_seen > policy.realert_for(rule_ids)
    if quiet:
        return _raise(after, "new", event_time, [], [], replay=replay, resurgence=True)
    changes = _rises(after, policy)
    new_rules = [r for r in rule_ids if r not in after.alerted_rules]
    if changes or new_rules:
        return _raise(after, "update", event_time, changes, new_rules, replay=replay)
    return after, []


def _raise(state: StoryState, kind: str, event_time: datetime, changes: list[FigureChange], new_rules: list[str],
           *, replay: bool, resurgence: bool = False) -> tuple[StoryState, list[AlertEvent]]:
    revision = state.revision + 1
    event = AlertEvent(
        alert_id=alert_id(state.story_id, revision),
        kind="new" if kind == "new" else "update",
        story_id=state.story_id,
        revision=revision,
        severity=state.severity,
        rules=state.rules,
        new_rules=new_rules,
        headline=state.headline,
        headline_url=state.headline_url,
        matches=state.matches,
        figures=list(state.figures.values()),
        changes=changes,
        countries=state.countries,
        places=state.places,
        outlets=state.outlets,
        story_size=state.size,
        event_time=event_time,
        decided_at=event_time,  # event time, not the wall clock: a replay decides and stamps the same
        resurgence=resurgence,
        replay=replay,
    )
    updated = state.model_copy(update={
        "revision": revision,
        "alerted_figures": dict(state.figures),
        "alerted_rules": [r.rule for r in state.rules],
        "last_alert_at": event_time,
    })
    return updated, [event]
