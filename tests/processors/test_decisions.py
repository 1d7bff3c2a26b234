"""Alert decisions per story (pure)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mediamon.ids import article_id
from mediamon.processors.decisions import AlertPolicy, Figure, RuleLabels, StoryState, add_article, decide, least
from mediamon.schema import Alert, Analysis, Article, Casualty, EnrichedArticle, Span

T0 = datetime(2024, 5, 1, 8, tzinfo=UTC)
LABELS = {"casualties": RuleLabels("ضحايا", "Casualties"), "ceasefire": RuleLabels("وقف إطلاق النار", "Ceasefire")}
POLICY = AlertPolicy()


def _article(n: int, hours: float, rules: list[str], figures: list[tuple[str, int | None, str]]) -> EnrichedArticle:
    url = f"https://outlet{n}.example/{n}"
    article = Article(id=article_id(url), url=url, source=f"outlet{n}", title=f"عنوان {n}", text="نص",
                      published=T0 + timedelta(hours=hours))
    span = Span(text="x", start=0, end=1)
    analysis = Analysis(
        id=article.id, language="ar",
        alerts=[Alert(rule=r, severity="critical" if r == "casualties" else "high", matches=[span]) for r in rules],
        casualties=[Casualty(kind=k, count=c, qualifier=q, text="x", start=0, end=1, mentions=[span])  # type: ignore[arg-type]
                    for k, c, q in figures],
    )
    return EnrichedArticle.build(article, analysis)


def _run(articles: list[EnrichedArticle], policy: AlertPolicy = POLICY) -> tuple[StoryState | None, list[str]]:
    state: StoryState | None = None
    kinds: list[str] = []
    for article in articles:
        after = add_article(state, "s1", article, LABELS)
        state, alerts = decide(state, after, article.event_time, policy)
        kinds += [f"{a.kind}{'*' if a.resurgence else ''}:{a.revision}" for a in alerts]
    return state, kinds


def test_one_new_alert_per_story_listing_every_rule_and_the_highest_severity() -> None:
    first = _article(1, 0, ["ceasefire", "casualties"], [("killed", 4, "exact")])
    state, kinds = _run([first, _article(2, 1, ["casualties"], [("killed", 4, "exact")])])
    assert kinds == ["new:0"]
    assert state is not None and state.size == 2 and state.severity == "critical"


def test_a_rise_past_the_step_is_one_update_and_a_small_rise_none() -> None:
    arts = [_article(1, 0, ["casualties"], [("killed", 32, "exact")]),
            _article(2, 1, ["casualties"], [("killed", 100, "about"), ("injured", 300, "exact")]),
            _article(3, 2, ["casualties"], [("killed", 104, "exact")])]
    state, kinds = _run(arts)
    assert kinds == ["new:0", "update:1"]
    assert state is not None and state.figures["killed"].count == 104  # kept, not alerted: below the step


def test_the_qualifier_is_respected() -> None:
    assert least(Figure(kind="injured", count=200, qualifier="more_than")) == 201
    arts = [_article(1, 0, ["casualties"], [("injured", 200, "more_than")]),
            _article(2, 1, ["casualties"], [("injured", 200, "exact")])]
    state, kinds = _run(arts)
    assert kinds == ["new:0"] and state is not None and state.figures["injured"].qualifier == "more_than"


def test_a_rule_firing_for_the_first_time_is_an_update_and_the_same_article_twice_changes_nothing() -> None:
    first = _article(1, 0, ["casualties"], [])
    later = _article(2, 1, ["ceasefire"], [])
    state, kinds = _run([first, later, later, first])
    assert kinds == ["new:0", "update:1"]
    assert state is not None and state.size == 2


def test_a_story_quiet_longer_than_the_realert_window_resurges() -> None:
    policy = AlertPolicy(realert=timedelta(hours=12))
    _, kinds = _run([_article(1, 0, ["casualties"], []), _article(2, 13, ["casualties"], [])], policy)
    assert kinds == ["new:0", "new*:1"]


def test_decisions_use_event_time_only() -> None:
    arts = [_article(1, 0, ["casualties"], [("killed", 3, "exact")]),
            _article(2, 1, ["casualties"], [("killed", 30, "exact")])]
    assert _run(arts) == _run(arts)
    _, alerts = decide(None, add_article(None, "s1", arts[0], LABELS), arts[0].event_time, POLICY)
    assert alerts[0].decided_at == arts[0].event_time
