"""Progress of a replay (a rich bar on a terminal, plain lines otherwise) and its final summary."""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from types import TracebackType
from typing import IO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)


@dataclass
class Summary:
    """What a run did: read, written, skipped (by reason) and dead-lettered."""

    read: int = 0
    written: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    dead_lettered: int = 0
    dead_letter_reasons: Counter[str] = field(default_factory=Counter)
    interrupted: bool = False

    def skip(self, reason: str, n: int = 1) -> None:
        self.skipped[reason] += n

    def lines(self, what_written: str = "written") -> list[str]:
        skipped = sum(self.skipped.values())
        reasons = "; ".join(f"{n} {reason}" for reason, n in sorted(self.skipped.items())) or "none"
        return [
            f"read:          {self.read}",
            f"{what_written + ':':<14} {self.written}",
            f"skipped:       {skipped} ({reasons})",
            f"dead-lettered: {self.dead_lettered}" + (
                f" ({'; '.join(f'{n} {r}' for r, n in sorted(self.dead_letter_reasons.items()))})"
                if self.dead_letter_reasons else ""),
        ]


class _Speed(TransferSpeedColumn):
    """Messages per second (rich's own column speaks in bytes)."""

    def render(self, task):  # type: ignore[no-untyped-def]  # rich's signature
        from rich.text import Text

        speed = task.finished_speed or task.speed
        if speed is None and task.elapsed:
            speed = task.completed / task.elapsed
        return Text("?/s" if speed is None else f"{speed:,.0f} msg/s", style="progress.data.speed")


class ProgressReporter:
    """``advance(n)`` as messages are done. On a TTY a rich bar (done/total, rate, ETA); otherwise a plain line
    at most every ``every_s`` seconds and at the end."""

    def __init__(self, label: str, total: int, *, stream: IO[str] | None = None, every_s: float = 5.0,
                 force_plain: bool | None = None) -> None:
        self.label, self.total = label, total
        self.stream = stream or sys.stderr
        self.every_s = every_s
        self.done = 0
        self.plain = force_plain if force_plain is not None else not self.stream.isatty()
        self._started = time.monotonic()
        self._last_line = 0.0
        self._progress: Progress | None = None
        self._task: int | None = None

    def __enter__(self) -> ProgressReporter:
        if not self.plain:
            self._progress = Progress(
                TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                _Speed(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                console=Console(file=self.stream), transient=False)
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=self.total)
        else:
            self._line(force=True)
        return self

    def advance(self, n: int) -> None:
        self.done += n
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=self.done)  # type: ignore[arg-type]
        else:
            self._line()

    def _line(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last_line < self.every_s:
            return
        self._last_line = now
        elapsed = max(now - self._started, 1e-9)
        rate = self.done / elapsed
        left = self.total - self.done
        eta = f"{left / rate:.0f}s" if rate > 0 and left > 0 else "-"
        print(f"{self.label}: {self.done}/{self.total} messages, {rate:.0f} msg/s, ETA {eta}", file=self.stream,
              flush=True)

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()
        else:
            self._line(force=True)
