"""How sure a casualty figure is: the qualifier phrase or verb around its amount.

Before the amount (أكثر من 30، نحو 200، ما لا يقل عن 12), a verb over "the number of ..." (تجاوز عدد
الضحايا 250، ناهزت حصيلة القتلى مئة), or after it (30 على الأقل، 200 تقريباً). Each function returns
where the qualifier begins (or ends, after the amount) and the qualifier, or None.
"""

from __future__ import annotations

from mediamon.analysis.figure_count_words import CLITICS_BEFORE_QUALIFIER
from mediamon.analysis.figure_text import FigureText
from mediamon.analysis.figure_words import QUALIFIERS_BY_FIRST, QUALIFIERS_BY_LAST
from mediamon.analysis.numbers import parse_amount
from mediamon.schema import Qualifier

HEAD_GAP = 4  # words between عدد and the count: تجاوز عدد قتلى الزلزال في المدينة 300
_AFTER_GAP = 4  # words after the amount where a qualifier may begin
_BETWEEN = frozenset({"بين"})
_ARTICLE = frozenset({"ال"})
_RANGE_JOINS = frozenset({"و", "الي"})


def qualifier_before(text: FigureText, i: int) -> tuple[int, Qualifier | None]:
    """A qualifier phrase right before token ``i`` (the first of ``QUALIFIERS_BEFORE`` that fits)."""
    words, breaks = text.words, text.breaks
    if i == 0 or breaks[i]:
        return i, None
    if words[i - 1] in _ARTICLE and i > 1 and not breaks[i - 1]:
        i -= 1  # قرابة الـ50، أكثر من الـ 200: the article written apart (its tatweel removed)
    for phrase, qualifier in QUALIFIERS_BY_LAST.get(words[i - 1], ()):
        start = i - len(phrase)
        if start < 0 or any(breaks[start + 1 : i]):
            continue
        found = tuple(words[start:i])
        if found == phrase or (
            found[1:] == phrase[1:] and any(found[0] == c + phrase[0] for c in CLITICS_BEFORE_QUALIFIER)
        ):
            return start, qualifier  # type: ignore[return-value, unused-ignore]
    return i, None


def qualifier_over_count(text: FigureText, i: int) -> tuple[int, Qualifier | None]:
    """A verb that qualifies "the number of ..." before token ``i``: تجاوز عدد الضحايا 250،
    ناهزت حصيلة القتلى مئة، تخطت الحصيلة 300 — the verb's index and its qualifier."""
    facts, breaks = text.f, text.breaks
    for head in range(i - 1, max(0, i - 1 - HEAD_GAP), -1):
        if breaks[head + 1]:
            break
        if facts[head].count_head:
            if breaks[head] == 0:
                qualifier = facts[head - 1].qualifier_verb
                if qualifier is not None:
                    return head - 1, qualifier  # type: ignore[return-value, unused-ignore]
            break
        if facts[head].numberish:
            break
    return i, None


def qualifier_after(text: FigureText, end: int, last: int | None = None) -> tuple[int, Qualifier | None]:
    """A qualifier phrase after the amount that ends at ``end`` (30 على الأقل), up to ``_AFTER_GAP``
    words after ``last`` (the figure's end: 23 مدنياً على الأقل قتلوا، قتل 5 أشخاص على الأقل), not past
    another count: its end and qualifier."""
    words, breaks, facts = text.words, text.breaks, text.f
    for k in range(end, min(max(end, last or end) + _AFTER_GAP, text.n)):
        if k > end and (breaks[k] == 2 or facts[k].numberish):
            break  # (قتل 5 أشخاص وأصيب 15 آخرون على الأقل: the qualifier is the next count's)
        for phrase, qualifier in QUALIFIERS_BY_FIRST.get(words[k], ()):
            if tuple(words[k : k + len(phrase)]) == phrase and breaks[k] < 2:
                return k + len(phrase), qualifier  # type: ignore[return-value, unused-ignore]
    return end, None


def verb_over_head(text: FigureText, first: int) -> tuple[int, Qualifier | None]:
    """A qualifying verb before "the number of" that a figure starts after (تجاوز عدد النازحين من
    القرى الحدودية ... 3 آلاف) or at (a bare toll: وتجاوزت حصيلة الفيضانات في الأقاليم الشرقية 140):
    the verb's index and its qualifier."""
    head = first - 1 if first > 1 and text.f[first - 1].count_head else first
    if head == 0 or any(text.breaks[head : first + 1]):
        return first, None
    qualifier = text.f[head - 1].qualifier_verb
    return (first, None) if qualifier is None else (head - 1, qualifier)  # type: ignore[return-value, unused-ignore]


def range_of(text: FigureText, first: int, end: int) -> tuple[int, int] | None:
    """A range "(ما) بين N و M" or "بين N إلى M" around the amount at ``first..end``: where the range
    begins (بين, or ما before it) and where its upper bound ends; None when the amount is no range."""
    words, breaks = text.words, text.breaks
    if first == 0 or breaks[first] or words[first - 1] not in _BETWEEN or end >= text.n or breaks[end]:
        return None
    upper = end + 1 if words[end] in _RANGE_JOINS else end
    if upper == end and not (words[end][0] == "و" and len(words[end]) > 1):
        return None
    if upper >= text.n or breaks[upper] or not text.f[upper].numberish:
        return None
    parsed = parse_amount(words, upper)
    if parsed is None or parsed.value is None:
        return None
    start = first - 1
    if start > 0 and not breaks[start] and words[start - 1] == "ما":
        start -= 1
    return start, upper + parsed.size
