from hypothesis import given
from hypothesis import strategies as st

from mediamon.analysis.normalize import PreparedText, normalize

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
    from mediamon.analysis.normalize import _TABLE, _delete, _translate

    assert _translate(_delete(text)[0]) == text.translate(_TABLE)


@given(st.text(max_size=300) | ARABIC)
def test_one_split_finds_the_deletions(text: str) -> None:
    from mediamon.analysis.normalize import _DELETE_RE, _delete

    positions = [m.start() for m in _DELETE_RE.finditer(text)]
    kept, before = _delete(text)
    assert kept == _DELETE_RE.sub("", text)
    assert before == [p - i for i, p in enumerate(positions)]  # kept characters before each deletion


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


def _reference_normalize(text: str) -> str:
    """Normalisation as the translate table defines it (slow, obviously right)."""
    from mediamon.analysis.normalize import _TABLE, _THOUSANDS_RE

    stage = text.translate(_TABLE)
    lowered = stage.lower()
    if len(lowered) != len(stage):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in stage)
    return _THOUSANDS_RE.sub("", lowered)


@given(st.text(max_size=300) | ARABIC | st.text(alphabet="ABCΣİẞ𐐀ﻻ١,٬ ١٢٣ قتل\u064e\t", max_size=60))
def test_normalize_equals_the_reference(text: str) -> None:
    assert normalize(text) == _reference_normalize(text)
    assert PreparedText.of(text).norm == normalize(text)
