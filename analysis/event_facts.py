"""Which of an article's casualty facts tell its event, and which recall an earlier period (pure).

The engine reports every casualty fact an article states (the analysis contract), the background too. Reports of
a clash or a strike routinely end with the toll of an earlier war: «the first war, early in the nineties, killed
30,000», «the 2020 war killed about 6,500», «since October 2023, more than 68,000 were killed». A story's figures
are the event's, which Slack and the desk read as "how many were killed": such a figure would make a clash with 49
dead a story of 30,000 dead and send an update saying the toll rose to it.

A fact recalls the past when every sentence that states it dates what it counts before the article's year:
- it names a year before the event year (في عام 2020، منذ أكتوبر 2023 in a 2025 report, حرب 2014), unless the
  year only bounds a comparison («the deadliest since the 2020 war», «for the first time since 2011»);
- or a decade (مطلع التسعينيات) or the last century.

A sentence that dates nothing is the event's, so a toll «since the operation began» counts (the operation is
today's), and so does a cumulative toll that names no earlier year: the text does not say how old it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mediamon.analysis.normalize import normalize
from mediamon.schema import Casualty

_SENTENCE_END_RE = re.compile(r"[.!?؟;؛\n]")
# A number of four digits is a year when a word that dates comes just before it (عام 2020، منذ 2014، في 2019، حرب
# 2006، خريف 2020, a month: اكتوبر 2023، تشرين الاول 2023) or it ends a date (20/9/2022): «قتل 1950 شخصا» is a count.
_YEAR_RE = re.compile(r"(?<![\d.,])(19[0-9]{2}|20[0-9]{2})(?![\d.,/])")
_DATE_BEFORE_RE = re.compile(r"\d/$")
_YEAR_WORDS = frozenset((
    "عام", "العام", "لعام", "بعام", "وعام", "سنه", "السنه", "لسنه", "منذ", "في", "وفي", "حرب", "الحرب",
    "ربيع", "صيف", "خريف", "شتاء", "مطلع", "اواخر", "اوائل", "منتصف", "نهايه", "بدايه",
    "يناير", "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يوليو", "اغسطس", "سبتمبر", "اكتوبر", "نوفمبر", "ديسمبر",
    "كانون", "شباط", "اذار", "نيسان", "ايار", "حزيران", "تموز", "اب", "ايلول", "تشرين", "الاول", "الثاني",
))
_DECADE_RE = re.compile(r"(?:عشرين|ثلاثين|اربعين|خمسين|ستين|سبعين|ثمانين|تسعين)(?:ي)?ات\b|القرن (?:الماضي|العشرين)")
_SINCE_RE = re.compile(r"\bمنذ\b")
# What makes «منذ <year>» a comparison rather than the span a count covers: a superlative (الاكثر دمويه، اعنف،
# الاعلي), «first/unprecedented» (لاول مره، غير مسبوق), within a few words before «منذ».
_COMPARISON_RE = re.compile(
    r"(?:^|\s)(?:ال|و|ب|ل|لل|وال|بال)?(?:اكثر|اعنف|اكبر|اسوا|اعلي|ادمي|اخطر|اشد|افدح|اضخم|اقوي|اول|اوسع)(?:\s|$)"
    r"|مسبوق|(?:^|\s)مره(?:\s|$)"
)
_COMPARISON_WORDS = 6  # words between the comparison and «منذ»


NEAR_WORDS = 8  # a year or decade dates a fact when it is this close to one of its mentions (words either side)


def _window(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The normalised sentence around ``text[start:end]``, and the range of it within ``NEAR_WORDS`` words of
    that phrase."""
    low = 0
    for found in _SENTENCE_END_RE.finditer(text, 0, start):
        low = found.end()
    end_match = _SENTENCE_END_RE.search(text, end)
    high = end_match.start() if end_match else len(text)
    before, phrase, after = normalize(text[low:start]), normalize(text[start:end]), normalize(text[end:high])
    near_before = _last_words_start(before, NEAR_WORDS)
    near_after = _first_words_end(after, NEAR_WORDS)
    sentence = before + phrase + after
    return sentence, near_before, len(before) + len(phrase) + near_after


def _last_words_start(text: str, words: int) -> int:
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    return starts[-words] if len(starts) >= words else 0


def _first_words_end(text: str, words: int) -> int:
    ends = [m.end() for m in re.finditer(r"\S+", text)]
    return ends[words - 1] if len(ends) >= words else len(text)


def _compared_since(sentence: str, year_at: int) -> bool:
    """Whether the year at ``year_at`` follows a «منذ» that follows a comparison (the deadliest since ...)."""
    since = None
    for found in _SINCE_RE.finditer(sentence, 0, year_at):
        since = found
    if since is None:
        return False
    before = sentence[: since.start()].split()[-_COMPARISON_WORDS:]
    return bool(_COMPARISON_RE.search(" " + " ".join(before) + " "))


def dates_the_past(sentence: str, event_year: int, low: int = 0, high: int | None = None) -> bool:
    """Whether a normalised sentence dates what it tells, between offsets ``low`` and ``high``, before
    ``event_year``."""
    high = len(sentence) if high is None else high
    if _DECADE_RE.search(sentence, low, high):
        return True
    return any(
        int(found.group(1)) < event_year and _is_year(sentence, found.start())
        and not _compared_since(sentence, found.start())
        for found in _YEAR_RE.finditer(sentence, low, high)
    )


def _is_year(sentence: str, at: int) -> bool:
    before = sentence[:at]
    if _DATE_BEFORE_RE.search(before):
        return True
    words = before.split()
    if not words:
        return False
    last = words[-1].strip("(،,")
    # «أكتوبر/تشرين الأول 2023»: the month's two names are one word with a slash
    return last in _YEAR_WORDS or any(part in _YEAR_WORDS for part in last.split("/"))


def recalls_past(text: str, fact: Casualty, event_year: int) -> bool:
    """Whether every mention of ``fact`` has a year before ``event_year`` (or a decade) near it, in its sentence
    (offsets index ``text``)."""
    spans = {(fact.start, fact.end), *((mention.start, mention.end) for mention in fact.mentions)}
    return all(0 <= start <= end <= len(text) and _dated_before(text, start, end, event_year)
               for start, end in spans)


def event_facts(text: str, facts: Sequence[Casualty], event_year: int) -> list[Casualty]:
    """The facts of ``facts`` that tell the article's event, in their order."""
    return [fact for fact in facts if not recalls_past(text, fact, event_year)]


def _dated_before(text: str, start: int, end: int, event_year: int) -> bool:
    sentence, low, high = _window(text, start, end)
    return dates_the_past(sentence, event_year, low, high)
