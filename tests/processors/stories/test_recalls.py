"""A lede clause that recalls another event of the kind (blind set 7): its places, figures and words are not the
report's own."""

from __future__ import annotations

from mediamon.processors.stories import StoryConfig, StoryIndex, assign
from mediamon.processors.stories.recalls import blank, recalled_spans
from tests.processors.stories.conftest import Make


def _recalled(text: str) -> list[str]:
    return [text[start:end] for start, end in recalled_spans(text)]


def test_the_clause_runs_from_its_after_word_to_its_end() -> None:
    text = "غرق قارب قبالة بنغازي، بعد أيام من غرق 20 شخصا في حادث مماثل قرب درنة. وأنقذ خمسة."
    assert _recalled(text) == ["بعد أيام من غرق 20 شخصا في حادث مماثل قرب درنة"]


def test_a_clause_opening_on_the_mark_runs_from_the_mark() -> None:
    text = "قتل أربعة في سيول بمحافظة المهرة، في ثالث حادثة خلال أسبوع بعد وفاة سبعة في شبوة."
    assert _recalled(text) == ["ثالث حادثة خلال أسبوع بعد وفاة سبعة في شبوة"]


def test_a_lede_without_a_mark_recalls_nothing() -> None:
    text = "اعتقال مالك المبنى بعد يوم من الحريق الذي أودى بحياة 30 شخصا في المدينة."
    assert recalled_spans(text) == []
    assert blank(text, []) == text


def test_blanking_keeps_the_offsets() -> None:
    text = "قتل ثلاثة، في حادث مماثل لحادث الأمس."
    blanked = blank(text, recalled_spans(text))
    assert len(blanked) == len(text)
    assert "مماثل" not in blanked and blanked.startswith("قتل ثلاثة،")


FIRST_COLLAPSE = (
    "2026-10-05T09:00:00+00:00",
    "مقتل 16 عاملا في انهيار منجم للذهب بولاية كسلا",
    "قتل 16 عاملا وأصيب خمسة في انهيار بئر داخل منجم تقليدي للذهب في ولاية كسلا شرقي السودان مساء الأحد، بحسب "
    "مسؤول محلي قال إن الأهالي انتشلوا الجثث بأيديهم. وأوقفت السلطات العمل في الموقع.",
)
SECOND_COLLAPSE = (
    "2026-10-06T11:00:00+00:00",
    "قتلى في انهيار منجم جديد بالسودان",
    "لقي سبعة عمال حتفهم في انهيار منجم للذهب في ولاية القضارف، بعد يوم واحد من مقتل 16 عاملا في انهيار مماثل "
    "بولاية كسلا المجاورة. وقال شهود إن التربة انهارت بعد أمطار غزيرة.",
)


def test_a_second_collapse_does_not_join_the_one_it_recalls(make: Make, config: StoryConfig) -> None:
    first = make("collapse-1", *FIRST_COLLAPSE)
    second = make("collapse-2", *SECOND_COLLAPSE)
    assert "كسلا" not in second.places
    assert ("killed", 16) not in second.figures
    index = StoryIndex(config)
    assert assign(index, first) == "collapse-1"
    assert assign(index, second) == "collapse-2"
