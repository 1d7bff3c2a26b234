"""Shingles: light stemming, invariance under diacritics and tatweel; the anniversary cue."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mediamon.analysis.normalize import normalize
from mediamon.processors.stories.retrospective import is_retrospective
from mediamon.processors.stories.shingles import content_words, lead_of, shingles, stem

TITLE = "غارة إسرائيلية على مدرسة تؤوي نازحين في حي الزيتون بغزة"
TEXT = "قتل 12 شخصاً على الأقل عندما أصابت غارة إسرائيلية مدرسة تحولت إلى مركز إيواء في مدينة غزة."


def test_clitics_and_suffixes_meet_on_one_stem() -> None:
    assert stem(normalize("بغزة")) == stem(normalize("غزة")) == stem(normalize("وغزة"))
    assert stem(normalize("الإسرائيلية")) == stem(normalize("إسرائيلي"))
    assert stem(normalize("قتيلاً")) == stem(normalize("قتيل"))
    assert stem(normalize("والنازحين")) == stem(normalize("نازحون"))


def test_function_words_and_generic_casualty_words_are_left_out() -> None:
    words = content_words("قتل خمسة أشخاص في قصف على المدينة")
    assert "قصف" in words
    assert not {"في", "علي", "قتل", "شخص", "مدين"} & set(words)


def test_the_lead_is_the_first_words() -> None:
    assert lead_of("a b c d", 2) == "a b"
    assert shingles(TITLE, TEXT, 5, 1) != shingles(TITLE, TEXT, 50, 1)


MARKS = st.sampled_from(["\u064b", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u0640"])


@given(st.lists(st.tuples(st.integers(min_value=0, max_value=len(TITLE + TEXT)), MARKS), max_size=20))
def test_shingles_do_not_change_with_diacritics_or_tatweel(inserts: list[tuple[int, str]]) -> None:
    text = TITLE + "\n" + TEXT
    for at, mark in sorted(inserts, reverse=True):
        if 0 < at < len(text) and text[at - 1].isalpha() and text[at].isalpha():  # inside a word only
            text = text[:at] + mark + text[at:]
    title, _, body = text.partition("\n")
    assert shingles(title, body, 200, 1) == shingles(TITLE, TEXT, 200, 1)


def test_shingles_are_sorted_and_distinct() -> None:
    found = shingles(TITLE, TEXT, 200, 2)
    assert found == sorted(set(found)) and all(" " in s for s in found)


def test_anniversary_cues_in_the_title_or_first_sentence() -> None:
    assert is_retrospective("عامان على زلزال السادس من شباط", "")
    assert is_retrospective("تركيا تحيي ذكرى ضحايا الزلزال", "")
    assert is_retrospective("بيروت تتذكر", "يحيي اللبنانيون اليوم الذكرى الخامسة لانفجار المرفأ. وقال")
    assert is_retrospective("خمس سنوات على انفجار مرفأ بيروت", "")
    later = "أصيب ستة أشخاص في زلزال ضرب ملاطية. وتزامنت الهزة مع ذكرى الزلزال الكبير."
    assert not is_retrospective("إصابات في زلزال ملاطية", later)  # the cue is not in the first sentence
    assert not is_retrospective("هدنة صامدة منذ عام على الأقل", "")
    assert not is_retrospective("ذكرت مصادر أن 5 قتلوا", "")
