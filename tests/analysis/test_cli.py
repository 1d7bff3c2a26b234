import json
import subprocess
import sys
from pathlib import Path

import pytest

from mediamon.cli import main
from mediamon.schema import Analysis


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_analyze_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    lines = [
        {"id": "1", "title": "", "text": "أعلنت الأطراف هدنة إنسانية بعد مقتل عشرة مدنيين"},
        {"id": "2", "title": "Ceasefire", "text": "The truce holds."},
    ]
    src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    code, out, _ = run(["analyze", str(src)], capsys)
    assert code == 0
    results = [Analysis.model_validate_json(line) for line in out.splitlines()]
    assert [r.id for r in results] == ["1", "2"]
    assert {a.rule for a in results[0].alerts} >= {"ceasefire", "casualties"}
    assert results[1].language == "en"


def test_bad_lines_are_reported_not_dropped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.jsonl"
    good = json.dumps({"id": "ok", "text": "هدنة"}).encode()
    src.write_bytes(good + b'\nnot json\n[1]\n{"title": "x"}\n\xff\xfe\n')
    code, out, err = run(["analyze", str(src)], capsys)
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0]["id"] == "ok"
    assert [r["line"] for r in rows[1:]] == [2, 3, 4, 5]
    for n in (2, 3, 4, 5):
        assert f"line {n}" in err


def test_analyze_stdin_subprocess() -> None:
    line = json.dumps({"id": "s", "title": "", "text": "قُتل جنديان"}, ensure_ascii=False)
    proc = subprocess.run(
        [sys.executable, "-m", "mediamon.cli", "analyze", "-"],
        input=line.encode(), capture_output=True, check=False, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["alerts"][0]["rule"] == "casualties"


def test_rules_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(["rules", "validate"], capsys)
    assert code == 0 and "ceasefire" in out
    (tmp_path / "bad.yaml").write_text("rules:\n  - id: x\n    labels: {ar: a, en: b}\n    oops: 1\n")
    code, _, err = run(["rules", "validate", str(tmp_path)], capsys)
    assert code == 2 and "bad.yaml" in err and "'x'" in err


def test_rules_test_shows_matches_and_exclusions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "t.txt"
    src.write_text("قضوا الليل يقتلون الوقت. ثم قُتل رجلان في الهجوم.", encoding="utf-8")
    code, out, _ = run(["rules", "test", "casualties", str(src)], capsys)
    assert code == 0
    assert "SUPPRESSED" in out and "«قُتل»" in out and "1 match" in out
    code, _, err = run(["rules", "test", "nosuch", str(src)], capsys)
    assert code == 2 and "nosuch" in err
