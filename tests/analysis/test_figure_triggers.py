"""Triggers around an amount: before it, after it, confirmed by a word, with a cause near."""

from __future__ import annotations

import pytest

from mediamon.analysis.figure_amounts import amount
from mediamon.analysis.figure_triggers import confirm_end, state_noun_end, trigger_after, trigger_before
from mediamon.analysis.figure_words import facts_of
from mediamon.analysis.normalize import normalize
from tests.analysis.test_figure_text import figure_text, index


@pytest.mark.parametrize(
    ("text", "kind", "at"),
    [
        ("مقتل 32 شخصا", "killed", "مقتل"),
        ("ارتفع عدد الجرحى إلى 40", "injured", "الجرحى"),
        ("أجلت السلطات في المدينة 300 ساكن", "evacuated", "أجلت"),
    ],
)
def test_trigger_before(text: str, kind: str, at: str) -> None:
    t = figure_text(text)
    found = trigger_before(t, next(k for k, w in enumerate(t.words) if w[0].isdigit()))
    assert found is not None
    assert (found[0].kind, found[1]) == (kind, index(t, at))


@pytest.mark.parametrize(
    "text",
    [
        "مقتل اثنين وإصابة 5 بينهم 3",  # another number between
        "قضى الصحفي في السجن 3 أعوام",  # قضى must stand right before the count
        "مقتل شخص، 30",  # a comma between
        "سجلت السلطات 32 حالة",  # no trigger at all
    ],
)
def test_no_trigger_before(text: str) -> None:
    t = figure_text(text)
    last_number = max(k for k, w in enumerate(t.words) if w[0].isdigit())
    assert trigger_before(t, last_number) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [("32 شخصا قتلوا", "killed"), ("10 جرحى", "injured"), ("أجبر 200 ألف شخص على الفرار", "displaced")],
)
def test_trigger_after(text: str, kind: str) -> None:
    t = figure_text(text)
    first = next(k for k, w in enumerate(t.words) if w[0].isdigit())
    counted = amount(t, first)
    assert counted is not None
    found = trigger_after(t, counted.end)
    assert found is not None
    assert found[0] == kind


@pytest.mark.parametrize("text", ["صلى 300 على القتلى", "دعا 300 إلى وقف النزوح"])
def test_no_trigger_after(text: str) -> None:
    t = figure_text(text)
    assert trigger_after(t, 2) is None


def test_a_confirmed_trigger_needs_its_word() -> None:
    died = figure_text("فقد 12 بحارا حياتهم")
    lost = figure_text("فقد 12 بحارا الاتصال")
    trigger = facts_of(normalize("فقد")).trigger
    assert trigger is not None
    assert confirm_end(died, trigger, 3) == 4
    assert confirm_end(lost, trigger, 3) is None


def test_leaving_home_needs_a_cause_near() -> None:
    fled = figure_text("غادر 8 آلاف شخص منازلهم بسبب القصف")
    moved = figure_text("غادر 8 آلاف شخص منازلهم نحو الشواطئ")
    trigger = facts_of(normalize("غادر")).trigger
    assert trigger is not None
    assert confirm_end(fled, trigger, 4) == 5
    assert confirm_end(moved, trigger, 4) is None


def test_state_noun_end_takes_the_casualty_noun_of_the_same_kind() -> None:
    t = figure_text("أردوا اثنين منهم قتيلين")
    assert state_noun_end(t, "killed", 3) == 4
    assert state_noun_end(t, "injured", 3) == 3


def last_number(text: str, floor: int) -> tuple[str, int | None]:
    """The kind and index of the trigger before the last number of ``text``, with the finder's floor
    (the first token after the figure found before) at ``floor``."""
    t = figure_text(text)
    t.floor = floor
    found = trigger_before(t, max(k for k, w in enumerate(t.words) if w[0].isdigit()))
    return ("", None) if found is None else (found[0].kind, found[1])


@pytest.mark.parametrize(
    ("text", "floor"),
    [
        ("مقتل مواطن برصاص 3 مسلحين", 2),  # the killing took its one person: the gunmen are not its count
        ("ارتفع عدد المعتقلين بعد مقتل جندي إلى 40", 6),  # إلى 40: what the arrests rose to
        ("ارتفعت أسعار الخبز بعد مقتل الجنود إلى 40", 0),
    ],
)
def test_a_taken_or_reached_trigger_gives_no_count(text: str, floor: int) -> None:
    assert last_number(text, floor) == ("", None)


@pytest.mark.parametrize(
    ("text", "floor", "kind"),
    [
        ("مقتل جندي إسرائيلي و3 فلسطينيين", 2, "killed"),
        ("مقتل جندي بالإضافة إلى 3 مدنيين", 2, "killed"),
        ("ارتفعت حصيلة النزوح بسبب القصف إلى 300", 0, "displaced"),  # "the number of" heads the noun
        ("تم إجلاء ما يصل إلى 500 شخص", 0, "evacuated"),  # a reaching verb before إلى
        ("مقتل مواطن برصاص 3 مسلحين", 0, "killed"),  # (no figure before: nothing is taken)
    ],
)
def test_joined_or_counted_triggers_give_the_count(text: str, floor: int, kind: str) -> None:
    assert last_number(text, floor)[0] == kind


def test_a_plural_verb_right_before_a_count_is_its_trigger() -> None:
    t = figure_text("المسلحون قتلوا ثمانية من السكان")
    found = trigger_before(t, index(t, "ثمانية"))
    assert found is not None and found[0].kind == "killed" and found[1] == index(t, "قتلوا")


def test_a_plural_verb_taken_by_the_figure_before_is_no_trigger() -> None:
    t = figure_text("32 شخصا قتلوا وأكثر من 200 جرحوا")
    t.floor = index(t, "قتلوا") + 1
    assert trigger_before(t, index(t, "وأكثر")) is None
