import pytest
from hypothesis import given
from hypothesis import strategies as st

from mediamon.analysis.language import detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("أعلنت الحكومة اليوم عن خطة جديدة لإعادة الإعمار في المدن المتضررة", "ar"),
        ("قتيل", "ar"),
        ("دولت امروز برنامه تازه‌ای برای بازسازی شهرهای آسیب‌دیده اعلام کرد", "fa"),
        ("وزارت بهداشت اعلام كرد كه شمار مصدومان در اين حادثه به ده نفر رسيد", "fa"),  # Arabic keyboard
        ("حکومت نے آج تباہ شدہ شہروں کی تعمیر نو کے لیے نیا منصوبہ پیش کیا", "ur"),
        ("حکومت نن د ښارونو د بیا رغونې لپاره نوی پلان اعلان کړ", "ps"),
        ("The government announced a new reconstruction plan for the damaged cities today", "en"),
        ("Le gouvernement a annoncé aujourd'hui un nouveau plan de reconstruction des villes", "fr"),
        ("", "und"),
        ("12345 -- !!", "und"),
    ],
)
def test_languages(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_force_langdetect_path_still_answers() -> None:
    assert detect_language("The government announced a new plan", force_langdetect=True) == "en"
    assert detect_language("", force_langdetect=True) == "und"


def test_deterministic() -> None:
    text = "hola que tal"
    assert len({detect_language(text, force_langdetect=True) for _ in range(5)}) == 1


@given(st.text(max_size=300))
def test_never_crashes(text: str) -> None:
    code = detect_language(text)
    assert code == "und" or 2 <= len(code) <= 3


_ARABIC_BLOCKS = dict.fromkeys([*range(0x0600, 0x0700), *range(0x0750, 0x0780), *range(0xFB50, 0xFE00),
                                *range(0xFE70, 0xFF00)])
_LATIN_LETTERS = dict.fromkeys([*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250)])
SCRIPTS = st.text(
    alphabet=st.characters()
    | st.characters(min_codepoint=0x05F0, max_codepoint=0x0790)
    | st.characters(min_codepoint=0xFB40, max_codepoint=0xFFFF)
    | st.characters(min_codepoint=0xB0, max_codepoint=0x260),
    max_size=120,
)


@given(SCRIPTS)
def test_script_counts_from_utf8_lead_bytes(text: str) -> None:
    from mediamon.analysis.language import script_counts

    arabic = len(text) - len(text.translate(_ARABIC_BLOCKS))
    latin = len(text) - len(text.translate(_LATIN_LETTERS))
    assert script_counts(text) == (arabic, latin)


@given(SCRIPTS)
def test_byte_search_for_other_arabic_script_letters_is_never_wrong(text: str) -> None:
    from mediamon.analysis.language import _OTHER_ARABIC_SCRIPT, _no_other_arabic_script

    if _no_other_arabic_script(text, text.encode("utf-8", "surrogatepass")):
        assert not _OTHER_ARABIC_SCRIPT.search(text)
