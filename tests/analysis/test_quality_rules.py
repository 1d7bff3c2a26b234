"""Examples of the phrasing classes the default rules, lexicon and gazetteer cover (and must not fire on).

Each list names a class of Arabic news phrasing rather than one sentence: several verbs, tenses and
nouns for dying or being hurt; the ways a report says that nobody was hurt; idioms and look-alikes;
truces, drones, displacement, hostages and protests; figures from new triggers; conflict places.
All sentences are original. They run through the default engine (rules/*.yaml and the gazetteer).
"""

from __future__ import annotations

import pytest

from mediamon.analysis.engine import analyze
from mediamon.schema import Analysis


def run(text: str) -> Analysis:
    return analyze("t", "", text)


def fired(text: str) -> set[str]:
    return {alert.rule for alert in run(text).alerts}


def figures(text: str) -> list[tuple[str, int | None, str]]:
    return [(c.kind, c.count, c.qualifier) for c in run(text).casualties]


# --- casualties: ways of dying and being hurt --------------------------------------------------------

CASUALTY_PHRASINGS = [
    "أقدم مراهق على طعن زميليه في ساحة المدرسة.",  # stabbing, no instrument named
    "انتشلت فرق الغوص جثتا صيادين غرقا قرب الميناء.",  # جثتا + dual drowning
    "قضى أربعة عمال في حريق شب داخل مستودع للأخشاب.",  # قضى + في + disaster
    "قضت عائلة كاملة اختناقاً بعد تسرب الغاز إلى شقتها.",  # قضى + manner
    "قضى حارس المبنى نحبه تحت الأنقاض.",  # قضى نحبه
    "فارق سائق الشاحنة الحياة قبل وصول سيارة الإسعاف.",  # فارق الحياة
    "فقد خمسة صيادين حياتهم حين انقلب مركبهم.",  # فقدوا حياتهم
    "أرداه مسلح مجهول برصاصة في الرأس.",  # أرداه
    "نعى الجيش جنديين سقطا في كمين على الطريق الجبلي.",  # mourning soldiers
    "سقط مقاتلون من الطرفين في المعارك الدائرة حول المطار.",  # سقطوا في المعارك
    "عثرت دورية على جثتين قرب الحدود الجنوبية.",  # bodies found
    "أعلنت الوزارة تحييد خمسة مسلحين في عملية جوية.",  # neutralised
    "قال الجيش إنه نجح في تصفية قيادي في الجماعة.",  # liquidated
    "جثث ملقاة على جانب الطريق بعد ليلة من العنف.",  # bodies
    "أزهقت السيول أرواح عشرات القرويين.",  # أزهقت أرواح
    "أُصيب ثلاثة متطوعين بحالات اختناق أثناء إخماد الحريق.",  # بحالات اختناق is an injury
    "طعن رجل عابراً بسكين في محطة الحافلات.",  # stabbing
    "تعرض حارس ليلي للطعن أثناء عمله.",  # تعرض للطعن
    "دهست سيارة مسرعة طفلين أمام المدرسة.",  # run over
    "ارتكب المهاجمون مجزرة في سوق القرية.",  # massacre
    "أصيب عشرات المشجعين في تدافع عند بوابة الملعب قبل المباراة النهائية.",  # a stampede at a stadium
    "أصيب 4 ركاب عندما خرجت عربة الترام عن سكتها.",  # سكتها (its track) folds like سكتة
    "حمي وطيس المعارك وقتل عدد من المقاتلين.",  # حمي الوطيس folds like حمى
    "هاجم ذئب راعياً وقتل ذئب آخر طفلاً في القرية الجبلية.",  # an animal as the killer
]


@pytest.mark.parametrize("text", CASUALTY_PHRASINGS)
def test_casualty_phrasings_fire(text: str) -> None:
    assert "casualties" in fired(text)


NOBODY_HURT = [
    "لم تسجل أي إصابات أو وفيات في صفوف العمال بعد انهيار السقف.",  # the second noun is covered too
    "اندلع حريق في السوق دون أن يصاب أحد من الباعة.",  # دون أن يصاب
    "أعلنت الشرطة أن الانفجار لم يوقع ضحايا.",  # لم يوقع
    "خلت الاحتجاجات من أي إصابات هذه المرة.",  # خلت من
    "نفت وزارة الداخلية سقوط قتلى خلال تفريق المتظاهرين.",  # denial
    "مرت العاصفة دون أن تخلف قتلى أو جرحى.",  # دون أن تخلف
    "سقطت قذيفة على سطح منزل دون ورود أنباء عن إصابات.",  # دون ورود أنباء عن
]


@pytest.mark.parametrize("text", NOBODY_HURT)
def test_reports_that_nobody_was_hurt_stay_silent(text: str) -> None:
    assert "casualties" not in fired(text)


FIGURATIVE_AND_NON_VIOLENT = [
    "يرى نقابيون أن العمال المؤقتين هم أول ضحايا خطة التقشف.",  # "they are the victims of"
    "طعن النواب المعارضون في دستورية القانون أمام المحكمة.",  # appeal, not stabbing
    "الروتين يقتل أحلام الموظفين الشباب.",  # idiom: kill dreams
    "قتل الجفاف المزروعات في السهل الشرقي.",  # crops
    "قتل الصيادون مئات الطيور المهاجرة هذا الموسم.",  # animals
    "أصيبت الأسواق بحالة من الارتباك بعد القرار.",  # markets in a state of confusion
    "أصيب القطاع الزراعي بالكساد.",  # economic "injury"
    "تعرض مئات المتقاعدين للنصب ووقعوا ضحايا لشركة وهمية.",  # fraud victims
    "يستدرج المحتالون ضحاياهم عبر روابط مزيفة.",  # fraud victims, near
    "يناقش البرلمان تشديد العقوبة على جرائم القتل.",  # law in general
    "قضى الصحفي عامين في تغطية المعارك.",  # spending time
    "توفي المؤرخ المعروف عن عمر ناهز 91 عاماً.",  # natural death with a person noun
    "نعت النقابة الفنانة الراحلة التي توفيت بعد مرض.",  # condolence
    "أعلنت المطربة وفاة والدتها وتلقت التعازي.",  # a relative's death in celebrity news
    "أنقذ الغطاسون أرواح 9 أشخاص علقوا في الكهف.",  # saving lives
    "لعب الممثل دور الضحية ببراعة.",  # playing the victim
    "وقف الحضور دقيقة صمت على أرواح الشهداء.",  # a minute of silence
    "يقتل التدخين آلاف الأشخاص كل عام.",  # smoking
    "هناك فارق شاسع بين الحياة في الريف والمدينة.",  # فارق = difference
    "طعن الدفاع في الحكم أمام المحكمة العليا.",  # طعن = legal appeal
    "وصف المعلقون الخسارة بأنها مجزرة كروية.",  # a sports rout
    "شهدت المحلات مجزرة أسعار في موسم التخفيضات.",  # a price slash
    "تابع الجمهور مشهد مقتل البطل في الحلقة الأخيرة من المسلسل.",  # fiction
    "كان صغار المودعين أكبر ضحايا انهيار المصرف.",  # victims of a bank crash
    "أصيب الوزير بنزلة برد أجلت زيارته.",  # a cold
    "غاب ثلاثة عناصر أساسيين عن الفريق بسبب الإصابات قبل نهائي الكأس.",  # sports injuries
    "فارقت المريضة الحياة بعد صراع طويل مع السرطان.",  # illness
    "أحيا الأهالي الذكرى العاشرة لاغتيال الصحفي.",  # an anniversary
    "سجلت الوزارة 90 إصابة بالحصبة و3 وفيات في المخيم.",  # disease deaths after the cases
    "قتل حارس المزرعة ذئباً هاجم القطيع ليلاً.",  # an animal as the object
    "قتلت الشرطة كلباً مسعوراً تجول في الحديقة العامة.",  # an animal as the object
]


@pytest.mark.parametrize("text", FIGURATIVE_AND_NON_VIOLENT)
def test_figurative_and_non_violent_senses_stay_silent(text: str) -> None:
    assert "casualties" not in fired(text)


# --- figures -------------------------------------------------------------------------------------------

FIGURES = [
    ("قدّرت مصادر محلية سقوط ما بين 15 و20 قتيلاً.", [("killed", 15, "at_least")]),  # range: lower bound
    ("قتل مسلح وشقيقه في اشتباك مع دورية.", [("killed", 2, "exact")]),  # X وشقيقه = 2
    ("اقتحم المسلحون القرية وقتلوا سبعة من سكانها.", [("killed", 7, "exact")]),  # plural verb on its count
    ("وفاة ثلاثة من أبناء أسرة واحدة في حريق.", [("killed", 3, "exact")]),  # أسرة واحدة: no second count
    ("أسفرت الأمطار في عدة ولايات عن وفاة 4 أشخاص.", [("killed", 4, "exact")]),  # عدة ولايات: no vague count
    ("قتل ثلاثة وأصيب رابع في إطلاق نار على حاجز.", [("killed", 3, "exact"), ("injured", 1, "exact")]),
    ("أسفر الحادث عن مقتل سائقها وإصابة مرافقه.", [("killed", 1, "exact"), ("injured", 1, "exact")]),
    ("أودى الانفجار بحياة سائق وراكبين.", [("killed", 1, "exact"), ("killed", 2, "exact")]),
    ("حصدت المعارك أرواح 27 مقاتلاً.", [("killed", 27, "exact")]),
    ("اغتيل قيادي في الجماعة قرب منزله.", [("killed", 1, "exact")]),
    ("لقيت سيدتان حتفهما في الحريق.", [("killed", 2, "exact")]),
    ("أسفر الانفجار عن سقوط 8 جرحى، حالة ثلاثة منهم خطرة.", [("injured", 8, "exact")]),
    ("أصيب 40 شخصاً بحالات اختناق بالغاز.", [("injured", 40, "exact")]),
    ("نزحت 450 أسرة من القرى المحاذية للجبهة.", [("displaced", 450, "exact")]),
    ("قتل في الغارات ما ينوف على 60 شخصاً.", [("killed", 60, "more_than")]),
    ("قتل 15 مدنياً على أقل تقدير.", [("killed", 15, "at_least")]),
    ("أسفرت السيول عن مقتل الآلاف في القرى الجبلية.", [("killed", None, "vague")]),  # articled vague
    ("أدى الانفجار إلى مقتل الحارس وإصابة عاملين.", [("killed", 1, "exact"), ("injured", 2, "exact")]),
    ("انتشلت فرق الغوص جثتي طفلين قبالة الشاطئ.", [("killed", 2, "exact")]),  # construct dual
    ("أعلنت الشرطة وفاة غريقين في البحيرة.", [("killed", 2, "exact")]),
    ("قالت البلدية إن 600 شخص أجلوا من منازلهم قبل العاصفة.", [("evacuated", 600, "exact")]),
    ("قتل رقيب في الشرطة بانفجار عبوة.", [("killed", 1, "exact")]),  # a rank
    ("أسفر القصف عن مقتل راعٍ في البادية.", [("killed", 1, "exact")]),  # defective noun
    ("أعلن خفر السواحل وفاة غريقين وإنقاذ ستة آخرين.", [("killed", 2, "exact")]),  # the rescued
    ("أعلنت المصادر ارتقاء مسعف متأثراً بجروحه.", [("killed", 1, "exact")]),  # ارتقى = martyred
    ("انتشلت فرق الإنقاذ جثث 9 أشخاص من تحت الركام.", [("killed", 9, "exact")]),  # الإنقاذ as a noun
]


@pytest.mark.parametrize(("text", "expected"), FIGURES)
def test_figures_from_new_triggers_and_nouns(text: str, expected: list[tuple[str, int | None, str]]) -> None:
    assert figures(text) == expected


NO_FIGURES = [
    "سجلت المستشفيات 120 إصابة جديدة بالسكري.",  # disease
    "يعاني مئات المصابين بالربو من تلوث الهواء.",  # disease
    "نفقت عشرات الأغنام بسبب موجة البرد.",  # animals are no head count
    "أصيب شخصان بحالات إسهال بعد تناول طعام ملوث.",  # illness
    "قضى الطبيب الشاب ثلاث سنوات في مستشفى ميداني قرب المعارك.",  # spending time
    "قضى المصور شهوراً في تغطية الاشتباكات.",  # spending time (accusative plural)
    "ارتقى المنتخب أربعة مراكز في التصنيف الشهري.",  # ارتقى = rose
]


@pytest.mark.parametrize("text", NO_FIGURES)
def test_no_casualty_figures(text: str) -> None:
    assert figures(text) == []


# --- ceasefire -----------------------------------------------------------------------------------------

CEASEFIRE = [
    "صمدت الهدنة رغم قصف طال الملعب البلدي في المدينة.",  # a stadium named near a real truce
    "علقت القوات عملياتها الهجومية على المدينة لثلاثة أيام.",  # suspending own operations
    "أعلن الجانبان تعليق الغارات مؤقتاً لإدخال المساعدات.",  # suspending strikes
    "طالبت القمة بإسكات المدافع في الإقليم.",  # silencing the guns
    "دعا الوسطاء الطرفين إلى الكف عن القتال فوراً.",  # stop fighting
    "طالب المجلس بوقف شامل ودائم وفوري للمعارك.",  # stacked adjectives
    "وقعت الحكومة والمتمردون اتفاقاً لوقف العدائيات في الإقليم.",  # العدائيات
    "أكد الوسيط أن الطرفين وافقا على وقف النيران عند منتصف الليل.",  # النيران
]


@pytest.mark.parametrize("text", CEASEFIRE)
def test_ceasefire_phrasings_fire(text: str) -> None:
    assert "ceasefire" in fired(text)


NOT_CEASEFIRE = [
    "عادت الهدنة بين الغريمين قبل مباراة الإياب بعد أشهر من التراشق.",  # football rivals
    "هدنة هشة بين إدارة النادي وجماهيره قبل انطلاق الدوري.",  # club and its fans
    "دعا الوزير إلى تهدئة اللهجة بين الحزبين.",  # calming the tone
    "اتفقت شركتا الاتصالات على هدنة في حرب الأسعار.",  # price war
    "أعلن المرشحان هدنة انتخابية حتى يوم الاقتراع.",  # electoral truce
    "قررت القناتان وقف القتال الإعلامي بينهما.",  # media fight
    "سادت حالة من التهدئة في البورصة بعد أيام من التقلبات.",  # markets
    "توقف البث المباشر للمباراة بسبب الاشتباكات في المدرجات.",  # fighting as a cause
    "أوقفت الشرطة شاباً بتهمة إطلاق النار خلال حفل عرس.",  # arrested for a shooting
    "نجح رجال الإطفاء في وقف امتداد النيران إلى الأحياء المجاورة.",  # firefighting
    "تمكنت فرق الإطفاء من إيقاف النار التي شبت في المصنع.",  # firefighting
]


@pytest.mark.parametrize("text", NOT_CEASEFIRE)
def test_ceasefire_look_alikes_stay_silent(text: str) -> None:
    assert "ceasefire" not in fired(text)


# --- other alerts --------------------------------------------------------------------------------------

OTHER_ALERTS = [
    ("شنت القوات هجوماً واسعاً بالطائرات المسيرة على مواقع المسلحين.", "airstrikes"),
    ("استهدفت مسيرة إسرائيلية دراجة نارية على الطريق الساحلي.", "airstrikes"),
    ("أسقطت الدفاعات الجوية ثلاثة صواريخ فوق المدينة.", "airstrikes"),
    ("أطلقت الفصائل رشقات صاروخية نحو الشمال.", "airstrikes"),
    ("دكت الراجمات تحصينات المتمردين شرق البلدة.", "airstrikes"),
    ("غادر نحو 5 آلاف من السكان منازلهم بسبب القصف.", "displacement"),
    ("لجأ مئات المدنيين إلى المدارس هرباً من المعارك.", "displacement"),
    ("أصبحت آلاف الأسر بلا مأوى بعد الزلزال.", "displacement"),
    ("أجبرت المعارك آلاف السكان على الفرار.", "displacement"),
    ("نظم الأطباء وقفة أمام وزارة الصحة.", "protests"),
    ("أعلن عمال النظافة إضراباً عاماً في العاصمة.", "protests"),
    ("خرجت مسيرة حاشدة للمطالبة بالإفراج عن المعتقلين.", "protests"),
]


@pytest.mark.parametrize(("text", "rule"), OTHER_ALERTS)
def test_other_alert_phrasings_fire(text: str, rule: str) -> None:
    assert rule in fired(text)


OTHER_LOOK_ALIKES = [
    ("قصف اللاعب المرمى بتسديدة صاروخية.", "airstrikes"),
    ("قصفت النائبة الوزير بوابل من الأسئلة.", "airstrikes"),
    ("تستخدم الشركة طائرات مسيرة لتوصيل الأدوية.", "airstrikes"),
    ("نظم النادي مسيرة رياضية في الحديقة العامة.", "airstrikes"),
    ("غادر آلاف المصطافين منازلهم نحو الشواطئ.", "displacement"),
    ("فر المسلحون من المنطقة بعد وصول الجيش.", "displacement"),
    ("لجأ المستأجرون إلى القضاء لوقف الإخلاء.", "displacement"),
    ("أفرجت النيابة عن الصحفيين الموقوفين بكفالة.", "hostages"),
    ("خطف الضيوف فوزاً ثميناً في الوقت القاتل.", "hostages"),
]


@pytest.mark.parametrize(("text", "rule"), OTHER_LOOK_ALIKES)
def test_other_look_alikes_stay_silent(text: str, rule: str) -> None:
    assert rule not in fired(text)


# --- topics and places ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("ضرب زلزال عنيف المنطقة فجراً.", "disaster"),
        ("انفجرت عبوة ناسفة قرب مبنى حكومي.", "security"),
        ("وصل قارب يقل مهاجرين إلى الجزيرة.", "migration"),
        ("تستضيف الدوحة مفاوضات غير مباشرة بين الطرفين.", "peace_talks"),
    ],
)
def test_single_word_topic_patterns(text: str, topic: str) -> None:
    assert topic in run(text).topics


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("اشتباكات بين فصيلين داخل مخيم عين الحلوة.", "LB"),
        ("هجوم على قرية في وسط مالي.", "ML"),
        ("معارك عنيفة في محافظة مأرب.", "YE"),
        ("توتر في مخيم الزعتري بعد انقطاع المياه.", "JO"),
        ("قصف مدفعي على مدينة سراقب.", "SY"),
        ("سيطرت قوات الدعم السريع على مدينة سنجة.", "SD"),
        ("هجوم مسلح في ولاية زامفارا.", "NG"),
        ("دخلت الشاحنات من معبر كرم أبو سالم صباحاً.", "PS"),  # a Gaza crossing
        ("غارة على بلدة في ريف حمص الشرقي.", "SY"),  # ambiguous name with its admin word
        ("سقوط قذيفة في محافظة صلاح الدين.", "IQ"),
        ("اشتباكات في محافظة ذي قار.", "IQ"),
        ("هجوم في مدينة زاهدان.", "IR"),
        ("اشتباك مسلح في محافظة سيستان وبلوشستان.", "IR"),  # not Pakistan's Balochistan
        ("مظاهرة في العاصمة عمّان.", "JO"),  # Amman, not Oman
        ("الجيش المالي يعلن مقتل مسلحين.", "ML"),
        ("سيول في محافظة إب.", "YE"),
        ("نازحون في ولاية النيل الأبيض.", "SD"),
    ],
)
def test_conflict_places_imply_their_country(text: str, country: str) -> None:
    assert country in run(text).countries


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("حصل المشروع على دعم مالي كبير.", "ML"),  # مالي = financial
        ("تحقيق مآرب سياسية ضيقة.", "YE"),  # مآرب = aims
        ("وقف الجنود في البقعة نفسها.", "JO"),  # البقعة = the spot
        ("طبق من الدجاج المقلي.", "ET"),  # مقلي = fried
        ("أسفرت السيول الجارفة عن أضرار واسعة.", "KR"),  # سيول = torrents, not Seoul
        ("قالت السلطات المالية إنها ستراجع الموازنة.", "ML"),  # financial authorities
        ("كتب المؤرخ عن صلاح الدين الأيوبي.", "IQ"),  # the sultan
        ("وصل الوفد إلى سلطنة عمان.", "JO"),  # Oman
    ],
)
def test_ambiguous_words_make_no_place(text: str, country: str) -> None:
    assert country not in run(text).countries


def test_neighbourhoods_are_no_commemoration() -> None:
    """أحياء (neighbourhoods) and إحياء (commemorating) look alike once normalised: a killing in the
    neighbourhoods is still a killing."""
    result = analyze("n1", "", "أسفر القصف على الأحياء الشرقية عن مقتل ثلاثة مدنيين وإصابة سبعة آخرين.")
    assert [a.rule for a in result.alerts if a.rule == "casualties"] == ["casualties"]
    assert [(c.kind, c.count) for c in result.casualties] == [("killed", 3), ("injured", 7)]
    anniversary = analyze("n2", "", "أحيت العائلة الذكرى السنوية لاغتيال الصحفي في المدينة.")
    assert not anniversary.casualties and "casualties" not in [a.rule for a in anniversary.alerts]
