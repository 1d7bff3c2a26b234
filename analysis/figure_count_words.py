"""Words about the count of a casualty figure, in normalised form: how sure it is and what heads it.

- *Qualifiers* before or after the count (أكثر من 30، نحو 200، 30 على الأقل) and *qualifying verbs*
  over "the number of ..." (تجاوز عدد الضحايا 250).
- *Count heads* (عدد، حصيلة) and the *reaching words* (إلى، بلغ) that put a count far from its head
  (ارتفع عدد قتلى الانفجار الذي وقع في مرفأ المدينة إلى 23).
- *Connectors* that join a figure to the one before, whose kind it takes (و، بالإضافة إلى).
"""

from __future__ import annotations

from mediamon.analysis.normalize import normalize


def _norm(words: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words.split())


# Qualifier phrases before the count.
_QUALIFIER_PHRASES: tuple[tuple[str, str], ...] = (
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
    # The qualifying verbs in every person and tense, right before the count (الحصيلة الأولية تتجاوز 800 قتيل).
    ("تتجاوز", "more_than"),
    ("تجاوزت", "more_than"),
    ("تتخطى", "more_than"),
    ("تخطت", "more_than"),
    ("تفوق", "more_than"),
    ("فاقت", "more_than"),
    ("تناهز", "about"),
    ("ناهزت", "about"),
)


def _glued(phrase: str) -> str:
    """The phrase with ما written onto the verb after it, as many outlets do (مايقارب 10، مالا يقل عن 5)."""
    return "ما" + phrase[3:] if phrase.startswith("ما ") else phrase


# Qualifiers before the count, longest first (in their order otherwise); the first word may carry a clitic
# (وأكثر من), and ما may be written onto the verb after it.
QUALIFIERS_BEFORE: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
        dict.fromkeys(
            (tuple(normalize(form).split()), qualifier)
            for phrase, qualifier in _QUALIFIER_PHRASES
            for form in (phrase, _glued(phrase))
        ),
        key=lambda item: -len(item[0]),
    )
)
# Verbs that qualify a count over "the number of ..." (تجاوز عدد الضحايا 250، ناهزت حصيلة القتلى مئة).
QUALIFIER_VERBS: dict[str, str] = {
    **{w: "more_than" for w in _norm("تجاوز تجاوزت يتجاوز تتجاوز تخطى تخطت يتخطى تتخطى فاق فاقت يفوق تفوق")},
    **{w: "about" for w in _norm("ناهز ناهزت يناهز تناهز قارب قاربت يقارب تقارب")},
}
COUNT_HEADS: frozenset[str] = _norm("عدد أعداد حصيلة الحصيلة")
"""The nouns such a verb governs: عدد / حصيلة (+ the counted noun) before the count."""
REACH_WORDS: frozenset[str] = _norm(
    "إلى بلغ بلغت يبلغ تبلغ ليبلغ لتبلغ وصل وصلت يصل تصل ليصل لتصل أصبح أصبحت ليصبح لتصبح صار صارت "
    "تجاوز تجاوزت يتجاوز تتجاوز ليتجاوز لتتجاوز تخطى تخطت يتخطى تتخطى فاق فاقت يفوق تفوق ناهز ناهزت "
    "يناهز تناهز قارب قاربت يقارب تقارب"
)
"""What "the number of ... reached" stands on before the count (ارتفع عدد قتلى الانفجار ... إلى 23، بلغ
عدد ضحايا ... 300): the count may then be far from its head and casualty noun."""
RELATIVES: frozenset[str] = _norm("الذي التي الذين اللذين اللتين اللواتي")
"""A clause inside "the number of ... N" with no reaching word before N: the N may be the clause's."""
CLAUSE_STARTS: frozenset[str] = _norm(
    "إن أن وإن وأن فإن لكن ولكن بينما فيما حيث كما لأن بعدما عندما حينما حين لما إذ كلما ريثما"
)
"""A new clause: a count after it is not reached by "the number of ..." before it."""
QUALIFIERS_AFTER: tuple[tuple[tuple[str, ...], str], ...] = (
    (("علي", "الاقل"), "at_least"),
    (("تقريبا",), "about"),
    (("علي", "اقل", "تقدير"), "at_least"),
    (("ونيف",), "more_than"),
    (("او", "اكثر"), "at_least"),  # عشرة أشخاص أو أكثر
    (("فاكثر",), "at_least"),
)
CONNECTORS: frozenset[str] = _norm("و بالإضافة إضافة إلى فضلا عن علاوة على جانب كذلك")
LONE_PREPOSITIONS: frozenset[str] = _norm("إلى عن على")
"""Connectors that join only after their first word (بالإضافة إلى، فضلاً عن): alone they are prepositions
(مقتل جندي إلى 40 is no second count of the killed)."""
CLITICS_BEFORE_QUALIFIER = ("و", "ف", "ب", "ل")
PAIR_DEAD: frozenset[str] = _norm("قتيل شهيد")
PAIR_HURT: frozenset[str] = _norm("وجريح ومصاب")
"""سقط 30 شخصاً بين قتيل وجريح: one count of the killed and the injured together."""
TALLY_HEADS: frozenset[str] = _norm("حصيلة الحصيلة")
"""A toll with no casualty noun (ارتفعت حصيلة الزلزال إلى 300): a count of the killed in a deadly event."""
DEADLY_EVENTS: frozenset[str] = _norm(
    "زلزال زلازل هزة انفجار انفجارات تفجير تفجيرات غارة غارات قصف فيضان فيضانات سيول حادث حادثة حوادث "
    "هجوم هجمات اشتباك اشتباكات معارك معركة مواجهات حريق حرائق إعصار عاصفة انهيار انهيارات تدافع مجزرة "
    "مجازر غرق تصادم اصطدام كارثة حرب عدوان قتال ضربة ضربات تسونامي بركان انزلاق اعتداء اعتداءات"
)
"""What makes a bare toll one of the dead (with the clitics and the article: الزلزال، بالانفجار)."""
OTHER_TALLIES: frozenset[str] = _norm(
    "صادرات واردات إيرادات عائدات أرباح خسائر مبيعات ضرائب إنتاج محصول موسم استثمارات ودائع أسهم تداولات "
    "نقاط أهداف مباريات انتصارات فوز ميداليات ألقاب أصوات مقاعد تبرعات زيارة جولة اعتقالات معتقلين موقوفين "
    "مفقودين أسرى حالات مخالفات مضبوطات عمليات"
)
"""A toll of something else (حصيلة الصادرات، حصيلة النقاط، حصيلة المفقودين، حصيلة الاعتقالات)."""
