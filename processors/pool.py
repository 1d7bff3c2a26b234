"""Analysis beside the story agent: the engine runs in child processes, so a worker uses a second core.

A Faust worker is one Python process: the enrich agent's analysis and the story agent shared one core (and one GIL).
``Analysts`` hands each batch of raw messages to a process pool (``processor_analysis_processes``, 0 = in the worker
itself) and gets back, per message, the encoded enriched article or the exception that dead-letters it. Messages,
order and outcomes are those of the in-process path; the pool only moves where the CPU time is spent. A pool that
breaks (a child killed) is replaced, and the batch it failed is analysed in the worker. The pool starts with the
agent (``start``), so the first articles do not wait for a process to spawn and load the engine; an analysis
process ends by itself when the worker is gone (a SIGKILLed worker leaves none behind).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import pickle
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from mediamon.processors.enrich import encode_bounded, enrich
from mediamon.processors.story_state import policies, story_features
from mediamon.settings import get_settings

log = logging.getLogger(__name__)

Item = tuple[bytes | None, bytes | None, bool]  # value, key, replay
# the encoded enriched article, its event time (POSIX seconds) and its story features (JSON), or why it failed
Outcome = tuple[bytes, float, bytes] | BaseException


class RemoteError(Exception):
    """An exception of the analysis that could not be sent back as itself (not picklable): its type and text."""

    def __init__(self, type_name: str, text: str) -> None:
        super().__init__(f"{type_name}: {text}")
        self.type_name, self.text = type_name, text

    def __reduce__(self) -> tuple[Any, ...]:
        return (RemoteError, (self.type_name, self.text))


def enrich_batch(items: list[Item], max_bytes: int) -> list[Outcome]:
    """Each message enriched and encoded (with the story features the story agent would compute from it), or the
    exception it raised (one message never fails the batch)."""
    from mediamon.processors.analyzer import analyze

    config = policies(get_settings())[0]
    out: list[Outcome] = []
    for value, key, replay in items:
        try:
            enriched, body = encode_bounded(enrich(value, analyze, key=key, replay=replay), max_bytes)
            out.append((body, enriched.event_time.timestamp(), story_features(enriched, config)[1]))
        except Exception as exc:  # returned, not raised: the agent dead-letters this message alone
            out.append(exc)
    return out


def _portable(outcomes: list[Outcome]) -> list[Outcome]:
    """The outcomes with every exception made picklable (they cross back to the worker)."""
    portable: list[Outcome] = []
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            try:
                pickle.loads(pickle.dumps(outcome))
            except Exception:
                outcome = RemoteError(type(outcome).__name__, str(outcome))
        portable.append(outcome)
    return portable


def _enrich_in_child(items: list[Item], max_bytes: int) -> list[Outcome]:
    return _portable(enrich_batch(items, max_bytes))


def _warm_up() -> None:
    from mediamon.processors.analyzer import analyze

    analyze("warm-up", "", "")


def _start_child(parent: int) -> None:
    """Initializer of each analysis process: watch the worker, then load and warm the engine."""
    threading.Thread(target=exit_with_parent, args=(parent,), daemon=True, name="parent-watch").start()
    _warm_up()


def exit_with_parent(parent: int, every_s: float = 0.5) -> None:
    """End this process once ``parent`` is no longer its parent (it died and the process was re-parented)."""
    while os.getppid() == parent:
        time.sleep(every_s)
    os._exit(0)


def _ready() -> int:
    return os.getpid()


class Analysts:
    def __init__(self, processes: int, max_bytes: int) -> None:
        self.processes = processes
        self.max_bytes = max_bytes
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn: the worker runs threads (the Kafka consumer's) that a fork would copy mid-flight.
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(self.processes, mp_context=context, initializer=_start_child,
                                             initargs=(os.getpid(),))
        return self._pool

    async def start(self) -> list[int]:
        """Spawn the analysis processes and wait until each has loaded the engine; their pids (none in-process)."""
        if self.processes <= 0:
            return []
        loop = asyncio.get_running_loop()
        pool = self._executor()
        # One call per process, all at once: the pool spawns a process for each call that finds none idle.
        return sorted(set(await asyncio.gather(*(loop.run_in_executor(pool, _ready)
                                                 for _ in range(self.processes)))))

    async def enrich(self, items: list[Item]) -> list[Outcome]:
        if self.processes <= 0 or not items:
            return enrich_batch(items, self.max_bytes)
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._executor(), _enrich_in_child, items, self.max_bytes)
        except BrokenProcessPool:
            log.error("analysis process pool broken: replaced; this batch is analysed in the worker")
            self.close()
            return enrich_batch(items, self.max_bytes)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
