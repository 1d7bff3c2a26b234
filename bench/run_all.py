"""`make bench`: every benchmark of issue 15 in one run on the local stack; the figures go to docs/bench/RESULTS.md
(and docs/bench/RESULTS.json): the machine, the versions, each command with its figures against its target.

    python bench/run_all.py [--quick] [--out docs/bench/RESULTS.md]

Each benchmark runs as its own process, one after the other (they share the two cores with the stack). One that
fails is reported with its error and the others still run; the exit status says whether all ran. ``--quick`` runs
every one briefly: a check that the harness works, not figures (its file says so). Each end-to-end run also
leaves its lag over time beside its CSV as a plot (bench/lag_plot.py). docs/BENCHMARKS.md keeps the
history, the profiles and the reasons; this file is what the last run measured.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"


@dataclass
class Step:
    name: str
    argv: list[str]
    parse: Callable[[str], dict[str, Any]]
    verdict: Callable[[dict[str, Any]], tuple[str, bool | None]]  # (target in words, met; None: no target)
    figures: Callable[[dict[str, Any]], str]
    result: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    seconds: float = 0.0
    load: tuple[float, float] = (0.0, 0.0)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def parse_analysis(out: str) -> dict[str, Any]:
    found = re.search(r"best\s+([\d,]+) articles/s, median\s+([\d,]+)", out)
    if not found:
        raise ValueError("no 'best … articles/s, median …' line in the analysis benchmark's output")
    return {"best_per_s": _number(found.group(1)), "median_per_s": _number(found.group(2))}


def parse_sink(out: str) -> dict[str, Any]:
    median = re.search(r"median of the \d+ paired steady ratios[^:]*: ([\d.]+)", out)
    best = re.search(r"sink \(\d+ process\(es\)\) ([\d,]+) docs/s steady, raw parallel_bulk [^:]*?([\d,]+): "
                     r"steady-state ratio ([\d.]+)", out)
    if not median or not best:
        raise ValueError("no paired steady ratio in the sink benchmark's output")
    return {"median_ratio": float(median.group(1)), "sink_docs_per_s": _number(best.group(1)),
            "raw_docs_per_s": _number(best.group(2)), "best_ratio": float(best.group(3))}


def parse_json_line(out: str) -> dict[str, Any]:
    for line in reversed(out.strip().splitlines()):
        if line.startswith("{"):
            result: dict[str, Any] = json.loads(line)
            return result
    raise ValueError("no JSON result line in the benchmark's output")


def lag_trend(path: Path, until_s: float | None = None, warm_up_s: float = 30.0,
              column: str = "story_log_lag") -> str:
    """'growing' or 'flat': the least-squares slope of the lag while articles were being produced (after the warm-up,
    up to ``until_s``; the CSV goes on while the queue drains) times that span, against 1,000 messages. A queue that
    keeps up swings around a level; one that does not climbs all along. Read from the e2e benchmark's lag CSV."""
    points = [(float(r["seconds"]), float(r[column])) for r in csv.DictReader(path.open(encoding="utf-8"))
              if r.get(column) not in (None, "") and float(r["seconds"]) >= warm_up_s
              and (until_s is None or float(r["seconds"]) <= until_s)]
    if len(points) < 6:
        return "too short to tell"
    n = len(points)
    mean_t = sum(t for t, _ in points) / n
    mean_v = sum(v for _, v in points) / n
    slope = (sum((t - mean_t) * (v - mean_v) for t, v in points)
             / sum((t - mean_t) ** 2 for t, _ in points))
    span = points[-1][0] - points[0][0]
    return "growing" if slope * span > 1000 else "flat"


def _e2e_figures(r: dict[str, Any]) -> str:
    s, sl = r["produce_to_searchable_s"], r.get("produce_to_slack_s") or {}
    lag = r.get("max_lag", {})
    text = (f"{r['articles']:,} articles; to searchable p50/p95/p99 {s['p50']}/{s['p95']}/{s['p99']} s; "
            f"to Slack {sl.get('p50')}/{sl.get('p95')}/{sl.get('p99')} s; max lag "
            + ", ".join(f"{k} {v:,}" for k, v in lag.items()))
    rss = r.get("peak_rss_mb", {})
    if rss:
        text += "; peak RSS " + ", ".join(f"{k} {v:.0f} MB" for k, v in rss.items())
    return text + f"; story log lag {r.get('lag_trend', '?')}"


def _e2e_verdict(r: dict[str, Any]) -> tuple[str, bool | None]:
    s, sl = r["produce_to_searchable_s"], r.get("produce_to_slack_s") or {}
    met = (s["p95"] <= 1.2 and sl.get("p95") is not None and sl["p95"] <= 1.5
           and r.get("lag_trend") != "growing")
    return "p95 ≤ 1.2 s to searchable and ≤ 1.5 s to Slack, no growing lag", met


def steps(quick: bool) -> list[Step]:
    py = sys.executable
    seconds = "20" if quick else "300"
    return [
        *(Step(f"analysis, {label} (3 KB), one core",
               [py, str(BENCH / "analysis_bench.py"), "--mode", mode,
                *(["--seconds", "1", "--repeat", "1"] if quick else [])],
               parse_analysis, lambda r: ("≥ 2,000 articles/s", r["best_per_s"] >= 2000),
               lambda r: f"best {r['best_per_s']:,.0f} articles/s, median {r['median_per_s']:,.0f}")
          for mode, label in (("real", "real news in pieces"), ("fast", "dense generated"))),
        Step("processor (enrich + stories) against a pass-through Faust agent",
             [py, str(BENCH / "pipeline_bench.py"), "processor", "--articles", "500" if quick else "3000"],
             parse_json_line, lambda r: ("ratio ≥ 0.5", r["ratio"] >= 0.5),
             lambda r: f"processor {r['processor_per_s']:,} articles/s, pass-through {r['passthrough_per_s']:,}: "
                       f"ratio {r['ratio']}"),
        Step("Elasticsearch sink against a raw parallel_bulk",
             [py, str(BENCH / "es_sink_bench.py"), "--docs", "2000" if quick else "20000",
              "--repeat", "1" if quick else "3"],
             parse_sink, lambda r: ("ratio ≥ 0.8", r["median_ratio"] >= 0.8),
             lambda r: f"median paired ratio {r['median_ratio']}; best repeat: sink {r['sink_docs_per_s']:,.0f} "
                       f"docs/s against {r['raw_docs_per_s']:,.0f} (ratio {r['best_ratio']})"),
        *(Step(f"end to end at {rate} articles/s",
               [py, str(BENCH / "pipeline_bench.py"), "e2e", "--rate", rate, "--seconds", seconds],
               parse_json_line, _e2e_verdict, _e2e_figures) for rate in ("50", "200")),
        Step("backlog: 20,000 articles waiting, drained into Elasticsearch",
             [py, str(BENCH / "pipeline_bench.py"), "backlog", "--articles", "2000" if quick else "20000"],
             parse_json_line, lambda r: ("≥ 460 articles/s (twice 230)", r["per_s_incl_start"] >= 460),
             lambda r: f"{r['per_s_incl_start']:,} articles/s with start-up ({r['seconds_incl_start']} s), "
                       f"{r['per_s_after_first']:,}/s after the first"),
        Step("two workers against one, same backlog",
             [py, str(BENCH / "pipeline_bench.py"), "workers", "--articles", "1000" if quick else "6000"],
             parse_json_line, lambda r: ("none (2 cores: see docs/SCALING.md)", None),
             lambda r: f"one {r['one_worker_per_s']:,}/s, two {r['two_workers_per_s']:,}/s: ratio {r['ratio']}"),
    ]


def run(step: Step, env: dict[str, str]) -> None:
    before = os.getloadavg()[0]
    began = time.monotonic()
    done = subprocess.run(step.argv, cwd=REPO, capture_output=True, text=True, check=False, env=env)
    step.seconds = time.monotonic() - began
    step.load = (before, os.getloadavg()[0])
    try:
        if done.returncode != 0:
            raise RuntimeError(f"exit status {done.returncode}: {done.stderr.strip()[-500:]}")
        step.result = step.parse(done.stdout)
        if step.result.get("mode") == "e2e":
            lag_csv = REPO / step.result["lag_csv"]
            step.result["lag_trend"] = lag_trend(lag_csv, until_s=step.result.get("seconds"))
            subprocess.run([sys.executable, str(BENCH / "lag_plot.py"), str(lag_csv), "-o",
                            str(lag_csv.with_suffix(".svg"))], cwd=REPO, capture_output=True, check=True)
    except Exception as exc:  # one benchmark failing does not stop the others: reported
        step.error = f"{type(exc).__name__}: {exc}"


def machine() -> dict[str, str]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        kib = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
        memory = f"{int(kib) / 2**20:.1f} GiB"
    except (OSError, StopIteration):
        memory = "?"
    sys.path.insert(0, str(REPO))
    from mediamon.devstack.stack.config import ELASTICSEARCH_VERSION, KAFKA_VERSION

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "absent"

    return {
        "cpu": f"{os.cpu_count()} × {model or platform.processor() or '?'}",
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "kafka": f"{KAFKA_VERSION} (KRaft, local stack)",
        "elasticsearch": f"{ELASTICSEARCH_VERSION} (local stack)",
        "packages": ", ".join(f"{d} {version(d)}" for d in
                              ("faust-streaming", "aiokafka", "kafka-python", "elasticsearch", "pydantic", "Cython")),
    }


def _command(argv: list[str]) -> str:
    shown = [".venv/bin/python" if a == sys.executable else os.path.relpath(a, REPO) if a.startswith("/") else a
             for a in argv]
    return " ".join(shown)


def report(ran: list[Step], info: dict[str, str], *, quick: bool, when: datetime) -> str:
    lines = ["# Benchmark results (generated)", "",
             f"Written by `make bench` (bench/run_all.py) on {when:%Y-%m-%d %H:%M} UTC. "
             "docs/BENCHMARKS.md has the history, the profiles and where the time goes.", ""]
    if quick:
        lines += ["**A quick run (`--quick`): every benchmark briefly, to check the harness. These are not figures.**",
                  ""]
    lines += ["| machine | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in info.items()] + [""]
    lines += ["| benchmark | command | figures | target | met | load before → after | run |",
              "|---|---|---|---|---|---|---|"]
    for step in ran:
        if step.error:
            figures, target, met = f"**failed**: {step.error}", "", "—"
        else:
            figures = step.figures(step.result)
            target, ok = step.verdict(step.result)
            met = "—" if ok is None else ("yes" if ok else "**no**")
        lines.append(f"| {step.name} | `{_command(step.argv)}` | {figures} | {target} | {met} | "
                     f"{step.load[0]:.2f} → {step.load[1]:.2f} | {step.seconds:.0f} s |")
    return "\n".join(lines) + "\n"


def rewrite(out: Path) -> int:
    """The report again from a run's RESULTS.json, its lag trends read anew from the CSVs."""
    saved = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    ran = steps(saved["quick"])
    by_name = {s["name"]: s for s in saved["steps"]}
    for step in ran:
        old = by_name.get(step.name)
        if old is None:
            step.error = "not in this run"
            continue
        step.result, step.error, step.seconds, step.load = old["result"], old["error"], old["seconds"], old["load"]
        if step.result.get("mode") == "e2e":
            step.result["lag_trend"] = lag_trend(REPO / step.result["lag_csv"], until_s=step.result.get("seconds"))
    out.write_text(report(ran, saved["machine"], quick=saved["quick"], when=datetime.fromisoformat(saved["when"])),
                   encoding="utf-8")
    print(f"rewritten: {os.path.relpath(out, REPO)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="every benchmark briefly (checks the harness)")
    parser.add_argument("--out", type=Path, help="default: docs/bench/RESULTS.md (--quick: var/bench-quick/)")
    parser.add_argument("--rewrite", action="store_true",
                        help="run nothing: write the report again from its RESULTS.json (and the lag CSVs)")
    args = parser.parse_args(argv)
    if args.rewrite:
        return rewrite(args.out or REPO / "docs" / "bench" / "RESULTS.md")
    env = dict(os.environ)
    if args.quick:  # the lag CSVs and the results of a quick run stay out of docs/
        quick_dir = REPO / "var" / "bench-quick"
        quick_dir.mkdir(parents=True, exist_ok=True)
        env["MEDIAMON_BENCH_OUT"] = str(quick_dir)
    out: Path = args.out or (REPO / "var" / "bench-quick" / "RESULTS.md" if args.quick
                             else REPO / "docs" / "bench" / "RESULTS.md")
    when = datetime.now(UTC)
    ran = steps(args.quick)
    for step in ran:
        print(f"… {step.name}", flush=True)
        run(step, env)
        print(f"  {step.error or json.dumps(step.result, ensure_ascii=False)[:300]}", flush=True)
    info = machine()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report(ran, info, quick=args.quick, when=when), encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(
        {"when": when.isoformat(), "quick": args.quick, "machine": info,
         "steps": [{"name": s.name, "command": _command(s.argv), "result": s.result, "error": s.error,
                    "seconds": round(s.seconds, 1), "load": s.load} for s in ran]},
        ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"written: {os.path.relpath(out, REPO)}")
    return 1 if any(s.error for s in ran) else 0


if __name__ == "__main__":
    raise SystemExit(main())
