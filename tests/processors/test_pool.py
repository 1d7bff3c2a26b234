"""The analysis process pool: same outcomes as in the worker, exceptions carried back, a broken pool replaced, and
no analysis process left behind by a killed worker."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mediamon.errors import PoisonMessage
from mediamon.ids import article_id
from mediamon.processors.pool import Analysts, RemoteError, _portable, enrich_batch
from mediamon.schema import Article

LIMIT = 1_000_000


def _raw(n: int) -> bytes:
    url = f"https://example.org/pool/{n}"
    article = Article(id=article_id(url), url=url, source="demo", title=f"مقتل {n + 3} أشخاص في قصف على حلب",
                      text=f"قتل {n + 3} أشخاص وأصيب {n + 9} آخرون في قصف استهدف حيا سكنيا في مدينة حلب.",
                      published=datetime(2026, 3, 1, 8, n, tzinfo=UTC), fetched=datetime(2026, 3, 1, 9, tzinfo=UTC))
    return article.model_dump_json().encode()


def _items() -> list[tuple[bytes | None, bytes | None, bool]]:
    return [(_raw(1), None, False), (b"{not json", None, False), (_raw(2), None, True), (None, None, False)]


def _summary(outcomes: list[object]) -> list[object]:
    """Outcomes without the wall-clock stamps: the body's analysis and story fields, or the error's type."""
    out: list[object] = []
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            out.append(type(outcome).__name__)
        else:
            assert isinstance(outcome, tuple)
            body = json.loads(outcome[0])
            out.append((body["id"], body["replay"], body["analysis"]["casualties"], outcome[1], outcome[2]))
    return out


def test_each_message_gets_its_own_outcome() -> None:
    outcomes = enrich_batch(_items(), LIMIT)
    assert isinstance(outcomes[0], tuple) and isinstance(outcomes[2], tuple)
    assert isinstance(outcomes[1], PoisonMessage) and isinstance(outcomes[3], PoisonMessage)
    assert json.loads(outcomes[2][0])["replay"] is True
    assert json.loads(outcomes[0][0])["analysis"]["casualties"], "the engine ran: a toll was found"


def test_an_exception_that_cannot_cross_processes_is_sent_as_its_type_and_text() -> None:
    class Local(Exception):  # a local class cannot be pickled
        pass

    [carried] = _portable([Local("the reason")])
    assert isinstance(carried, RemoteError) and "Local: the reason" in str(carried)


def test_the_pool_gives_what_the_worker_would() -> None:
    async def run() -> tuple[list[object], list[int]]:
        analysts = Analysts(1, LIMIT)
        try:
            pids = await analysts.start()
            return await analysts.enrich(_items()), pids
        finally:
            analysts.close()

    pooled, pids = asyncio.run(run())
    assert len(pids) == 1 and pids[0] != os.getpid()
    assert _summary(pooled) == _summary(enrich_batch(_items(), LIMIT))


def test_a_broken_pool_is_replaced_and_its_batch_analysed_in_the_worker(caplog: pytest.LogCaptureFixture) -> None:
    async def run() -> tuple[list[object], list[int]]:
        analysts = Analysts(1, LIMIT)
        try:
            [child] = await analysts.start()
            os.kill(child, signal.SIGKILL)
            time.sleep(0.5)
            outcomes = await analysts.enrich(_items())
            return outcomes, await analysts.start()
        finally:
            analysts.close()

    outcomes, again = asyncio.run(run())
    assert _summary(outcomes) == _summary(enrich_batch(_items(), LIMIT))
    assert "pool broken" in caplog.text
    assert len(again) == 1, "a new analysis process serves the next batches"


CHILD = """
import asyncio, sys
from mediamon.processors.pool import Analysts
analysts = Analysts(1, 1_000_000)
print(asyncio.run(analysts.start())[0], flush=True)
sys.stdin.read()
"""


def test_a_killed_worker_leaves_no_analysis_process_behind() -> None:
    worker = subprocess.Popen([sys.executable, "-c", CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    child = 0
    try:
        assert worker.stdout is not None
        child = int(worker.stdout.readline())
        assert Path(f"/proc/{child}").exists()
        worker.kill()
        worker.wait(10)
        deadline = time.monotonic() + 10
        while Path(f"/proc/{child}").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not Path(f"/proc/{child}").exists(), "the analysis process outlived its worker"
    finally:
        worker.kill()
        if child and Path(f"/proc/{child}").exists():
            os.kill(child, signal.SIGKILL)
