"""Two kinds of report told by their opening words (the title or the first sentence).

- A **periodic** report relays a running count issued at fixed intervals: a health ministry's daily statement
  ("41 killed in the last 24 hours", "the war's toll rises to 72,315"). Every day's statement has the same
  template, place and wording, and a slightly higher cumulative count, just as a developing story would; what
  tells two of them apart is only the interval. So periodic reports match periodic reports of the same issue
  (score.py), and never a report of one event, which the statement sums up with the rest of the day.
- A **rising** report updates a toll ("the toll rose to 34"). The smaller counts it gives are parts of the story
  (three more bodies recovered, four children among the dead), not a competing, lower toll: its lower figures
  are no sign of another event.
"""

from __future__ import annotations

import re

from mediamon.analysis.normalize import normalize
from mediamon.processors.stories.retrospective import first_sentence

# On normalised text (ة→ه، أ→ا، ى→ي; digits are ASCII): "خلال 24 ساعة"، "الـ24 ساعة الماضية"، "في الساعات الأربع
# والعشرين" (not "بعد أقل من 24 ساعة على": a delay), "في يوم واحد" (not "بعد يوم واحد من"), "بيانها/تقريرها
# (الإحصائي) اليومي"، "حصيلة الحرب"، "ضحايا الحرب"، "منذ بدء الحرب" (not "ضحايا العدوان على جنين": one raid).
# Since blind set 9 the weekly and monthly statements too (a ministry's cholera or road toll): "تقريرها الأسبوعي"،
# "نشرتها الشهرية"، "خلال الأسبوع الماضي"، "خلال الأيام السبعة الماضية"، "خلال 7 أيام الماضية"; not a bare "خلال
# أسبوع" ("ثاني هجوم خلال أسبوع": an event recalling another). Since blind set 11 with the article too
# ("كشف التقرير الأسبوعي"، "البيان اليومي")، and a count followed within six words by "خلال/في أسبوع" ("43 إصابة
# بلدغات العقارب خلال أسبوع"، "مصرع 17 شخصا في حوادث السير خلال أسبوع": a sum over the week), unless an ordinal
# or آخر comes between ("3 قتلى في ثاني هجوم خلال أسبوع": one event) or من/على follows ("خلال أسبوع من": a delay);
# and a count right after "الأسبوع الماضي" ("خلفت الأسبوع الماضي 17 قتيلا": the week's sum).
_PERIODIC_RE = re.compile(
    r"(?<![^\W_])(?:"
    r"(?:خلال|في)\s+(?:ال)?(?:ساعات\s+(?:ال)?)?(?:24|اربع\s+و(?:ال)?عشرين)(?![^\W_])"
    r"|(?:ال)?(?:24|اربع\s+و(?:ال)?عشرين)\s+(?:ال)?ساع\w*\s+(?:ال)?(?:ماضيه|اخيره)(?![^\W_])"
    r"|(?:في|خلال)\s+يوم\s+واحد(?![^\W_])"
    r"|(?:ال)?(?:بيان|تقرير|حصيل|احصائ)\w*\s+(?:\S+\s+)?(?:ال)?يومي(?:ه)?(?![^\W_])"
    r"|(?:حصيل|ضحايا)\w*\s+(?:ال)?حرب(?![^\W_])"
    r"|منذ\s+(?:بدء|بدايه|اندلاع)\s+(?:ال)?(?:حرب|عدوان)(?![^\W_])"
    r"|(?:ال)?(?:بيان|تقرير|حصيل|احصائ|نشر)\w*\s+(?:\S+\s+)?(?:ال)?(?:اسبوعي|شهري)(?:ه)?(?![^\W_])"
    r"|خلال\s+(?:ال)?(?:اسبوع|شهر)\s+(?:ال)?(?:ماضي|منصرم|اخير|فائت)(?![^\W_])"
    r"|(?<!\S)و?\d+\s+(?:(?!(?:ال)?(?:ثاني|ثالث|رابع|خامس|اخر|اول)(?![^\W_]))[^\W\d_]+\s+){1,6}(?:خلال|في)\s+اسبوع(?:ين)?"
    r"(?!\s+(?:من|علي)(?![^\W_]))(?![^\W_])"
    r"|(?:ال)?(?:اسبوع|شهر)\s+(?:ال)?(?:ماضي|منصرم|فائت)\s+و?\d+(?!\S*\s+(?:من|في)\s+(?:ال)?(?:اسبوع|شهر))"
    r"|خلال\s+(?:ال)?(?:ايام\s+(?:ال)?(?:سبعه|عشره)|(?:7|10)\s+ايام)\s+(?:ال)?(?:ماضيه|اخيره|منصرمه)(?![^\W_])"
    r")"
)
# One of these is in every text the pattern matches: the pattern runs only on those (most openings have none).
_PERIODIC_WORDS = ("24", "عشرين", "يوم واحد", "يومي", "حرب", "عدوان", "اسبوع", "شهر", "ايام")
# "ارتفع/ارتفعت/ارتفاع/ترتفع/يرتفع/لترتفع/ليرتفع ... (حصيلة، عدد)".
_RISING_RE = re.compile(r"(?<![^\W_])[وفل]?(?:ارتفع|ارتفعت|ارتفاع|ترتفع|يرتفع)(?![^\W_])")


def _opening(title: str, text: str) -> str:
    return normalize(title + "\n" + first_sentence(text))


def _periodic(opening: str) -> bool:
    return any(word in opening for word in _PERIODIC_WORDS) and _PERIODIC_RE.search(opening) is not None


def _rising(opening: str) -> bool:
    return "رتف" in opening and _RISING_RE.search(opening) is not None


def is_periodic(title: str, text: str) -> bool:
    """Whether the title or the first sentence relays a periodic running count (a daily toll statement)."""
    return _periodic(_opening(title, text))


def is_rising(title: str, text: str) -> bool:
    """Whether the title or the first sentence reports that a toll rose (an update of a known event)."""
    return _rising(_opening(title, text))


def cues(title: str, text: str) -> tuple[bool, bool]:
    """(``is_periodic``, ``is_rising``), the opening normalised once."""
    opening = _opening(title, text)
    return _periodic(opening), _rising(opening)
