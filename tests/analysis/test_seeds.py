"""The five real seed articles (../shared/corpus) through the engine, against seeds.expected.json.

Seed files are scraped pages: an optional outlet/section label ("الأخبار العالمية"), a title line (sometimes
repeated), the body, then boilerplate lines. The split into title and text follows that layout; the
whole file always reaches the engine, so nothing depends on the split being perfect.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mediamon.analysis.engine import analyze
from mediamon.schema import Analysis

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
EXPECTED = CORPUS / "seeds.expected.json"
SENTENCE_END = (".", "!", "؟", "?", ":", "،", ",")


def _expected() -> dict[str, Any]:
    if not EXPECTED.is_file():
        raise FileNotFoundError(
            f"seed corpus not found at {CORPUS} (seeds/*.txt and seeds.expected.json, beside the repo)"
        )
    articles: dict[str, Any] = json.loads(EXPECTED.read_text(encoding="utf-8"))["articles"]
    return articles


def _is_label(line: str) -> bool:
    """A short section or outlet label above the title (two or three words, no punctuation)."""
    return len(line.split()) <= 3 and not line.endswith(SENTENCE_END)


def _is_title(line: str) -> bool:
    return 4 <= len(line.split()) <= 25 and not line.endswith(SENTENCE_END)


def split_seed(raw: str) -> tuple[str, str]:
    """(title, text): leading labels go to the text's head, a headline-like first line is the title."""
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    head: list[str] = []
    while lines and _is_label(lines[0]) and len(lines) > 1:
        head.append(lines.pop(0))
    title = lines.pop(0) if lines and _is_title(lines[0]) and lines[1:] else ""
    while title and lines and lines[0] == title:  # some pages repeat the headline
        lines.pop(0)
    return title, "\n\n".join([*head, *lines])


def test_split_seed_layouts() -> None:
    assert split_seed("الأخبار العالمية\n\nعنوان الخبر هنا بكلمات عدة\n\nالنص. \nزر") == (
        "عنوان الخبر هنا بكلمات عدة",
        "الأخبار العالمية\n\nالنص.\n\nزر",
    )
    assert split_seed("عنوان مكرر من أربع كلمات\n\nعنوان مكرر من أربع كلمات\nالنص.") == (
        "عنوان مكرر من أربع كلمات",
        "النص.",
    )
    assert split_seed("جملة أولى طويلة تنتهي بنقطة كما في المتن.\nجملة ثانية.") == (
        "",
        "جملة أولى طويلة تنتهي بنقطة كما في المتن.\n\nجملة ثانية.",
    )


def _seed_ids() -> list[str]:
    try:
        return sorted(_expected())
    except FileNotFoundError:
        return ["<seed corpus missing>"]


_cache: dict[str, Analysis] = {}


def _analysis(seed_id: str) -> Analysis:
    expected = _expected()  # raises the clear "seed corpus not found" error when missing
    if seed_id not in _cache:
        path = CORPUS / "seeds" / f"{seed_id}.txt"
        assert path.is_file(), f"{seed_id} is in seeds.expected.json but {path} is missing"
        assert seed_id in expected
        title, text = split_seed(path.read_text(encoding="utf-8"))
        _cache[seed_id] = analyze(seed_id, title, text)
    return _cache[seed_id]


@pytest.mark.parametrize("seed_id", _seed_ids())
def test_language(seed_id: str) -> None:
    assert _analysis(seed_id).language == _expected()[seed_id]["language"]


@pytest.mark.parametrize("seed_id", _seed_ids())
def test_alerts(seed_id: str) -> None:
    fired = {alert.rule for alert in _analysis(seed_id).alerts}
    missing = set(_expected()[seed_id]["alerts"]) - fired
    assert not missing, f"{seed_id}: rules {sorted(missing)} did not fire (fired: {sorted(fired)})"


@pytest.mark.parametrize("seed_id", _seed_ids())
def test_must_figures(seed_id: str) -> None:
    found = [(c.kind, c.count, c.qualifier) for c in _analysis(seed_id).casualties]
    missing = [tuple(f) for f in _expected()[seed_id]["must"] if tuple(f) not in found]
    assert not missing, f"{seed_id}: figures {missing} not found; found {found}"


@pytest.mark.parametrize("seed_id", _seed_ids())
def test_countries(seed_id: str) -> None:
    countries = set(_analysis(seed_id).countries)
    missing = sorted(set(_expected()[seed_id]["countries"]) - countries)
    assert not missing, f"{seed_id}: countries {missing} not found; found {sorted(countries)}"
