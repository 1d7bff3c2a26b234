"""Parsing the range (no stack)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mediamon.errors import ReplayError
from mediamon.ops.replay_range import parse_time, parse_window

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "expected"), [
    ("7d", NOW - timedelta(days=7)),
    ("36h", NOW - timedelta(hours=36)),
    ("90m", NOW - timedelta(minutes=90)),
    ("2w", NOW - timedelta(weeks=2)),
    ("1.5d", NOW - timedelta(hours=36)),
    ("now", NOW),
    ("2026-12-01", datetime(2026, 12, 1, tzinfo=UTC)),
    ("2026-12-01T06:00:00Z", datetime(2026, 12, 1, 6, tzinfo=UTC)),
    ("2026-12-01T09:00:00+03:00", datetime(2026, 12, 1, 6, tzinfo=UTC)),
])
def test_times(text: str, expected: datetime) -> None:
    assert parse_time(text, NOW) == expected


@pytest.mark.parametrize("text", ["yesterday", "7x", "", "-3d", "2026-13-01", "d7"])
def test_bad_times_name_the_option_and_the_forms(text: str) -> None:
    with pytest.raises(ReplayError, match=r"--since .*ISO-8601.*7d"):
        parse_time(text, NOW)


def test_window_order_and_future() -> None:
    assert parse_window("7d", "2d", NOW) == (NOW - timedelta(days=7), NOW - timedelta(days=2))
    assert parse_window("7d", None, NOW) == (NOW - timedelta(days=7), None)
    with pytest.raises(ReplayError, match="not after"):
        parse_window("2d", "7d", NOW)
    with pytest.raises(ReplayError, match="future"):
        parse_window("2027-01-01", None, NOW)
