"""The garbage collector's settings a sink's run makes for its process."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from mediamon.sinks.base import GC_YOUNG_THRESHOLD, _freeze_startup_heap


@pytest.fixture
def thresholds() -> Iterator[None]:
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)


@pytest.mark.parametrize(("before", "after"), [
    ((700, 10, 10), (GC_YOUNG_THRESHOLD, 10, 10)),  # Python's default: raised, the older generations kept
    ((GC_YOUNG_THRESHOLD * 3, 5, 7), (GC_YOUNG_THRESHOLD * 3, 5, 7)),  # higher already: never lowered
    ((0, 10, 10), (0, 10, 10)),  # collection disabled by whoever runs us: left so
])
def test_the_young_threshold_is_raised_never_lowered_and_a_disabled_collector_stays_so(
        thresholds: None, before: tuple[int, int, int], after: tuple[int, int, int]) -> None:
    gc.set_threshold(*before)
    _freeze_startup_heap()
    assert gc.get_threshold() == after
    assert gc.get_freeze_count() > 0
