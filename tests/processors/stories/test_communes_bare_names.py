"""Blind set 10: Algeria's and Libya's commune (بلدية) and Yemen's district (مديرية) name places, but not an office
(مديرية الصحة، بلدية المدينة); and a follow-up that names such a locality bare, once it is known (شيعت العين الصفراء
ضحاياها), shares it with the reports that named it after its place noun."""

from __future__ import annotations

import pytest

from mediamon.processors.stories import StoryConfig, StoryIndex, assign
from mediamon.processors.stories.localities import lede_names, locality_names
from mediamon.processors.stories.score import Entry
from tests.processors.stories.conftest import Make


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("انهار سقف مدرسة ببلدية الحمادية صباح اليوم.", ("town", "الحماديه")),
        ("جرفت السيول منازل في مديرية الزهرة غرب المحافظة.", ("district", "الزهره")),
        ("تضررت الطرق في مديرية حيدان بعد الأمطار.", ("district", "حيدان")),
    ],
)
def test_a_commune_or_a_yemeni_district_is_a_place_noun(text: str, named: tuple[str, str]) -> None:
    assert named in locality_names(text)


@pytest.mark.parametrize(
    "text",
    [
        "أعلنت مديرية الصحة في المحافظة وصول المصابين.",
        "قالت مديرية الأمن العام إن التحقيق جار.",
        "أفادت مديرية الدفاع المدني بإخماد الحريق.",
        "قررت بلدية المدينة إغلاق السوق.",
    ],
)
def test_an_office_is_no_place(text: str) -> None:
    assert locality_names(text) == []


def test_a_short_stem_is_no_bare_name() -> None:
    # عبور (a crossing) and عبر (across) are no bare mention of a place whose stem is three letters
    assert "عبر" not in lede_names("حاولوا عبور الوادي عبر الجسر القديم")
    assert "حماد" in lede_names("شيعت الحمادية ضحاياها")
    assert "ملح" not in lede_names("ارتفعت أسعار الملح والسكر")  # salt
    assert "حيد" in lede_names("أهالي الضحايا في حيدان")  # a five-letter name whose ending is cut
    assert "عين مان" in lede_names("شيعت عين ولمان ضحيتي الغاز")  # a two-word name


COLLAPSE = (
    "2027-12-01T08:00:00+00:00",
    "وفاة 5 تلاميذ في انهيار سقف مدرسة ابتدائية بولاية برج بوعريريج",
    "توفي خمسة تلاميذ وأصيب 12 آخرون صباح الأربعاء إثر انهيار جزء من سقف قسم بمدرسة ابتدائية في بلدية الحمادية "
    "بولاية برج بوعريريج، وفق الحماية المدنية التي نقلت المصابين إلى المستشفى.",
)
# The next day's follow-up names the commune bare, and shares little wording with the first report.
FUNERAL = (
    "2027-12-02T11:00:00+00:00",
    "الحمادية تودع تلاميذها في جنازة مهيبة",
    "ودع سكان الحمادية أمس أطفالهم الخمسة في جنازة حضرها وزير التربية، الذي أعلن إيفاد لجنة لتفتيش البنايات "
    "المدرسية القديمة وغلق الأقسام المهددة.",
)


def test_a_follow_up_naming_the_commune_bare_joins(make: Make, config: StoryConfig) -> None:
    first, later = make("collapse", *COLLAPSE), make("funeral", *FUNERAL)
    assert "حماد" in first.localities
    entry, other = Entry.of(later, ""), Entry.of(first, "collapse")
    assert entry.shared(other)
    index = StoryIndex(config)
    assert assign(index, first) == "collapse"
    assert assign(index, later) == "collapse"


def test_the_index_keeps_no_words(make: Make, config: StoryConfig) -> None:
    index = StoryIndex(config)
    assign(index, make("collapse", *COLLAPSE))
    assert index._entries["collapse"].names == frozenset()  # memory: only the article asked about needs them


# Another school accident in another commune the same day: the word "مدرسة" is shared, no locality is.
OTHER = (
    "2027-12-02T09:00:00+00:00",
    "إصابة 7 تلاميذ في تسرب غاز بمدرسة ببلدية عين ولمان",
    "أصيب سبعة تلاميذ بحالات اختناق صباح الخميس بسبب تسرب غاز من مدفأة في مدرسة ابتدائية ببلدية عين ولمان "
    "بولاية سطيف، ونقلوا إلى المستشفى المحلي.",
)


def test_another_commune_does_not_join(make: Make, config: StoryConfig) -> None:
    index = StoryIndex(config)
    assert assign(index, make("collapse", *COLLAPSE)) == "collapse"
    assert assign(index, make("gas", *OTHER)) == "gas"
