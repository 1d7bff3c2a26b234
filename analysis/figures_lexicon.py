"""Word lists for casualty figures, in normalised form (ة→ه، ى→ي، أإآ→ا، ئ→ي).

- *Triggers* say what happened to the people counted: a verbal noun or verb that comes before the
  count (مقتل 32، أصيب 3، نزوح أكثر من ألفي), a plural verb after it (32 شخصا قتلوا), or a casualty
  noun on either side (32 قتيلا، عدد القتلى 49).
- *Person nouns* make a singular "one" (وفاة مواطن) or a dual "two" (إصابة جنديين).
- *Units* and *date words* next to a number mean it is not a head count (24 ساعة، عام 2020).
- *Disease words* turn a figure into an infection or illness count, which is not a casualty.
- Some verbs are triggers only with a word that says what they mean there (*confirmed* triggers):
  قضى ستة أطفال في حريق (قضى alone is also "spent"), فارق ثلاثة مسعفين الحياة, فقد 12 بحاراً
  حياتهم (فقد alone: "lost", "went missing"), لقي 7 أشخاص حتفهم (لقي alone: "met", "received").
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from mediamon.analysis.normalize import normalize

Kind = Literal["killed", "injured", "killed_or_injured", "displaced", "evacuated", "missing"]
Role = Literal["pre", "post", "noun"]


class Trigger(NamedTuple):
    """What a trigger word says: the kind, where the count stands (``role``), and its conditions.

    ``adjacent``: the count (or its qualifier) must follow the word directly (قضى 6 أطفال, not قضى
    الصحفي عامين...); ``confirm``: one of these words (clitics allowed) must follow within a few words
    of the count (فقد 12 بحاراً حياتهم); ``cause``: one of these must stand in the same sentence near
    the figure (غادر 8 آلاف شخص منازلهم بسبب القصف, not نحو الشواطئ). Empty: no condition.
    """

    kind: Kind
    role: Role
    adjacent: bool = False
    confirm: frozenset[str] = frozenset()
    cause: frozenset[str] = frozenset()
    by_injury: bool = False  # an injury joined right after also confirms it: قضى شرطيان وأصيب ثالث
    reach: int = 4  # words after the count where the confirming word may stand (longer for حتفهم / مصرعهم)


def _norm(words: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words.split())


# Verbs and verbal nouns that come before the count: مقتل 32 شخصا، قتل 5 جنود، إجلاء 1800 مدني.
_PRE: dict[Kind, str] = {
    "killed": "مقتل قتل قتلت قتلنا تقتل يقتل مات ماتت مصرع وفاة استشهاد استشهد استشهدت توفي توفيت غرق بحياة "
    "هلك هلكت هلاك أرواح اغتيل اغتيلت اغتال اغتالت أردى أردت أردوا أعدم أعدمت أعدموا إعدام",
    "injured": "إصابة أصيب أصيبت جرح جرحت أصابت أصاب يصاب تصاب "
    "يصيب تصيب يجرح تجرح",  # present, in headlines: انفجار يودي بحياة 51 ويصيب 20 آخرين
    "displaced": "نزوح نزح نزحت تهجير هجر هجرت تشريد شرد شردت فرار فر فرت هروب",
    "evacuated": "إجلاء أجلي أجلت أجليت إخلاء أخلي أخليت أخلت",  # أجلوا: after the count (passive)
    "missing": "فقدان",  # فقدان 95 آخرين (فقد 30 شخصاً alone is read nowhere: فقد … حياتهم is a death)
}
# Plural and dual verbs that follow the count: 32 شخصا قتلوا، اثنين من جنوده قتلا.
_POST: dict[Kind, str] = {
    "killed": "قتلوا قتلا قتلتا قتلن توفوا توفيا توفين استشهدوا استشهدا ماتوا غرقوا هلكوا",
    "injured": "جرحوا جرحا جرحن أصيبوا أصيبا أصبن أصيبتا",
    "displaced": "نزحوا فروا هجروا شردوا",
    "evacuated": "أجلوا",
}
# Casualty nouns, on either side of the count: 32 قتيلا، عدد القتلى إلى 49، 10 جرحى.
_NOUNS: dict[Kind, str] = {
    "killed": "قتيل قتيلا قتيلة قتلى ضحية ضحايا شهيد شهيدا شهيدة شهداء جثة جثث وفيات "
    # جثتي/جثتا شابين: "the two bodies of", counted by what follows; قتلاه: its dead
    "موتى صرعى غرقى غريق غريقا جثتي جثتا قتلاه قتلاها قتلاهم جثامين جثمان جثمانا",
    "injured": "جريح جريحا جريحة جرحى مصاب مصابا مصابة مصابين مصابون إصابات جرحاه جرحاها جرحاهم "
    "اختناق",  # 4 حالات اختناق (the unit حالات then reads it: ``case_kind``)
    "displaced": "نازح نازحا نازحة نازحين نازحون مهجر مهجرا مهجرين مشرد مشردا مشردين لاجئ لاجئا لاجئين "
    "لاجئون",
    "evacuated": "",
    "missing": "مفقود مفقودا مفقودة مفقودين مفقودون",  # لا يزال 3 مفقودين: missing, not killed
}
# Duals of casualty nouns: each is a count of two and its own trigger (سقوط قتيلين).
_NOUN_DUALS: dict[Kind, str] = {
    "killed": "قتيلان قتيلين ضحيتان ضحيتين شهيدان شهيدين جثتان جثتين غريقان غريقين جثمانان جثمانين",
    "injured": "جريحان جريحين مصابان إصابتين إصابتان",
    "displaced": "نازحان",
    "evacuated": "",
}


_LAST_BREATH = "أنفاسه أنفاسها أنفاسهم أنفاسهما أنفاسهن"
_HIS_LIFE = "حياته حياتها حياتهم حياتهما حياتهن أرواحهم أرواحهن أرواحهما"
_HIS_DEATH = "حتفه حتفها حتفهم حتفهما حتفهن مصرعه مصرعها مصرعهم مصرعهما مصرعهن"
_THEIR_HOMES = (
    "منازلهم منازلها منازلهن بيوتهم بيوتها ديارهم ديارها قراهم قراها مساكنهم مساكنها بلداتهم بلداتها "
    "مدنهم أحياءهم أحيائهم مخيماتهم مناطقهم أراضيهم"
)
# How قضى says "died" (قضى نحبه، قضى في حريق، قضى غرقاً) rather than "spent" (قضى عامين، قضى ليلته).
_DIED_HOW = (
    "نحبه نحبها نحبهم نحبهما نحبهن حريق انفجار حادث قصف غارة غارات غرق غرقا حرقا اختناقا جوعا عطشا "
    "بردا دهسا صعقا زلزال انهيار فيضان فيضانات السيول هجوم المعارك الاشتباكات تفجير تصادم اصطدام "
    "تدافع مجزرة رصاص برصاص نيران جراء إثر متأثرين متأثرا متأثرة موجة"  # موجة الحر / البرد
)
# What drives people from their homes: leaving home is displacement only with one of these near.
_DISPLACEMENT_CAUSES = (
    "القصف قصف المعارك القتال الحرب العنف الاشتباكات الغارات الهجمات الفيضانات فيضان الفيضان السيول "
    "المجاورة الجوار "  # لجأ مليونا شخص إلى الدول المجاورة / دول الجوار: refuge abroad
    "الزلزال الحرائق الحريق النيران المسلحين المتمردين تهديد التهديدات خوفا هربا فرارا إخلاء الإخلاء "
    "الاحتلال النزاع الإعصار العاصفة الجفاف المجاعة التهجير النزوح قسرا الدمار تدمير هدم الهدم اقتحام "
    "التوغل الحصار المستوطنين العصابات أجبر أجبرت أجبروا اضطر اضطرت اضطروا أرغم أرغمت إجبار "
    "المواجهات مواجهات التصعيد تصعيد المعارك معارك اشتباكات"  # بسبب تصاعد المواجهات (blind set 14)
)
# How سقط says "fell" in battle (سقط 3 جنود في المعارك، ستة من مقاتليها سقطوا في الاشتباكات).
_FELL_HOW = (
    "المعارك معارك الاشتباكات اشتباكات المواجهات مواجهات القصف الغارة الغارات الهجوم المجزرة قتلى صرعى "
    "شهداء ضحايا برصاص بنيران بقصف"
)
# How ارتقى says "was martyred" (ارتقاء شاب متأثراً بجراحه، ارتقى 3 برصاص الاحتلال), not "rose" (5 مراكز).
_ROSE_HOW = "شهيد شهيدا شهيدة شهداء شهيدين متأثرا متأثرة متأثرين برصاص بنيران بقصف بغارة بقذيفة"
# How تعرض says "was hurt" (تعرض صحفي لإصابة، تعرض 3 عمال للطعن), not "was exposed to" (للاحتيال).
_HURT_HOW = "لإصابة لإصابات لجروح للطعن لطعنة لطعنات للدهس لإطلاق لاعتداء للضرب لحروق"
# Died / fell / was martyred — not spent, dropped or rose — when an injury follows with و: قضى شرطيان
# وأصيب ثالث، سقط 3 جنود وجرح 5 (فقد and لقي are left out: فقد 3 وأصيب 5 — three went missing).
_BY_INJURY = _norm("قضى قضت قضوا قضين قضيا سقط سقطت سقطوا سقطا سقطن ارتقى ارتقت")
# "Met their death" is said of nobody else: حتفهم / مصرعهم may stand past a short phrase of where or how
# (لقي 13 عاملاً في التنقيب عن الذهب حتفهم، لقي طفل في الثامنة من عمره مصرعه).
_FAR_CONFIRMED = _norm("لقي لقيت لقوا لقيا لقين لقيتا")
_FAR_REACH = 8
# (kind, role, adjacent, words, confirming words, causes): see ``Trigger``.
_CONFIRMED: tuple[tuple[Kind, Role, bool, str, str, str], ...] = (
    ("killed", "pre", True, "قضى قضت", _DIED_HOW, ""),
    ("killed", "post", False, "قضوا قضين قضيا", _DIED_HOW, ""),
    ("killed", "pre", True, "فارق فارقت", "الحياة", ""),
    ("killed", "pre", True, "لفظ لفظت", _LAST_BREATH, ""),
    ("killed", "post", False, "لفظوا لفظا لفظن", _LAST_BREATH, ""),
    ("killed", "post", False, "فارقوا فارقا فارقن", "الحياة", ""),
    ("killed", "pre", True, "فقد فقدت", _HIS_LIFE, ""),
    ("killed", "post", False, "فقدوا فقدا فقدن", _HIS_LIFE, ""),
    ("killed", "pre", False, "لقي لقيت", _HIS_DEATH, ""),
    ("killed", "post", False, "لقوا لقيا لقين لقيتا", _HIS_DEATH, ""),
    ("killed", "pre", True, "سقط سقطت", _FELL_HOW, ""),
    ("killed", "pre", True, "ارتقى ارتقت ارتقاء", _ROSE_HOW, ""),
    ("killed", "post", False, "سقطوا سقطا سقطن", _FELL_HOW, ""),
    # راح ضحيتها 200 شخص، ذهب ضحيته ثلاثة: "its victims were" (the count right after)
    ("killed", "pre", True, "ضحيته ضحيتها ضحيتهم", "", ""),
    # مودية بخمسة مدنيين: "taking (the lives of)" five, the count right after (not المؤدية إلى: leading to)
    ("killed", "pre", True, "مودية موديا", "", ""),
    # أسعفت الفرق 12 شخصاً، تم إسعاف 5 أشخاص: first aid given to the injured
    ("injured", "pre", False, "أسعف أسعفت أسعفوا", "", ""),
    ("injured", "pre", True, "تعرض تعرضت", _HURT_HOW, ""),
    ("injured", "post", False, "تعرضوا تعرضا تعرضن", _HURT_HOW, ""),
    # ثلاثة قتلى وسبعة أشخاص آخرون يتلقون العلاج: the others being treated are the injured (only after
    # "others": ``TREATED_VERBS``)
    ("injured", "post", False, "يتلقون يتلقين يتلقيان", "العلاج", ""),
    ("displaced", "pre", False, "غادر غادرت مغادرة ترك", _THEIR_HOMES, _DISPLACEMENT_CAUSES),
    ("displaced", "post", False, "غادروا تركوا", _THEIR_HOMES, _DISPLACEMENT_CAUSES),
    # لجأ ألف شخص إلى المدارس هرباً من القصف (not لجأت الحكومة إلى القضاء: a cause must be near)
    ("displaced", "pre", False, "لجأ لجأت", "إلى", _DISPLACEMENT_CAUSES),
    ("displaced", "post", False, "لجأوا لجؤوا", "إلى", _DISPLACEMENT_CAUSES),
)


def _triggers() -> dict[str, Trigger]:
    table: dict[str, Trigger] = {}
    for role, source in (("noun", _NOUNS), ("post", _POST), ("pre", _PRE)):
        for kind, words in source.items():
            for word in _norm(words):
                table[word] = Trigger(kind, role)  # type: ignore[arg-type]
    for kind, role, adjacent, words, confirm, cause in _CONFIRMED:
        for word in _norm(words):
            reach = _FAR_REACH if word in _FAR_CONFIRMED else 4
            table[word] = Trigger(kind, role, adjacent, _norm(confirm), _norm(cause), word in _BY_INJURY, reach)
    return table


TRIGGERS: dict[str, Trigger] = _triggers()
DUAL_CASUALTY_NOUNS: dict[str, Kind] = {w: k for k, ws in _NOUN_DUALS.items() for w in _norm(ws)}

# Person nouns whose plural is not in -ين: their -ين form is always a dual (جنديين، طفلين، شخصين).
_PERSONS_BROKEN = (
    "شخص جندي طفل طفلة رجل امرأة امراة فتاة ضابط عنصر شاب طالب عامل قائد أسير طبيب صبي شقيق سجين "
    "حارس زعيم قيادي مسؤول نائب وزير سائح سائق راكب راعي بحار تاجر فتى رضيع حاج ولد قاصر "
    # feminine nouns in ة: their plural is in -ات, so -تين is always a dual
    "سيدة شابة طالبة مواطنة موظفة صحفية صحافية ممرضة طبيبة معلمة مسعفة ناشطة مسنة سائقة مجندة "
    "رهينة شقيقة "
    # ranks and roles often named in casualty news (مقتل نقيب، إصابة شيخ قبيلة)
    "رقيب عريف ملازم نقيب عقيد شيخ مختار فلاح "
    # inmates (مقتل نزيلين في شغب بالسجن)
    "نزيل "
    # trades (طاهي: the spelling with its final ي, as after the article)
    "بائع طباخ طاهي خباز نجار حداد حلاق صيدلي مؤذن إمام كاهن راهب"
)
# Person nouns with a sound plural in -ين: their -ين form is a dual only when vowelled (مدنيَّين).
_PERSONS_SOUND = (
    "مدني فلسطيني إسرائيلي مواطن شرطي مقاتل مسلح صحفي صحافي مسعف مستوطن عسكري متظاهر مهاجر مزارع "
    "موظف مدرس معلم ممرض صياد مسن ناشط مراسل مصور أمريكي أميركي روسي أوكراني سوري لبناني عراقي يمني "
    "سوداني أرميني أرمني أذربيجاني أذري تركي إيراني مصري ليبي أفغاني باكستاني هندي "
    "مهندس مدير مسافر مجند مقيم لاجئ نازح مشجع طيار إطفائي مراهق مستشار دبلوماسي معتقل مشتبه "
    "محتج مطلوب إرهابي متشدد مهرب متهم متطوع "
    # diggers, migrant workers and pilgrims of mining, fire and road reports (وفاة منقبين، إصابة وافدين)
    "منقب معدن وافد معتمر "
    # the perpetrators of an attack (قتل المنفذ، مقتل منفذ الهجوم، إصابة الخاطف)
    "منفذ انتحاري قناص خاطف مختطف"
)
PERSON_SINGULARS: frozenset[str] = _norm(_PERSONS_BROKEN + " " + _PERSONS_SOUND)
_BROKEN = _norm(_PERSONS_BROKEN)
# Role and kin nouns with a possessive suffix count one too: مقتل سائقها، إصابة والدته.
_POSSESSED = (
    "سائق حارس مرافق زميل صديق قائد مساعد شقيق شقيقة نجل ابن ابنة والد والدة زوج زوجة طفل طفلة جار "
    "أم أخت حفيد حفيدة عم عمة خال خالة جدة"
)
_POSSESSED_IRREGULAR = "أبوه أبيه أباه أبوها أبيها أخوه أخيه أخاه أخوها أخيها"  # the five nouns
_SUFFIXES = ("ه", "ها", "هم", "هما")


def _possessives(nouns: str) -> frozenset[str]:
    out: set[str] = set()
    for noun in _norm(nouns):
        stem = noun[:-1] + "ت" if noun.endswith("ه") else noun  # والده (والدة) → والدته
        out.update(stem + suffix for suffix in _SUFFIXES)
    return frozenset(out)


POSSESSED_PERSONS: frozenset[str] = _possessives(_POSSESSED) | _norm(_POSSESSED_IRREGULAR)
"""Role and kin nouns with a possessive suffix (سائقها، زوجته): one person, in any case."""
_DUAL_SUFFIXES = ("اه", "اها", "اهم", "يه", "يها", "يهم")  # طفلاه، طفلاها، طفليه، طفليها


def _possessed_duals(nouns: str) -> frozenset[str]:
    out: set[str] = set()
    for noun in _norm(nouns):
        stem = noun[:-1] + "ت" if noun.endswith("ه") else noun  # ابنة → ابنتاه
        out.update(stem + suffix for suffix in _DUAL_SUFFIXES)
    return frozenset(out)


POSSESSED_DUALS: frozenset[str] = _possessed_duals(
    "طفل طفلة ابن ابنة نجل شقيق شقيقة مرافق حارس زميل صديق ولد"
)
"""Two kin or role nouns with a possessive suffix (طفلاها، ابنيه، مرافقيه): two persons."""
_DEFECTIVE = "راع قاض محام"  # راعٍ، قاضٍ، محامٍ: the indefinite of nouns in -ي
DEFINITE_PERSONS: frozenset[str] = frozenset("ال" + noun for noun in PERSON_SINGULARS)
"""One definite person after a verbal noun: مقتل السائق، إصابة المصور، اغتيال القيادي."""
ONE_NOUNS: frozenset[str] = (
    PERSON_SINGULARS
    | _norm("آخر ثالث ثالثة رابع رابعة خامس " + _DEFECTIVE)
    | POSSESSED_PERSONS
    | DEFINITE_PERSONS
)
"""Nouns that count one after a verbal noun (وفاة مواطن، وأصيب آخر، وأصيب ثالث، مقتل سائقها)."""


ONE_NOUNS_ACCUSATIVE: frozenset[str] = frozenset(n + "ا" for n in PERSON_SINGULARS if not n.endswith("ه"))
"""Person nouns in the accusative (رجلاً، موظفاً): the object of a verb, or the subject after إنّ."""

# A singular casualty noun counts one on its own: قتيل و4 جرحى، سقط شرطي قتيلاً، ارتقى شهيد.
SINGULAR_CASUALTY_NOUNS: dict[str, Kind] = {
    **{w: "killed" for w in _norm("قتيل قتيلا قتيلة شهيد شهيدا شهيدة")},
    **{w: "injured" for w in _norm("جريح جريحا جريحة")},
}
LONE_CASUALTY_NOUNS: frozenset[str] = frozenset(SINGULAR_CASUALTY_NOUNS) | _norm(
    "غريق غريقا مصاب مصابا مصابة نازح نازحا نازحة مهجر مهجرا مشرد مشردا"
)
"""Singular casualty nouns: one person each, never the trigger of a count after them (وفاة غريق
وإنقاذ سبعة — the seven are not the dead)."""
# Verbs that take the person killed or hurt as their object: قتل مسلحون موظفاً، أردت رصاصة طفلاً.
OBJECT_VERBS: dict[str, Kind] = {
    **{w: "killed" for w in _norm("قتل قتلت قتلوا يقتل تقتل اغتال اغتالت اغتالوا أردى أردت أردوا أعدم أعدمت أعدموا")},
    **{w: "injured" for w in _norm("أصاب أصابت أصابوا يصيب تصيب جرح جرحت جرحوا يجرح تجرح طعن طعنت طعنوا")},
}
# A stab, and where it went: طعنة سكين إلى جسد شرطي، طعنات في صدر حارس (one person hurt).
STAB_NOUNS: frozenset[str] = _norm("طعنة طعنات طعنتين طعنتان")
STAB_BETWEEN: frozenset[str] = _norm("سكين بسكين بالسكين سكاكين بسكاكين حادة قاتلة نافذة عدة متعددة إلى في الى")
BODY_PARTS: frozenset[str] = _norm(
    "جسد جسم صدر ظهر عنق رقبة رأس بطن وجه كتف ذراع يد ساق فخذ قلب خاصرة جسده صدره ظهره عنقه رقبته رأسه بطنه"
)
# A whole group hurt, with no number: وأصيب كذلك طاقم الدورية، وأصيب أفراد الطاقم بجروح.
GROUP_NOUNS: frozenset[str] = _norm("طاقم طواقم أفراد عناصر ركاب راكبي مرافقي مرافقو حراس حراسه طاقمها طاقمه")
ALSO_WORDS: frozenset[str] = _norm("كذلك أيضا ايضا أيضاً بدوره بدورهم")
# Singular verbs that follow the one person they tell of: رجلاً لقي حتفه، إن جندياً أصيب.
# (قتل and جرح are left out: رجل قتل زوجته — the man is the killer.)
SUBJECT_VERBS: frozenset[str] = _norm(
    "لقي لقيت توفي توفيت استشهد استشهدت اغتيل اغتيلت أصيب أصيبت قضى قضت فارق فارقت لفظ لفظت "
    "مفقود مفقودة مفقودا"  # (an adjective, as a verb would: البحث عن شخص مفقود، طفلة لا تزال مفقودة; blind set 15)
)
# «Still», between one person and what is told of them: طفلة لا تزال مفقودة، بحار ما زال مفقوداً.
STILL_WORDS: frozenset[str] = _norm("يزال تزال زال زالت")
STILL_NOT: frozenset[str] = _norm("لا ما")


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

# animals: a count of birds or cattle is no head count of people (also after من: 3 من وحيد القرن)
ANIMALS: frozenset[str] = _norm(
    "طائر طيور ماشية مواشي أغنام خراف أبقار رؤوس حيوان حيوانات كلاب دواجن خيول حمير أسماك "
    "دجاجة دجاجات دجاج ديك ديوك بطة بط سمكة نعجة عجل عجول بقرة جمل إبل فيل فيلة أفيال دلفين دلافين "
    "سلحفاة سلاحف ذئب ذئاب ضبع ضباع أسد نمر نمور فهد فهود قرد قرود غزال غزلان دب دببة تمساح تماسيح "
    "خنزير خنازير حصان أحصنة بغل بغال ثعبان ثعابين حوت حيتان وحيد قرش ظبي ظباء زرافة زرافات"
)
UNITS: frozenset[str] = ANIMALS | _norm(
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
    # parts of buildings, buildings and property: a count of them is no count of people (3 أقسام)
    "قسم أقسام جناح أجنحة عنبر عنابر غرفة غرف طابق طوابق شقة شقق مبان مبنيين محل محلات محال متجر متاجر "
    "مخزن مخازن مستودع مستودعات منشأة منشآت مصنع مصانع ورشة ورش مزرعة مزارع حقل حقول بئر آبار جسر جسور "
    "برج أبراج محطة محطات مسجد مساجد كنيسة كنائس مخيم مخيمات ملجأ ملاجئ حي أحياء شارع شوارع معبر معابر "
    "حاجز حواجز آلية آليات مدرعة مدرعات عربة عربات زورق زورقا زوارق قارب قاربا قوارب سفينة سفن حافلة حافلات "
    "مركب مركبا مراكب عبارة عبارات "  # غرق أكثر من 20 مركباً: boats, not people
    "جرافة جرافات خزان خزانات مولد مولدات قطعة قطع سلاح أسلحة بندقية بنادق جهاز أجهزة كاميرا كاميرات "
    # administrative areas and fronts: في عدة ولايات، 3 محافظات، 15 بؤرة نشطة
    "ولاية ولايات محافظة محافظات منطقة مناطق إقليم أقاليم مديرية مديريات بلدية بلديات ناحية نواح نواحي "
    "مقاطعة مقاطعات محلية محليات قضاء أقضية دائرة دوائر جزيرة جزر جبهة جبهات بؤرة بؤر"
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
MAY_CAUSE: frozenset[str] = _norm(
    "يؤدي تؤدي يسفر تسفر يودي تودي يتسبب تتسبب يخلف تخلف يحصد تحصد"
)
"""Verbs of causing in the imperfect: after قد / أن / لن (قد يسفر الإعصار عن سقوط مئات الضحايا، تخشى أن تؤدي
السيول إلى نزوح الآلاف) the toll is a fear or a forecast, not a toll (``HYPOTHETICAL_LEADS``)."""
HYPOTHETICAL_LEADS: frozenset[str] = _norm("قد وقد فقد أن لن")
WILL_CAUSE: frozenset[str] = _norm(
    "سيؤدي ستؤدي سيسفر ستسفر سيودي ستودي سيتسبب ستتسبب سيخلف ستخلف سيحصد ستحصد تهدد يهدد"
)
"""The future of a verb of causing, and "threatens": a forecast on its own (سيؤدي إلى مقتل الآلاف)."""
MAY_REACH: frozenset[str] = _norm("يتجاوز تتجاوز يتخطى تتخطى يفوق تفوق يصل تصل يرتفع ترتفع يبلغ تبلغ")
"""A toll that may reach a count, after قد only (عدد القتلى قد يتجاوز الألف); after أن it may be told (قبل أن
ترتفع الحصيلة إلى 23)."""
MAY: frozenset[str] = _norm("قد وقد فقد")
FORESEEING: frozenset[str] = MAY_CAUSE | WILL_CAUSE | MAY_REACH
PATIENTS_OF: frozenset[str] = _norm("مرضى ومرضى لمرضى المرضى مريض مريضا مريضة")
"""Patients in construct before an illness (مرضى كورونا): who the people were, not what killed them, when a
fire, blast or other violent cause is told in the sentence (``DEADLY_CAUSES``)."""
WHO_OF: frozenset[str] = _norm("بينهم منهم معظمهم غالبيتهم أغلبهم أكثرهم بينهن منهن معظمهن غالبيتهن أغلبهن")
"""Words that begin an aside on who the counted people were (معظمهم من مرضى السرطان): an illness after them,
in a sentence that tells a violent cause, is no disease count (``DEADLY_CAUSES``)."""
DEADLY_CAUSES: frozenset[str] = _norm(
    "حريق الحريق انفجار الانفجار قصف القصف غارة الغارة انهيار الانهيار حادث الحادث هجوم الهجوم تفجير التفجير"
)
DISEASE_WORDS: frozenset[str] = _norm(
    "كورونا فيروس الفيروس كوفيد وباء الوباء مرض المرض الكوليرا الحصبة السرطان العدوى الإنفلونزا "
    "الملاريا الإيدز الجدري التسمم تسمم إسهال الإسهال السكري الربو التوحد الحمى إيبولا الضنك السل "
    "التهاب أمراض الأمراض فيروسات الفيروسات متحور المتحور لقاح اللقاح التدخين السمنة الكحول التلوث "
    "الدفتيريا الدفتريا الخناق الطاعون التيفوئيد التيفود التيفويد الكزاز السحايا السحائي الليشمانيا الجذام "
    "النكاف الحميراء الجرب الدرن ماربورغ شيكونغونيا زيكا"
)
FUNCTION_WORDS: frozenset[str] = _norm(
    "في على من إلى عن خلال منذ بعد قبل مع أن إن بين حتى أمس اليوم الليلة حيث التي الذي الذين كما "
    "بحسب حسب وفق وفقا طبقا نقلا"  # (حصيلة الزلزال إلى 73 بحسب الوزارة: no counted noun)
)

BODY_NOUNS: frozenset[str] = _norm("جثة جثمان")
FUNERAL_WORDS: frozenset[str] = _norm("شيع شيعت شيعوا يشيع تشيع تشييع ودع ودعت وداع وارى دفن دفنت دفنوا")
"""A funeral before a body (شيعت البلدة جثمان الجندي): the mourned, not a new count of the dead."""
BODY_PLURALS: frozenset[str] = _norm("جثث جثامين جثمان جثة")
"""Bodies after a count with the article (شيّع الآلاف جثامين 4 شهداء): the mourners, not a count of the dead."""
"""A body, before one person noun, counts one of the killed (انتشال جثة طفل، العثور على جثة رجل)."""
ESCAPEES: frozenset[str] = _norm(
    "سجين سجينا سجينان سجينين سجناء مساجين نزيل نزيلا نزلاء موقوف موقوفا موقوفين موقوفون معتقل معتقلا "
    "معتقلين معتقلون محتجز محتجزا محتجزين محتجزون مشتبه مطلوب مطلوبا مطلوبين مطلوبون مجرم مجرما مجرمين "
    "لص لصا لصوص جان جناة سجينات معتقلات أسير أسيرا أسرى أسيران أسيرين أسيرات"
)
"""Prisoners and suspects: when they flee (فر 12 سجيناً من السجن) it is an escape, not a displacement."""
REFUGEE_AGENCY_OF: frozenset[str] = _norm("لشؤون شؤون بشؤون وتشغيل تشغيل لغوث غوث لإغاثة")
"""Words before اللاجئين in a refugee agency's name (المفوضية السامية لشؤون اللاجئين، وكالة غوث وتشغيل
اللاجئين): the speaker of a count after it (… إن 61 مهاجراً فقدوا), not the displaced it counts."""
RETURN_WORDS: frozenset[str] = _norm("عودة عاد عادت عادوا يعود تعود إعادة أعاد أعادت رجوع رجع رجعت إرجاع")
"""Return, before a count of displaced people (عودة 300 عائلة نازحة): the end of a displacement."""
RETURNED_AFTER: frozenset[str] = _norm("عادوا عادا عدن يعودون يعدن رجعوا يرجعون")
"""Plural return verbs right after the displaced they count (45 ألف لاجئ سوري عادوا): a return."""
TREATED_VERBS: frozenset[str] = _norm("يتلقون يتلقين يتلقيان")
"""Being treated: the injured only when the count is of "others" (وسبعة آخرون يتلقون العلاج), not patients."""
SQUAD_NOUNS: frozenset[str] = _norm("لاعبيه لاعبيها لاعبيهم لاعبي نجومه نجومها محترفيه محترفيها")
"""A team's players after من (فقد اثنين من لاعبيه): lost to injury or a ban, no casualty count."""
CASE_NOUNS: frozenset[str] = _norm("حالة حالات حالتي حالتين حالتا حالتان")
CASE_COUNT_NOUNS: frozenset[str] = _norm("إصابة إصابات الإصابات وفاة وفيات الوفيات")
"""Nouns that count cases after a number (412 إصابة، 19 حالة وفاة): in a sentence that named an illness before
them they count the illness's cases, not casualties (``FigureText.is_disease``)."""
CAMP_NOUNS: frozenset[str] = _norm(
    "مخيم مخيمات بمخيم بمخيمات لمخيم ومخيم ومخيمات معسكر بمعسكر ومعسكر مراكز مركز بمركز ومراكز ملاجئ "
    "ملجأ إيواء مدرسة مدارس تجمع تجمعات خيام خيمة"
)
"""A camp or shelter before the displaced (مخيم للاجئين، مراكز إيواء النازحين): a place, not a count of them."""
"""حالات وفاة / حالات إصابة: a count of deaths or injuries (not a unit) unless an illness is named."""
CASE_DUALS: frozenset[str] = _norm("حالتي حالتين حالتا حالتان")
"""Two cases (سجلت حالتا وفاة): a count of two when a death or injury word follows."""
NEW_CASES: frozenset[str] = _norm("جديدة جديد مؤكدة مؤكده نشطة إضافية مسجلة يومية")
"""حالات وفاة جديدة / إصابة مؤكدة: the wording of an epidemic's daily count, not a casualty count."""
WAW_NOUNS: frozenset[str] = _norm(
    "وزير وزيرا وزراء وزيرة ولد ولدا ولدين ولدان وافد وافدا وافدين وافدون وكيل وكلاء ورثة وسيط وسطاء "
    "وال ولاة واعظ وحدة وحدات وثيقة وثائق"
)
"""Nouns that begin with و as a letter of their own (3 وزراء): a counted noun, not a new conjunct."""
CARRYING_WORDS: frozenset[str] = _norm(
    "يقل تقل يقلان تقلان يحمل تحمل يحملان تحملان متنه متنها متنهما يستقله تستقله يستقلها يضم تضم تقله يقله"
)
"""Words before a count of people on board (قارب يقل 600 مهاجر، على متنه 45 شخصاً): a capacity, not a toll."""
COUNTED_VERBAL_NOUNS: frozenset[str] = _norm("إصابة")
"""Verbal nouns that, right after a count, are what is counted (24 شهيداً و74 إصابة): their kind."""
SUFFOCATION: frozenset[str] = _norm("اختناق الاختناق")
"""حالات اختناق after a count: people overcome by smoke or gas in a fire, counted as injured."""
MISSING_VERBS: frozenset[str] = _norm("فقد فقدت")
"""فقد 14 صياداً (no حياتهم after it): went missing — unless what they lost follows (فقد 30 عاملاً وظائفهم)."""
# A toll cut down (خفضت الوزارة حصيلة القتلى إلى 18 بعد أن كانت أعلنت 25): the earlier toll is higher.
LOWERED_WORDS: frozenset[str] = _norm(
    "خفض خفضت خفضوا يخفض تخفض تخفيض انخفض انخفضت انخفاض تراجع تراجعت تقلص تقلصت عدل عدلت"
)
OTHERS: frozenset[str] = _norm("آخرون آخرين")
"""وأصيب آخرون: an unstated number of others, a vague figure of the trigger's kind."""
FALL_WORDS: frozenset[str] = _norm(
    "سقوط وسقوط بسقوط وقوع ووقوع بوقوع عدد عددا وعدد وعددا سقط وسقط فسقط يسقط تسقط وقع ووقع فوقع يقع"
)
"""سقوط/وقوع or the verbs سقط/وقع before casualty plurals with no number (بسقوط شهداء وجرحى، سقط جرحى في صفوف
المحتجين), and "a number of" them (وعدداً من الإصابات): a vague figure of each kind."""
SEARCH_WORDS: frozenset[str] = _norm("البحث بحثا يبحث تبحث للبحث والبحث يبحثون")
"""A search, before «عن مفقودين» with no number: a vague figure of the missing (blind set 15)."""
SOME_OF: frozenset[str] = _norm("عدد عددا وعدد وعددا")
VAGUE_PLURALS: dict[str, Kind] = {
    **{w: "killed" for w in _norm("قتلى شهداء ضحايا وفيات")},
    **{w: "injured" for w in _norm("جرحى مصابين إصابات")},
}
"""Casualty plurals that, after سقوط or وقوع with no number, say that there were some of their kind."""
ONE_OF_THEM: frozenset[str] = _norm("أحدهما أحدهم أحدهن إحداهما إحداهن أحدهم")
""""One of them" before a singular verb (ما لبث أحدهما أن فارق الحياة): one person."""
SELF_CASUALTY: dict[str, Kind] = {
    **{w: "injured" for w in _norm("إصابته إصابتها وإصابته وإصابتها")},
    **{w: "killed" for w in _norm("مقتله مقتلها ومقتله ومقتلها")},
}
"""A verbal noun with "his/her": one person when a weapon follows (إصابته بطلق ناري، مقتلها برصاص)."""
WEAPON_WORDS: frozenset[str] = _norm(
    "بطلق بطلقة بطلقات برصاص برصاصة برصاصتين بعيار بشظايا بشظية بطعنة بطعنات بطعنتين بسكين بجروح بحروق "
    "بقذيفة بعبوة"
)
"""What did the harm, right after إصابته / مقتله: the reading is a casualty, not an illness or a sport."""
FAMILY_UNITS: frozenset[str] = _norm("عائلة أسرة عشيرة قبيلة بلدة قرية منزل بيت")
ORDINALS_WITH_ARTICLE: frozenset[str] = _norm(
    "الحادي الحادية الثاني الثانية الثالث الثالثة الرابع الرابعة الخامس الخامسة السادس السادسة السابع "
    "السابعة الثامن الثامنة التاسع التاسعة"
)
"""The first part of a compound ordinal (في الثامنة عشرة من عمره، الساعة الحادية عشرة): عشرة after it is
no count of ten."""
TENS_OF_ORDINALS: frozenset[str] = _norm("عشرة عشر")
SOME_MORE: frozenset[str] = _norm("آخر كبير قليل محدود آخرين آخرون")
"""After عدد: "a further number" (وأصيب عدد آخر), "a large number" (عدد كبير من) — a vague count."""
"""5 من عائلة واحدة: واحدة is the family's adjective, not a count of one."""
