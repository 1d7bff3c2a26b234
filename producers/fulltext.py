"""Main text of an article page: trafilatura extraction, then removal of the boilerplate lines outlets
append (back-to-top buttons, "see also", newsletter prompts, share labels). Pure: no I/O here."""

from __future__ import annotations

import re

import trafilatura
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


def extract_main_text(html: str, url: str | None = None, title: str | None = None) -> str | None:
    """The article's main text without boilerplate, or None when extraction finds too little."""
    extracted = trafilatura.extract(
        html, url=url, output_format="txt", include_comments=False, include_tables=False,
        include_images=False, include_links=False, deduplicate=False, with_metadata=False,
    )
    if not extracted:
        return None
    text = _drop_title(remove_boilerplate(extracted), title)
    return text if len(text) >= MIN_FULLTEXT_CHARS else None
