"""Blind set 12: reports of a national story that names no town (a strike, a verdict, a reshuffle) share little
wording but the name of what it is about (نقابة سائقي الشاحنات، قضية المنح الدراسية); two such reports that share two
pairs of adjacent content words or more match. Reports of two such stories share none and stay apart."""

from __future__ import annotations

from mediamon.processors.stories import StoryConfig, StoryIndex, assign
from mediamon.processors.stories.localities import lede_phrases
from tests.processors.stories.conftest import Make

STRIKE = (
    "2028-05-02T08:00:00+00:00",
    "نقابة سائقي الشاحنات تبدأ إضرابا مفتوحا احتجاجا على رسوم الطرق",
    "بدأ أعضاء نقابة سائقي الشاحنات صباح الثلاثاء إضرابا مفتوحا عن العمل، احتجاجا على قرار رفع رسوم العبور على"
    " الطرق السريعة بنسبة الثلث.\n\nوقال رئيس النقابة إن أكثر من أربعة آلاف شاحنة توقفت عن نقل البضائع، وإن الإضراب"
    " مستمر حتى تتراجع الحكومة عن القرار.",
)
STRIKE_LATER = (
    "2028-05-03T09:30:00+00:00",
    "الحكومة تدعو سائقي الشاحنات إلى الحوار في اليوم الثاني من الإضراب",
    "دعا وزير النقل الأربعاء نقابة سائقي الشاحنات إلى طاولة الحوار، في اليوم الثاني من إضرابها المفتوح ضد زيادة رسوم"
    " الطرق السريعة.\n\nوأكد الوزير أن الأسواق لم تشهد نقصا في السلع حتى الآن، فيما لوحت النقابة بتوسيع التحرك.",
)
VERDICT = (
    "2028-05-02T12:00:00+00:00",
    "السجن خمس سنوات لموظفين سابقين في قضية المنح الدراسية",
    "قضت محكمة الجنايات الثلاثاء بسجن ثلاثة موظفين سابقين في وزارة التعليم العالي خمس سنوات، بعد إدانتهم بالتلاعب في"
    " قوائم المستفيدين من المنح الدراسية.\n\nوألزمتهم المحكمة برد المبالغ التي صرفت دون وجه حق.",
)


def test_lede_phrases_pair_adjacent_content_words() -> None:
    phrases = lede_phrases("أعلنت نقابة سائقي الشاحنات الإضراب في 3 محافظات")
    assert "نقاب سايق" in phrases and "سايق شاحن" in phrases
    assert not any("في" in phrase.split() for phrase in phrases)  # a function word breaks a pair
    assert lede_phrases("قتل ثلاثة أشخاص") == []  # generic casualty stems pair with nothing


def test_reports_of_a_national_story_match(make: Make, config: StoryConfig) -> None:
    first, later = make("strike-1", *STRIKE), make("strike-2", *STRIKE_LATER)
    assert not first.places and not later.places  # no town: only the wording can tie them
    index = StoryIndex(config)
    assert assign(index, first) == "strike-1"
    assert assign(index, make("verdict", *VERDICT)) == "verdict"
    assert assign(index, later) == "strike-1"


def test_without_phrases_the_follow_up_starts_its_own_story(make: Make, config: StoryConfig) -> None:
    first, later = make("strike-1", *STRIKE), make("strike-2", *STRIKE_LATER)
    index = StoryIndex(config)
    assign(index, first)
    assert assign(index, later.__class__(**{**later.__dict__, "phrases": ()})) == "strike-2"


def test_two_national_stories_stay_apart(make: Make, config: StoryConfig) -> None:
    index = StoryIndex(config)
    assign(index, make("strike-1", *STRIKE))
    assert assign(index, make("verdict", *VERDICT)) == "verdict"
