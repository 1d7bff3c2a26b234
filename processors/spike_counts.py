"""Spike counts in memory: per tumbling window of event time, how many articles counted towards each key
(``country:IQ``, ``topic:conflict``, ``rule:casualties``).

They are not stored on their own. Every counted article is a row of the ``story-articles`` table that keeps the
keys it counted towards (and its event time), so the story step rebuilds the counts from that table after a restart
or a rebalance, as it rebuilds the story index: the counts always equal the stored articles, and counting costs no
changelog record. Windows more than ``keep`` behind the newest are dropped (event time, never the wall clock), so a
live run and a replay of the same articles count the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable


class WindowCounts:
    def __init__(self, keep: int) -> None:
        self.keep = keep  # windows kept behind the newest one counted
        self._windows: dict[int, Counter[str]] = {}
        self._newest: int | None = None

    def __len__(self) -> int:
        return len(self._windows)

    def add(self, window: int, keys: Iterable[str]) -> list[int]:
        """Count one article towards ``keys`` in ``window``; returns each key's count after it (a key listed twice
        counts twice, as it did in the windowed table). A window older than the kept ones is not kept: the article
        counts alone there."""
        if self._newest is None or window > self._newest:
            self._newest = window
            for old in [w for w in self._windows if w < window - self.keep]:
                del self._windows[old]
        counts = self._windows.get(window)
        if counts is None:
            counts = Counter()
            if window >= self._newest - self.keep:
                self._windows[window] = counts
        out = []
        for key in keys:
            counts[key] += 1
            out.append(counts[key])
        return out

    def count(self, window: int, key: str) -> int:
        counts = self._windows.get(window)
        return counts[key] if counts is not None else 0

    def history(self, key: str, window: int, windows: int) -> list[int]:
        """The counts of ``key`` in the ``windows`` windows before ``window``, the nearest first."""
        return [self.count(window - i, key) for i in range(1, windows + 1)]

    def clear(self) -> None:
        self._windows.clear()
        self._newest = None
