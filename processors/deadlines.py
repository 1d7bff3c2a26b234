"""Keys with the moment they fall due, handed back oldest first once that moment has passed.

The story agent's tables keep an article, a story or a spike mark for a horizon of event time
(processors/story_state.py). Scanning a whole table to find the few rows past their horizon costs time in proportion
to the table, on the agent's only thread; this heap costs in proportion to what is due. A key may be added more than
once (a story seen again later): the caller checks the row it gets back against the table before dropping it.
"""

from __future__ import annotations

from datetime import datetime
from heapq import heappop, heappush
from typing import Generic, TypeVar

K = TypeVar("K", str, bytes)


class Deadlines(Generic[K]):
    def __init__(self) -> None:
        self._heap: list[tuple[float, K]] = []

    def add(self, when: datetime, key: K) -> None:
        heappush(self._heap, (when.timestamp(), key))

    def due(self, before: datetime) -> list[K]:
        """The keys added with a moment before ``before``, oldest first; they are forgotten here."""
        cut = before.timestamp()
        heap, out = self._heap, []
        while heap and heap[0][0] < cut:
            out.append(heappop(heap)[1])
        return out

    def clear(self) -> None:
        self._heap.clear()

    def __len__(self) -> int:
        return len(self._heap)
