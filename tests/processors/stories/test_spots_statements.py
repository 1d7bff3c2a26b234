"""Spots, daily statements and rising tolls: two strikes in two quarters of one city, two days' statements of one
ministry, strikes in neighbouring towns of one region, and a rising toll that gives the bodies recovered since."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from mediamon.processors.stories import ArticleFeatures, StoryConfig, StoryIndex, assign
from mediamon.processors.stories.bcubed import bcubed
from mediamon.processors.stories.cues import is_periodic, is_rising
from mediamon.processors.stories.labelled import cluster, featurise, load
from mediamon.processors.stories.localities import locality_names, spots
from mediamon.processors.stories.score import Entry, place_conflict
from tests.processors.stories.conftest import Make

LABELLED = Path(__file__).parents[3] / "eval" / "stories" / "spots_statements.jsonl"
MONDAY = datetime(2026, 11, 16, 6, tzinfo=UTC)


def test_a_word_after_a_place_noun_names_a_locality() -> None:
    names = locality_names("قصف منزل في حي الزيتون جنوب مدينة غزة وآخر في بلدة عبسان بقضاء خان يونس")
    assert ("quarter", "الزيتون") in names
    assert ("town", "عبسان") in names
    assert ("district", "خان يونس") in names  # خان begins two-word names
    assert ("quarter", "الشيخ رضوان") in locality_names("غارة على حي الشيخ رضوان شمال المدينة")
    assert locality_names("غارة على حي التفاح شرق المدينة") == [("quarter", "التفاح")]


def test_adjectives_directions_and_phrases_name_no_locality() -> None:
    assert locality_names("قصف منطقة سكنية وحي سكني ومخيم للنازحين في منطقة جنوب الليطاني") == []
    assert locality_names("دمرت المنطقة الشرقية والحي القديم") == []  # with the article, the noun names nothing


def test_spots_keep_known_places_and_report_the_unknown_ones() -> None:
    found, unknown = spots("اقتحام مخيم جنين وحصار منزل في حي الدمج", ["جنين"])
    assert found == ["quarter:جنين", "quarter:دمج"]
    assert unknown == ["دمج"]


def test_periodic_cues_are_those_of_a_running_count() -> None:
    assert is_periodic("الصحة: 27 شهيدا و84 إصابة خلال 24 ساعة", "قالت الوزارة في تقريرها.")
    assert is_periodic("", "ارتفعت حصيلة الحرب على غزة إلى 70112 قتيلا، بحسب الوزارة.")
    assert is_periodic("", "قتل 41 شخصا في الساعات الأربع والعشرين الماضية وفق الوزارة.")
    assert not is_periodic("", "توصل الطرفان إلى اتفاق بعد أقل من 24 ساعة على بدء العملية العسكرية.")
    assert not is_periodic("اتفاق بعد يوم واحد من القتال", "أعلن الطرفان وقف القتال.")
    assert not is_periodic("ارتفاع ضحايا العدوان على جنين إلى 5", "استشهد خمسة في جنين.")
    assert not is_periodic("5 شهداء في قصف منزل", "استشهد خمسة مواطنين في قصف منزل. وبلغت حصيلة الحرب 70 ألفا.")


def test_rising_cue_is_in_the_opening_only() -> None:
    assert is_rising("ارتفاع ضحايا غرق مركب صفاقس إلى 15", "انتشلت ست جثث أخرى.")
    assert is_rising("", "ليرتفع عدد القتلى إلى 15، وفق الحرس البحري.")
    assert not is_rising("غرق مركب قبالة صفاقس", "انتشلت تسع جثث. وارتفع عدد الضحايا هذا العام إلى 300.")


def _entry(places: tuple[str, ...], countries: tuple[str, ...], *found: str) -> Entry:
    features = ArticleFeatures(article_id="a", source="s", event_time=MONDAY, minhash=(), countries=countries,
                               places=places, figures=(), spots=found, place_countries=countries)
    return Entry.of(features, "a")


def test_place_conflict() -> None:
    gaza, lebanon = ("PS",), ("LB",)
    sabra = _entry(("غزة",), gaza, "quarter:صبره")
    assert place_conflict(sabra, _entry(("غزة",), gaza, "quarter:درج"))  # two quarters of one city
    assert not place_conflict(sabra, _entry(("غزة",), gaza, "quarter:صبره", "town:غزه"))  # one shared spot
    assert not place_conflict(sabra, _entry(("غزة",), gaza))  # the city only
    # A quarter against its city named with a place noun: other levels, and the known places agree.
    assert not place_conflict(_entry(("كادقلي",), ("SD",), "quarter:موظف"),
                              _entry(("كادقلي", "جنوب كردفان"), ("SD",), "town:كادقل"))
    # Neighbouring towns of one region, all in one country; not when the reports name two countries' places.
    assert place_conflict(_entry(("جنوب لبنان", "حولا"), lebanon), _entry(("جنوب لبنان", "ميس الجبل"), lebanon))
    assert not place_conflict(_entry(("باكو", "ناغورني قره باغ"), ("AZ",)),
                              _entry(("باكو", "يريفان"), ("AM", "AZ")))
    assert not place_conflict(_entry(("واشنطن",), ("US",)), _entry(("بيروت",), lebanon))  # nothing in common


def test_new_fields_round_trip_and_old_rows_default() -> None:
    features = ArticleFeatures(article_id="a", source="s", event_time=MONDAY, minhash=(1, 2), countries=("PS",),
                               places=("غزة",), figures=(("killed", 4),), periodic=True, rising=True,
                               spots=("quarter:صبره",), localities=("صبره",), place_countries=("PS",))
    assert ArticleFeatures.from_dict(features.to_dict()) == features
    old = {k: v for k, v in features.to_dict().items()
           if k not in ("periodic", "rising", "spots", "localities", "place_countries")}
    restored = ArticleFeatures.from_dict(old)
    assert (restored.periodic, restored.rising, restored.spots, restored.localities, restored.place_countries) == (
        False, False, (), (), ())


def test_the_labelled_quarters_statements_and_towns_come_out_as_labelled() -> None:
    config = StoryConfig()
    articles = load(LABELLED)
    score = bcubed(cluster(featurise(articles, config), config), {a.id: a.story for a in articles})
    assert (score.precision, score.recall) == (1.0, 1.0)


def test_without_the_conflict_two_quarters_merge() -> None:
    """The conflict term is what keeps the Sabra and Daraj strikes apart (they share the city, the hospital and
    the template)."""
    config = StoryConfig(place_conflict=0.0)
    articles = [a for a in load(LABELLED) if a.story in ("gaza-sabra-house", "gaza-daraj-flat")]
    predicted = cluster(featurise(articles, config), config)
    assert len(set(predicted.values())) == 1


def test_a_daily_statement_joins_its_own_day_only(make: Make, config: StoryConfig) -> None:
    statement = "قالت وزارة الصحة في غزة إن مستشفيات القطاع استقبلت خلال الساعات الأربع والعشرين الماضية {} شهيدا."
    index = StoryIndex(config)
    day1 = assign(index, make("s1", "2026-11-16T10:00:00+00:00", "الصحة: 27 شهيدا خلال 24 ساعة",
                              statement.format(27)))
    strike = assign(index, make("k1", "2026-11-16T11:00:00+00:00", "27 شهيدا في قصف على مدينة غزة",
                                "استشهد 27 مواطنا في قصف إسرائيلي على مدينة غزة، وفق وزارة الصحة في غزة."))
    same_day = assign(index, make("s2", "2026-11-16T13:00:00+00:00", "غزة: 27 قتيلا خلال 24 ساعة",
                                  statement.format(27)))
    next_day = assign(index, make("s3", (MONDAY + timedelta(days=1)).isoformat(), "الصحة: 31 شهيدا خلال 24 ساعة",
                                  statement.format(31)))
    assert same_day == day1
    assert strike not in (day1, next_day)
    assert next_day == "s3"
