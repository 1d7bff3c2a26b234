"""Story-log events wait for the write of their round's story states."""

from __future__ import annotations

import asyncio

import pytest

from mediamon.processors.barrier import StatesDropped, WriteBarrier


def test_a_round_ends_when_its_states_are_written_and_the_next_one_starts() -> None:
    async def run() -> None:
        barrier = WriteBarrier()
        first = [barrier.join(), barrier.join()]
        assert barrier.events == 2 and not first[0].done()
        barrier.written()
        await asyncio.gather(*first)
        second = barrier.join()
        assert second is not first[0] and barrier.events == 1 and not second.done()
        barrier.written()
        await second
        barrier.written()  # an empty round: nothing to do

    asyncio.run(run())


def test_a_dropped_round_fails_its_events_so_they_are_not_acked() -> None:
    async def run() -> None:
        barrier = WriteBarrier()
        waiting = barrier.join()
        barrier.dropped()
        with pytest.raises(StatesDropped):
            await waiting
        after = barrier.join()
        barrier.written()
        await after

    asyncio.run(run())
