"""The in-memory story index: MinHash LSH and an inverted index on places, over the articles in the window."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import defaultdict
from dataclasses import replace
from datetime import datetime
from heapq import heappop, heappush
from typing import Any

import numpy as np

from mediamon.processors.stories.bands import BandIndex
from mediamon.processors.stories.config import StoryConfig
from mediamon.processors.stories.features import ArticleFeatures
from mediamon.processors.stories.localities import variant
from mediamon.processors.stories.score import Entry, PairScorer

FIRST_ROWS = 1024  # signature rows allocated at first (doubled when full)

__all__ = ["StoryConfig", "StoryIndex", "assign"]


class StoryIndex:
    """In-memory candidate index (MinHash LSH banding + inverted index on places), rebuilt from the table.

    Its answers depend only on the set of articles it holds, never on the order they were added, the wall
    clock or hash seeds: candidates are sorted and ties broken by score, then the story's first event time,
    then the story id.
    """

    def __init__(self, config: StoryConfig) -> None:
        self.config = config
        self._entries: dict[str, Entry] = {}
        self._lsh = BandIndex(config.lsh_threshold, config.num_perm)
        self._by_place: dict[str, list[tuple[float, str]]] = defaultdict(list)  # place -> (time, article), sorted
        self._by_time: list[tuple[datetime, str]] = []
        self._story_start: dict[str, tuple[datetime, str]] = {}  # story -> (first event time, article)
        # story -> its members' (event time, article), a heap: the next start when the first one expires, without a
        # pass over a big story's members (members dropped before reaching the top are skipped then)
        self._starts: dict[str, list[tuple[datetime, str]]] = defaultdict(list)
        self._members: dict[str, set[str]] = defaultdict(set)  # story -> its indexed articles
        # Every indexed signature is a row of one matrix: a candidate list is compared in one indexing operation.
        self._signatures = np.zeros((FIRST_ROWS, config.num_perm), dtype=np.uint32)
        self._rows: dict[str, int] = {}  # article -> its row
        self._seconds: dict[str, float] = {}  # article -> its event time (seconds), read for every candidate
        self._free_rows: list[int] = []
        # No candidate scores more than its text's share plus these (places or, without places, shared phrases;
        # countries, a shared figure).
        self._bonus = sum(max(w, 0.0) for w in (max(config.place_weight, config.phrase_weight),
                                                config.country_weight, config.figure_weight, -config.figure_conflict))

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._entries

    def story_of(self, article_id: str) -> str | None:
        entry = self._entries.get(article_id)
        return entry.story_id if entry else None

    def add(self, features: ArticleFeatures, story_id: str) -> None:
        """Index an article as a member of ``story_id``; adding an article id again changes nothing."""
        if features.article_id in self._entries:
            return
        self._add(Entry.of(features, story_id))

    def _add(self, entry: Entry) -> None:
        if entry.names:
            entry = replace(entry, names=frozenset())  # only the article asked about needs its words
        features, story_id = entry.features, entry.story_id
        self._entries[features.article_id] = entry
        self._seconds[features.article_id] = entry.seconds
        self._rows[features.article_id] = row = self._free_rows.pop() if self._free_rows else len(self._rows)
        if row == len(self._signatures):
            self._signatures = np.concatenate([self._signatures, np.zeros_like(self._signatures)])
        self._signatures[row] = entry.hashes
        if entry.has_text:
            self._lsh.insert(features.article_id, entry.hashes)
        for place in entry.places:
            insort(self._by_place[place], (entry.seconds, features.article_id))
        insort(self._by_time, (features.event_time, features.article_id))
        self._members[story_id].add(features.article_id)
        start = (features.event_time, features.article_id)
        heappush(self._starts[story_id], start)
        if story_id not in self._story_start or start < self._story_start[story_id]:
            self._story_start[story_id] = start

    def assign(self, features: ArticleFeatures) -> str:
        """The article's story (``match()``, else its own id), with the article added to it."""
        known = self._entries.get(features.article_id)
        if known is not None:
            story: str = known.story_id
            return story
        entry = Entry.of(features, "")
        story = self._match(entry) or features.article_id
        self._add(replace(entry, story_id=story))
        return story

    def match(self, features: ArticleFeatures) -> str | None:
        """The best existing story within the window, or None."""
        known = self._entries.get(features.article_id)
        if known is not None:
            story: str = known.story_id
            return story
        return self._match(Entry.of(features, ""))

    def _match(self, entry: Entry) -> str | None:
        features, config = entry.features, self.config
        nearest = self._candidates(entry)
        candidates = [self._entries[i] for i in nearest]
        sims = self._text_similarities(entry, nearest)
        scorer = PairScorer(entry, config)
        best: dict[str, float] = {}
        # Most similar text first: a candidate that cannot beat its story's best score so far is not scored (the
        # best score per story, all that decides, is the same).
        floor = min(config.min_text, config.min_text_spot)
        bonus = self._bonus + config.craft_weight if entry.craft else self._bonus  # a ship in common (craft.py)
        for position in np.argsort(-sims, kind="stable"):
            text = float(sims[position])
            if text < floor:
                break
            other = candidates[position]
            if text < config.min_text and not entry.shared(other) and entry.craft.isdisjoint(other.craft):
                continue  # little wording in common is enough only with a locality or a ship in common (not a city)
            if (other.features.retrospective != features.retrospective
                    or other.features.commentary != features.commentary):
                continue  # an anniversary or an opinion piece is no report of the event, and no report is one
            known = best.get(other.story_id, float("-inf"))
            if known >= config.text_weight * text + bonus + 1e-9:
                continue
            score = scorer.score(other, text)
            if score >= config.threshold and score > known:
                best[other.story_id] = score
        if not best:
            return None
        ranked = sorted(best, key=lambda story: (-best[story], self._story_start[story], story))
        return ranked[0]

    def expire(self, before: datetime) -> list[str]:
        """Drop the articles whose event time is before ``before``; returns their ids (oldest first)."""
        cut = bisect_left(self._by_time, (before, ""))
        dropped = [article_id for _, article_id in self._by_time[:cut]]
        del self._by_time[:cut]
        for article_id in dropped:
            self._drop(article_id)
        return dropped

    def _drop(self, article_id: str) -> None:
        entry = self._entries.pop(article_id)
        del self._seconds[article_id]
        self._free_rows.append(self._rows.pop(article_id))
        if entry.has_text:
            self._lsh.remove(article_id, entry.hashes)
        for place in entry.places:
            times = self._by_place[place]
            del times[bisect_left(times, (entry.seconds, article_id))]
            if not times:
                del self._by_place[place]
        story = entry.story_id
        members = self._members[story]
        members.discard(article_id)
        if not members:
            del self._members[story], self._story_start[story], self._starts[story]
        elif self._story_start[story][1] == article_id:
            starts = self._starts[story]
            while starts[0][1] not in members or self._entries[starts[0][1]].features.event_time != starts[0][0]:
                heappop(starts)  # dropped, or indexed again since at another time
            self._story_start[story] = starts[0]

    def _text_similarities(self, entry: Entry, others: list[str]) -> np.ndarray[Any, np.dtype[np.float64]]:
        """MinHash estimates of the Jaccard similarity of ``entry`` with each of the articles ``others`` (0 without
        text)."""
        if not others or not entry.has_text:
            return np.zeros(len(others))
        rows = list(map(self._rows.__getitem__, others))
        equal = np.count_nonzero(self._signatures[rows] == entry.hashes, axis=1)
        return np.asarray(equal / entry.hashes.size, dtype=np.float64)

    def _candidates(self, entry: Entry) -> list[str]:
        """Articles within the window that share text (LSH) or a place, nearest in time first, capped."""
        ids: set[str] = set()
        if entry.has_text and self._entries:
            ids = self._lsh.query(entry.hashes)
        moment, window, seconds = entry.seconds, self.config.window.total_seconds(), self._seconds
        cap = self.config.max_candidates
        # Its places, and the words of its lede that an indexed report has as a locality (a follow-up naming the
        # village or district bare).
        for place in entry.places | frozenset(map(variant, entry.names)) if entry.names else entry.places:
            times = self._by_place.get(place)
            if times:  # the articles naming it within the window, at most ``cap`` either side of the moment
                at = bisect_left(times, (moment, ""))
                low = max(bisect_left(times, (moment - window, "")), at - cap)
                high = min(bisect_right(times, (moment + window, "\U0010ffff")), at + cap)
                ids.update(article_id for _, article_id in times[low:high])
        near = [(gap, i) for i in ids if (gap := abs(seconds[i] - moment)) <= window]
        near.sort()
        return [i for _, i in near[:cap]]


def assign(index: StoryIndex, features: ArticleFeatures) -> str:
    """story id = match() or the article's own id (a story's id is the id of its first article); adds it."""
    return index.assign(features)
