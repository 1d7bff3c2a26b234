"""Scores the analysis engine against the labelled evaluation set (``eval/*.jsonl``).

Run ``python -m mediamon.analysis.evaluate [DIR] [--errors] [--check]``. The scoring functions are pure: they
take the gold items paired with the engine's ``Analysis`` and return counts.

- Alerts, per rule, at document level: the rule is expected (``alerts``) vs the rule fired. Every rule
  id that appears in any item's ``alerts`` is scored on every item; ``alerts_may`` is not scored.
- Figures: micro precision/recall/F1 over facts, ``(kind, count, qualifier)`` triples (the engine lists each
  distinct fact once, with all its mentions; gold lists each fact once), matched per document; predictions
  matching ``figures_may`` are neither true nor false positives. A fact the engine repeated would count as a
  false positive, so repeats are measured too.
- Language accuracy; country recall (gold countries found among the predicted ones) and country precision
  (over the items that list countries: a predicted country neither in ``countries`` nor in ``countries_may``
  is a false one — an Egyptian report given EH, the Saudi السويداء given SY).

Empty denominators: precision is 1.0 when nothing was predicted, recall is 1.0 when nothing was
expected (nothing claimed wrongly / nothing missed); F1 is 0.0 when both precision and recall are 0.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from mediamon.analysis.evalset import EvalItem, Figure, load_dir
from mediamon.errors import MediamonError
from mediamon.schema import Analysis

DEFAULT_DIR = Path(__file__).resolve().parents[1] / "eval"
TARGETS: dict[str, float] = {"ceasefire": 0.95, "casualties": 0.95, "figures": 0.90, "language": 1.0}

Pair = tuple[EvalItem, Analysis]
Analyze = Callable[[str, str, str], Analysis]


@dataclass(frozen=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Miss:
    """One disagreement, for the error list."""

    item_id: str
    what: str
    expected: str
    got: str


@dataclass(frozen=True)
class Report:
    rules: dict[str, Counts]
    figures: Counts
    figures_by_kind: dict[str, Counts]
    language_correct: int
    language_total: int
    countries: Counts
    country_precision: Counts
    unscored_rules: dict[str, int]
    misses: list[Miss] = field(default_factory=list)

    @property
    def language_accuracy(self) -> float:
        return self.language_correct / self.language_total if self.language_total else 1.0

    def scores(self) -> dict[str, float]:
        """The values the targets are checked against."""
        values = {rule: counts.f1 for rule, counts in self.rules.items()}
        values["figures"] = self.figures.f1
        values["language"] = self.language_accuracy
        return values

    def failed_targets(self) -> dict[str, tuple[float, float]]:
        scores = self.scores()
        return {
            name: (scores.get(name, 0.0), target)
            for name, target in TARGETS.items()
            if scores.get(name, 0.0) < target
        }


def fired(analysis: Analysis) -> set[str]:
    return {alert.rule for alert in analysis.alerts}


def predicted_figures(analysis: Analysis) -> list[Figure]:
    return [(c.kind, c.count, c.qualifier) for c in analysis.casualties]


def scored_rules(items: Iterable[EvalItem]) -> list[str]:
    return sorted({rule for item in items for rule in item.alerts})


def rule_counts(item: EvalItem, analysis: Analysis, rule: str) -> Counts:
    if rule in item.alerts_may:
        return Counts()
    expected, got = rule in item.alerts, rule in fired(analysis)
    return Counts(tp=int(expected and got), fp=int(got and not expected), fn=int(expected and not got))


def score_rules(pairs: Sequence[Pair]) -> dict[str, Counts]:
    rules = scored_rules(item for item, _ in pairs)
    return {rule: sum((rule_counts(i, a, rule) for i, a in pairs), Counts()) for rule in rules}


def figure_counts(gold: Iterable[Figure], may: Iterable[Figure], predicted: Iterable[Figure]) -> Counts:
    """Multiset match of one document's figures."""
    want, optional, got = Counter(gold), Counter(may), Counter(predicted)
    tp = sum((want & got).values())
    fn = sum((want - got).values())
    fp = sum(((got - want) - optional).values())
    return Counts(tp=tp, fp=fp, fn=fn)


def score_figures(pairs: Sequence[Pair], kind: str | None = None) -> Counts:
    def keep(figures: Iterable[Figure]) -> list[Figure]:
        return [f for f in figures if kind is None or f[0] == kind]

    return sum(
        (
            figure_counts(keep(item.figures), keep(item.figures_may), keep(predicted_figures(analysis)))
            for item, analysis in pairs
        ),
        Counts(),
    )


def score_countries(pairs: Sequence[Pair]) -> Counts:
    """Recall of the required countries (precision is not measured: gold lists are not complete)."""
    found = sum(len(set(item.countries) & set(a.countries)) for item, a in pairs)
    wanted = sum(len(set(item.countries)) for item, _ in pairs)
    return Counts(tp=found, fn=wanted - found)


def score_country_precision(pairs: Sequence[Pair]) -> Counts:
    """Precision of the predicted countries on the items whose gold list is given (taken as complete)."""
    tp = fp = 0
    for item, analysis in pairs:
        if not item.countries:
            continue
        allowed = set(item.countries) | set(item.countries_may)
        predicted = set(analysis.countries)
        tp += len(predicted & set(item.countries))
        fp += len(predicted - allowed)
    return Counts(tp=tp, fp=fp)


def unscored_rules(pairs: Sequence[Pair]) -> dict[str, int]:
    """Rules the engine fired that no item labels, with how many documents fired them."""
    scored = set(scored_rules(item for item, _ in pairs))
    return dict(Counter(rule for _, a in pairs for rule in fired(a) if rule not in scored))


def _fmt(figures: Iterable[Figure]) -> str:
    return ", ".join(f"{k}:{'-' if c is None else c}:{q}" for k, c, q in figures) or "—"


def item_misses(item: EvalItem, analysis: Analysis, rules: Sequence[str]) -> list[Miss]:
    misses: list[Miss] = []
    if item.language != analysis.language:
        misses.append(Miss(item.id, "language", item.language, analysis.language))
    for rule in rules:
        counts = rule_counts(item, analysis, rule)
        if counts.fn:
            misses.append(Miss(item.id, f"alert {rule}", "fires", "silent"))
        if counts.fp:
            misses.append(Miss(item.id, f"alert {rule}", "silent", "fires"))
    got = predicted_figures(analysis)
    if figure_counts(item.figures, item.figures_may, got) != Counts(tp=len(item.figures)):
        misses.append(Miss(item.id, "figures", _fmt(item.figures), _fmt(got)))
    lost = sorted(set(item.countries) - set(analysis.countries))
    extra = sorted(set(analysis.countries) - set(item.countries) - set(item.countries_may)) if item.countries else []
    if lost or extra:
        misses.append(Miss(item.id, "countries", ",".join(item.countries), ",".join(analysis.countries)))
    return misses


def evaluate(pairs: Sequence[Pair]) -> Report:
    rules = scored_rules(item for item, _ in pairs)
    kinds = sorted({f[0] for item, a in pairs for f in [*item.figures, *predicted_figures(a)]})
    return Report(
        rules=score_rules(pairs),
        figures=score_figures(pairs),
        figures_by_kind={kind: score_figures(pairs, kind) for kind in kinds},
        language_correct=sum(item.language == a.language for item, a in pairs),
        language_total=len(pairs),
        countries=score_countries(pairs),
        country_precision=score_country_precision(pairs),
        unscored_rules=unscored_rules(pairs),
        misses=[m for item, a in pairs for m in item_misses(item, a, rules)],
    )


# --- running the engine -----------------------------------------------------------------------------


class EngineUnavailable(MediamonError):
    """The analysis engine (analysis.engine.analyze) cannot be imported."""


def load_engine() -> Analyze:
    try:
        module = importlib.import_module("mediamon.analysis.engine")
    except ImportError as exc:
        raise EngineUnavailable(f"the analysis engine cannot be imported (analysis.engine): {exc}") from exc
    analyze: object = getattr(module, "analyze", None)
    if not callable(analyze):
        raise EngineUnavailable("mediamon.analysis.engine has no analyze(id, title, text) function")
    return analyze


def run(items: Sequence[EvalItem], analyze: Analyze) -> list[Pair]:
    """The engine over every item; an item the engine crashes on scores as an empty analysis."""
    pairs: list[Pair] = []
    for item in items:
        try:
            analysis = analyze(item.id, item.title, item.text)
        except Exception as exc:  # one bad item must not hide the others' scores
            print(f"engine failed on {item.id}: {type(exc).__name__}: {exc}", file=sys.stderr)
            analysis = Analysis(id=item.id, language="")
        pairs.append((item, analysis))
    return pairs


# --- output --------------------------------------------------------------------------------------------


def _row(table: Table, name: str, counts: Counts, target: float | None = None) -> None:
    mark = "" if target is None else ("ok" if counts.f1 >= target else f"MISS (< {target:.2f})")
    table.add_row(
        name,
        str(counts.tp),
        str(counts.fp),
        str(counts.fn),
        f"{counts.precision:.3f}",
        f"{counts.recall:.3f}",
        f"{counts.f1:.3f}",
        mark,
    )


def render(report: Report, console: Console, items: int) -> None:
    table = Table(title=f"mediamon analysis — {items} eval items")
    for column in ("score", "TP", "FP", "FN", "precision", "recall", "F1", "target"):
        table.add_column(column, justify="left" if column in ("score", "target") else "right", no_wrap=True)
    for rule, counts in report.rules.items():
        _row(table, f"alert {rule}", counts, TARGETS.get(rule))
    _row(table, "figures (all)", report.figures, TARGETS["figures"])
    for kind, counts in report.figures_by_kind.items():
        _row(table, f"  figures {kind}", counts)
    console.print(table)
    accuracy = report.language_accuracy
    mark = "ok" if accuracy >= TARGETS["language"] else "MISS"
    console.print(
        f"language accuracy: {accuracy:.3f} ({report.language_correct}/{report.language_total}) {mark}"
    )
    console.print(
        f"country recall: {report.countries.recall:.3f} ({report.countries.tp}/"
        f"{report.countries.tp + report.countries.fn})"
    )
    precision = report.country_precision
    console.print(f"country precision: {precision.precision:.3f} ({precision.tp}/{precision.tp + precision.fp})")
    if report.unscored_rules:
        console.print(f"rules fired but not labelled (not scored): {report.unscored_rules}")


def render_misses(misses: Sequence[Miss], console: Console) -> None:
    """One plain line per disagreement (easy to grep and paste): item, what, expected -> got."""
    console.print(f"errors ({len(misses)}), by kind:")
    kinds = Counter(
        m.what if m.what in ("figures", "countries", "language") else f"{m.what} {m.got}" for m in misses
    )
    for kind, count in kinds.most_common():
        console.print(f"  {count:>4}  {kind}", markup=False)
    for miss in misses:
        console.print(
            f"  {miss.item_id:<10} {miss.what:<20} expected {miss.expected}  got {miss.got}", markup=False
        )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m mediamon.analysis.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR, help="eval directory")
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    console = Console(width=None if sys.stdout.isatty() else 120)
    try:
        items = load_dir(args.directory)
        analyze = load_engine()
    except MediamonError as exc:
        print(f"evaluate: error: {exc}", file=sys.stderr)
        return 2
    report = evaluate(run(items, analyze))
    render(report, console, len(items))
    if args.errors:
        render_misses(report.misses, console)
    failed = report.failed_targets()
    for name, (value, target) in failed.items():
        console.print(f"target missed: {name} = {value:.3f} < {target:.2f}")
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
