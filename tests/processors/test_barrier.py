"""Story-log events wait for the write of their round's story states."""

from __future__ import annotations

import asyncio

import pytest

from mediamon.processors.barrier import RoundTimer, StatesDropped, WriteBarrier


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


def test_an_armed_round_closes_once_after_its_linger_and_a_cancelled_one_not() -> None:
    async def run() -> None:
        closed: list[float] = []
        loop = asyncio.get_running_loop()
        timer = RoundTimer(lambda: closed.append(loop.time()) is None, linger_s=0.05)
        began = loop.time()
        timer.arm()
        timer.arm()  # armed already: the first deadline holds
        assert timer.armed
        await asyncio.sleep(0.15)
        assert len(closed) == 1 and closed[0] - began >= 0.05 and not timer.armed
        timer.arm()
        timer.cancel()
        await asyncio.sleep(0.1)
        assert len(closed) == 1

    asyncio.run(run())


def test_a_round_whose_write_failed_is_tried_again_without_a_new_event() -> None:
    async def run() -> None:
        barrier = WriteBarrier()
        outcomes = [False, False, True]

        def close() -> bool:
            ok = outcomes.pop(0)
            if ok:
                barrier.written()
            return ok

        timer = RoundTimer(close, linger_s=0.02)
        event = barrier.join()
        timer.arm()
        await asyncio.wait_for(event, timeout=1)
        assert outcomes == [] and not timer.armed

    asyncio.run(run())
