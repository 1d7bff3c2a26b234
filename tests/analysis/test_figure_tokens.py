"""Figure tokens taken from the shared words are those the figure regex reads, window by window."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mediamon.analysis.figure_tokens import (
    _SENTENCE_END_RE,
    FigureTokens,
    _tokenize_window,
    sentence_ends,
    tokenize,
    trigger_hits,
    windows,
)
from mediamon.analysis.normalize import PreparedText

PIECES = st.sampled_from(
    [
        "قتل", "مقتل", "وإصابة", "الجرحى", "نزوح", "32", "2.5", "19كوفيد", "x2", "١٢", "ألفي", "شخصا",
        "مدنيين", ".", "،", " ", "  ", "\n", ":", "(", ")", "3.", ".5", "1,200", "قُتل", "بالإضافة",
    ]
)  # fmt: skip


def _by_regex(norm: str, spans: list[tuple[int, int]]) -> FigureTokens:
    out = FigureTokens([], [], [], [])
    for start, end in spans:
        _tokenize_window(norm, start, end, out)
    return out


@settings(max_examples=300)
@given(st.lists(PIECES, max_size=60), st.integers(0, 2))
def test_tokens_from_words_equal_the_regex_tokens(pieces: list[str], sep: int) -> None:
    text = (" " * sep).join(pieces)
    prepared = PreparedText.of(text)
    spans = windows(prepared.words, trigger_hits(prepared.words))
    assert tokenize(prepared, spans) == _by_regex(prepared.norm, spans)


@given(st.text(alphabet=st.sampled_from(list("ab1٣ .!?;\n\r.")), max_size=40))
def test_sentence_ends_are_those_of_the_regex(text: str) -> None:
    words = PreparedText.of(text).words
    assert sentence_ends(words) == [m.end() for m in _SENTENCE_END_RE.finditer(words.norm)]


def test_decimal_and_mixed_words_fall_back_to_the_regex() -> None:
    prepared = PreparedText.of("قتل 2.5 ألف شخص و19كوفيد")
    tokens = tokenize(prepared, windows(prepared.words, trigger_hits(prepared.words)))
    assert "2.5" in tokens.words
    assert tokens.words[-2:] == ["19", "كوفيد"]
