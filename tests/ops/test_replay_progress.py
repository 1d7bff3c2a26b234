"""Progress and summary (no stack)."""

from __future__ import annotations

import io

from mediamon.ops.replay_progress import ProgressReporter, Summary


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_when_not_a_terminal() -> None:
    out = io.StringIO()
    with ProgressReporter("reprocess", 10, stream=out, every_s=0) as progress:
        progress.advance(4)
        progress.advance(6)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("reprocess: 0/10 messages")
    assert lines[-1].startswith("reprocess: 10/10 messages") and "msg/s" in lines[-1] and "ETA" in lines[-1]
    assert "\x1b[" not in out.getvalue()


def test_a_rich_bar_on_a_terminal() -> None:
    out = _Tty()
    with ProgressReporter("resink", 5, stream=out) as progress:
        progress.advance(5)
    text = out.getvalue()
    assert "resink" in text and "5/5" in text and "msg/s" in text and "ETA" in text


def test_summary_names_skips_and_dead_letters() -> None:
    summary = Summary(read=12, written=9, dead_lettered=1)
    summary.skip("without a value (tombstone)", 2)
    summary.dead_letter_reasons["PoisonMessage"] += 1
    assert summary.lines() == [
        "read:          12",
        "written:       9",
        "skipped:       2 (2 without a value (tombstone))",
        "dead-lettered: 1 (1 PoisonMessage)",
    ]
