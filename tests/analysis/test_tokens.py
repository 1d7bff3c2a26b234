"""Words split once per text (analysis.tokens): the same words, offsets and sentences as the regexes."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from mediamon.analysis.morph import WORD_RE
from mediamon.analysis.tokens import BREAK_RE, WordMemo, Words

ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
TEXT = st.text(
    alphabet=ARABIC | st.characters() | st.sampled_from([*" .،!؟?;\n\r_-0123456789", "𝔾", "١", "²"]),
    max_size=200,
)


@given(TEXT)
def test_words_are_the_regex_words_with_their_offsets(text: str) -> None:
    words = Words.of(text)
    assert [(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text)] == list(
        zip(words.texts, words.starts, words.ends, strict=True)
    )
    assert "".join(words.parts) == text
    assert words.parts[1::2] == words.texts


@given(TEXT)
def test_sentences_end_at_breaks(text: str) -> None:
    words = Words.of(text)
    assert words.breaks == [m.start() for m in BREAK_RE.finditer(text)]
    for i in range(len(words.texts)):
        lo, hi = words.sentence(i)
        assert lo <= i < hi
        between = text[words.starts[lo] : words.ends[hi - 1]]
        assert not BREAK_RE.search(between)
        if lo > 0:
            assert BREAK_RE.search(text[words.ends[lo - 1] : words.starts[lo]])


def test_inside_is_none_when_a_word_is_cut() -> None:
    words = Words.of("ab cd ef")
    assert words.inside(0, 5) == (0, 2)
    assert words.inside(2, 8) == (1, 3)
    assert words.inside(1, 5) is None
    assert words.inside(0, 4) is None


def test_astral_letters_are_words_too() -> None:
    assert Words.of("هدنة 𝔾𝕒𝕫𝕒، x").texts == ["هدنة", "𝔾𝕒𝕫𝕒", "x"]


def test_word_memo_computes_each_word_once_and_starts_over_when_full() -> None:
    calls: list[str] = []

    def length(word: str) -> int:
        calls.append(word)
        return len(word)

    memo = WordMemo(length, limit=3)
    assert memo.values(["ab", "c", "ab"]) == (2, 1, 2)
    assert memo("c") == 1
    assert sorted(calls) == ["ab", "c"]
    memo.values(["d", "e"])
    memo.values(["f"])  # over the limit: the memo starts over
    assert memo.values(["ab"]) == (2,)
    assert calls.count("ab") == 2


def test_split_keeps_underscore_as_a_separator() -> None:
    assert Words.of("قتل_3").texts == re.findall(r"[^\W_]+", "قتل_3")
