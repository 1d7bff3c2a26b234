from __future__ import annotations

import json
from pathlib import Path

import pytest

from mediamon.producers.fulltext import (
    MAX_EXTRACT_HTML_CHARS,
    PageRefused,
    extract_main_text,
    is_boilerplate,
    remove_boilerplate,
    strip_heavy,
)
from mediamon.producers.text import tidy_lines
from tests.producers.samples import ARABIC, BOILERPLATE_LINES, article_page, article_text

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def _seeds() -> list[tuple[str, list[str]]]:
    expected = json.loads((CORPUS / "seeds.expected.json").read_text(encoding="utf-8"))["articles"]
    return [(name, spec.get("boilerplate", [])) for name, spec in sorted(expected.items())]


@pytest.mark.parametrize(("name", "boilerplate"), _seeds())
def test_seed_boilerplate_lines_are_dropped_and_nothing_else(name: str, boilerplate: list[str]) -> None:
    text = (CORPUS / "seeds" / f"{name}.txt").read_text(encoding="utf-8")
    lines = tidy_lines(text).splitlines()
    assert set(boilerplate) <= set(lines)
    assert remove_boilerplate(text).splitlines() == [line for line in lines if line not in boilerplate]


@pytest.mark.parametrize("line", [
    "زر الذهاب إلى الأعلى", "شاهد أيضاً", "مشاركة :", "قد يعجبك ايضا", "ابق على اتصال",
    "احصل على النشرة الإخبارية", "اقرأ أيضا: الأمم المتحدة تدعو إلى هدنة", "فيسبوك تويتر واتساب",
    "Back to top", "  شارك  ",
])
def test_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "وشارك في الاجتماع وزراء خارجية خمس دول.", "المزيد من القتلى في قصف جديد على المدينة",
    "شاهد أيضاً شهود عيان جثث القتلى في الشوارع بعد القصف العنيف الذي استمر طوال الليل على الأحياء "
    "الشرقية من المدينة المحاصرة منذ أسابيع طويلة دون أن تصل إليها أي مساعدات إنسانية أو طبية من أي جهة",
])
def test_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_article_page_main_text_without_title_or_boilerplate() -> None:
    html = article_page(ARABIC[0])
    assert extract_main_text(html, "https://news.example/a", ARABIC[0].title) == article_text(ARABIC[0])
    assert all(line in html for line in BOILERPLATE_LINES)


def test_too_little_text_is_none() -> None:
    assert extract_main_text("<html><body><p>قصير</p></body></html>") is None
    assert extract_main_text("") is None


def _nested_page(depth: int, paragraphs: int) -> str:
    para = "<p>" + "أعلنت وزارة الصحة في غزة مقتل 32 شخصا في غارة على مخيم النصيرات. " * 20 + "</p>"
    return "<html><head><title>t</title></head><body>" + "<div>" * depth + para * paragraphs


def test_deeply_nested_pages_are_not_extracted() -> None:
    with pytest.raises(PageRefused) as caught:
        extract_main_text(_nested_page(150, 10))
    assert caught.value.reason == "too_deep"
    assert extract_main_text(_nested_page(30, 10))


def test_scripts_and_styles_are_dropped_linearly_before_the_cap() -> None:
    body = "<p>" + "نص المقال الرئيسي عن وقف إطلاق النار في غزة. " * 10 + "</p>"
    html = ("<html><head><script>" + "var x = '<p>';" * 200_000 + "</script><style>p{}</style></head><body>"
            "<!-- " + "c" * 100 + " -->" + body + "</body></html>")
    assert len(html) > MAX_EXTRACT_HTML_CHARS
    light = strip_heavy(html)
    assert "var x" not in light and "p{}" not in light and "<!--" not in light and body in light
    assert "غزة" in (extract_main_text(html) or "")
    assert strip_heavy("<p>a</p><script>never closed" + "x" * 10) == "<p>a</p>"
    assert strip_heavy("<scripture>a</scripture>") == "<scripture>a</scripture>"
