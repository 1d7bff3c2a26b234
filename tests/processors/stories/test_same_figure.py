"""The same-figure bonus is for the same toll, not for a coincident part of two tolls (blind set 6)."""

from __future__ import annotations

from mediamon.processors.stories import StoryConfig
from mediamon.processors.stories.score import Entry, pair_score, same_figure
from tests.processors.stories.conftest import Make

# A strike's toll rises to 15 after three of the wounded die; on another day a quake's toll rises to three. The
# quake names a province the gazetteer does not know, so no country tells the two apart.
STRIKE = (
    "2026-06-07T13:40:00+00:00",
    "ارتفاع حصيلة قصف خيام النازحين في المواصي إلى 15",
    "ارتفعت حصيلة قصف خيام النازحين في مواصي خان يونس إلى 15 قتيلا، بعد وفاة ثلاثة من المصابين متأثرين "
    "بجراحهم، وفق مصادر طبية.",
)
QUAKE = (
    "2026-06-09T12:00:00+00:00",
    "ارتفاع وفيات زلزال ولاية ملاطيا إلى 3",
    "ارتفع عدد الوفيات جراء الزلزال الذي ضرب ولاية ملاطيا فجر اليوم إلى ثلاثة، بعد وفاة مسنة متأثرة بإصابتها، "
    "فيما بلغ عدد المصابين 51.",
)
UPDATE = (
    "2026-06-07T16:00:00+00:00",
    "15 قتيلا في قصف المواصي",
    "قال الدفاع المدني إن 15 شخصا قتلوا في قصف خيام للنازحين في المواصي قرب خان يونس.",
)


def test_a_part_of_a_toll_is_not_the_same_figure(make: Make, config: StoryConfig) -> None:
    strike, quake = Entry.of(make("strike", *STRIKE), "strike"), Entry.of(make("quake", *QUAKE), "quake")
    assert ("killed", 3) in strike.figures and ("killed", 3) in quake.figures  # a part of one, the toll of the other
    assert not same_figure(quake, strike)
    # Some shared words of a rising toll (ارتفاع، وفاة، متأثر، مصاب) are all the two share: no story.
    assert pair_score(quake, strike, 0.14, config) < config.threshold


def test_the_same_toll_is_the_same_figure(make: Make, config: StoryConfig) -> None:
    strike, update = Entry.of(make("strike", *STRIKE), "strike"), Entry.of(make("update", *UPDATE), "strike")
    assert same_figure(update, strike) and same_figure(strike, update)
