"""StoryIndex: idempotence, the window, expiry, and answers that depend only on the articles it holds."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

import pytest

from mediamon.processors.stories import ArticleFeatures, StoryConfig, StoryIndex, assign, features_of

T0 = datetime(2025, 5, 1, 12, tzinfo=UTC)
TITLE = "قتلى بانفجار سيارة مفخخة في سوق شعبي بمدينة منبج"
TEXT = "قتل تسعة أشخاص وأصيب عشرون في انفجار سيارة مفخخة وسط سوق شعبي في مدينة منبج شرقي حلب صباح اليوم."
REWRITE = "انفجار سيارة ملغومة يقتل تسعة في سوق منبج"
REWRITE_TEXT = "أسفر انفجار سيارة ملغومة في سوق شعبي بمنبج عن تسعة قتلى وعشرين جريحاً، وفق الدفاع المدني."


def feat(article_id: str, hours: float = 0, title: str = TITLE, text: str = TEXT, **kw: object) -> ArticleFeatures:
    facts: dict[str, object] = {"countries": ["SY"], "places": ["منبج", "حلب"], "figures": [("killed", 9)]}
    facts.update(kw)
    return features_of(
        article_id, "outlet", title, text, T0 + timedelta(hours=hours), config=StoryConfig(), **facts  # type: ignore[arg-type]
    )


def test_a_rewrite_joins_the_story_of_the_first_report() -> None:
    index = StoryIndex(StoryConfig())
    assert assign(index, feat("a")) == "a"
    assert assign(index, feat("b", 3, REWRITE, REWRITE_TEXT)) == "a"
    assert len(index) == 2


def test_adding_the_same_article_twice_changes_nothing() -> None:
    index = StoryIndex(StoryConfig())
    first = feat("a")
    assert assign(index, first) == "a"
    assert assign(index, first) == "a"
    index.add(first, "other")  # a replayed table update keyed by the same article id
    assert len(index) == 1
    assert index.story_of("a") == "a"
    assert assign(index, feat("b", 1, REWRITE, REWRITE_TEXT)) == "a"


def test_articles_outside_the_window_are_not_matched() -> None:
    index = StoryIndex(StoryConfig(window=timedelta(hours=72)))
    assign(index, feat("a"))
    assert index.match(feat("late", 73, REWRITE, REWRITE_TEXT)) is None
    assert index.match(feat("early", -73, REWRITE, REWRITE_TEXT)) is None
    assert index.match(feat("inside", 71, REWRITE, REWRITE_TEXT)) == "a"


def test_expire_drops_articles_older_than_the_cutoff() -> None:
    index = StoryIndex(StoryConfig())
    assign(index, feat("a"))
    assign(index, feat("b", 10, REWRITE, REWRITE_TEXT))
    assign(index, feat("c", 20, REWRITE, REWRITE_TEXT))
    assert index.expire(T0) == []
    assert index.expire(T0 + timedelta(hours=15)) == ["a", "b"]
    assert len(index) == 1 and "a" not in index
    # The story lives on in its remaining article, under its first article's id.
    assert index.match(feat("d", 25, REWRITE, REWRITE_TEXT)) == "a"
    assert index.expire(T0 + timedelta(days=30)) == ["c"]
    assert len(index) == 0
    assert index.match(feat("e", 30)) is None


def test_a_story_starts_at_its_oldest_indexed_article_as_articles_expire() -> None:
    """The start that breaks ties between stories follows expiry: the oldest member still indexed, also when
    members are dropped out of order (a story's id stays its first article's)."""
    index = StoryIndex(StoryConfig())
    rng = random.Random(5)
    hours = [rng.uniform(0, 40) for _ in range(30)]
    for n, at in enumerate(hours):
        index.add(feat(f"m{n:02d}", at), "story")
    hours.append(50)
    index.add(feat("m30", 50), "story")
    index.add(feat("other", 1, "حريق في مصنع للنسيج", "اندلع حريق في مصنع للنسيج دون إصابات."), "other")
    for cut in (5, 12, 12.5, 30, 39):
        index.expire(T0 + timedelta(hours=cut))
        left = sorted((T0 + timedelta(hours=at), f"m{n:02d}") for n, at in enumerate(hours) if at >= cut)
        assert index._story_start["story"] == left[0]
    index.add(feat("m00", 45), "story")  # indexed again, later: not its old time
    index.expire(T0 + timedelta(hours=41))
    assert index._story_start["story"] == (T0 + timedelta(hours=45), "m00")


def test_no_text_and_no_places_match_nothing() -> None:
    index = StoryIndex(StoryConfig())
    assign(index, feat("a", title="", text="", places=[], countries=[], figures=[]))
    assert index.match(feat("b", 1, title="", text="", places=[], countries=[], figures=[])) is None


def _corpus() -> list[ArticleFeatures]:
    """Three stories in one country on one day, each rewritten three times, in publication order."""
    stories = [
        ("انفجار سيارة مفخخة في سوق منبج", "قتل تسعة في انفجار سيارة مفخخة في سوق منبج الشعبي.", ["منبج", "حلب"], 9),
        ("غارة على بلدة في ريف إدلب", "قتل خمسة مدنيين في غارة جوية على بلدة سرمدا بريف إدلب.", ["إدلب", "سرمدا"], 5),
        ("حريق في مخيم للنازحين قرب اللاذقية", "أتى حريق على عشرات الخيام في مخيم قرب اللاذقية.", ["اللاذقية"], 0),
    ]
    out = []
    for number in range(9):
        title, text, places, killed = stories[number % 3]
        figures = [("killed", killed)] if killed else []
        out.append(feat(f"s{number % 3}-{number}", number, title, text, places=places, figures=figures))
    return out


def test_answers_do_not_depend_on_insertion_order() -> None:
    config = StoryConfig()
    live = StoryIndex(config)
    story = {f.article_id: assign(live, f) for f in _corpus()}
    assert set(story.values()) == {"s0-0", "s1-1", "s2-2"}
    assert all(story[a] == "s" + a[1] + "-" + a[1] for a in story)
    stored = [json.loads(json.dumps(f.to_dict())) for f in _corpus()]
    for seed in range(5):
        random.Random(seed).shuffle(stored)
        rebuilt = StoryIndex(config)
        for row in stored:
            f = ArticleFeatures.from_dict(row)
            rebuilt.add(f, story[f.article_id])
        probe = feat("probe", 4, "انفجار سيارة مفخخة في سوق منبج", "قتل تسعة في انفجار سيارة مفخخة في السوق.")
        assert rebuilt.match(probe) == live.match(probe) == story["s0-0"] == "s0-0"


def test_features_round_trip_through_json() -> None:
    f = feat("a", figures=[("killed", 9), ("injured", 20), ("killed", 9)])
    assert f.figures == (("injured", 20), ("killed", 9))
    assert ArticleFeatures.from_dict(json.loads(json.dumps(f.to_dict()))) == f
    assert len(f.minhash) == StoryConfig().num_perm


def test_signatures_are_the_same_in_every_process() -> None:
    # Fixed seed and SHA-1 based hashing: the values do not depend on PYTHONHASHSEED.
    f = feat("a", title="غارة", text="")
    assert f.minhash == feat("b", title="الغارة", text="").minhash
    assert f.minhash[:3] == (3573846682, 12402791, 4141322755)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        features_of("a", "o", TITLE, TEXT, datetime(2025, 1, 1), [], [], [], StoryConfig())
