"""At most one message per interval per webhook or channel; a 429 holds the destination for its Retry-After.

The sink posts in order, so a burst queues in order behind the pacer: nothing is dropped, only delayed."""

from __future__ import annotations

import time
from collections.abc import Callable


class Pacer:
    def __init__(self, min_interval_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.min_interval_s = min_interval_s
        self._clock = clock
        self._not_before: dict[str, float] = {}

    def wait_s(self, destination: str) -> float:
        """Seconds until ``destination`` may take the next message (0 when now)."""
        return max(0.0, self._not_before.get(destination, 0.0) - self._clock())

    def sent(self, destination: str) -> None:
        """A request went to ``destination`` now: the next one waits the interval."""
        self._hold(destination, self.min_interval_s)

    def hold(self, destination: str, seconds: float) -> None:
        """The destination asked us to wait (429 Retry-After)."""
        self._hold(destination, seconds)

    def _hold(self, destination: str, seconds: float) -> None:
        until = self._clock() + seconds
        self._not_before[destination] = max(self._not_before.get(destination, 0.0), until)
