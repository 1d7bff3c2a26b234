"""Arabic number expressions in normalised text (see ``analysis.normalize``): digits, number words, mixes.

Works on tokens (``TOKEN_RE``): ``parse_amount(tokens, i)`` reads the longest number expression that
starts at token ``i``: ``32``، ``ثلاثة``، ``خمسة عشر``، ``أربعة وعشرون``، ``ثلاثمئة``، ``ألفي``،
``ثلاثين ألف``، ``3 آلاف``، ``2.5 مليون``; vague amounts (عشرات، مئات، آلاف، العديد) give no value.
Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from mediamon.analysis.normalize import normalize

TOKEN_RE = re.compile(r"\d{1,3}(?:\.\d{3}){2,}(?!\d)|\d+(?:\.\d+)?|[^\W\d_]+")
"""A token: a digit run (with an optional decimal part) or a run of letters; digits split from letters."""


class _Kind(Enum):
    UNIT = "unit"  # 1..9
    TEN = "ten"  # عشر / عشرة: 10, or the "teen" part of 11..19
    TENS = "tens"  # 20..90
    HUNDRED = "hundred"  # 100..900
    SCALE = "scale"  # ألف / مليون / مليار, singular: multiplies what precedes
    SCALE_PLURAL = "scale_plural"  # آلاف / ملايين: multiplies 3..10, alone a vague amount
    SCALE_DUAL = "scale_dual"  # ألفان / مليونين: 2 x scale


_UNIT_FORMS: dict[int, tuple[str, ...]] = {
    1: ("واحد", "واحدة", "واحدا", "أحد", "إحدى"),
    2: ("اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثني", "اثنتا", "اثنتي"),
    3: ("ثلاث", "ثلاثة"),
    4: ("أربع", "أربعة"),
    5: ("خمس", "خمسة"),
    6: ("ست", "ستة"),
    7: ("سبع", "سبعة"),
    8: ("ثمان", "ثماني", "ثمانية"),
    9: ("تسع", "تسعة"),
}
_TENS_STEMS = {20: "عشر", 30: "ثلاث", 40: "أربع", 50: "خمس", 60: "ست", 70: "سبع", 80: "ثمان", 90: "تسع"}
_HUNDRED_STEMS = {3: "ثلاث", 4: "أربع", 5: "خمس", 6: "ست", 7: "سبع", 8: "ثمان", 9: "تسع"}
_HUNDRED_WORDS = ("مئة", "مائة", "مية", "ميه")
_SCALES = {1000: ("ألف", "ألفا"), 1_000_000: ("مليون", "مليونا"), 1_000_000_000: ("مليار", "مليارا")}
_SCALE_PLURALS = {1000: ("آلاف",), 1_000_000: ("ملايين",), 1_000_000_000: ("مليارات",)}
_SCALE_DUALS = {
    1000: ("ألفان", "ألفين", "ألفي"),
    1_000_000: ("مليونان", "مليونين", "مليوني"),
    1_000_000_000: ("ملياران", "مليارين", "ملياري"),
}

VAGUE_WORDS: frozenset[str] = frozenset(
    normalize(w)
    for w in (
        "عشرات", "العشرات", "مئات", "المئات", "آلاف", "الآلاف", "ملايين", "الملايين",
        "العديد", "عديد", "عدة", "بضع", "بضعة", "العشرات", "المئات",
        "ألوف", "الألوف",
    )
)  # fmt: skip
"""Words that state an amount without a number: tens, hundreds, thousands, several."""

_VAGUE_FOLLOWERS = frozenset(normalize(w) for w in ("الآلاف", "آلاف", "الملايين", "ملايين"))


def _build_table() -> dict[str, tuple[_Kind, int]]:
    table: dict[str, tuple[_Kind, int]] = {}

    def put(word: str, kind: _Kind, value: int) -> None:
        table[normalize(word)] = (kind, value)

    for value, forms in _UNIT_FORMS.items():
        for form in forms:
            put(form, _Kind.UNIT, value)
    put("عشر", _Kind.TEN, 10)
    put("عشرة", _Kind.TEN, 10)
    for value, stem in _TENS_STEMS.items():
        put(stem + "ون", _Kind.TENS, value)
        put(stem + "ين", _Kind.TENS, value)
    for word in _HUNDRED_WORDS:
        put(word, _Kind.HUNDRED, 100)
        for unit, stem in _HUNDRED_STEMS.items():
            put(stem + word, _Kind.HUNDRED, unit * 100)
    for stem in ("مئت", "مائت", "ميت"):
        for ending in ("ان", "ين", "ا", "ي"):
            put(stem + ending, _Kind.HUNDRED, 200)
    for scale, forms in _SCALES.items():
        for form in forms:
            put(form, _Kind.SCALE, scale)
    for scale, forms in _SCALE_PLURALS.items():
        for form in forms:
            put(form, _Kind.SCALE_PLURAL, scale)
    for scale, forms in _SCALE_DUALS.items():
        for form in forms:
            put(form, _Kind.SCALE_DUAL, scale)
    return table


_TABLE = _build_table()
NUMBER_WORDS: frozenset[str] = frozenset(_TABLE) | VAGUE_WORDS | frozenset({normalize("نصف"), normalize("ربع")})
"""Every normalised word that can start or continue a number expression (without clitics)."""
# A scale word in -ا with nothing before it is a dual in construct (ألفا شخص);
# after a number it is an accusative singular (ثلاثين ألفا).
_DUAL_CONSTRUCT = frozenset(normalize(w) for w in ("ألفا", "مليونا", "مليارا"))
_FIRST_CLITICS = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك")
# The article, alone or after a conjunction or preposition: القتلى الستة، وللقتلى التسعة.
ARTICLE_CLITICS = ("وال", "فال", "بال", "كال", "ولل", "فلل", "ال", "لل")
_NOT_WITH_ARTICLE = frozenset(normalize(w) for w in ("أحد", "اثنين"))  # الأحد، الاثنين: Sunday, Monday


class Amount(NamedTuple):
    """A number expression: ``value`` (None when vague) and how many tokens it spans."""

    value: int | None
    size: int

    @property
    def vague(self) -> bool:
        return self.value is None


def word_value(word: str) -> int | None:
    """The value of one normalised number word (``ثلاثه`` → 3, ``الفين`` → 2000), else None."""
    entry = _TABLE.get(word)
    if entry is None:
        return None
    kind, value = entry
    return value * 2 if kind is _Kind.SCALE_DUAL else value


def _lookup_first(token: str) -> tuple[str, tuple[_Kind, int] | None]:
    """The first token of a number may carry a clitic (وثلاثة، بثلاثة) or the article, alone or after
    one (الستة، والتسعة، للتسعة: a number agreeing with a definite noun, القتلى الستة)."""
    entry = _TABLE.get(token)
    if entry is not None:
        return token, entry
    for clitic in ARTICLE_CLITICS:
        if token.startswith(clitic) and _articled_stem(token[len(clitic) :]):
            rest = token[len(clitic) :]
            return rest, _TABLE[rest]
    for clitic in _FIRST_CLITICS:
        if token.startswith(clitic) and token[len(clitic) :] in _TABLE:
            rest = token[len(clitic) :]
            return rest, _TABLE[rest]
    return token, None


def _articled_stem(stem: str) -> bool:
    return stem in _TABLE and stem not in _NOT_WITH_ARTICLE


def article_of(token: str) -> bool:
    """Whether a number word carries the article (الستة، وللتسعة) — the number is then an adjective of
    a definite noun (القتلى الستة), never an amount on its own."""
    return token not in _TABLE and any(
        token.startswith(clitic) and _articled_stem(token[len(clitic) :]) for clitic in ARTICLE_CLITICS
    )


def _continuation(token: str, articled: bool) -> tuple[bool, tuple[_Kind, int] | None]:
    """A following number word: bare, with the conjunction (وعشرون), and after an articled first word
    also with the article (الخمسة والعشرون)."""
    conj = token.startswith("و") and token[1:] in _TABLE
    entry = _TABLE.get(token[1:] if conj else token)
    if entry is None and articled:
        for clitic, is_conj in (("وال", True), ("ال", False)):
            if token.startswith(clitic) and token[len(clitic) :] in _TABLE:
                return is_conj, _TABLE[token[len(clitic) :]]
    return conj, entry


def _digits(token: str) -> float | None:
    if not token[:1].isdigit():
        return None
    try:
        if "." in token:
            whole, _, part = token.partition(".")
            if "." in part:  # 1.234.567: dots between groups of three digits are thousands separators
                groups = part.split(".")
                return int(whole + "".join(groups)) if all(len(g) == 3 for g in groups) else None
            # 12.400 شخص: a dot as the thousands separator (three digits after one to three), as many
            # outlets write it; 2.5 and 1.75 stay decimals
            return int(whole + part) if len(part) == 3 and len(whole) <= 3 and whole[0] != "0" else float(token)
        return int(token)
    except ValueError:
        return None


_TENS_FOLLOW = (_Kind.UNIT, _Kind.HUNDRED, _Kind.SCALE, _Kind.SCALE_DUAL)


@dataclass(slots=True)
class _State:
    total: int = 0
    current: float = 0
    last: _Kind | None = None
    unit: float = 0  # the value of the last unit word or digits: its teen (مئتين وخمسة عشر)
    scale: int = 0  # the smallest scale so far: a later one must be smaller (مليون و200 ألف)


def _step(state: _State, kind: _Kind, value: int, conj: bool) -> bool:
    """Fold one number word into the state; False when it cannot continue the expression."""
    last = state.last
    if kind is _Kind.UNIT:
        if last is not None and not (conj and last in (_Kind.HUNDRED, _Kind.SCALE, _Kind.SCALE_DUAL)):
            return False
        state.current += value
        state.unit = value
    elif kind is _Kind.TEN:
        if last is _Kind.UNIT and not conj and 1 <= state.unit <= 9:
            state.current += 10  # خمسة عشر، مئتين وخمسة عشر
        elif last is None or (conj and last in (_Kind.HUNDRED, _Kind.SCALE, _Kind.SCALE_DUAL)):
            state.current += 10
        else:
            return False
    elif kind is _Kind.TENS:
        if last is not None and not (
            conj and last in (_Kind.UNIT, _Kind.HUNDRED, _Kind.SCALE, _Kind.SCALE_DUAL)
        ):
            return False
        state.current += value
    elif kind is _Kind.HUNDRED:
        if value == 100 and last is _Kind.UNIT and not conj and 3 <= state.current <= 9:
            state.current *= 100  # ثلاث مئة
        elif last is None or (conj and last in (_Kind.SCALE, _Kind.SCALE_DUAL)):
            state.current += value
        else:
            return False
    elif kind is _Kind.SCALE:
        if conj or last is _Kind.SCALE or last is _Kind.SCALE_DUAL or (state.scale and value >= state.scale):
            return False
        state.total += round((state.current or 1) * value)
        state.current = 0
        state.scale = value
    elif kind is _Kind.SCALE_PLURAL:
        if conj or last not in (_Kind.UNIT, _Kind.TEN, None) or not 3 <= state.current <= 10:
            return False
        if state.scale and value >= state.scale:
            return False
        state.total += round(state.current * value)
        state.current = 0
        state.scale = value
        kind = _Kind.SCALE
    else:  # SCALE_DUAL
        if last is not None:
            return False
        state.total += 2 * value
        state.scale = value
    state.last = kind
    return True


def _conj_digits(state: _State, tokens: Sequence[str], j: int) -> bool:
    """A bare و (``tokens[j]``) and digits smaller than the place they fill, after a scale or a
    hundred: 34 ألفاً و183، مئتين و50 — they continue the number (``TOKEN_RE`` splits و183 in two)."""
    last = state.last
    if last is _Kind.SCALE or last is _Kind.SCALE_DUAL:
        limit = state.scale if not state.current else 0
    elif last is _Kind.HUNDRED:
        limit = 100
    else:
        return False
    if not limit or j + 1 >= len(tokens):
        return False
    number = tokens[j + 1]
    if not number.isdigit() or not 0 < int(number) < limit:
        return False
    state.current += int(number)
    state.unit = 0
    state.last = _Kind.UNIT
    return True


def _vague(tokens: Sequence[str], i: int, first: str) -> Amount | None:
    if first not in VAGUE_WORDS and not any(
        first.startswith(c) and first[len(c) :] in VAGUE_WORDS for c in _FIRST_CLITICS
    ):
        return None
    size = 1
    if i + 1 < len(tokens) and tokens[i + 1] in _VAGUE_FOLLOWERS:
        size = 2  # عشرات الآلاف، مئات الآلاف
    return Amount(None, size)


def _continues(tokens: Sequence[str], j: int) -> bool:
    """Whether ``tokens[j]`` continues a number after a scale word with و (ألفاً وخمسمئة، ألفا و500):
    the scale word in -ا is then the accusative singular (1500), not the dual in construct (ألفا شخص)."""
    if j >= len(tokens):
        return False
    token = tokens[j]
    if token == "و":
        return j + 1 < len(tokens) and tokens[j + 1].isdigit()
    entry = _TABLE.get(token[1:]) if token.startswith("و") else None
    return entry is not None and entry[0] in (_Kind.UNIT, _Kind.TEN, _Kind.TENS, _Kind.HUNDRED)


_FRACTIONS = {normalize("نصف"): 2, normalize("ربع"): 4}  # the denominator; a number only before a scale
_AND_A_HALF = frozenset({normalize("ونصف")})


def _fraction_of_scale(tokens: Sequence[str], i: int) -> Amount | None:
    """A half or a quarter of a scale word: نصف مليون (500000), ربع مليون (250000)."""
    denominator = _FRACTIONS.get(tokens[i])
    if denominator is None or i + 1 >= len(tokens):
        return None
    entry = _TABLE.get(tokens[i + 1])
    if entry is None or entry[0] is not _Kind.SCALE:
        return None
    return Amount(entry[1] // denominator, 2)


def parse_amount(tokens: Sequence[str], i: int = 0) -> Amount | None:
    """The longest number expression starting at ``tokens[i]`` (normalised tokens), or None."""
    if i >= len(tokens):
        return None
    token = tokens[i]
    # A token that starts with a digit is no number word and carries no clitic.
    first, entry = (token, None) if token[:1].isdigit() else _lookup_first(token)
    fraction = _fraction_of_scale(tokens, i)
    if fraction is not None:
        return fraction
    state = _State()
    number = _digits(first)
    if number is not None:
        state.current, state.last, state.unit = number, _Kind.UNIT, number
    elif entry is None or entry[0] is _Kind.SCALE_PLURAL:
        return _vague(tokens, i, first)
    elif entry[0] is _Kind.SCALE and first in _DUAL_CONSTRUCT and not _continues(tokens, i + 1):
        state.total, state.last, state.scale = 2 * entry[1], _Kind.SCALE_DUAL, entry[1]  # ألفا شخص: 2000
    elif not _step(state, entry[0], entry[1], conj=False):
        return None
    articled = entry is not None and first != token and article_of(token)
    j = i + 1
    while j < len(tokens):
        conj, entry = _continuation(tokens[j], articled)
        if entry is None or not _step(state, entry[0], entry[1], conj):
            if entry is None and tokens[j] == "و" and _conj_digits(state, tokens, j):
                j += 2
                continue
            if tokens[j] in _AND_A_HALF and state.last in (_Kind.SCALE, _Kind.SCALE_DUAL):
                state.total += state.scale // 2  # مليون ونصف، ثلاثة آلاف ونصف
                j += 1
            break
        j += 1
    value = state.total + state.current
    if value != int(value) or value <= 0:
        return None
    return Amount(int(value), j - i)


def parse_number(phrase: str) -> int | None:
    """The value of a whole phrase (``"أربعة وعشرون"`` → 24), or None unless all of it is one number."""
    tokens = TOKEN_RE.findall(normalize(phrase))
    amount = parse_amount(tokens, 0)
    if amount is None or amount.size != len(tokens):
        return None
    return amount.value
