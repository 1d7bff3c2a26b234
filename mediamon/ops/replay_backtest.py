"""Back-testing the current rules over a range (``mediamon replay reprocess --dry-run --diff``): run the engine
in memory over the raw articles of the range and compare with what Elasticsearch has indexed for them. Nothing is
written anywhere.

Per rule: the articles it would newly match or drop, with example headlines. Per story (the story id of the indexed
article): the rules the story would gain, which the processor turns into an alert (``new`` when the story had no
rule yet, ``update`` otherwise, both flagged replay), and the rules it would no longer match (the processor never
retracts an alert already sent; the documents simply stop listing the rule).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from elasticsearch import Elasticsearch

from mediamon.analysis.engine import Engine
from mediamon.codec import decode
from mediamon.ops.replay_progress import Summary
from mediamon.ops.replay_range import TopicRange
from mediamon.ops.replay_read import range_consumer, read_range
from mediamon.schema import Article
from mediamon.settings import Settings

MAX_ANALYZED_CHARS = 100_000  # as the processor (processors/enrich.py)
EXAMPLES = 3


def indexed_rules(doc: dict[str, Any]) -> set[str]:
    """The rule ids of an indexed article, read defensively: ``analysis.alerts[].rule`` and any flat ``rules``."""
    out: set[str] = set()
    analysis = doc.get("analysis")
    if isinstance(analysis, dict):
        for alert in analysis.get("alerts") or []:
            if isinstance(alert, dict) and isinstance(alert.get("rule"), str):
                out.add(alert["rule"])
    flat = doc.get("rules")
    if isinstance(flat, list):
        out |= {r for r in flat if isinstance(r, str)}
    elif isinstance(flat, str):
        out.add(flat)
    return out


@dataclass
class ArticleDiff:
    id: str
    title: str
    story_id: str | None
    indexed: set[str] | None  # None: not indexed
    current: set[str]

    @property
    def gained(self) -> set[str]:
        return self.current - (self.indexed or set())

    @property
    def dropped(self) -> set[str]:
        return (self.indexed or set()) - self.current


@dataclass
class StoryDiff:
    story_id: str
    headline: str
    before: set[str]  # rules of the story's indexed articles (in and outside the range)
    after: set[str]

    @property
    def gains(self) -> set[str]:
        return self.after - self.before

    @property
    def losses(self) -> set[str]:
        return self.before - self.after

    @property
    def alert_kind(self) -> str:
        return "new" if not self.before else "update"


@dataclass
class Backtest:
    articles: list[ArticleDiff] = field(default_factory=list)
    stories: list[StoryDiff] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)

    def newly_matched(self) -> dict[str, list[ArticleDiff]]:
        out: dict[str, list[ArticleDiff]] = defaultdict(list)
        for a in self.articles:
            if a.indexed is not None:
                for rule in a.gained:
                    out[rule].append(a)
        return dict(out)

    def dropped(self) -> dict[str, list[ArticleDiff]]:
        out: dict[str, list[ArticleDiff]] = defaultdict(list)
        for a in self.articles:
            for rule in a.dropped:
                out[rule].append(a)
        return dict(out)

    @property
    def not_indexed(self) -> list[ArticleDiff]:
        return [a for a in self.articles if a.indexed is None]

    def report(self) -> list[str]:
        lines = [f"back-test of the current rules over {len(self.articles)} articles "
                 f"({len(self.not_indexed)} not indexed yet; nothing was written)"]
        for title, groups in (("would newly match", self.newly_matched()), ("would drop", self.dropped())):
            for rule, items in sorted(groups.items()):
                lines.append(f"  rule {rule}: {title} {len(items)} article(s)")
                lines += [f"      · {a.title}  [{a.id}]" for a in items[:EXAMPLES]]
        if not self.newly_matched() and not self.dropped():
            lines.append("  no rule would match or drop any indexed article differently")
        changed = [s for s in self.stories if s.gains or s.losses]
        lines.append(f"stories whose alerts would change: {len(changed)}")
        for s in changed:
            if s.gains:
                lines.append(f"  story {s.story_id} «{s.headline}»: would alert on {', '.join(sorted(s.gains))} "
                             f"({s.alert_kind}, flagged replay)")
            if s.losses:
                lines.append(f"  story {s.story_id} «{s.headline}»: would no longer match "
                             f"{', '.join(sorted(s.losses))} (alerts already sent stay)")
        return lines

    def as_json(self) -> dict[str, Any]:
        return {
            "articles": len(self.articles), "not_indexed": [a.id for a in self.not_indexed],
            "newly_matched": {r: [a.id for a in items] for r, items in self.newly_matched().items()},
            "dropped": {r: [a.id for a in items] for r, items in self.dropped().items()},
            "stories": [{"story_id": s.story_id, "headline": s.headline, "gains": sorted(s.gains),
                         "losses": sorted(s.losses), "alert": s.alert_kind if s.gains else None}
                        for s in self.stories if s.gains or s.losses],
        }


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def fetch_indexed(es: Elasticsearch, index: str, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Indexed documents by id. A search with an ``ids`` query, not mget: the index may be an alias over several
    (monthly) indices."""
    out: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(sorted(set(ids)), 500):
        found = es.search(index=index, query={"ids": {"values": chunk}}, size=len(chunk),
                          source_includes=["analysis.alerts.rule", "rules", "story_id", "title"],
                          ignore_unavailable=True)
        for hit in found["hits"]["hits"]:
            out[hit["_id"]] = hit.get("_source") or {}
    return out


def story_rules(es: Elasticsearch, index: str, story_ids: Iterable[str]) -> dict[str, dict[str, set[str]]]:
    """Per story, the rules of each of its indexed articles (the whole story, not only the range)."""
    out: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for chunk in _chunks(sorted(set(story_ids)), 200):
        found = es.search(index=index, query={"terms": {"story_id": chunk}}, size=10_000,
                          source_includes=["analysis.alerts.rule", "rules", "story_id"], ignore_unavailable=True)
        for hit in found["hits"]["hits"]:
            source = hit.get("_source") or {}
            out[str(source.get("story_id"))][hit["_id"]] = indexed_rules(source)
    return out


def backtest(settings: Settings, found: TopicRange, es: Elasticsearch, index: str,
             engine: Engine | None = None) -> Backtest:
    engine = engine or Engine(rules_dir=settings.rules_dir)
    result = Backtest()
    current: dict[str, tuple[Article, set[str]]] = {}
    consumer = range_consumer(settings, "mediamon-replay-backtest")
    try:
        for batch in read_range(consumer, found):
            for record in batch.records:
                result.summary.read += 1
                try:
                    article = decode(record.value, Article, "article")
                except Exception as exc:  # the processor would dead-letter it
                    result.summary.skip(f"undecodable ({type(exc).__name__})")
                    continue
                analysis = engine.analyze(article.id, article.title, article.text[:MAX_ANALYZED_CHARS])
                current[article.id] = (article, {a.rule for a in analysis.alerts})
    finally:
        consumer.close()
    indexed = fetch_indexed(es, index, current)
    for article_id, (article, rules) in current.items():
        doc = indexed.get(article_id)
        story = doc.get("story_id") if doc else None
        result.articles.append(ArticleDiff(article_id, article.title, str(story) if story else None,
                                           indexed_rules(doc) if doc is not None else None, rules))
    by_story: dict[str, list[ArticleDiff]] = defaultdict(list)
    for a in result.articles:
        if a.story_id:
            by_story[a.story_id].append(a)
    whole = story_rules(es, index, by_story)
    for story_id, members in sorted(by_story.items()):
        # The story's other articles where the index can search story ids (mapped as a keyword), and always the
        # range's own indexed articles.
        stored = dict(whole.get(story_id, {}))
        stored.update({a.id: a.indexed or set() for a in members})
        before: set[str] = set().union(*stored.values())
        after_by_article = dict(stored)
        for a in members:
            after_by_article[a.id] = a.current
        after: set[str] = set().union(*after_by_article.values())
        first = [a for a in members if a.id == story_id]
        headline = (first or members)[0].title
        result.stories.append(StoryDiff(story_id, headline, before, after))
    return result
