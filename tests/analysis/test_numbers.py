"""Arabic number expressions: digits, words, duals of scales, mixes and vague amounts."""

from __future__ import annotations

import pytest

from mediamon.analysis.normalize import normalize
from mediamon.analysis.numbers import TOKEN_RE, VAGUE_WORDS, article_of, parse_amount, parse_number, word_value


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("7", 7),
        ("٤٩", 49),
        ("۱۸۰۰", 1800),
        ("1,800", 1800),
        ("١٬٢٠٠", 1200),
        ("واحد", 1),
        ("اثنان", 2),
        ("اثنين", 2),
        ("ثلاث", 3),
        ("ثلاثة", 3),
        ("ثلاثةُ", 3),
        ("ثمانية", 8),
        ("تسع", 9),
        ("عشرة", 10),
        ("أحد عشر", 11),
        ("إحدى عشرة", 11),
        ("اثنا عشر", 12),
        ("اثني عشر", 12),
        ("ثلاثة عشر", 13),
        ("سبع عشرة", 17),
        ("عشرون", 20),
        ("عشرين", 20),
        ("تسعون", 90),
        ("أربعة وعشرون", 24),
        ("خمس وثلاثين", 35),
        ("مئة", 100),
        ("مائة", 100),
        ("مئتان", 200),
        ("مئتين", 200),
        ("مائتي", 200),
        ("ثلاثمئة", 300),
        ("ثلاثمائة", 300),
        ("تسعمائة", 900),
        ("ثلاث مئة", 300),
        ("مئة وعشرون", 120),
        ("ثلاثمائة وخمسة وستون", 365),
        ("ألف", 1000),
        ("ألفان", 2000),
        ("ألفين", 2000),
        ("ألفي", 2000),
        ("ثلاثة آلاف", 3000),
        ("عشرة آلاف", 10000),
        ("ثلاثين ألف", 30000),
        ("ثلاثين ألفًا", 30000),
        ("أربعة وعشرين ألفا", 24000),
        ("مئة ألف", 100000),
        ("ألفين وخمسمائة", 2500),
        ("ألف ومئتان", 1200),
        ("مليون", 1_000_000),
        ("ألفا", 2000),
        ("مليونين", 2_000_000),
        ("ثلاثة ملايين", 3_000_000),
        ("3 آلاف", 3000),
        ("30 ألف", 30000),
        ("2 مليون", 2_000_000),
        ("2.5 مليون", 2_500_000),
        ("٢٫٥ مليون", 2_500_000),
        # fractions of a scale, and "and a half" after one
        ("نصف مليون", 500_000),
        ("ربع مليون", 250_000),
        ("مليون ونصف", 1_500_000),
        ("ثلاثة آلاف ونصف", 3500),
    ],
)
def test_parse_number(phrase: str, value: int) -> None:
    assert parse_number(phrase) == value


@pytest.mark.parametrize(
    "phrase",
    ["", "جنود", "ثلاثة أربعة", "2.5", "عشرات", "آلاف", "ألف ألف", "عشرون عشرة", "مئة مئة", "نصف", "نصف ساعة", "ونصف"],
)
def test_not_one_number(phrase: str) -> None:
    assert parse_number(phrase) is None


def test_parse_amount_stops_at_the_noun() -> None:
    tokens = TOKEN_RE.findall(normalize("قتل ثلاثة وعشرون جنديا أمس"))
    amount = parse_amount(tokens, 1)
    assert amount is not None and (amount.value, amount.size) == (23, 2)


def test_first_token_may_carry_a_clitic() -> None:
    tokens = TOKEN_RE.findall(normalize("وثلاثة جنود"))
    amount = parse_amount(tokens, 0)
    assert amount is not None and amount.value == 3


@pytest.mark.parametrize(
    ("phrase", "size"),
    [
        ("عشرات", 1),
        ("مئات", 1),
        ("آلاف", 1),
        ("العشرات", 1),
        ("عشرات الآلاف", 2),
        ("مئات الآلاف", 2),
        ("العديد", 1),
    ],
)
def test_vague_amounts_have_no_value(phrase: str, size: int) -> None:
    tokens = TOKEN_RE.findall(normalize(phrase + " من المدنيين"))
    amount = parse_amount(tokens, 0)
    assert amount is not None and amount.vague and amount.value is None and amount.size == size


def test_digits_split_from_letters() -> None:
    assert TOKEN_RE.findall(normalize("و32 قتيلا، و٥ جرحى")) == ["و", "32", "قتيلا", "و", "5", "جرحي"]


def test_word_value_and_vague_words() -> None:
    assert word_value(normalize("ألفين")) == 2000
    assert word_value(normalize("ثمانون")) == 80
    assert word_value("جندي") is None
    assert normalize("مئات") in VAGUE_WORDS


def test_out_of_range_index() -> None:
    assert parse_amount(["ثلاثه"], 3) is None


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("الستة", 6),
        ("والتسعة", 9),
        ("للثلاثة", 3),
        ("بالعشرة", 10),
        ("الخمسة والعشرون", 25),
        ("الثلاثة عشر", 13),
    ],
)
def test_number_words_with_the_article(phrase: str, value: int) -> None:
    assert parse_number(phrase) == value


@pytest.mark.parametrize("word", ["الأحد", "الاثنين", "والاثنين"])
def test_weekdays_are_no_articled_numbers(word: str) -> None:
    assert parse_number(word) is None


def test_article_of() -> None:
    assert article_of(normalize("الستة")) and article_of(normalize("وللتسعة"))
    assert not article_of(normalize("ستة")) and not article_of(normalize("وستة"))
    assert not article_of(normalize("ألف"))  # ألف is a number word itself, not ال + ف
    assert not article_of(normalize("الاثنين"))


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("ألفاً وخمسمئة", 1500),  # accusative singular + و: not the dual
        ("ألفا وثلاثمائة وعشرون", 1320),
        ("ألفًا و200", 1200),
        ("مليوناً وأربعمئة ألف", 1_400_000),
        ("مئتين وخمسة عشر", 215),  # a teen after و
        ("مئة وأحد عشر", 111),
        ("ثلاثمائة واثنا عشر", 312),
        ("ألف ومئتين وخمسة عشر", 1215),
        ("ألفان وثلاث عشرة", 2013),
        ("34 ألفاً و183", 34183),  # digits after و continue a scale
        ("ألفين و500", 2500),
        ("مليون و200 ألف", 1_200_000),
        ("3 ملايين و450 ألفا", 3_450_000),
        ("مئتين و50", 250),
    ],
)
def test_numbers_continued_with_wa(phrase: str, value: int) -> None:
    assert parse_number(phrase) == value


@pytest.mark.parametrize(
    ("text", "start", "value", "size"),
    [
        ("قتل ألفا شخص في المجاعة", 1, 2000, 1),  # the dual in construct
        ("وقتل ألفا مدني وخمسة جنود", 1, 2000, 1),  # و before a noun, not a number
        ("بلغ العدد ألف و1500 آخرون", 2, 1000, 1),  # digits as large as the scale are a new number
        ("ارتفع إلى مئة و300 جريح", 2, 100, 1),
        ("أصيب ألف و3 أشخاص", 1, 1003, 3),
        ("نحو خمسة عشر شخصا", 1, 15, 2),
    ],
)
def test_where_a_number_continued_with_wa_stops(text: str, start: int, value: int, size: int) -> None:
    amount = parse_amount(TOKEN_RE.findall(normalize(text)), start)
    assert amount is not None and (amount.value, amount.size) == (value, size)


@pytest.mark.parametrize("phrase", ["مليون و200 مليون", "ألف و300 ألف", "مئة و7 مئة"])
def test_a_later_scale_must_be_smaller(phrase: str) -> None:
    assert parse_number(phrase) is None
