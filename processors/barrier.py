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
