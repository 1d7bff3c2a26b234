from hypothesis import given
from hypothesis import strategies as st

from mediamon.analysis.morph import (
    CLITIC_PREFIXES,
    count_words,
    is_clitic_prefix,
    iter_tokens,
    strip_article,
    strip_prefixes,
    word_bounds,
)
from mediamon.analysis.normalize import normalize


def test_strip_prefixes_finds_the_bare_stem() -> None:
    assert "قتلي" in strip_prefixes(normalize("وللقتلى"))
    assert "القتلي" in strip_prefixes(normalize("وللقتلى"))
    assert "هدنه" in strip_prefixes(normalize("بالهدنة"))
    assert "وقف" in strip_prefixes("لوقف")
    assert strip_prefixes("هدنه")[0] == "هدنه"


def test_strip_prefixes_keeps_a_minimum_stem() -> None:
    assert strip_prefixes("وب") == ["وب"]
    assert all(len(s) >= 2 for s in strip_prefixes("والي"))


def test_prefix_set_contains_combinations() -> None:
    for prefix in ("", "و", "وال", "ولل", "بال", "فبال", "لل"):
        assert prefix in CLITIC_PREFIXES
    assert is_clitic_prefix("وال")
    assert not is_clitic_prefix("م")
    assert not is_clitic_prefix("ست")


def test_strip_article() -> None:
    assert strip_article("النار") == "نار"
    assert strip_article("الي") == "الي"
    assert strip_article("هدنه") == "هدنه"


def test_tokens_and_bounds() -> None:
    norm = normalize("أعلن وقفٌ للقتال، 12 قتيلا")
    words = [w for w, _, _ in iter_tokens(norm)]
    assert words == ["اعلن", "وقف", "للقتال", "12", "قتيلا"]
    start = norm.index("قتال")
    assert word_bounds(norm, start, start + 4) == (norm.index("للقتال"), norm.index("للقتال") + 6)
    assert count_words(norm, 0, len(norm)) == 5


@given(st.text(max_size=200))
def test_tokens_slice_the_text(text: str) -> None:
    for word, start, end in iter_tokens(text):
        assert text[start:end] == word
        assert word
