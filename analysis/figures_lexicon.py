"""Word lists for casualty figures, in normalised form (ة→ه، ى→ي، أإآ→ا، ئ→ي).

- *Triggers* say what happened to the people counted: a verbal noun or verb that comes before the
  count (مقتل 32، أصيب 3، نزوح أكثر من ألفي), a plural verb after it (32 شخصا قتلوا), or a casualty
  noun on either side (32 قتيلا، عدد القتلى 49).
- *Person nouns* make a singular "one" (وفاة مواطن) or a dual "two" (إصابة جنديين).
- *Units* and *date words* next to a number mean it is not a head count (24 ساعة، عام 2020).
- *Disease words* turn a figure into an infection or illness count, which is not a casualty.
"""

from __future__ import annotations

from typing import Literal

from analysis.normalize import normalize

Kind = Literal["killed", "injured", "displaced", "evacuated"]
Role = Literal["pre", "post", "noun"]


def _norm(words: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words.split())


# Verbs and verbal nouns that come before the count: مقتل 32 شخصا، قتل 5 جنود، إجلاء 1800 مدني.
_PRE: dict[Kind, str] = {
    "killed": "مقتل قتل قتلت تقتل يقتل مصرع وفاة استشهاد استشهد استشهدت توفي توفيت غرق لقي لقيت بحياة "
    "أرواح اغتيل اغتيلت اغتال اغتالت",
    "injured": "إصابة أصيب أصيبت جرح جرحت أصابت أصاب",
    "displaced": "نزوح نزح نزحت تهجير هجر هجرت تشريد شرد شردت فرار فر فرت هروب",
    "evacuated": "إجلاء أجلي أجلت أجلوا أجليت إخلاء أخلي أخليت أخلت",
}
# Plural and dual verbs that follow the count: 32 شخصا قتلوا، اثنين من جنوده قتلا.
_POST: dict[Kind, str] = {
    "killed": "قتلوا قتلا قتلتا قتلن لقوا لقيا لقين توفوا توفيا توفين استشهدوا استشهدا ماتوا غرقوا قضوا "
    "قضين فارقوا",
    "injured": "جرحوا جرحا جرحن أصيبوا أصيبا أصبن أصيبتا",
    "displaced": "نزحوا فروا هجروا شردوا",
    "evacuated": "أجلوا",
}
# Casualty nouns, on either side of the count: 32 قتيلا، عدد القتلى إلى 49، 10 جرحى.
_NOUNS: dict[Kind, str] = {
    "killed": "قتيل قتيلا قتيلة قتلى ضحية ضحايا شهيد شهيدا شهيدة شهداء جثة جثث وفيات "
    "موتى صرعى",
    "injured": "جريح جريحا جريحة جرحى مصاب مصابا مصابة مصابين مصابون إصابات",
    "displaced": "نازح نازحا نازحة نازحين نازحون مهجر مهجرا مهجرين مشرد مشردا مشردين لاجئ لاجئا لاجئين "
    "لاجئون",
    "evacuated": "",
}
# Duals of casualty nouns: each is a count of two and its own trigger (سقوط قتيلين).
_NOUN_DUALS: dict[Kind, str] = {
    "killed": "قتيلان قتيلين ضحيتان ضحيتين شهيدان شهيدين جثتان جثتين",
    "injured": "جريحان جريحين مصابان",
    "displaced": "نازحان",
    "evacuated": "",
}


def _triggers() -> dict[str, tuple[Kind, Role]]:
    table: dict[str, tuple[Kind, Role]] = {}
    for role, source in (("noun", _NOUNS), ("post", _POST), ("pre", _PRE)):
        for kind, words in source.items():
            for word in _norm(words):
                table[word] = (kind, role)  # type: ignore[assignment]
    return table


TRIGGERS: dict[str, tuple[Kind, Role]] = _triggers()
DUAL_CASUALTY_NOUNS: dict[str, Kind] = {w: k for k, ws in _NOUN_DUALS.items() for w in _norm(ws)}

# Person nouns whose plural is not in -ين: their -ين form is always a dual (جنديين، طفلين، شخصين).
_PERSONS_BROKEN = (
    "شخص جندي طفل طفلة رجل امرأة امراة فتاة ضابط عنصر شاب طالب عامل قائد أسير طبيب صبي شقيق سجين "
    "حارس زعيم قيادي مسؤول نائب وزير سائح سائق راكب راعي بحار تاجر فتى رضيع حاج ولد قاصر "
    # feminine nouns in ة: their plural is in -ات, so -تين is always a dual
    "سيدة شابة طالبة مواطنة موظفة صحفية صحافية ممرضة طبيبة معلمة مسعفة ناشطة مسنة سائقة مجندة "
    "رهينة شقيقة"
)
# Person nouns with a sound plural in -ين: their -ين form is a dual only when vowelled (مدنيَّين).
_PERSONS_SOUND = (
    "مدني فلسطيني إسرائيلي مواطن شرطي مقاتل مسلح صحفي صحافي مسعف مستوطن عسكري متظاهر مهاجر مزارع "
    "موظف مدرس معلم ممرض صياد مسن ناشط مراسل مصور أمريكي أميركي روسي أوكراني سوري لبناني عراقي يمني "
    "سوداني أرميني أرمني أذربيجاني أذري تركي إيراني مصري ليبي أفغاني باكستاني هندي "
    "مهندس مدير مسافر مجند مقيم لاجئ نازح مشجع طيار إطفائي مراهق مستشار دبلوماسي معتقل مشتبه "
    "محتج"
)
PERSON_SINGULARS: frozenset[str] = _norm(_PERSONS_BROKEN + " " + _PERSONS_SOUND)
_BROKEN = _norm(_PERSONS_BROKEN)
# Role and kin nouns with a possessive suffix count one too: مقتل سائقها، إصابة والدته.
_POSSESSED = "سائق حارس مرافق زميل صديق قائد مساعد شقيق شقيقة نجل ابن ابنة والد والدة زوج زوجة طفل طفلة جار"
_SUFFIXES = ("ه", "ها", "هم", "هما")


def _possessives(nouns: str) -> frozenset[str]:
    out: set[str] = set()
    for noun in _norm(nouns):
        stem = noun[:-1] + "ت" if noun.endswith("ه") else noun  # والده (والدة) → والدته
        out.update(stem + suffix for suffix in _SUFFIXES)
    return frozenset(out)


ONE_NOUNS: frozenset[str] = PERSON_SINGULARS | _norm("آخر ثالث ثالثة رابع رابعة خامس") | _possessives(_POSSESSED)
"""Nouns that count one after a verbal noun (وفاة مواطن، وأصيب آخر، وأصيب ثالث، مقتل سائقها)."""


def _duals() -> tuple[frozenset[str], frozenset[str]]:
    always: set[str] = set()
    vowelled: set[str] = set()
    for noun in PERSON_SINGULARS:
        stem = noun[:-1] + "ت" if noun.endswith("ه") else noun  # امراه → امراتان
        always.add(stem + "ان")
        (always if noun in _BROKEN else vowelled).add(stem + "ين")
    return frozenset(always), frozenset(vowelled)


PERSON_DUALS, PERSON_DUALS_IF_VOWELLED = _duals()
"""Dual forms: always a dual (-ان, and -ين of broken-plural nouns) / only with a fatha before -ين."""

UNITS: frozenset[str] = _norm(
    # time
    "ثانية ثوان ثواني دقيقة دقائق ساعة ساعات يوم يوما أيام أسبوع أسبوعا أسابيع شهر شهرا أشهر شهور "
    "عام عاما أعوام سنة سنوات سنين عقد عقود ليلة ليال "
    # money and measures
    "دولار دولارا دولارات يورو جنيه جنيها ريال ريالا درهم درهما دينار دينارا ليرة روبل شيكل فرنك "
    "كيلومتر كيلومترا كيلومترات كلم كم متر مترا أمتار ميل ميلا طن طنا أطنان كيلوغرام كغ لتر هكتار "
    "دونم درجة درجات بالمئة بالمائة المئة المائة نقطة نقاط "
    # things, places and events
    "موقع موقعا مواقع هدف هدفا أهداف قذيفة قذائف صاروخ صاروخا صواريخ غارة غارات طائرة طائرات مسيرة "
    "مسيرات دبابة دبابات منزل منزلا منازل مبنى مباني بيت بيوت قرية قرى بلدة بلدات مدينة مدن دولة دول "
    "سيارة سيارات شاحنة شاحنات مركبة مركبات مرة مرات هجوم هجمات هجوما عملية عمليات حالة حالات جولة "
    "لاعب لاعبا لاعبين لاعبون مباراة مقعد مقاعد صوت أصوات برميل سهم حاوية حاويات كتيبة لواء فرقة "
    "مستشفى مستشفيات مدرسة مدارس خيمة خيام مليار مادة بند فقرة قرار "
    "جائزة جوائز ميدالية ميداليات لقب ألقاب وظيفة وظائف رحلة رحلات جرعة جرعات رأس فرصة فرص مشروع "
    "مشاريع صفقة "
    # animals: a count of birds or cattle is no head count of people
    "طائر طيور ماشية مواشي أغنام خراف أبقار رؤوس حيوان حيوانات كلاب دواجن خيول حمير أسماك"
)
DATE_WORDS: frozenset[str] = _norm(
    "عام العام سنة السنة منذ خريف ربيع صيف شتاء مطلع أواخر أوائل الساعة ساعة رقم المرتبة المركز "
    "القرار المادة الفقرة البند اللواء الفرقة الكتيبة الطريق"
)
MONTHS: frozenset[str] = _norm(
    "يناير فبراير مارس أبريل إبريل مايو يونيو يونيه يوليو يوليه أغسطس سبتمبر أكتوبر نوفمبر ديسمبر "
    "كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين"
)
# "حالة/حالات" is no disease word: "حالة ثلاثة منهم حرجة" and "بحالات اختناق" are casualties; a count
# followed by حالة is already ruled out as a unit (80 حالة تسمم).
DISEASE_WORDS: frozenset[str] = _norm(
    "كورونا فيروس الفيروس كوفيد وباء الوباء مرض المرض الكوليرا الحصبة السرطان العدوى الإنفلونزا "
    "الملاريا الإيدز الجدري التسمم تسمم إسهال الإسهال السكري الربو التوحد الحمى إيبولا الضنك السل "
    "التهاب أمراض الأمراض فيروسات الفيروسات متحور المتحور لقاح اللقاح التدخين السمنة الكحول التلوث"
)
FUNCTION_WORDS: frozenset[str] = _norm(
    "في على من إلى عن خلال منذ بعد قبل مع أن إن بين حتى أمس اليوم الليلة حيث التي الذي الذين كما"
)

# Qualifiers before the count, longest first; the first word may carry a clitic (وأكثر من).
QUALIFIERS_BEFORE: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
        (
            (tuple(normalize(phrase).split()), qualifier)
            for phrase, qualifier in (
                ("أكثر من", "more_than"),
                ("أزيد من", "more_than"),
                ("ما يزيد عن", "more_than"),
                ("ما يزيد على", "more_than"),
                ("يزيد عن", "more_than"),
                ("يزيد على", "more_than"),
                ("ما يربو على", "more_than"),
                ("يربو على", "more_than"),
                ("ما يفوق", "more_than"),
                ("يتجاوز", "more_than"),
                ("تجاوز", "more_than"),
                ("ما يتجاوز", "more_than"),
                ("يفوق", "more_than"),
                ("ما لا يقل عن", "at_least"),
                ("لا يقل عن", "at_least"),
                ("على الأقل", "at_least"),
                ("نحو", "about"),
                ("حوالي", "about"),
                ("حوالى", "about"),
                ("قرابة", "about"),
                ("زهاء", "about"),
                ("ما يقارب", "about"),
                ("يقارب", "about"),
                ("ما يناهز", "about"),
                ("يناهز", "about"),
                ("تقريبا", "about"),
                ("أقل من", "about"),
                ("ما يقرب من", "about"),
                ("أكثر قليلا من", "more_than"),
                ("ما ينوف على", "more_than"),
                ("ينوف على", "more_than"),
                ("ما ينيف على", "more_than"),
                ("يتخطى", "more_than"),
                ("تخطى", "more_than"),
                ("ما يتخطى", "more_than"),
                ("على أقل تقدير", "at_least"),
                ("في حدود", "about"),
            )
        ),
        key=lambda item: -len(item[0]),
    )
)
QUALIFIERS_AFTER: tuple[tuple[tuple[str, ...], str], ...] = (
    (("علي", "الاقل"), "at_least"),
    (("تقريبا",), "about"),
    (("علي", "اقل", "تقدير"), "at_least"),
    (("ونيف",), "more_than"),
)
CONNECTORS: frozenset[str] = _norm("و بالإضافة إضافة إلى فضلا عن علاوة على جانب كذلك")
CLITICS_BEFORE_QUALIFIER = ("و", "ف", "ب", "ل")
