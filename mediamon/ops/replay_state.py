"""A replay's own bookkeeping: the resolved range and how far it got, in a JSON file under
``state_dir/replay/<run id>.json``. Never a consumer group's offsets: a replay commits nothing to Kafka."""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mediamon.errors import ReplayError
from mediamon.ops.replay_range import PartitionRange, TopicRange
from mediamon.settings import Settings


def state_dir(settings: Settings) -> Path:
    return settings.state_dir / "replay"


@dataclass
class RunState:
    run_id: str
    mode: str  # reprocess | resink
    options: dict[str, Any]  # what the run was asked to do (target index, topics...)
    ranges: list[dict[str, Any]]  # one TopicRange each, as saved
    positions: dict[str, dict[str, int]] = field(default_factory=dict)  # topic -> partition -> next offset
    done: bool = False
    path: Path | None = None

    @classmethod
    def new(cls, settings: Settings, mode: str, found: list[TopicRange], options: dict[str, Any]) -> RunState:
        run_id = f"{mode}-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}-{secrets.token_hex(2)}"
        ranges = [{"topic": r.topic, "since": r.since.isoformat(), "until": r.until.isoformat() if r.until else None,
                   "oldest_kept": r.oldest_kept.isoformat() if r.oldest_kept else None,
                   "partitions": [asdict(p) for p in r.partitions]} for r in found]
        return cls(run_id, mode, options, ranges, path=state_dir(settings) / f"{run_id}.json")

    @classmethod
    def load(cls, settings: Settings, run_id: str) -> RunState:
        path = state_dir(settings) / f"{run_id}.json"
        if not path.is_file():
            known = sorted(p.stem for p in state_dir(settings).glob("*.json")) if state_dir(settings).is_dir() else []
            raise ReplayError(f"no replay run {run_id!r} in {state_dir(settings)}"
                              + (f"; known: {', '.join(known[-10:])}" if known else ""))
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["run_id"], data["mode"], data["options"], data["ranges"], data.get("positions", {}),
                   data.get("done", False), path)

    def topic_ranges(self) -> list[TopicRange]:
        out = []
        for r in self.ranges:
            out.append(TopicRange(
                r["topic"], datetime.fromisoformat(r["since"]),
                datetime.fromisoformat(r["until"]) if r["until"] else None,
                tuple(PartitionRange(**p) for p in r["partitions"]),
                datetime.fromisoformat(r["oldest_kept"]) if r.get("oldest_kept") else None))
        return out

    def positions_of(self, topic: str) -> dict[int, int]:
        return {int(p): o for p, o in self.positions.get(topic, {}).items()}

    def advance(self, topic: str, positions: dict[int, int]) -> None:
        self.positions[topic] = {str(p): o for p, o in positions.items()}

    def save(self) -> None:
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {k: v for k, v in asdict(self).items() if k != "path"}
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)
