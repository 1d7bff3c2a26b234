"""Retry a step that failed for a reason outside the message (a table's changelog topic briefly missing from the
metadata at start-up, a broker hiccup) before the message is dead-lettered: otherwise one such moment would send a
whole run of good messages to the DLQ. A PermanentError is about the message itself and is never retried."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from mediamon.errors import PermanentError

T = TypeVar("T")
log = logging.getLogger(__name__)


async def with_retries(step: Callable[[], T], *, what: str, attempts: int = 6, first_delay_s: float = 0.5,
                       sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> T:
    """``step()``; on an error that is not a PermanentError, wait (doubling from ``first_delay_s``) and try again,
    ``attempts`` times in all; the last error is raised to the caller, which dead-letters the message."""
    delay = first_delay_s
    for attempt in range(1, attempts + 1):
        try:
            return step()
        except PermanentError:
            raise
        except Exception as exc:
            if attempt == attempts:
                raise
            log.warning("%s failed (%s: %s); retrying in %.1fs (%d/%d)", what, type(exc).__name__,
                        str(exc)[:200], delay, attempt, attempts - 1)
            await sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")
