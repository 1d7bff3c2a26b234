"""When a story-log event may be acked: after its outputs are acknowledged AND the story states it changed are
written to the ``stories`` table.

The story step keeps the states it changed in memory and writes each changed story once per round of events
(``StoryStep.flush``), not once per article: a busy story gets many reports in a second, and its state (outlets,
figures, rules) is kilobytes of JSON, serialised, put in the store and sent to the changelog each time. An event
waits for the write of its round before it is acked, so Faust never commits an article whose story state is not in
the table's changelog (its commit flushes the producer first). If the states are dropped instead (the partition is
revoked), the round's events stay unacked and are redelivered to whoever gets the partition.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class StatesDropped(Exception):
    """The story states of these events were dropped before they were written (partition revoked)."""


class WriteBarrier:
    def __init__(self) -> None:
        self._round: asyncio.Future[None] | None = None
        self.events = 0  # events of the current round

    def join(self) -> asyncio.Future[None]:
        """The current round's future: done once the states of its events are written (or failed, if dropped)."""
        if self._round is None:
            self._round = asyncio.get_running_loop().create_future()
        self.events += 1
        return self._round

    def written(self) -> None:
        """The states of the current round are in the table: its events may be acked."""
        self._end(None)

    def dropped(self) -> None:
        self._end(StatesDropped("story states dropped before they were written"))

    def _end(self, error: BaseException | None) -> None:
        current, self._round, self.events = self._round, None, 0
        if current is not None and not current.done():
            if error is None:
                current.set_result(None)
            else:
                current.set_exception(error)
                current.exception()  # retrieved here: an unacked round is expected, not an unhandled error


class RoundTimer:
    """Closes a round ``linger_s`` after it is armed, unless it was closed before (``cancel``).

    In a backlog a round ends every so many events. At a trickle the agent reaches the end of the log after nearly
    every event: ending the round there wrote each event's story state on its own, a JSON encoding and a changelog
    record per article. Armed instead, the round stays open for the events of the next ``linger_s`` and is written
    once. The events' outputs are sent at once either way; only their ack waits for the round, so the linger adds
    nothing to what readers see, and an event is still never acked before its state is written.

    ``close()`` returns False when the write failed (the states stay in memory): the timer is armed again, so the
    round is retried even if no event comes. The callback runs in the context the timer was armed in (asyncio copies
    it), so Faust's table writes find the event they belong to.
    """

    def __init__(self, close: Callable[[], bool], linger_s: float) -> None:
        self._close, self.linger_s = close, linger_s
        self._handle: asyncio.TimerHandle | None = None

    @property
    def armed(self) -> bool:
        return self._handle is not None

    def arm(self) -> None:
        if self._handle is None:
            self._handle = asyncio.get_running_loop().call_later(self.linger_s, self._fire)

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _fire(self) -> None:
        self._handle = None
        if not self._close():
            self.arm()
