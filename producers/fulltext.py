"""Main text of an article page: trafilatura extraction, then removal of the boilerplate lines outlets
append (back-to-top buttons, "see also", newsletter prompts, share labels). Pure: no I/O here.

The extractor's work is bounded before it starts. trafilatura's memory grows with the page's size times
its nesting depth (a 9.5 MB page with 150 unclosed elements took 2.4 GB), so: scripts, styles, SVG and
comments are dropped in one linear pass, the rest is cut at :data:`MAX_EXTRACT_HTML_CHARS`, and a page
nested deeper than :data:`MAX_EXTRACT_DEPTH` is not extracted at all (:class:`PageRefused`; the caller
falls back to the feed's summary and says so in ``text_source``). Worst case measured: under 150 MB.
"""

from __future__ import annotations

import re

import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from mediamon.analysis.normalize import normalize
from mediamon.producers.text import tidy_lines

# Whole lines that are boilerplate (compared after normalisation and without punctuation).
_EXACT = (
    "زر الذهاب إلى الأعلى", "الذهاب إلى الأعلى", "العودة إلى الأعلى", "إلى الأعلى",
    "شاهد أيضاً", "اقرأ أيضاً", "اقرأ المزيد", "المزيد", "مشاركة", "شارك", "شارك المقال",
    "شارك هذا المقال", "شارك الخبر", "قد يعجبك أيضاً", "قد يعجبك ايضا", "ابق على اتصال",
    "ابقَ على اطلاع", "احصل على النشرة الإخبارية", "اشترك في النشرة الإخبارية", "النشرة الإخبارية",
    "اشترك الآن", "مواضيع ذات صلة", "أخبار ذات صلة", "مقالات ذات صلة", "مواضيع متعلقة",
    "الأكثر قراءة", "الأكثر مشاهدة", "حمّل التطبيق", "نسخ الرابط", "تم نسخ الرابط", "طباعة",
    "إعلان", "تابعونا", "back to top", "share", "share this", "read more", "see also", "related",
    "related articles", "advertisement", "subscribe", "subscribe to our newsletter",
)
# Line openings that mark a teaser for another article or a prompt ("اقرأ أيضاً: عنوان آخر").
_PREFIXES = (
    "اقرأ أيضاً", "شاهد أيضاً", "اقرأ المزيد", "للمزيد من الأخبار", "تابعونا على", "تابعنا على",
    "اشترك في النشرة", "اشترك في نشرتنا", "read also", "see also", "follow us on",
)
# A line made only of these words is a row of share buttons.
_SHARE_WORDS = frozenset(normalize(part) for phrase in (
    "فيسبوك", "فيس بوك", "تويتر", "إكس", "واتساب", "واتس", "آب", "تلغرام", "تيليغرام", "لينكد",
    "إن", "بريد", "إلكتروني", "البريد", "الإلكتروني", "طباعة", "مشاركة", "شارك", "عبر", "نسخ",
    "الرابط", "facebook", "twitter", "x", "whatsapp", "telegram", "linkedin", "email", "print",
    "share", "copy", "link", "messenger", "reddit",
) for part in phrase.split())
MAX_PREFIX_LINE_WORDS = 25
MIN_FULLTEXT_CHARS = 80

_NOT_WORD = re.compile(r"[^\w\s]+")


def _key(line: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", normalize(line)).split())


_EXACT_KEYS = frozenset(_key(p) for p in _EXACT)
_PREFIX_KEYS = tuple(_key(p) for p in _PREFIXES)


def is_boilerplate(line: str) -> bool:
    key = _key(line)
    if not key:
        return True
    if key in _EXACT_KEYS:
        return True
    words = key.split()
    if len(words) <= MAX_PREFIX_LINE_WORDS and any(
        key == p or key.startswith(p + " ") for p in _PREFIX_KEYS
    ):
        return True
    return len(words) <= 12 and all(w in _SHARE_WORDS for w in words)


def remove_boilerplate(text: str) -> str:
    return "\n".join(line for line in tidy_lines(text).splitlines() if not is_boilerplate(line))


def _drop_title(text: str, title: str | None) -> str:
    """The page headline repeats the article title, which travels in its own field."""
    first, _, rest = text.partition("\n")
    return rest if title and _key(first) == _key(title) else text


# HTML handed to the extractor, after scripts and styles are dropped: real article pages fit well inside.
MAX_EXTRACT_HTML_CHARS = 1_000_000
# Element nesting the extractor accepts: real pages stay under about 40 levels.
MAX_EXTRACT_DEPTH = 64
_HEAVY = ("script", "style", "svg", "noscript", "template")


class PageRefused(ValueError):
    """A page the extractor is not given (too deeply nested); ``reason`` says why."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


def strip_heavy(html: str) -> str:
    """Drop comments and script/style/svg/noscript/template blocks in one linear pass; an unclosed one
    runs to the end of the page."""
    lowered = html.lower()
    parts: list[str] = []
    pos = 0
    n = len(html)
    while pos < n:
        start = lowered.find("<", pos)
        if start < 0:
            break
        end = -1
        if lowered.startswith("<!--", start):
            close = lowered.find("-->", start + 4)
            end = n if close < 0 else close + 3
        else:
            for tag in _HEAVY:
                if lowered.startswith(tag, start + 1) and lowered[start + 1 + len(tag): start + 2 + len(tag)] in (
                    " ", ">", "\t", "\n", "\r", "/",
                ):
                    close = lowered.find(f"</{tag}", start + 1)
                    if close < 0:
                        end = n
                    else:
                        gt = lowered.find(">", close)
                        end = n if gt < 0 else gt + 1
                    break
        if end < 0:
            parts.append(html[pos:start + 1])
            pos = start + 1
            continue
        parts.append(html[pos:start])
        pos = end
    parts.append(html[pos:])
    return "".join(parts)


def _depth(tree: etree._Element) -> int:
    depth = deepest = 0
    for event, _element in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def extract_main_text(html: str, url: str | None = None, title: str | None = None) -> str | None:
    """The article's main text without boilerplate, or None when extraction finds too little; raises
    :class:`PageRefused` for a page nested deeper than :data:`MAX_EXTRACT_DEPTH`."""
    light = strip_heavy(html)[:MAX_EXTRACT_HTML_CHARS]
    tree = load_html(light)
    if tree is None:
        return None
    depth = _depth(tree)
    if depth > MAX_EXTRACT_DEPTH:
        raise PageRefused("too_deep", f"elements nested {depth} deep (limit {MAX_EXTRACT_DEPTH})")
    extracted = trafilatura.extract(
        tree, url=url, output_format="txt", include_comments=False, include_tables=False,
        include_images=False, include_links=False, deduplicate=False, with_metadata=False,
    )
    if not extracted:
        return None
    text = _drop_title(remove_boilerplate(extracted), title)
    return text if len(text) >= MIN_FULLTEXT_CHARS else None
