"""One step of the story agent: the article's story, the story's new state, the alerts and spikes it calls for.

The decisions themselves are pure (mediamon.processors.decisions, .spikes, .stories); this class holds what they
need between articles, all of it in Faust tables (changelogged, on the worker's store):

- ``story_articles``: article id -> story id and event time, kept ``story_state_days`` (replays within that
  horizon find their articles known: no new story, no new ``new`` alert);
- ``story_features``: article id -> its MinHash and facts, kept for the story window; the in-memory candidate
  index (datasketch LSH) is rebuilt from it after a restart or a rebalance;
- ``stories``: story id -> StoryState (JSON), kept ``story_state_days`` after its last report; a changed state is
  held in memory until ``flush()``, which writes each changed story once (the agent flushes every round of events
  and acks the round's events only after it: mediamon.processors.barrier);
- ``spike_marks`` (spikes already raised).
Expiry follows the highest event time seen, never the wall clock. It runs every ``EXPIRE_EVERY`` new articles and
costs in proportion to what falls due, not to the tables: the step keeps when each row falls due in memory
(mediamon.processors.deadlines), rebuilt from the tables with the story index.

The spike counts (per tumbling window of event time and rule, topic or country) are kept in memory only
(mediamon.processors.spike_counts): each ``story_articles`` row keeps the keys its article counted towards, so the
counts are rebuilt from that table with the story index, and equal what is stored.

The agent is the only writer of these tables (one partition, one worker at a time), so reads go through
in-memory caches that the step keeps in line with its own writes: story states (parsed once) and spike marks.
``reset()`` (a rebalance) drops them, the index and the counts; after it every value is read from the tables again.
"""

from __future__ import annotations

import json
import logging
from collections import OrderedDict, deque
from collections.abc import MutableMapping
from datetime import datetime, timedelta
from typing import Any

from mediamon.analysis.rules import load_rules_dir
from mediamon.processors.deadlines import Deadlines
from mediamon.processors.decisions import AlertPolicy, RuleLabels, StoryState, add_article, decide
from mediamon.processors.spike_counts import WindowCounts
from mediamon.processors.spikes import (
    Crossing,
    SpikePolicy,
    crossing,
    dimensions_of,
    key_of,
    spike_event,
    window_start,
)
from mediamon.processors.stories.config import StoryConfig
from mediamon.processors.stories.engine_facts import features_from_analysis
from mediamon.processors.stories.features import ArticleFeatures
from mediamon.processors.stories.index import StoryIndex, assign
from mediamon.schema import AlertEvent, EnrichedArticle, TopStory
from mediamon.settings import Settings

log = logging.getLogger(__name__)

Table = MutableMapping[bytes, Any]
# New articles between two expiry passes. A pass costs what falls due, so it could run more often; but when it runs
# decides whether a late article still finds an old one in the index, and a worker taking over the story log starts
# counting afresh: rare passes keep a takeover's assignments those of an uninterrupted run (tests/processors).
EXPIRE_EVERY = 2000
FEATURES_VERSION = 12  # of the feature code (features.py, shingles.py, engine_facts.py): bump when it changes
STORY_CACHE = 20_000  # parsed story states kept in memory (least recently used dropped)
MARK_CACHE = 50_000  # spike-mark lookups remembered (cleared when full)
FEATURES_MARGIN = timedelta(hours=1)  # features are kept this long beyond the story window


def policies(settings: Settings) -> tuple[StoryConfig, AlertPolicy, SpikePolicy]:
    story = StoryConfig(window=timedelta(hours=settings.story_window_hours))
    alert = AlertPolicy(
        realert=timedelta(hours=settings.realert_hours),
        realert_by_rule={k: timedelta(hours=v) for k, v in settings.realert_hours_by_rule.items()},
        step_ratio=settings.update_step_ratio,
        step_min=settings.update_step_min,
    )
    spike = SpikePolicy(window=timedelta(minutes=settings.spike_window_minutes),
                        baseline_windows=settings.spike_baseline_windows, factor=settings.spike_factor,
                        min_count=settings.spike_min_count)
    return story, alert, spike


def features_fingerprint(config: StoryConfig) -> bytes:
    """What stored signatures depend on (docs/stories.md): features computed under another value are recomputed."""
    return f"{FEATURES_VERSION}:{config.num_perm}:{config.seed}:{config.lead_words}:{config.shingle_size}".encode()


def story_features(article: EnrichedArticle, config: StoryConfig) -> tuple[ArticleFeatures, bytes]:
    """The article's story features, and their JSON as stored in ``story_features``."""
    features = features_from_analysis(article.id, article.source, article.title, article.text, article.event_time,
                                      article.analysis, config)
    return features, json.dumps(features.to_dict()).encode()


def _parsed(computed: bytes | None) -> ArticleFeatures | None:
    if not computed:
        return None
    try:
        return ArticleFeatures.from_dict(json.loads(computed))
    except (ValueError, KeyError, TypeError):  # not features: computed again from the article
        return None


def rule_labels(settings: Settings) -> dict[str, RuleLabels]:
    return {rule.id: RuleLabels(rule.labels.ar, rule.labels.en) for rule in load_rules_dir(settings.rules_dir).rules}


class StoryStep:
    def __init__(self, settings: Settings, articles: Table, stories: Table, features: Table, marks: Table) -> None:
        self.articles, self.stories, self.features, self.marks = articles, stories, features, marks
        self.story_config, self.policy, self.spike_policy = policies(settings)
        self.fingerprint = features_fingerprint(self.story_config)
        self.state_horizon = timedelta(days=settings.story_state_days)
        self._labels: dict[str, RuleLabels] | None = None
        self._settings = settings
        self.index: StoryIndex | None = None
        self.watermark: datetime | None = None
        self._since_expiry = 0
        # Recent articles of the current spike windows, for the "top stories" of a spike (memory only: after a
        # restart a spike lists fewer top stories; its alert id, decision and count do not change).
        self.recent: deque[tuple[datetime, str, str, frozenset[tuple[str, str]]]] = deque()
        self._states: OrderedDict[str, StoryState | None] = OrderedDict()
        self._unwritten: dict[str, StoryState] = {}  # changed since the last flush()
        self._marked: dict[bytes, bool] = {}
        # When each row of the tables reaches the state horizon, by the event time it keeps (the story's last report,
        # the spike window's start); rebuilt from the tables with the index.
        self._articles_due: Deadlines[bytes] = Deadlines()
        self._stories_due: Deadlines[str] = Deadlines()
        self._marks_due: Deadlines[bytes] = Deadlines()
        # The baseline and the current window, and two for late articles (the windowed table kept as many).
        self.counts = WindowCounts(keep=self.spike_policy.baseline_windows + 2)

    @property
    def labels(self) -> dict[str, RuleLabels]:
        if self._labels is None:
            self._labels = rule_labels(self._settings)
        return self._labels

    def reset(self) -> None:
        """Forget everything held in memory, unwritten story states included (their events are not acked)."""
        self.index = None
        self._states.clear()
        self._unwritten.clear()
        self._marked.clear()
        self.counts.clear()

    def _ensure_index(self) -> StoryIndex:
        """The story index and the spike counts, rebuilt from the tables when they are not in memory."""
        if self.index is None:
            index = StoryIndex(self.story_config)
            self.counts.clear()
            for due in (self._articles_due, self._stories_due, self._marks_due):
                due.clear()
            # The features are kept for the story window: enough for the spike windows, unless those reach further.
            spike_horizon = self.spike_policy.window * (self.counts.keep + 1)
            count_all = spike_horizon > self.story_config.window + FEATURES_MARGIN
            entries = 0
            for key, value in list(self.features.items()):
                known = self.articles.get(key)
                if known is None or value is None:
                    continue
                row = json.loads(known)
                index.add(ArticleFeatures.from_dict(json.loads(value)), row["story_id"])
                if not count_all:
                    self._count_row(row)
                entries += 1
            for key, value in list(self.articles.items()):
                if value is not None:
                    row = json.loads(value)
                    self._articles_due.add(datetime.fromisoformat(row["t"]), key)
                    if count_all:
                        self._count_row(row)
            for key, value in list(self.stories.items()):
                if value is not None:
                    self._stories_due.add(datetime.fromisoformat(json.loads(value)["last_seen"]), key.decode())
            for key, value in list(self.marks.items()):
                if value is not None:
                    self._marks_due.add(datetime.fromisoformat(value.decode()), key)
            log.info("story index rebuilt from the table: %d articles; spike counts of %d windows", entries,
                     len(self.counts))
            self.index = index
        return self.index

    def _count_row(self, row: dict[str, Any]) -> None:
        keys = row.get("k")
        if keys is not None:  # rows written before the counts moved here keep none (docs/stories.md)
            self.counts.add(self._window_of(datetime.fromisoformat(row["t"])), keys)

    def _window_of(self, when: datetime) -> int:
        return int(when.timestamp() // self.spike_policy.window.total_seconds())

    def apply(self, article: EnrichedArticle,
              computed: bytes | None = None) -> tuple[EnrichedArticle, list[AlertEvent]]:
        """``computed``: the article's features as ``story_features`` computed them (the enrich stage does, in its
        analysis processes); they are used when they are this article's, else computed here."""
        index = self._ensure_index()
        key = article.id.encode()
        known = self.articles.get(key)
        when = article.event_time
        dims = dimensions_of(article)
        keys = [key_of(dimension, value) for dimension, value in dims]
        if known is not None:
            story_id = str(json.loads(known)["story_id"])
        else:
            features = _parsed(computed)
            if features is None or features.article_id != article.id:
                features, computed = story_features(article, self.story_config)
            story_id = assign(index, features)
            # "k": what the article counts towards in the spike windows (the counts are rebuilt from these rows)
            self.articles[key] = json.dumps({"story_id": story_id, "t": when.isoformat(), "k": keys}).encode()
            self.features[key] = computed
            self._articles_due.add(when, key)
        before = self._story(story_id)
        after = add_article(before, story_id, article, self.labels)
        after, alerts = decide(before, after, when, self.policy, replay=article.replay)
        if after != before:
            self._unwritten[story_id] = after
            self._remember(story_id, after)
            if before is None or after.last_seen != before.last_seen:
                self._stories_due.add(after.last_seen, story_id)
        if known is None:
            alerts += self._spikes(article, dims, keys, story_id, after.headline)
            self._maybe_expire(when)
        return article.model_copy(update={"story_id": story_id}), alerts

    def flush(self) -> int:
        """Write the story states changed since the last flush to the table, each once; returns how many."""
        written = 0
        for story_id, state in self._unwritten.items():
            self.stories[story_id.encode()] = state.model_dump_json().encode()
            written += 1
        self._unwritten.clear()
        return written

    @property
    def unwritten(self) -> int:
        return len(self._unwritten)

    def _story(self, story_id: str) -> StoryState | None:
        """The story's state: from the cache, else the unwritten one, else parsed from the table (remembered)."""
        try:
            state = self._states[story_id]
        except KeyError:
            state = self._unwritten.get(story_id)
            if state is None:
                raw = self.stories.get(story_id.encode())
                state = StoryState.model_validate_json(raw) if raw else None
            self._remember(story_id, state)
            return state
        self._states.move_to_end(story_id)
        return state

    def _remember(self, story_id: str, state: StoryState | None) -> None:
        self._states[story_id] = state
        self._states.move_to_end(story_id)
        if len(self._states) > STORY_CACHE:
            self._states.popitem(last=False)

    # -- spikes ------------------------------------------------------------------------------------------

    def _spikes(self, article: EnrichedArticle, dims: list[tuple[str, str]], keys: list[str], story_id: str,
                headline: str) -> list[AlertEvent]:
        """Count the article in its window (its event time) for each of ``dims`` (``keys``); the spike it makes,
        if any."""
        policy = self.spike_policy
        when = article.event_time
        start = window_start(when, policy.window)
        window = self._window_of(when)
        self.recent.append((when, story_id, headline, frozenset(dims)))
        while self.recent and self.recent[0][0] < start - policy.window:
            self.recent.popleft()
        crossings: list[Crossing] = []
        for (dimension, value), key, count in zip(dims, keys, self.counts.add(window, keys), strict=True):
            if count < policy.min_count or self._is_marked(self._mark(dimension, value, start)):
                continue
            found = crossing(dimension, value, count, self.counts.history(key, window, policy.baseline_windows),
                             policy)
            if found is not None:
                crossings.append(found)
        if not crossings:
            return []
        for c in crossings:
            mark = self._mark(c.dimension, c.value, start)
            self.marks[mark] = start.isoformat().encode()
            self._marked[mark] = True
            self._marks_due.add(start, mark)
        main = (crossings[0].dimension, crossings[0].value)
        tally: dict[str, list[Any]] = {}
        for t, sid, title, article_dims in self.recent:
            if t >= start and main in article_dims:
                tally.setdefault(sid, [0, title])[0] += 1
        top = [TopStory(story_id=sid, headline=title, size=n)
               for sid, (n, title) in sorted(tally.items(), key=lambda kv: (-kv[1][0], kv[0]))[:5]]
        return [spike_event(crossings, start, policy, top, when, replay=article.replay)]

    def _is_marked(self, mark: bytes) -> bool:
        known = self._marked.get(mark)
        if known is None:
            if len(self._marked) >= MARK_CACHE:
                self._marked.clear()
            known = self._marked[mark] = self.marks.get(mark) is not None
        return known

    @staticmethod
    def _mark(dimension: str, value: str, start: datetime) -> bytes:
        return f"{dimension}:{value}:{start.isoformat()}".encode()

    # -- expiry ------------------------------------------------------------------------------------------

    def _maybe_expire(self, when: datetime) -> None:
        if self.watermark is None or when > self.watermark:
            self.watermark = when
        self._since_expiry += 1
        if self._since_expiry < EXPIRE_EVERY:
            return
        self._since_expiry = 0
        self.expire(self.watermark)

    def expire(self, now: datetime) -> dict[str, int]:
        """Drop what is older than its horizon at event time ``now``; returns counts per table. Reads only the rows
        that fell due (each checked against its table: a story seen again since stays)."""
        index = self._ensure_index()
        window_cut = now - self.story_config.window - FEATURES_MARGIN
        dropped = {"features": 0, "articles": 0, "stories": 0, "marks": 0}
        for article_id in index.expire(window_cut):
            self.features.pop(article_id.encode(), None)
            dropped["features"] += 1
        state_cut = now - self.state_horizon
        for key in self._articles_due.due(state_cut):
            value = self.articles.get(key)
            if value is not None and datetime.fromisoformat(json.loads(value)["t"]) < state_cut:
                del self.articles[key]
                dropped["articles"] += 1
        for story_id in self._stories_due.due(state_cut):
            state = self._story(story_id)
            if state is not None and state.last_seen < state_cut:
                self._unwritten.pop(story_id, None)
                self._states.pop(story_id, None)
                if self.stories.get(story_id.encode()) is not None:
                    del self.stories[story_id.encode()]
                dropped["stories"] += 1
        for key in self._marks_due.due(state_cut):
            value = self.marks.get(key)
            if value is not None and datetime.fromisoformat(value.decode()) < state_cut:
                del self.marks[key]
                self._marked.pop(key, None)
                dropped["marks"] += 1
        if any(dropped.values()):
            log.info("story state expired before %s: %s", state_cut.isoformat(), dropped)
        return dropped
