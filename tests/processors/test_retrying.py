"""A story step that fails for a moment (outside the message) is retried; a bad message is not."""

from __future__ import annotations

import asyncio

import pytest

from mediamon.errors import PoisonMessage
from mediamon.processors.retrying import with_retries


class Flaky:
    def __init__(self, failures: int, error: Exception) -> None:
        self.failures, self.error, self.calls = failures, error, 0

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        return "placed"


def _run(step: Flaky, attempts: int = 6) -> tuple[str, list[float]]:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    return asyncio.run(with_retries(step, what="story step", attempts=attempts, sleep=sleep)), waits


def test_a_passing_failure_is_retried_with_growing_waits() -> None:
    step = Flaky(3, KeyError("changelog topic not in metadata"))
    result, waits = _run(step)
    assert result == "placed" and step.calls == 4
    assert waits == [0.5, 1.0, 2.0]


def test_a_lasting_failure_ends_in_the_callers_dead_letter_after_the_attempts() -> None:
    step = Flaky(100, RuntimeError("still broken"))
    with pytest.raises(RuntimeError, match="still broken"):
        _run(step, attempts=4)
    assert step.calls == 4


def test_a_bad_message_is_not_retried() -> None:
    step = Flaky(100, PoisonMessage("invalid enriched article"))
    with pytest.raises(PoisonMessage):
        _run(step)
    assert step.calls == 1
