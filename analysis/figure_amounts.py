"""The amount a casualty figure counts: digits or number words, a dual, a singular casualty noun.

``amount`` reads the amount that begins at a token (32، ثلاثة آلاف، الستة، جنديين، قتيلاً);
``not_a_head_count`` rules out amounts of time, dates and units (24 ساعة، عام 2020); ``case_kind``
reads "cases of death / injury" after a count (7 حالات وفاة).
"""

from __future__ import annotations

from mediamon.analysis.figure_qualifiers import qualifier_before
from mediamon.analysis.figure_text import Amount, FigureText
from mediamon.analysis.figure_words import bare
from mediamon.analysis.figures_lexicon import (
    ANIMALS,
    CASE_DUALS,
    CASE_NOUNS,
    FAMILY_UNITS,
    NEW_CASES,
    ORDINALS_WITH_ARTICLE,
    SQUAD_NOUNS,
    SUFFOCATION,
    TENS_OF_ORDINALS,
    Kind,
)
from mediamon.analysis.normalize import normalize
from mediamon.analysis.numbers import parse_amount


def amount(text: FigureText, i: int) -> Amount | None:
    """The amount that begins at token ``i``, or None."""
    facts, breaks = text.f, text.breaks
    fact = facts[i]
    if fact.dual_kind is not None:
        return Amount(2, i, i + 1, fact.dual_kind)
    if fact.dual and text.dual_at(i):
        if i > 0 and breaks[i] == 0 and facts[i - 1].dual and text.dual_at(i - 1):
            return None  # جنديان إسرائيليان: the adjective agrees with the dual noun
        end = i + 2 if i + 1 < text.n and facts[i + 1].one_after_noun else i + 1
        return Amount(2, i, end, has_noun=True)
    if fact.singular is not None:
        return _single(text, i, fact.singular)
    if text.words[i] in CASE_DUALS:  # حالتا وفاة، حالتي إصابة: two cases of death or injury
        kind = case_kind(text, i)
        return None if kind is None else Amount(2, i, i + 2, kind)
    if not fact.numberish:
        return None
    parsed = parse_amount(text.words, i)
    if parsed is None:
        return None
    if fact.articled:
        if _round_mark(text, i) or qualifier_before(text, i)[1] is not None:
            return Amount(parsed.value, i, i + parsed.size)  # (نحو الخمسين، قرابة الألف: a count)
        before = facts[i - 1] if i > 0 and breaks[i] == 0 else None
        if before is None or not before.definite or before.unit_stem or before.date:
            return None  # الأيام الثلاثة، في الستين من عمره: not a head count
        return Amount(parsed.value, i, i + parsed.size, articled=True)
    first = i
    if fact.one_after_noun and i > 0 and breaks[i] == 0 and facts[i - 1].plain:
        before_word = text.words[i - 1]
        if bare(before_word) in FAMILY_UNITS:
            return None  # 5 من عائلة واحدة: one family, not one person
        if not (before_word[0] == "و" and text.words[i] in _TWO and not before_word.endswith(_DUAL_OR_PLURAL)):
            first = i - 1  # مدنيين اثنين، شخص واحد — not a verb joined by و (وأسر اثنين، واعتقلوا اثنين)
    return Amount(parsed.value, first, i + parsed.size)


_TWO = frozenset({"اثنين", "اثنان", "اثنتين", "اثنتان"})
_DUAL_OR_PLURAL = ("ين", "ان", "ون", "ات")
"""A noun that «اثنين» follows is dual or plural (ومدنيين اثنين); a word joined by و with no such ending is a
verb with the count as its object (قتل ثلاثة جنود وأسر اثنين: two captured, not two more killed)."""


def _single(text: FigureText, i: int, kind: Kind) -> Amount | None:
    """A singular casualty noun as a count of one (قتيل و4 جرحى), with the person noun it describes
    (سقط شرطي قتيلاً) — not after بين or كل (بين قتيل وجريح، لكل قتيل) or a number."""
    facts, breaks = text.f, text.breaks
    before = facts[i - 1] if i > 0 and breaks[i] == 0 else None
    if before is not None:
        if before.not_alone_after or before.numberish:
            return None
        if i > 1 and breaks[i - 1] == 0 and facts[i - 2].not_alone_after:
            return None
    first = i - 1 if before is not None and before.one_person and i > text.floor else i
    return Amount(1, first, i + 1, kind)


def not_a_head_count(text: FigureText, found: Amount) -> bool:
    """An amount of time, a date or a unit (24 ساعة، عام 2020، 3 كيلومترات), not of people."""
    if found.kind is not None:
        return False
    facts, breaks, i, end = text.f, text.breaks, found.first, found.end
    after = facts[end] if end < text.n and breaks[end] == 0 else None
    if after is not None and (after.unit or after.month):
        return case_kind(text, end) is None and not (bare_cases(text, end) and _head_before(text, i))
    if after is not None and text.words[end] == "من" and end + 1 < text.n and breaks[end + 1] == 0:
        word = text.words[end + 1]
        if word in ANIMALS or (word[:2] == "ال" and word[2:] in ANIMALS):
            return True  # 3 من وحيد القرن، 5 من الفيلة: a count of animals, not of people
        if word in SQUAD_NOUNS:
            return True  # فقد اثنين من لاعبيه: a team's players, lost to injury or a ban
    if after is not None and (_percent(text, end) or _percent_sign(text, end)):
        return True
    if i > 0 and breaks[i] == 0 and facts[i - 1].date:
        return True
    if i > 0 and breaks[i] == 0 and text.words[i] in TENS_OF_ORDINALS and text.words[i - 1] in ORDINALS_WITH_ARTICLE:
        return True  # شاب في الثامنة عشرة: an age or an hour, not a count of ten
    first = text.words[i]
    if first.isdigit() and 1900 <= int(first) <= 2100:
        if i > 0 and breaks[i] == 0 and (facts[i - 1].month or (
                i > 1 and breaks[i - 1] == 0 and text.words[i - 1] in _MONTH_ORDINALS and facts[i - 2].month)):
            return True  # في تشرين الأول 2022 قد قتلا 121 شخصا: the year of a date, not the subject of قتلا
        return after is None or after.function
    return False


_MONTH_ORDINALS = frozenset({"الاول", "الثاني"})  # تشرين الأول، كانون الثاني


_ROUND = frozenset({"الالف", "المليون"})
_PASSING = frozenset(
    normalize(word)
    for word in (
        *("تجاوز", "تجاوزت", "يتجاوز", "تتجاوز", "تخطى", "تخطت", "يتخطى", "تتخطى"),
        *("فاق", "فاقت", "يفوق", "تفوق", "حاجز", "عتبة"),
    )
)
_PASSING_GAP = 6  # words between the passing verb and the round number (تتخطى حصيلة قتلى الانهيار الأرضي الألف)


def _round_mark(text: FigureText, i: int) -> bool:
    """A round number with the article that a toll passes (قد يتجاوز عدد القتلى الألف، تخطت الحصيلة
    حاجز المليون): a count, not the adjective of a definite noun (a trigger must still give its kind)."""
    if text.words[i] not in _ROUND:
        return False
    for k in range(i - 1, max(-1, i - 1 - _PASSING_GAP), -1):
        if text.breaks[k + 1] or text.f[k].numberish:
            return False
        if bare(text.words[k]) in _PASSING:
            return True
    return False


_IN = frozenset({"في"})
_HUNDRED = frozenset({"الميه", "المايه"})  # normalised (المئة، المائة)


def _percent(text: FigureText, end: int) -> bool:
    """A percentage: 60 في المئة (بنسبة تزيد على 60 في المئة is no count of the dead)."""
    return (
        text.words[end] in _IN
        and end + 1 < text.n
        and text.breaks[end + 1] == 0
        and text.words[end + 1] in _HUNDRED
    )


_PERCENT_SIGNS = frozenset("%\u066a")  # % and the Arabic percent sign


def _percent_sign(text: FigureText, end: int) -> bool:
    """A count with a percent sign after it: 92% من الوفيات is a share of the dead, not a count of them."""
    norm, at = text.prepared.norm, text.t.ends[end - 1]
    while at < len(norm) and norm[at] == " ":
        at += 1
    return at < len(norm) and norm[at] in _PERCENT_SIGNS


_CASES_HEAD_GAP = 16  # words between عدد / حصيلة and a count of bare cases after it (as ``FAR_HEAD_GAP``)


def bare_cases(text: FigureText, k: int) -> bool:
    """Whether token ``k`` is «حالة / حالات» with no noun of what cases after it (إلى 5 حالات منذ الأحد): the
    cases of the toll named before them, if any (blind set 14)."""
    if text.words[k] not in CASE_NOUNS:
        return False
    if k + 1 >= text.n or text.breaks[k + 1]:
        return True
    after = text.f[k + 1]
    return after.trigger is None and not after.disease and text.words[k + 1] not in SUFFOCATION


def _head_before(text: FigureText, i: int) -> bool:
    """Whether «عدد / حصيلة» stands up to ``_CASES_HEAD_GAP`` words before token ``i``."""
    return any(i - _CASES_HEAD_GAP <= k < i for k in text.heads())


def case_kind(text: FigureText, k: int) -> Kind | None:
    """The kind of "cases of death / injury" at token ``k`` (7 حالات وفاة، 30 حالة إصابة), not of an
    epidemic's daily count (حالات إصابة جديدة); an illness named near it is ruled out later."""
    words, breaks = text.words, text.breaks
    if words[k] not in CASE_NOUNS or k + 1 >= text.n or breaks[k + 1]:
        return None
    if words[k + 1] in SUFFOCATION:
        return "injured"  # 4 حالات اختناق: people overcome by smoke or gas
    found = text.f[k + 1].trigger
    if found is None or found.role != "pre" or found.kind not in ("killed", "injured"):
        return None
    if k + 2 < text.n and breaks[k + 2] == 0 and words[k + 2] in NEW_CASES:
        return None
    return found.kind
