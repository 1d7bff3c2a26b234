"""Figures of one person with no number: a trigger before one, a verb with its object, after a subject."""

from __future__ import annotations

import pytest

from mediamon.analysis.figure_persons import object_at, one_person, singular_at, subject_at
from mediamon.analysis.figure_words import AFTER_ONE, BEFORE_ONE, OBJECT
from tests.analysis.test_figure_text import figure_text, index


@pytest.mark.parametrize(
    ("text", "kind"),
    [("أعلنت الشرطة وفاة مواطن في الحادث", "killed"), ("إصابة جندي بجروح", "injured")],
)
def test_singular_at(text: str, kind: str) -> None:
    t = figure_text(text)
    trigger = next(k for k, fact in enumerate(t.f) if fact.trigger is not None)
    found = singular_at(t, trigger)
    assert found is not None
    assert (found.kind, found.number, found.qualifier) == (kind, 1, "exact")


@pytest.mark.parametrize("text", ["وفاة شخص واحد", "إصابة مواطن بكورونا"])
def test_no_singular(text: str) -> None:
    t = figure_text(text)
    assert singular_at(t, 0) is None


def test_object_at_reads_the_accusative_object_after_the_subject() -> None:
    t = figure_text("قتل مسلحون مجهولون موظفاً")
    found = object_at(t, 0)
    assert found is not None
    assert (found.kind, found.number, t.words[found.end - 1]) == ("killed", 1, t.words[index(t, "موظفاً")])


@pytest.mark.parametrize("text", ["قتل مسلحون 3 موظفين", "قتل مسلحون الوقت"])
def test_no_object(text: str) -> None:
    assert object_at(figure_text(text), 0) is None


def test_subject_at_reads_the_one_person_before_the_verb() -> None:
    t = figure_text("إن رجلاً لقي حتفه")
    found = subject_at(t, index(t, "لقي"))
    assert found is not None
    assert (found.first, found.number) == (index(t, "رجلاً"), 1)


def test_no_subject_when_the_verb_has_its_own() -> None:
    t = figure_text("قال مسؤول أصيب 3 أشخاص")
    assert subject_at(t, index(t, "أصيب")) is None


def test_one_person_goes_by_the_flags() -> None:
    t = figure_text("وفاة مواطن")
    assert one_person(t, 0, BEFORE_ONE) is not None
    assert one_person(t, 0, OBJECT | AFTER_ONE) is None


@pytest.mark.parametrize(
    "text", ["قتل رجل وابنه برصاص مسلحين", "وفاة سيدة وطفلها في الحريق", "لقي مزارع وزوجته حتفهما في السيل"]
)
def test_one_person_and_a_kin_joined_by_waw_count_two(text: str) -> None:
    t = figure_text(text)
    trigger = next(k for k, fact in enumerate(t.f) if fact.trigger is not None)
    found = singular_at(t, trigger)
    assert found is not None
    assert (found.number, found.qualifier) == (2, "exact")


def test_a_kin_after_another_verb_is_no_second_person() -> None:
    t = figure_text("مقتل رجل وإصابة ابنه")
    found = singular_at(t, 0)
    assert found is not None and found.number == 1
