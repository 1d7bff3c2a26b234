"""Which of an article's casualty facts tell its event, and which recall an earlier period (pure).

The engine reports every casualty fact an article states (the analysis contract), the background too. Reports of
a clash or a strike routinely end with the toll of an earlier war («the first war, early in the nineties, killed
30,000», «the 2020 war killed about 6,500») or with a toll counted over months («since October 2023, more than
68,000 were killed»). A story's figures are its event's, which Slack and the desk read as "how many were killed":
such a figure would make a clash with 49 dead a story of 30,000 dead and send an update saying the toll rose to it.

A fact recalls the past when every mention of it has, in its sentence, up to 8 words before it or 4 after it:
- a year before the event's year (في عام 2020، حرب 2014، 12/9/2022), unless the year only bounds a comparison
  («the deadliest since the 2020 war», «for the first time since 2011»);
- «منذ» with a month before the event's month (منذ السابع من أكتوبر in a November report, منذ 18 مارس in
  August): the count covers months, not the event;
- or a decade (مطلع التسعينيات) or the last century.

A mention that dates nothing is the event's, so a toll «since the operation began» counts (the operation is
today's), and so does a cumulative toll that names no earlier month or year: the text does not say how old it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from mediamon.analysis.normalize import normalize
from mediamon.schema import Casualty

# A date marks a fact when it is this close to one of its mentions: up to 8 words before it (ارتفعت الحصيلة منذ
# السابع من اكتوبر 2023 الي 68 الفا), 4 after it (30 الف قتيل مطلع التسعينيات). Further after, a date belongs to
# what the sentence goes on to tell (قتل 20 شخصا في قصف علي الفاشر المحاصره منذ مايو 2024).
NEAR_BEFORE = 8
NEAR_AFTER = 4
_PLUPERFECT_RE = re.compile(r"\s*(?:و|ف)?(?:كان|كانت)(?![^\W_])")

_SENTENCE_END_RE = re.compile(r"[.!?؟;؛\n]")
_WORD_RE = re.compile(r"\S+")
# A number of four digits is a year when a word that dates comes just before it (عام 2020، منذ 2014، في 2019، حرب
# 2006، خريف 2020, a month: اكتوبر 2023، تشرين الاول 2023) or it ends a date (20/9/2022): «قتل 1950 شخصا» is a count.
_YEAR_RE = re.compile(r"(?<![\d.,])(19[0-9]{2}|20[0-9]{2})(?![\d.,/])")
_DATE_BEFORE_RE = re.compile(r"\d/$")
# Months as normalised words (no hamza, ى as ي): the Gregorian names and the Levantine ones.
_MONTHS = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يوليو": 7, "اغسطس": 8,
    "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "اب": 8, "ايلول": 9,
}
_TWO_WORD_MONTHS = {("تشرين", "الاول"): 10, ("تشرين", "الثاني"): 11, ("كانون", "الاول"): 12, ("كانون", "الثاني"): 1}
_YEAR_WORDS = frozenset((
    "عام", "العام", "لعام", "بعام", "وعام", "عامي", "العامين", "سنه", "السنه", "لسنه", "منذ", "في", "وفي",
    "حرب", "الحرب",
    "ربيع", "صيف", "خريف", "شتاء", "مطلع", "اواخر", "اوائل", "منتصف", "نهايه", "بدايه", "الاول", "الثاني",
    *_MONTHS,
))
_COMMA_RE = re.compile(r"[،,]")
_CLAUSE_SINCE = frozenset(("منذ", "ومنذ", "خلال", "وخلال"))  # a clause that opens on these dates what follows it
_CLAUSE_IN = frozenset(("في", "وفي"))  # ... and on these when a dating word follows (وفي عام 2020، …)
_COORDINATED_CHARS = 20
_COORDINATOR_RE = re.compile(r"[\s،,]*(?:و|اضافه الي|بالاضافه الي|فضلا عن)?[\s،,]*")
_RELATIVE = frozenset(("الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "حين", "عندما", "حيث"))
# «منذ السابع من اكتوبر», «منذ استئناف الحرب في 18 مارس»: the month within this many words after «منذ»
_SINCE_MONTH_WORDS = 6
_DECADE_RE = re.compile(
    r"(?:عشرين|ثلاثين|اربعين|خمسين|ستين|سبعين|ثمانين|تسعين)(?:ي)?ات\b|القرن (?:الماضي|العشرين)|العشريه السوداء"
)
# A count over a whole year (خلال عام 2024، طوال العام الماضي، منذ بدايه العام) or dated back by years (العام
# الماضي، قبل عامين، بعد 13 عاما علي حرب): not the event's.
_FEW = "(?:ثلاث|ثلاثه|اربع|اربعه|خمس|خمسه|ست|سته|سبع|سبعه|ثماني|ثمانيه|تسع|تسعه|عشر|عشره|عده|بضع|بضعه)"
_YEARS_UNIT = "(?:عام|عاما|عامين|اعوام|سنه|سنوات|سنين|عقد|عقدين|عقود)"
_PERIOD_RE = re.compile(
    r"(?<![^\W_])(?:و|ف)?(?:خلال|طوال|طيله)\s+(?:ال)?(?:عام|سنه)(?![^\W_])"
    r"|(?<![^\W_])(?:و)?منذ\s+(?:بدايه|مطلع|بدء|اول)\s+(?:العام|السنه|هذا العام)(?![^\W_])"
    r"|(?<![^\W_])(?:ال)?(?:عام|سنه)\s+(?:الماضي|الماضيه|المنصرم|المنصرمه)(?![^\W_])"
    # «قبل ثلاث سنوات»، «قبل عامين»; «بعد 13 عاما علي حرب» (بعد alone: «بعد عام من الهدوء» tells the event's time)
    r"|(?<![^\W_])(?:و)?قبل\s+(?:(?:\d+|" + _FEW + r")\s+)?" + _YEARS_UNIT + r"(?![^\W_])"
    r"|(?<![^\W_])(?:و)?بعد\s+(?:(?:\d+|" + _FEW + r")\s+)?" + _YEARS_UNIT +
    r"\s+(?:علي|من)\s+(?:حرب|الحرب|زلزال|الزلزال|كارثه|الكارثه|مجزره|المجزره|انفجار|الانفجار|اندلاع)"
)
_SINCE_RE = re.compile(r"(?<!\S)و?منذ(?!\S)")
# What makes «منذ <date>» a comparison rather than the span a count covers: a superlative (الاكثر دمويه، اعنف،
# الاعلي) or «first/unprecedented» (لاول مره، غير مسبوق) within a few words before «منذ».
_COMPARISON_RE = re.compile(
    r"(?:^|\s)(?:ال|و|ب|ل|لل|وال|بال)?(?:اكثر|اعنف|اكبر|اسوا|اعلي|ادمي|اخطر|اشد|افدح|اضخم|اقوي|اول|اوسع)(?:\s|$)"
    r"|مسبوق|(?:^|\s)مره(?:\s|$)"
)
_COMPARISON_WORDS = 6  # words between the comparison and «منذ»


def _window(text: str, start: int, end: int) -> tuple[str, int, int, int]:
    """The normalised sentence around ``text[start:end]``, and the range of it near that phrase (``NEAR_BEFORE``
    words before it, ``NEAR_AFTER`` after), and where the phrase starts in it."""
    low = 0
    for found in _SENTENCE_END_RE.finditer(text, 0, start):
        low = found.end()
    end_match = _SENTENCE_END_RE.search(text, end)
    high = end_match.start() if end_match else len(text)
    before, phrase, after = normalize(text[low:start]), normalize(text[start:end]), normalize(text[end:high])
    starts = [m.start() for m in _WORD_RE.finditer(before)]
    ends = [m.end() for m in _WORD_RE.finditer(after)]
    near_before = starts[-NEAR_BEFORE] if len(starts) >= NEAR_BEFORE else 0
    # a sentence in the pluperfect («وكان اكثر من 1300 مهاجر قد لقوا حتفهم قبالة السواحل التونسيه في 2023») tells
    # what had happened: a date further on still dates it
    words_after = NEAR_BEFORE if _PLUPERFECT_RE.match(before) else NEAR_AFTER
    near_after = ends[words_after - 1] if len(ends) >= words_after else len(after)
    return before + phrase + after, near_before, len(before) + len(phrase) + near_after, len(before)


def _compared(sentence: str, since_at: int, at: int | None = None) -> bool:
    """Whether the «منذ» at ``since_at`` follows a comparison (the deadliest since ...) that the count at ``at``
    is part of: a count after the date tells the earlier event («الأسوأ منذ زلزال عام 1999 الذي قتل 17 ألفا»)."""
    if at is not None and at > since_at:
        return False
    before = sentence[:since_at].split()[-_COMPARISON_WORDS:]
    return bool(_COMPARISON_RE.search(" " + " ".join(before) + " "))


def _last_since(sentence: str, at: int) -> re.Match[str] | None:
    matches = list(_SINCE_RE.finditer(sentence, 0, at))
    return matches[-1] if matches else None


def _is_year(sentence: str, at: int) -> bool:
    before = sentence[:at]
    if _DATE_BEFORE_RE.search(before):
        return True
    following = sentence[at + 4:].split()[:1]
    if following and following[0].strip("(،,") in _RELATIVE:  # «وزلزال الحسيمه 2004 الذي قتل 628 شخصا»
        return True
    words = before.split()
    if not words:
        return False
    last = words[-1].strip("(،,")
    # «أكتوبر/تشرين الأول 2023»: the month's two names are one word with a slash
    return last in _YEAR_WORDS or any(part in _YEAR_WORDS for part in last.split("/"))


def _scopes(sentence: str, date_at: int, at: int | None) -> bool:
    """Whether the date at ``date_at`` can bound the count at ``at``. A date before the count with a comma between
    them does so only from a clause that opens on it («ومنذ اندلاع الحرب في ابريل 2023، قتل …», «وفي عام 2020، قتل
    …»), not from one that tells something else («في الفاشر المحاصره منذ مايو 2024، قتل 20 شخصا اليوم»)."""
    if at is None or date_at >= at or not _COMMA_RE.search(sentence, date_at, at):
        return True
    after_comma = sentence[max(sentence.rfind("،", date_at, at), sentence.rfind(",", date_at, at)) + 1:at].split()
    if after_comma and after_comma[0] in _RELATIVE:  # «في 16 اذار 1988، الذي قتل 5000 شخص»: the dated thing's
        return True
    clause = sentence[max(sentence.rfind("،", 0, date_at), sentence.rfind(",", 0, date_at)) + 1:date_at].split()
    if not clause:
        return True
    first = clause[0]
    return first in _CLAUSE_SINCE or (first in _CLAUSE_IN and (len(clause) == 1 or clause[1] in _YEAR_WORDS))


def _past_year(sentence: str, low: int, high: int, year: int, at: int | None = None) -> bool:
    for found in _YEAR_RE.finditer(sentence, low, high):
        if (int(found.group(1)) >= year or not _is_year(sentence, found.start())
                or not _scopes(sentence, found.start(), at)):
            continue
        since = _last_since(sentence, found.start())
        if since is None or not _compared(sentence, since.start(), at):
            return True
    return False


def _month_after(words: list[str]) -> int | None:
    """The month named among ``words`` (the first), or None."""
    for i, word in enumerate(words):
        for part in word.strip("(،,").split("/"):
            if part in _MONTHS:
                return _MONTHS[part]
            if i + 1 < len(words) and (part, words[i + 1].strip("(،,")) in _TWO_WORD_MONTHS:
                return _TWO_WORD_MONTHS[(part, words[i + 1].strip("(،,"))]
    return None


def _since_earlier_month(sentence: str, low: int, high: int, year: int, month: int, at: int | None = None) -> bool:
    for since in _SINCE_RE.finditer(sentence, low, high):
        words = sentence[since.end():].split()[:_SINCE_MONTH_WORDS + 1]
        named = _month_after(words[:_SINCE_MONTH_WORDS])
        if named is None or _compared(sentence, since.start(), at) or not _scopes(sentence, since.start(), at):
            continue
        years = [int(w.strip("(،,")) for w in words if _YEAR_RE.fullmatch(w.strip("(،,"))]
        # no year: this year's month, or last year's when it is still to come
        since_year = years[0] if years else year if named <= month else year - 1
        if (since_year, named) < (year, month):
            return True
    return False


def dates_the_past(sentence: str, when: datetime, low: int = 0, high: int | None = None, at: int | None = None) -> bool:
    """Whether a normalised sentence dates what it tells, between offsets ``low`` and ``high``, before the event
    time ``when``: a year before its year, «منذ» an earlier month, a decade. ``at``: where the count is, when
    known (a date before it must bound it, see ``_scopes``)."""
    high = len(sentence) if high is None else high
    periods = [*_DECADE_RE.finditer(sentence, low), *_PERIOD_RE.finditer(sentence, low)]
    return (any(found.start() < high and _scopes(sentence, found.start(), at) for found in periods)
            or _past_year(sentence, low, high, when.year, at)
            or _since_earlier_month(sentence, low, high, when.year, when.month, at))


def recalls_past(text: str, fact: Casualty, when: datetime) -> bool:
    """Whether every mention of ``fact`` is dated before ``when`` (offsets index ``text``), on its own."""
    return all(_dated_before(text, start, end, when) for start, end in _spans(fact, len(text)))


def _spans(fact: Casualty, size: int) -> set[tuple[int, int]]:
    spans = {(fact.start, fact.end), *((mention.start, mention.end) for mention in fact.mentions)}
    return {(start, end) for start, end in spans if 0 <= start <= end <= size}


def _dated_before(text: str, start: int, end: int, when: datetime) -> bool:
    sentence, low, high, at = _window(text, start, end)
    return dates_the_past(sentence, when, low, high, at)


def _coordinated(between: str) -> bool:
    """Whether the text between two counts only joins them (18205 قتلي و49645 مصابا، مقتل 32 وإصابة 159، 31045
    شهيدا، إضافة إلى 72654 مصابا)."""
    return len(between) <= _COORDINATED_CHARS and _COORDINATOR_RE.fullmatch(normalize(between)) is not None


def event_facts(text: str, facts: Sequence[Casualty], when: datetime) -> list[Casualty]:
    """The facts of ``facts`` that tell the article's event (event time ``when``), in their order. A count joined to
    a dated one by «و» or «إضافة إلى» shares its date: «منذ 7 اكتوبر ارتفع الي 31045 شهيدا، إضافة إلى 72654
    مصابا»."""
    mentions = sorted((start, end, i) for i, fact in enumerate(facts) for start, end in _spans(fact, len(text)))
    dated: dict[tuple[int, int, int], bool] = {}
    previous: tuple[int, int, int] | None = None
    for mention in mentions:
        start, end, _ = mention
        dated[mention] = _dated_before(text, start, end, when) or (
            previous is not None and dated[previous] and previous[1] <= start
            and _coordinated(text[previous[1]:start]))
        previous = mention
    past = {i for i in range(len(facts))
            if any(m[2] == i for m in mentions) and all(dated[m] for m in mentions if m[2] == i)}
    return [fact for i, fact in enumerate(facts) if i not in past]
