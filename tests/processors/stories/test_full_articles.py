"""Full-length reports: the event is in the title and the lede; background paragraphs recall other events (an
older strike in another town, the war's cumulative toll). What they name must not merge two events."""

from __future__ import annotations

from mediamon.analysis.engine import default_engine
from mediamon.processors.stories import StoryConfig, StoryIndex, assign
from mediamon.processors.stories.engine_facts import figures_of, lede_end, lede_facts, lede_places
from tests.processors.stories.conftest import Make

CUMULATIVE = (
    "وتشن إسرائيل حربا على قطاع غزة منذ السابع من أكتوبر 2023، أسفرت وفق وزارة الصحة عن استشهاد 68,915 فلسطينيا "
    "وإصابة 170,680 آخرين، في حصيلة غير نهائية إذ لا يزال آلاف المفقودين تحت الأنقاض."
)
# A dawn strike on a house in Jabalia, told by two outlets.
JABALIA_1 = (
    "2026-03-03T04:30:00+00:00",
    "6 شهداء في قصف منزل لعائلة حمودة في جباليا",
    "استشهد ستة فلسطينيين بينهم طفلان فجر الثلاثاء في غارة إسرائيلية استهدفت منزلا لعائلة حمودة في مخيم "
    "جباليا شمال قطاع غزة، وفق مصادر طبية في مستشفى كمال عدوان.\n\n"
    "وقال جيران إن الطائرات قصفت المنزل دون إنذار، وإن الدفاع المدني انتشل الجثامين بعد ساعتين من البحث.\n\n"
    + CUMULATIVE,
)
JABALIA_2 = (
    "2026-03-03T07:15:00+00:00",
    "مجزرة في شمال غزة: عائلة حمودة تفقد ستة من أفرادها",
    "فقدت عائلة حمودة ستة من أفرادها في القصف الذي دمر منزلها في مخيم جباليا فجر اليوم، فيما نقل خمسة جرحى "
    "إلى مستشفى كمال عدوان في حالة متوسطة.\n\n"
    "ويقول سكان المخيم إن المنطقة تتعرض لقصف مدفعي متقطع منذ أيام.\n\n" + CUMULATIVE,
)
# The same day, a strike on a car in Deir al-Balah; both reports recall the Jabalia strike after the lede and its
# details, and end with the same cumulative toll.
DEIR_1 = (
    "2026-03-03T11:00:00+00:00",
    "شهيدان بقصف سيارة مدنية وسط دير البلح",
    "استشهد مواطنان وأصيب ثالث ظهر الثلاثاء، إثر استهداف مسيرة إسرائيلية سيارة مدنية في شارع البركة وسط "
    "مدينة دير البلح، بحسب مستشفى شهداء الأقصى.\n\n"
    "وقال شهود إن الصاروخ أصاب السيارة أثناء مرورها قرب سوق الخضار المزدحم، ما أدى إلى احتراقها بالكامل وتضرر "
    "عدد من البسطات، فيما هرعت طواقم الإسعاف لنقل المصاب إلى المستشفى.\n\n"
    "وكان ستة فلسطينيين قد استشهدوا فجر اليوم في قصف منزل لعائلة حمودة في مخيم جباليا شمال القطاع.\n\n"
    + CUMULATIVE,
)
DEIR_2 = (
    "2026-03-03T12:40:00+00:00",
    "مسيرة تستهدف سيارة في دير البلح وتقتل شخصين",
    "قتل شخصان في غارة نفذتها طائرة مسيرة إسرائيلية على سيارة في دير البلح ظهر اليوم، وقال مسعفون إن النيران "
    "اشتعلت في السيارة بعد إصابتها بصاروخ.\n\n"
    "وأظهرت صور نشرها ناشطون هيكل السيارة المتفحم وسط الشارع، وأشار أحد سكان الحي إلى أن القتيلين كانا "
    "يعملان في نقل البضائع بين المدينة والمخيمات القريبة.\n\n"
    "وتأتي الغارة بعد ساعات من قصف منزل في مخيم جباليا قتل فيه ستة من عائلة حمودة.\n\n" + CUMULATIVE,
)


def _stories(make: Make, config: StoryConfig, *reports: tuple[str, str, str]) -> list[str]:
    index = StoryIndex(config)
    return [assign(index, make(f"r{n}", *report)) for n, report in enumerate(reports)]


def test_background_paragraphs_do_not_merge_two_strikes_of_one_day(make: Make, config: StoryConfig) -> None:
    stories = _stories(make, config, JABALIA_1, JABALIA_2, DEIR_1, DEIR_2)
    assert stories == ["r0", "r0", "r2", "r2"]


def test_places_and_figures_are_those_of_the_lede() -> None:
    title, text = DEIR_1[1], DEIR_1[2]
    analysis = default_engine().analyze("deir", title, text)
    assert {"جباليا", "دير البلح"} <= {place.name for place in analysis.places}
    assert ("killed", 68915) in figures_of(analysis)
    places, figures = lede_facts(title, text, analysis, StoryConfig().lead_words)
    assert "دير البلح" in places and "جباليا" not in places
    assert ("killed", 68915) not in figures and ("killed", 6) not in figures


def test_lede_places_match_clitics_and_another_kind_of_place() -> None:
    places = ["الفاشر", "مخيم زمزم", "الخرطوم"]
    text = "قتل عشرة نازحين في قصف على معسكر زمزم بالفاشر. " + "ويذكر أن الحرب بدأت في الخرطوم. " * 20
    assert lede_places("قصف على زمزم", text, places, 12) == ["الفاشر", "مخيم زمزم"]


def test_a_lede_that_names_no_known_place_keeps_the_places_of_the_article() -> None:
    text = "لم يكن محمد يعلم أن خروجه لجلب الماء سينقذه. " + "وقصفت الطائرات منزلا في النصيرات وسط قطاع غزة. "
    assert lede_places("ناج يروي", text, ["النصيرات", "غزة"], 5) == ["النصيرات", "غزة"]


def test_the_lede_is_the_first_sentences_up_to_fifteen_words_within_the_lead() -> None:
    short = "قتل خمسة في قصف على رفح. "  # 6 words: the next sentence joins the lede
    second = "وقال مسعفون إن بين القتلى طفلين وإن الجرحى نقلوا إلى مستشفى قريب في المدينة. "
    background = "وكان قصف سابق على جباليا قد أودى بحياة ستة من عائلة واحدة. "
    text = short + second + background
    assert text[: lede_end(text, 50)] == (short + second).rstrip()
    assert lede_end(text, 4) == len("قتل خمسة في قصف")  # never beyond the lead
    plain = "نص بلا نقطة " * 30
    assert plain[: lede_end(plain, 10)] == "نص بلا نقطة " * 3 + "نص"
    decimal = "وزن 5.3 كيلوغرام في المدينة الكبيرة " * 3  # the point of 5.3 ends no sentence
    assert lede_end(decimal, 50) == len(decimal.rstrip())
