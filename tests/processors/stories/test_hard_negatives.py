"""Different events that share a country, a city and a day are different stories; rewrites are one."""

from __future__ import annotations

from mediamon.processors.stories import StoryConfig, StoryIndex, assign
from tests.processors.stories.conftest import Make

# Two air strikes in Gaza City on one day, each reported by two outlets.
STRIKE_A1 = (
    "2025-01-14T06:00:00+00:00",
    "11 قتيلاً في غارة على مدرسة تؤوي نازحين بحي التفاح",
    "قتل 11 فلسطينياً فجر الثلاثاء في غارة إسرائيلية على مدرسة تؤوي نازحين في حي التفاح شرق مدينة غزة، "
    "بحسب الدفاع المدني. وقال الجيش الإسرائيلي إنه استهدف مسلحين داخل المدرسة.",
)
STRIKE_A2 = (
    "2025-01-14T08:30:00+00:00",
    "مجزرة في مدرسة بحي التفاح: 11 شهيداً من النازحين",
    "استشهد 11 نازحاً بينهم أطفال في قصف طائرات الاحتلال مدرسة في حي التفاح بغزة. "
    "وأفاد الدفاع المدني بأن طواقمه انتشلت الضحايا من بين الركام.",
)
STRIKE_B1 = (
    "2025-01-14T13:00:00+00:00",
    "غارة على منزل في حي الصبرة تقتل أربعة من عائلة واحدة",
    "قتل أربعة أفراد من عائلة دغمش في غارة إسرائيلية دمرت منزلهم في حي الصبرة جنوب مدينة غزة ظهر الثلاثاء. "
    "وقال جيران إن المنزل كان مكتظاً بالنازحين.",
)
STRIKE_B2 = (
    "2025-01-14T15:00:00+00:00",
    "عائلة دغمش تفقد أربعة من أبنائها في قصف بالصبرة",
    "فقدت عائلة دغمش أربعة من أبنائها بعد أن سقط صاروخ على منزلها في حي الصبرة بمدينة غزة، "
    "وفق ما أفاد مسعفون نقلوا الجثامين إلى مستشفى المعمداني.",
)
# One country, one day: a flood and a political meeting.
FLOOD = (
    "2025-03-02T07:00:00+00:00",
    "سيول تجتاح ولاية نهر النيل ومصرع 7 أشخاص",
    "لقي سبعة أشخاص مصرعهم وانهارت مئات المنازل جراء سيول اجتاحت قرى في ولاية نهر النيل شمالي السودان. "
    "وأعلنت حكومة الولاية حالة الطوارئ.",
)
MEETING = (
    "2025-03-02T11:00:00+00:00",
    "البرهان يستقبل وزير الخارجية المصري في بورتسودان",
    "استقبل رئيس مجلس السيادة السوداني عبد الفتاح البرهان في بورتسودان وزير الخارجية المصري، "
    "وبحث الجانبان العلاقات الثنائية وجهود إنهاء الحرب في السودان.",
)
# A current earthquake, and an anniversary piece about an old one in the same places on the same day.
QUAKE_NOW = (
    "2026-02-06T12:00:00+00:00",
    "هزة أرضية بقوة 5 درجات تضرب ملاطية وتصيب 6 أشخاص",
    "ضرب زلزال بقوة خمس درجات ولاية ملاطية شرقي تركيا ظهر الجمعة، وأصيب ستة أشخاص بجروح طفيفة "
    "بحسب إدارة الكوارث والطوارئ التركية. وشعر بالهزة سكان غازي عنتاب.",
)
QUAKE_NOW_2 = (
    "2026-02-06T13:30:00+00:00",
    "إصابة ستة أشخاص في زلزال ملاطية",
    "أعلنت إدارة الكوارث والطوارئ التركية إصابة ستة أشخاص في زلزال بقوة خمس درجات ضرب ملاطية، "
    "دون تسجيل انهيار مبان. وشعر سكان غازي عنتاب بالهزة.",
)
QUAKE_ANNIVERSARY = (
    "2026-02-06T08:00:00+00:00",
    "ثلاث سنوات على زلزال ملاطية وغازي عنتاب المدمر",
    "تحيي تركيا اليوم الذكرى الثالثة لزلزال السادس من شباط 2023 الذي ضرب ملاطية وغازي عنتاب "
    "وكهرمان مرعش وأودى بحياة أكثر من 50 ألف شخص.",
)


def _stories(make: Make, config: StoryConfig, articles: dict[str, tuple[str, str, str]]) -> dict[str, str]:
    index = StoryIndex(config)
    feats = sorted((make(aid, *article) for aid, article in articles.items()), key=lambda f: f.event_time)
    return {f.article_id: assign(index, f) for f in feats}


def test_two_strikes_in_one_city_on_one_day_are_two_stories(make: Make, config: StoryConfig) -> None:
    story = _stories(make, config, {"a1": STRIKE_A1, "a2": STRIKE_A2, "b1": STRIKE_B1, "b2": STRIKE_B2})
    assert story["a1"] == story["a2"] == "a1"
    assert story["b1"] == story["b2"] == "b1"


def test_a_flood_and_a_meeting_in_one_country_on_one_day_are_two_stories(make: Make, config: StoryConfig) -> None:
    story = _stories(make, config, {"flood": FLOOD, "meeting": MEETING})
    assert story == {"flood": "flood", "meeting": "meeting"}


def test_an_anniversary_piece_does_not_join_a_current_story(make: Make, config: StoryConfig) -> None:
    anniversary = make("anniv", *QUAKE_ANNIVERSARY)
    assert anniversary.retrospective
    story = _stories(make, config, {"anniv": QUAKE_ANNIVERSARY, "now": QUAKE_NOW, "now2": QUAKE_NOW_2})
    assert story["anniv"] == "anniv"
    assert story["now"] == story["now2"] == "now"


def test_the_same_event_a_year_apart_is_two_stories(make: Make, config: StoryConfig) -> None:
    later = ("2026-01-14T06:00:00+00:00", *STRIKE_A2[1:])
    story = _stories(make, config, {"a1": STRIKE_A1, "later": later})
    assert story["later"] == "later"


# A day's round-up naming many towns of the Gaza Strip, between reports of two strikes in two of them.
STRIKE_KY = (
    "2025-08-05T06:00:00+00:00",
    "ستة قتلى في قصف منزل بخان يونس",
    "قتل ستة أفراد من عائلة واحدة في قصف إسرائيلي على منزل في بلدة بني سهيلا شرق خان يونس جنوب قطاع غزة.",
)
ROUNDUP = (
    "2025-08-05T12:00:00+00:00",
    "حصيلة يوم دام في قطاع غزة",
    "شهد قطاع غزة يوماً دامياً آخر، إذ توزعت الغارات على خان يونس ورفح ودير البلح والنصيرات وجباليا وبيت لاهيا، "
    "وقالت وزارة الصحة إن 40 شخصاً قتلوا خلال 24 ساعة.",
)
STRIKE_RAFAH = (
    "2025-08-05T15:00:00+00:00",
    "مسيرة تستهدف خيمة نازحين غرب رفح",
    "قتل طفلان وأصيبت والدتهما عندما أصاب صاروخ أطلقته مسيرة إسرائيلية خيمة للنازحين غرب مدينة رفح في قطاع غزة.",
)


def test_a_round_up_does_not_chain_two_strikes(make: Make, config: StoryConfig) -> None:
    story = _stories(make, config, {"ky": STRIKE_KY, "roundup": ROUNDUP, "rafah": STRIKE_RAFAH})
    assert story["rafah"] == "rafah"
    assert story["ky"] == "ky"


# The same wording about two places in two countries on one day: an outlet's template, two events.
TWIN_ALEPPO = (
    "2025-05-03T09:00:00+00:00",
    "مقتل 6 أشخاص بقصف على حي سكني",
    "قتل ستة أشخاص وأصيب عشرون آخرون في قصف استهدف حياً سكنياً في مدينة حلب في سوريا صباح السبت، "
    "بحسب مصادر طبية محلية.",
)
TWIN_MOSUL = (
    "2025-05-03T10:00:00+00:00",
    "مقتل 6 أشخاص بقصف على حي سكني",
    "قتل ستة أشخاص وأصيب عشرون آخرون في قصف استهدف حياً سكنياً في مدينة الموصل في العراق صباح السبت، "
    "بحسب مصادر طبية محلية.",
)


def test_the_same_wording_about_two_countries_is_two_stories(make: Make, config: StoryConfig) -> None:
    stories = _stories(make, config, {"aleppo": TWIN_ALEPPO, "mosul": TWIN_MOSUL})
    assert stories["aleppo"] != stories["mosul"]
