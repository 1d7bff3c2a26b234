"""Spike counts in memory (pure)."""

from __future__ import annotations

import random

from mediamon.processors.spike_counts import WindowCounts


def test_an_article_counts_once_per_key_in_its_window() -> None:
    counts = WindowCounts(keep=26)
    assert counts.add(100, ["country:IQ", "rule:casualties"]) == [1, 1]
    assert counts.add(100, ["country:IQ"]) == [2]
    assert counts.add(101, ["country:IQ"]) == [1]
    assert counts.add(100, ["topic:x", "topic:x"]) == [1, 2]  # a key listed twice counts twice
    assert counts.count(100, "country:IQ") == 2 and counts.count(99, "country:IQ") == 0


def test_history_is_the_earlier_windows_nearest_first() -> None:
    counts = WindowCounts(keep=26)
    for window, n in ((97, 1), (99, 3), (100, 5)):
        for _ in range(n):
            counts.add(window, ["country:IQ"])
    assert counts.history("country:IQ", 100, 4) == [3, 0, 1, 0]
    assert counts.history("country:SY", 100, 2) == [0, 0]


def test_windows_more_than_keep_behind_the_newest_are_dropped() -> None:
    counts = WindowCounts(keep=2)
    counts.add(10, ["k"])
    counts.add(11, ["k"])
    counts.add(13, ["k"])  # 10 is now 3 behind
    assert counts.count(10, "k") == 0 and counts.count(11, "k") == 1 and len(counts) == 2
    assert counts.add(9, ["k"]) == [1] and counts.add(9, ["k"]) == [1]  # too late to keep: it counts alone
    assert len(counts) == 2


def test_the_same_articles_in_any_order_give_the_same_counts() -> None:
    """What a rebuild from the table relies on: the counts depend on the set of articles, not their order."""
    rng = random.Random(7)
    rows = [(rng.randrange(0, 40), [f"country:{rng.choice('ABCD')}", f"rule:{rng.choice('xy')}"])
            for _ in range(500)]

    def state(order: list[tuple[int, list[str]]]) -> dict[tuple[int, str], int]:
        counts = WindowCounts(keep=5)
        for window, keys in order:
            counts.add(window, keys)
        return {(w, k): counts.count(w, k) for w in range(40) for k in ("country:A", "country:B", "country:C",
                                                                         "country:D", "rule:x", "rule:y")}

    in_order = sorted(rows, key=lambda r: r[0])
    shuffled = rows[:]
    rng.shuffle(shuffled)
    assert state(in_order) == state(shuffled) == state(rows)
    assert all(w >= 39 - 5 for (w, _), n in state(rows).items() if n)
