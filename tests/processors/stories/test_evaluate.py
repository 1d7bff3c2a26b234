"""The evaluation command: B-cubed on a labelled folder, --errors, and --check's exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mediamon.processors.stories.evaluate import main
from mediamon.processors.stories.labelled import load

REPO = Path(__file__).resolve().parents[3]


def test_the_labelled_set_meets_the_target(capsys: pytest.CaptureFixture[str]) -> None:
    articles = load(REPO / "eval" / "stories")
    assert len(articles) >= 80 and len({a.story for a in articles}) >= 20
    assert main([str(REPO / "eval" / "stories"), "--check"]) == 0
    assert "B-cubed precision" in capsys.readouterr().out


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_check_fails_below_the_target(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # One story told twice in the same words, labelled as two stories: precision 0.5.
    row = {"outlet": "o", "published": "2025-01-01T10:00:00+00:00", "title": "زلزال يضرب هاتاي",
           "text": "ضرب زلزال بقوة خمس درجات ولاية هاتاي التركية."}
    path = _write(tmp_path / "set.jsonl", [{"id": "a", "story": "x", **row}, {"id": "b", "story": "y", **row}])
    assert main([str(path), "--check", "--errors"]) == 1
    out = capsys.readouterr().out
    assert "F1 0.667" in out and "merged a: ['x', 'y']" in out


def test_bad_rows_name_the_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.jsonl", [{"id": "a", "story": "x"}])
    with pytest.raises(ValueError, match=r"bad\.jsonl:1"):
        load(path)
