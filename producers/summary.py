"""What one poll of a feed and one pass over all feeds did (returned by ``produce_once``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def _bump(counter: dict[str, int], key: str, n: int = 1) -> None:
    counter[key] = counter.get(key, 0) + n


@dataclass
class FeedSummary:
    feed: str
    seen: int = 0  # items in the fetched document (0 on a 304)
    new: int = 0  # items not seen before
    emitted: int = 0  # messages the broker acknowledged (this pass; may include items queued earlier)
    cut: int = 0  # articles whose text was cut to the size limit
    already_seen: int = 0
    fulltext: int = 0  # emitted with text from the article page
    rejected: dict[str, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    not_modified: bool = False
    emitted_ids: list[str] = field(default_factory=list)
    queued_ids: list[str] = field(default_factory=list)  # accepted by this poll, queued for Kafka
    error_detail: str | None = None

    def reject(self, reason: str) -> None:
        _bump(self.rejected, reason)

    def error(self, reason: str, detail: str | None = None) -> None:
        _bump(self.errors, reason)
        if detail and self.error_detail is None:
            self.error_detail = detail[:500]

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def as_dict(self) -> dict[str, Any]:
        return {
            "feed": self.feed, "seen": self.seen, "new": self.new, "emitted": self.emitted,
            "already_seen": self.already_seen, "fulltext": self.fulltext, "cut": self.cut,
            "rejected": self.rejected,
            "errors": self.errors, "not_modified": self.not_modified, "error_detail": self.error_detail,
        }


@dataclass
class PassSummary:
    feeds: dict[str, FeedSummary] = field(default_factory=dict)
    seconds: float = 0.0
    pending: int = 0  # articles still in the outbox after the pass (Kafka did not acknowledge them)
    delivery_error: str | None = None

    @property
    def emitted(self) -> int:
        return sum(f.emitted for f in self.feeds.values())

    @property
    def emitted_ids(self) -> list[str]:
        return [i for f in self.feeds.values() for i in f.emitted_ids]

    @property
    def errors(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for summary in self.feeds.values():
            for reason, n in summary.errors.items():
                _bump(out, reason, n)
        return out

    @property
    def rejected(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for summary in self.feeds.values():
            for reason, n in summary.rejected.items():
                _bump(out, reason, n)
        return out

    def as_dict(self) -> dict[str, Any]:
        return {"seconds": round(self.seconds, 3), "emitted": self.emitted, "pending": self.pending,
                "delivery_error": self.delivery_error, "feeds": [f.as_dict() for f in self.feeds.values()]}

    def render(self) -> str:
        def fmt(counts: dict[str, int]) -> str:
            return ",".join(f"{k}={v}" for k, v in sorted(counts.items())) or "-"

        header = f"{'feed':<24} {'seen':>5} {'new':>5} {'emitted':>7}  {'rejected':<28} errors"
        lines = [header]
        for s in self.feeds.values():
            seen = "304" if s.not_modified else str(s.seen)
            lines.append(f"{s.feed:<24} {seen:>5} {s.new:>5} {s.emitted:>7}  {fmt(s.rejected):<28} "
                         f"{fmt(s.errors)}")
        lines.append(f"total emitted {self.emitted} in {self.seconds:.2f}s")
        if self.pending:
            lines.append(f"{self.pending} articles not acknowledged by Kafka, kept for the next pass: "
                         f"{self.delivery_error}")
        return "\n".join(lines)
