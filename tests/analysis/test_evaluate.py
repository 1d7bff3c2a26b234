from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from mediamon.analysis.evalset import LANGUAGE_CODES, EvalItem, Figure, load_dir, parse_line
from mediamon.analysis.evaluate import (
    DEFAULT_DIR,
    Counts,
    EngineUnavailable,
    evaluate,
    figure_counts,
    load_engine,
    main,
    score_countries,
    score_figures,
    score_rules,
)
from mediamon.errors import ConfigError
from mediamon.schema import Alert, Analysis, Casualty, Span

KINDS = {"killed", "injured", "killed_or_injured", "displaced", "evacuated", "missing"}
QUALIFIERS = {"exact", "at_least", "more_than", "about", "vague"}


def gold(
    id: str,
    alerts: list[str],
    figures: list[Figure] | None = None,
    *,
    language: str = "ar",
    countries: list[str] | None = None,
    alerts_may: list[str] | None = None,
    figures_may: list[Figure] | None = None,
) -> EvalItem:
    return EvalItem(
        id=id,
        text="نص",
        language=language,
        alerts=alerts,
        figures=figures or [],
        countries=countries or [],
        alerts_may=alerts_may or [],
        figures_may=figures_may or [],
    )


def predicted(
    id: str,
    rules: list[str],
    figures: list[Figure] | None = None,
    *,
    language: str = "ar",
    countries: list[str] | None = None,
) -> Analysis:
    span = Span(text="x", start=0, end=1)
    return Analysis(
        id=id,
        language=language,
        alerts=[Alert(rule=r, severity="high", matches=[span]) for r in rules],
        countries=countries or [],
        casualties=[
            Casualty(kind=k, count=c, qualifier=q, text="x", start=0, end=1) for k, c, q in figures or []
        ],
    )


# --- Counts ---------------------------------------------------------------------------------------------


def test_counts_precision_recall_f1() -> None:
    counts = Counts(tp=3, fp=1, fn=2)
    assert counts.precision == pytest.approx(0.75)
    assert counts.recall == pytest.approx(0.6)
    assert counts.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_counts_empty_denominators() -> None:
    assert Counts().precision == 1.0 and Counts().recall == 1.0 and Counts().f1 == 1.0
    never_fired = Counts(fn=4)
    assert (never_fired.precision, never_fired.recall, never_fired.f1) == (1.0, 0.0, 0.0)
    only_wrong = Counts(fp=2)
    assert (only_wrong.precision, only_wrong.recall, only_wrong.f1) == (0.0, 1.0, 0.0)


def test_counts_add() -> None:
    assert Counts(1, 2, 3) + Counts(4, 5, 6) == Counts(5, 7, 9)


# --- rules ----------------------------------------------------------------------------------------------


def test_rule_scores_document_level() -> None:
    pairs = [
        (gold("a", ["ceasefire", "casualties"]), predicted("a", ["ceasefire", "ceasefire"])),
        (gold("b", ["ceasefire"]), predicted("b", ["casualties"])),
        (gold("c", []), predicted("c", ["ceasefire", "protests"])),
        (gold("d", ["casualties"]), predicted("d", ["casualties"])),
    ]
    scores = score_rules(pairs)
    assert set(scores) == {"ceasefire", "casualties"}  # protests is labelled nowhere: not scored
    assert scores["ceasefire"] == Counts(tp=1, fp=1, fn=1)
    assert scores["casualties"] == Counts(tp=1, fp=1, fn=1)
    assert scores["ceasefire"].f1 == pytest.approx(0.5)


def test_rule_may_is_neither_rewarded_nor_punished() -> None:
    pairs = [
        (gold("a", ["ceasefire"]), predicted("a", ["ceasefire"])),
        (gold("b", [], alerts_may=["ceasefire"]), predicted("b", ["ceasefire"])),
        (gold("c", [], alerts_may=["ceasefire"]), predicted("c", [])),
    ]
    assert score_rules(pairs)["ceasefire"] == Counts(tp=1)


# --- figures --------------------------------------------------------------------------------------------


def test_figures_multiset_match() -> None:
    want: list[Figure] = [("killed", 3, "exact"), ("killed", 3, "exact"), ("injured", None, "vague")]
    got: list[Figure] = [("killed", 3, "exact"), ("injured", None, "vague"), ("injured", 5, "about")]
    assert figure_counts(want, [], got) == Counts(tp=2, fp=1, fn=1)


def test_figures_qualifier_and_count_must_match() -> None:
    assert figure_counts([("killed", 32, "at_least")], [], [("killed", 32, "exact")]) == Counts(fp=1, fn=1)
    assert figure_counts([("killed", 32, "exact")], [], [("killed", 23, "exact")]) == Counts(fp=1, fn=1)
    assert figure_counts([("killed", 2, "exact")], [], [("injured", 2, "exact")]) == Counts(fp=1, fn=1)


def test_figures_may_absorbs_only_its_own_multiplicity() -> None:
    may: list[Figure] = [("killed", 2, "exact")]
    got: list[Figure] = [("killed", 2, "exact"), ("killed", 2, "exact"), ("killed", 6, "exact")]
    assert figure_counts([("killed", 6, "exact")], may, got) == Counts(tp=1, fp=1)


def test_figures_micro_over_documents_and_by_kind() -> None:
    pairs = [
        (
            gold("a", [], [("killed", 5, "exact"), ("injured", 7, "exact")]),
            predicted("a", [], [("killed", 5, "exact")]),
        ),
        (gold("b", [], []), predicted("b", [], [("displaced", 100, "about")])),
        (gold("c", [], [("killed", 1, "exact")]), predicted("c", [], [("killed", 1, "exact")])),
    ]
    assert score_figures(pairs) == Counts(tp=2, fp=1, fn=1)
    assert score_figures(pairs, "killed") == Counts(tp=2)
    assert score_figures(pairs, "injured") == Counts(fn=1)
    assert score_figures(pairs, "displaced") == Counts(fp=1)


# --- language, countries, report ------------------------------------------------------------------------


def test_countries_recall_ignores_extra_predictions() -> None:
    pairs = [
        (gold("a", [], countries=["AZ", "AM"]), predicted("a", [], countries=["AZ", "RU", "US"])),
        (gold("b", []), predicted("b", [], countries=["FR"])),
        (gold("c", [], countries=["SD"]), predicted("c", [], countries=["SD"])),
    ]
    assert score_countries(pairs) == Counts(tp=2, fn=1)


def test_report_language_targets_and_misses() -> None:
    pairs = [
        (
            gold("a", ["ceasefire"], [("killed", 4, "exact")]),
            predicted("a", ["ceasefire"], [("killed", 4, "exact")]),
        ),
        (gold("b", [], language="fa"), predicted("b", [], language="ar")),
        (gold("c", ["casualties"], countries=["PS"]), predicted("c", [])),
    ]
    report = evaluate(pairs)
    assert (report.language_correct, report.language_total) == (2, 3)
    assert report.language_accuracy == pytest.approx(2 / 3)
    assert report.figures == Counts(tp=1)
    failed = report.failed_targets()
    assert set(failed) == {"casualties", "language"}
    assert failed["casualties"] == (0.0, 0.95)
    assert {(m.item_id, m.what) for m in report.misses} == {
        ("b", "language"),
        ("c", "alert casualties"),
        ("c", "countries"),
    }


def test_unscored_rules_are_reported() -> None:
    report = evaluate([(gold("a", ["ceasefire"]), predicted("a", ["ceasefire", "shelling"]))])
    assert report.unscored_rules == {"shelling": 1}
    assert "shelling" not in report.rules


# --- data validation ------------------------------------------------------------------------------------


def test_parse_line_rejects_bad_items() -> None:
    base = {"id": "x", "text": "نص", "language": "ar", "alerts": [], "figures": []}
    assert parse_line(json.dumps(base), "f:1").id == "x"
    bad = [
        {**base, "language": "arabic"},
        {**base, "figures": [["killed", None, "exact"]]},
        {**base, "figures": [["killed", 3, "vague"]]},
        {**base, "figures": [["wounded", 3, "exact"]]},
        {**base, "figures": [["killed", 0, "exact"]]},
        {**base, "countries": ["aze"]},
        {**base, "alerts": ["ceasefire"], "alerts_may": ["ceasefire"]},
        {**base, "extra": 1},
        {**base, "text": ""},
    ]
    for raw in bad:
        with pytest.raises(ConfigError, match=r"f:1 \(item x\)"):
            parse_line(json.dumps(raw), "f:1")
    with pytest.raises(ConfigError, match="not JSON"):
        parse_line("{", "f:2")


def test_load_dir_rejects_duplicate_ids(tmp_path: Path) -> None:
    line = json.dumps({"id": "same", "text": "نص", "language": "ar", "alerts": [], "figures": []})
    (tmp_path / "a.jsonl").write_text(line + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="duplicate id 'same'"):
        load_dir(tmp_path)


def test_eval_set_is_valid_and_large_enough() -> None:
    items = load_dir(DEFAULT_DIR)
    assert len(items) >= 200
    assert len({item.id for item in items}) == len(items)
    non_arabic = [item for item in items if item.language != "ar"]
    assert len(non_arabic) >= 40
    assert {"fa", "ur", "en", "fr"} <= {item.language for item in non_arabic}
    for item in items:
        assert item.language in LANGUAGE_CODES
        assert item.text.strip(), item.id
        for kind, count, qualifier in [*item.figures, *item.figures_may]:
            assert kind in KINDS and qualifier in QUALIFIERS, item.id
            assert (count is None) == (qualifier == "vague"), item.id
    for item in non_arabic:
        assert not item.alerts and not item.figures, f"{item.id}: non-Arabic text gets no alerts or figures"


def test_eval_set_covers_each_rule_with_positives_and_negatives() -> None:
    items = [item for item in load_dir(DEFAULT_DIR) if item.language == "ar"]
    for rule in ("ceasefire", "casualties"):
        positives = sum(rule in item.alerts for item in items)
        negatives = sum(rule not in item.alerts and rule not in item.alerts_may for item in items)
        assert positives >= 40 and negatives >= 40, rule
    qualifiers = {f[2] for item in items for f in item.figures}
    assert qualifiers == QUALIFIERS


# --- the command ----------------------------------------------------------------------------------------


def test_missing_engine_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "mediamon.analysis.engine", None)  # makes the import fail
    with pytest.raises(EngineUnavailable, match="analysis engine cannot be imported"):
        load_engine()


def test_main_reports_missing_engine_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "mediamon.analysis.engine", None)
    assert main([str(DEFAULT_DIR)]) == 2
    err = capsys.readouterr().err
    assert "analysis engine cannot be imported" in err and "Traceback" not in err


def test_main_missing_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nope")]) == 2
    assert "no such eval directory" in capsys.readouterr().err


def _write_items(directory: Path, items: list[EvalItem]) -> None:
    lines = [item.model_dump_json() for item in items]
    (directory / "set.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_main_check_exit_codes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    items = [
        gold("a", ["ceasefire"]),
        gold("b", ["casualties"], [("killed", 2, "exact")]),
        gold("c", [], language="fa"),
    ]
    _write_items(tmp_path, items)
    by_id = {item.id: item for item in items}

    def oracle(id: str, title: str, text: str) -> Analysis:
        item = by_id[id]
        return predicted(id, item.alerts, item.figures, language=item.language)

    def silent(id: str, title: str, text: str) -> Analysis:
        return Analysis(id=id, language="ar")

    def crashing(id: str, title: str, text: str) -> Analysis:
        raise RuntimeError("boom")

    monkeypatch.setattr("mediamon.analysis.evaluate.load_engine", lambda: oracle)
    assert main([str(tmp_path), "--check"]) == 0
    monkeypatch.setattr("mediamon.analysis.evaluate.load_engine", lambda: silent)
    assert main([str(tmp_path), "--check", "--errors"]) == 1
    out = capsys.readouterr().out
    assert "target missed: ceasefire" in out and "b          alert casualties" in out
    assert main([str(tmp_path)]) == 0
    monkeypatch.setattr("mediamon.analysis.evaluate.load_engine", lambda: crashing)
    assert main([str(tmp_path), "--check"]) == 1
    assert "engine failed on a: RuntimeError: boom" in capsys.readouterr().err
