"""bench/run_all.py (`make bench`): it reads each benchmark's output, judges its target and writes the results."""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def run_all() -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_all", REPO / "bench" / "run_all.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["run_all"] = module
    spec.loader.exec_module(module)
    return module


def test_the_analysis_and_sink_outputs_are_read(run_all: ModuleType) -> None:
    analysis = ("engine: 23 modules compiled\nreal articles, fast path: 9 articles\n"
                "    best   1,926 articles/s, median   1,802 (3 runs)\n")
    assert run_all.parse_analysis(analysis) == {"best_per_s": 1926.0, "median_per_s": 1802.0}
    sink = ("best of 3: sink (1 process(es)) 10,906 docs/s steady, raw parallel_bulk (4 threads, chunks of 500) "
            "12,231: steady-state ratio 0.89 (target >= 0.8); with start-up ...\n"
            "median of the 3 paired steady ratios (each repeat's sink / its raw, run back to back): 0.85 (all: 0.8)\n")
    assert run_all.parse_sink(sink) == {"median_ratio": 0.85, "sink_docs_per_s": 10906.0, "raw_docs_per_s": 12231.0,
                                        "best_ratio": 0.89}
    with pytest.raises(ValueError):
        run_all.parse_analysis("Traceback (most recent call last): ...")
    with pytest.raises(ValueError):
        run_all.parse_json_line("warming up\nno result\n")
    assert run_all.parse_json_line('log line\n{"mode": "backlog", "per_s_incl_start": 280.4}\n')["mode"] == "backlog"


def _lag_csv(path: Path, values: list[int]) -> Path:
    path.write_text("seconds,processor_lag,story_log_lag,sink_lag,slack_lag\n"
                    + "".join(f"{5 * i},0,{v},0,0\n" for i, v in enumerate(values)), encoding="utf-8")
    return path


def test_a_queue_that_keeps_climbing_is_growing_and_a_level_one_flat(run_all: ModuleType, tmp_path: Path) -> None:
    climbing = [100, 300, 500, 700, 900, 1500, 2400, 3600, 5000]
    assert run_all.lag_trend(_lag_csv(tmp_path / "a.csv", climbing), warm_up_s=0) == "growing"
    swinging = [100, 600, 300, 700, 200, 650, 400, 500, 300]
    assert run_all.lag_trend(_lag_csv(tmp_path / "b.csv", swinging), warm_up_s=0) == "flat"
    # The rows after the last article was produced (the queue draining) are not the trend.
    climbing_then_draining = [100, 400, 900, 1500, 2200, 3000, 3900, 2000, 500, 0, 0, 0]
    assert run_all.lag_trend(_lag_csv(tmp_path / "d.csv", climbing_then_draining), until_s=30, warm_up_s=0) \
        == "growing"
    assert run_all.lag_trend(_lag_csv(tmp_path / "c.csv", [10, 20])) == "too short to tell"


def test_the_report_says_met_missed_and_failed(run_all: ModuleType) -> None:
    ran = run_all.steps(quick=True)
    by_name = {s.name: s for s in ran}
    processor = by_name["processor (enrich + stories) against a pass-through Faust agent"]
    processor.result = {"processor_per_s": 480.0, "passthrough_per_s": 1700.0, "ratio": 0.282}
    e2e = by_name["end to end at 50 articles/s"]
    e2e.result = json.loads(json.dumps({
        "articles": 15000, "produce_to_searchable_s": {"p50": 0.6, "p95": 1.1, "p99": 1.2},
        "produce_to_slack_s": {"p50": 0.5, "p95": 0.8, "p99": 0.9}, "max_lag": {"story_log": 140},
        "lag_trend": "flat"}))
    by_name["end to end at 200 articles/s"].error = "RuntimeError: exit status 1: broker down"
    shown = [processor, e2e, by_name["end to end at 200 articles/s"]]
    text = run_all.report(shown, {"cpu": "2 × test"}, quick=True, when=datetime(2026, 12, 5, tzinfo=UTC))
    rows = {line.split(" | ")[0].lstrip("| "): line for line in text.splitlines() if line.startswith("| ")}
    assert "ratio 0.282" in rows[processor.name] and "| **no** |" in rows[processor.name]
    assert "| yes |" in rows[e2e.name]
    assert "**failed**: RuntimeError: exit status 1: broker down" in rows["end to end at 200 articles/s"]
    assert "not figures" in text
