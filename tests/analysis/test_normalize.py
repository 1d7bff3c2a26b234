from hypothesis import given
from hypothesis import strategies as st

from analysis.normalize import PreparedText, normalize

ARABIC = st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF) | st.sampled_from(
    list(" ,٬'0123456789abcİ\u200f\u0640\u064b")), max_size=200)


def test_examples() -> None:
    assert normalize("وقـفُ إطلاقِ النار") == "وقف اطلاق النار"
    assert normalize("مستشفى المدينة") == "مستشفي المدينه"
    assert normalize("١٬٢٠٠ و۱۸ و1,200") == "1200 و18 و1200"
    assert normalize("1,2 و12,0000") == "1,2 و12,0000"


@given(st.text(max_size=300) | ARABIC)
def test_idempotent(text: str) -> None:
    assert normalize(normalize(text)) == normalize(text)


@given(st.text(max_size=300) | ARABIC)
def test_prepared_matches_normalize(text: str) -> None:
    assert PreparedText.of(text).norm == normalize(text)


@given(st.text(max_size=300) | ARABIC, st.data())
def test_spans_map_back_to_same_phrase(text: str, data: st.DataObject) -> None:
    prepared = PreparedText.of(text)
    if not prepared.norm:
        return
    start = data.draw(st.integers(0, len(prepared.norm) - 1))
    end = data.draw(st.integers(start + 1, len(prepared.norm)))
    ostart, oend = prepared.original_span(start, end)
    assert 0 <= ostart < oend <= len(text)
    assert normalize(text[ostart:oend]) == prepared.norm[start:end]


@given(st.text(max_size=300) | ARABIC)
def test_fast_translation_equals_the_translate_table(text: str) -> None:
    from analysis.normalize import _TABLE, _translate

    assert _translate(text) == text.translate(_TABLE)


@given(st.text(max_size=200) | ARABIC, st.data())
def test_batch_original_spans_equal_one_by_one(text: str, data: st.DataObject) -> None:
    prepared = PreparedText.of(text)
    if not prepared.norm:
        return
    spans = []
    for _ in range(3):
        start = data.draw(st.integers(0, len(prepared.norm) - 1))
        spans.append((start, data.draw(st.integers(start + 1, len(prepared.norm)))))
    assert prepared.original_spans(spans) == [prepared.original_span(s, e) for s, e in spans]
