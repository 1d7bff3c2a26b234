import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mediamon.analysis.engine import Engine, default_engine
from mediamon.schema import Analysis

ENGINE: Engine = default_engine()


def rules_of(analysis: Analysis) -> set[str]:
    return {a.rule for a in analysis.alerts}


def test_article_with_ceasefire_and_casualties() -> None:
    text = (
        "أعلن الطرفان وقفًا فوريًّا لإطلاق النار في الإقليم مساء الأحد. "
        "وكانت المعارك قد أسفرت عن مقتل خمسة جنود وإصابة آخرين بجروح."
    )
    result = ENGINE.analyze("a1", "هدنة جديدة", text)
    assert result.language == "ar"
    assert {"ceasefire", "casualties"} <= rules_of(result)
    assert "ceasefire" in result.topics
    for alert in result.alerts:
        for span in alert.matches:
            assert text[span.start : span.end] == span.text


def test_trailing_diacritics_are_part_of_the_phrase() -> None:
    text = "سقط قتيلٌ"
    result = ENGINE.analyze("a", "", text)
    span = next(a for a in result.alerts if a.rule == "casualties").matches[0]
    assert span.text == "قتيلٌ"


def test_title_alone_raises_an_alert_without_spans() -> None:
    result = ENGINE.analyze("t", "الهدنة تصمد لليوم الثالث", "")
    alert = next(a for a in result.alerts if a.rule == "ceasefire")
    assert alert.matches == []


def test_hard_negatives_raise_nothing() -> None:
    text = "سجلت الوزارة عشرين إصابة جديدة بالفيروس، وأطلقت حملة تطعيم. وتقرر إطلاق سراح سجينين."
    result = ENGINE.analyze("n", "", text)
    assert not rules_of(result) & {"ceasefire", "casualties"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("آتش‌بس در شهر برقرار شد و ده نفر کشته شدند", "fa"),
        ("شہر میں جنگ بندی کا اعلان ہوا اور دس افراد ہلاک ہوئے", "ur"),
        ("A ceasefire was declared and ten people were killed", "en"),
    ],
)
def test_non_arabic_gets_language_and_nothing_else(text: str, code: str) -> None:
    result = ENGINE.analyze("x", "", text)
    assert result.language == code
    assert result.alerts == [] and result.casualties == [] and result.topics == []


def test_places_from_title_and_text() -> None:
    result = ENGINE.analyze("p", "قصف في دمشق", "وصل الوفد إلى القاهرة")
    assert result.countries[:2] == ["SY", "EG"]


ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
JUNK = st.text(alphabet=ARABIC | st.characters() | st.sampled_from(list(" .،\n0123456789")), max_size=400)
PHRASES = st.sampled_from(["وقف إطلاق النار", "قُتل ثلاثة", "الهدنة", "إصابة بكورونا", "نزوح", "Hello"])


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(JUNK | PHRASES, max_size=8))
def test_offsets_slice_original_and_nothing_crashes(parts: list[str]) -> None:
    text = " ".join(parts)
    result = ENGINE.analyze("h", parts[0] if parts else "", text)
    for alert in result.alerts:
        for span in alert.matches:
            assert text[span.start : span.end] == span.text
    for fig in result.casualties:
        assert text[fig.start : fig.end] == fig.text


def test_big_and_odd_inputs() -> None:
    big = ("قُتل خمسة أشخاص في قصف على البلدة، وأعلنت الأطراف هدنة. " * 12000)[: 1_000_000]
    result = ENGINE.analyze("big", "", big)
    assert "casualties" in rules_of(result)
    binary = bytes(range(256)).decode("latin-1") * 50
    assert ENGINE.analyze("bin", binary, binary).id == "bin"
    assert ENGINE.analyze("empty", "", "").language == "und"
    mixed = "Breaking: هدنة في 𝔾𝕒𝕫𝕒 ١٢ قتيلاً \x00\ufeff\u202e"
    assert ENGINE.analyze("mixed", "", mixed).language == "ar"


def figures_of(text: str) -> list[tuple[str, int | None, str]]:
    return [(c.kind, c.count, c.qualifier) for c in ENGINE.analyze("f", "", text).casualties]


@pytest.mark.parametrize(
    "text",
    [
        "ارتفع عدد ضحايا الاحتيال الإلكتروني إلى 300 شخص",  # fraud victims
        "يعاني النادي من إصابات عدة في صفوف لاعبيه",  # sports injuries
        "أنقذ رجال الإطفاء أرواح 15 شخصاً من الحريق",  # lives saved
        "وقع آلاف المودعين ضحية لشركة توظيف أموال وهمية",  # fraud victims
        "قتل الملل شاباً في قاعة الانتظار",  # an idiom
        "أعدمت السلطات ثلاثة مدانين بتهمة تهريب المخدرات",  # a judicial execution
        "قضت المحكمة بإعدام 4 متهمين في قضية القتل",  # a death sentence
    ],
)
def test_figures_that_an_exclusion_drops_leave_the_figures_too(text: str) -> None:
    result = ENGINE.analyze("x", "", text)
    assert result.casualties == []
    assert "casualties" not in rules_of(result)


def test_a_dropped_match_removes_only_the_figures_it_overlaps() -> None:
    text = "أنقذ المسعفون أرواح 9 أشخاص. وفي حادث آخر قُتل 3 أشخاص"
    assert figures_of(text) == [("killed", 3, "exact")]


def test_exclusions_of_one_rule_do_not_drop_figures_of_kinds_it_does_not_take() -> None:
    # the displacement rule takes displaced figures; the casualties exclusions do not touch them
    assert figures_of("نزح 300 شخص بعد أن أنقذت فرق الإغاثة أرواح العشرات") == [("displaced", 300, "exact")]


def test_executions_by_armed_groups_are_killings() -> None:
    result = ENGINE.analyze("e", "", "أعدم مسلحو التنظيم خمسة أسرى في الصحراء")
    assert "casualties" in rules_of(result)
    assert [(c.kind, c.count) for c in result.casualties] == [("killed", 5)]


def test_title_and_text_are_read_together_but_reported_apart() -> None:
    # diacritics and tatweel in the title shift nothing in the text's offsets
    title = "مقتـــلُ خمسةِ جنودٍ في كمين"
    text = "أُصيب ثلاثة مدنيين بجروح في قصف على البلدة."
    result = ENGINE.analyze("t", title, text)
    assert [(c.kind, c.count) for c in result.casualties] == [("injured", 3)]  # not the title's five
    for casualty in result.casualties:
        assert text[casualty.start : casualty.end] == casualty.text
    alert = next(a for a in result.alerts if a.rule == "casualties")
    assert alert.matches and all(text[m.start : m.end] == m.text for m in alert.matches)


def test_a_title_match_counts_towards_a_topic() -> None:
    # economy needs two matches: one in the title, one in the text
    text = "ارتفع التضخم في الربع الأخير."
    assert "economy" not in ENGINE.analyze("a", "", text).topics
    assert "economy" in ENGINE.analyze("b", "تراجع الدولار أمام العملات", text).topics
    assert "economy" not in ENGINE.analyze("c", "تراجع الدولار أمام العملات", "").topics


@settings(max_examples=300, deadline=None)
@given(
    title=st.text(alphabet=st.sampled_from(list("ابتةىأإآؤئ ً ٌ ٍ َ ُ ِ ّ ْـ\u200f\n\t ,٬1٢3\r.A")), max_size=40),
    text=st.text(alphabet=st.sampled_from(list("ابت ة\n,٬12")), max_size=20),
)
def test_the_title_ends_where_its_normalised_form_ends(title: str, text: str) -> None:
    """The joined title and text are normalised once; the title's end is found by its line breaks."""
    from mediamon.analysis.engine import _Article
    from mediamon.analysis.normalize import normalize

    article = _Article.of(title, text)
    if title:
        assert article.head_end == len(normalize(title))
        assert article.prepared.norm[article.head_end] == "\n"
