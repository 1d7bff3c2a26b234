"""Localities the gazetteer does not know, named after a place noun: حي التفاح، بلدة معروب، قضاء سندرغي.

Reports of two strikes in one city on consecutive days share the city and most of their wording; what differs
is the neighbourhood (حي الشيخ رضوان, حي التفاح), which no gazetteer of countries and towns lists. Reports of an
earthquake in a district the gazetteer lacks share no place at all. A word right after an indefinite place noun
is the name of a locality, so it is kept as a place of the article (when it is not a place the engine found):
one word, or two when the first is a word that begins place names (الشيخ رضوان، بيت لاهيا، كفر رمان).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from mediamon.analysis.normalize import normalize
from mediamon.processors.stories.shingles import GENERIC_STEMS, STOP_WORDS, joined_words, stem, unprefixed


def _normalised(words: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words.split())


# Indefinite place nouns (a clitic و ف ب ل may precede them); with the article (المنطقة) they name no place.
# Not مديرية: it is also a directorate (مديرية الصحة); nor جماعة (جماعة الحوثي) or بلدية (بلدية غزة, a source);
# nor إقليم, mostly a region the gazetteer knows under other spellings (إقليم كاراباخ، إقليم ناغورني: the seeds).
# The Maghreb's and Oman's units too: دوار تفغين (a hamlet; in the Levant a roundabout, دوار الكتاب: a quarter
# either way)، معتمدية الرديف، نيابة سمد الشأن; and the outskirts of a town (ضواحي دمنات).
_HEADS = _normalised(
    "حي بلدة قرية مخيم معسكر منطقة قضاء ولاية محافظة مدينة ناحية دوار معتمدية نيابة ضواحي بلدية مديرية سوق"
    " محلية"
)
_FEMININE_HEADS = _normalised("بلدة قرية منطقة ولاية محافظة مدينة ناحية معتمدية نيابة بلدية مديرية محلية")
# Since blind set 11, a market (سوق العشار، سوق الحميدية، سوق مريدي: a quarter of its city, where fires and
# shellings happen; two events of one day in one city differ by it) but not a market of goods or money (سوق
# العمل، سوق الأسهم، سوق الصرف); and Sudan's locality, a district (محلية القولد، بمحلية المناقل), named only with
# the article: an indefinite word after محلية is the next word after an adjective (مصادر محلية أفادت), and so is
# a day (وسائل إعلام محلية الجمعة).
_MARKETS_OF_GOODS = _normalised(
    "العمل الأسهم الاسهم الأوراق الاوراق المال المالية الصرف النفط العقارات الذهب العملات العملة الطاقة الدين"
    " السندات الكربون الغاز الحرة المحلية العالمية الدولية السوداء الموازية السيارات الإعلانات الاعلانات"
)
_DEFINITE_HEADS = _normalised("محلية")
_DAYS = _normalised("السبت الأحد الاحد الاثنين الإثنين الثلاثاء الأربعاء الاربعاء الخميس الجمعة اليوم الأمس")
# Since blind set 10, Algeria's and Libya's commune (بلدية العبادلة، بلدية تاجوراء) and Yemen's district (مديرية
# ملحان، مديرية الخبت) name places too, but not before the words of an office: مديرية الصحة، مديرية الأمن
# العام، بلدية المدينة (its council), where the noun is a directorate or a municipality, the source of a report.
_OFFICES = _normalised(
    "الصحة الأمن أمن الشرطة التربية التعليم الزراعة المرور الإعلام الأوقاف الدفاع الجمارك الآثار المياه"
    " الكهرباء الشؤون الاتصالات النقل العامة العام الإحصاء المالية الضرائب السياحة الثقافة الشباب الرياضة"
    " البيئة الصناعة التجارة الأشغال الطرق الإسكان الموارد السجون الجوازات الإقامة الاستخبارات الحماية"
    " الإطفاء الطوارئ الأحوال البلديات الخدمات المدينة العاصمة الكبرى المركزية الإقليمية الحدود التخطيط"
    " التموين النظافة الري العمل القوى التنمية الصرف الاستثمار الأرصاد المعلومات الاعلام الامن"
)
_OFFICE_HEADS = _normalised("بلدية مديرية")
# After these, an indefinite nisba is an adjective too (حي سكني، مخيم مؤقت); a district (قضاء) is always named.
_QUARTER_HEADS = _normalised("حي مخيم معسكر سوق")
# The level of the spot a place noun names: a quarter, camp or area of a city; a town or city; a district; a
# province (قضاء سندرغي is in ولاية باليكسير).
_LEVELS = {**dict.fromkeys(_normalised("حي مخيم معسكر منطقة دوار سوق"), "quarter"),
           **dict.fromkeys(_normalised("بلدة قرية مدينة ضواحي بلدية"), "town"),
           **dict.fromkeys(_normalised("قضاء ناحية معتمدية نيابة مديرية محلية"), "district"),
           **dict.fromkeys(_normalised("ولاية محافظة"), "province")}
# Words that follow a place noun without naming it: directions and positions (منطقة جنوب الليطاني).
_NOT_NAMES = _normalised("شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي قرب قريب قريبة محيط أطراف داخل خارج")
# Words that begin two-word place names.
_NAME_STARTS = _normalised(
    "الشيخ شيخ أبو ابو بني بيت دير كفر عين تل بئر خان أم ام رأس راس جبل وادي برج مرج عرب سيدي باب ابن بن ذي"
    " صلاح بنت بندر النيل"
)
_CLITICS = ("و", "ف", "ب", "ل")
_MARKET = normalize("سوق")
# A place noun as a whole word (a clitic may precede it), then one or two words on the same line with no
# punctuation between them; the words are looked ahead at, so a place noun among them is found as well.
_PLACE_NOUN_RE = re.compile(
    r"(?<![^\W_])[وفبل]?(" + "|".join(sorted(_HEADS, key=len, reverse=True)) + r")"
    r"(?=[ \t]+([^\W\d_]+)(?:[ \t]+([^\W\d_]+))?)"
)


def _head(token: str) -> str | None:
    if token in _HEADS:
        return token
    if token[:1] in _CLITICS and token[1:] in _HEADS:
        return token[1:]
    return None


def _name_word(token: str) -> bool:
    return (token.isalpha() and len(token) > 1 and token not in STOP_WORDS and token not in _NOT_NAMES
            and _head(token) is None)


def _names_a_place(head: str, word: str) -> bool:
    """Whether ``word``, right after the place noun ``head``, can begin its name (see ``locality_names``)."""
    if word.startswith("لل") or (word.startswith("و") and word not in _NAME_STARTS):
        return False  # مخيم للنازحين; a verb after و
    if head in _OFFICE_HEADS and word in _OFFICES:
        return False  # مديرية الصحة، بلدية المدينة: an office
    if head == _MARKET and word in _MARKETS_OF_GOODS:
        return False  # سوق العمل، سوق الأسهم: a market of goods or money, no place
    if head in _DEFINITE_HEADS:
        return word.startswith("ال") and word not in _DAYS  # محلية القولد; not مصادر محلية أفادت
    if word.startswith("ال"):
        return True
    return not ((head in _FEMININE_HEADS and word.endswith("ه")) or (head in _QUARTER_HEADS and word.endswith("ي")))


# Towns and districts named after a market (قضاء سوق الشيوخ، بلدية سوق أهراس، مدينة سوق الجمعة; since blind set
# 13): after a place noun above the quarter level, سوق begins the name, and is no market of a quarter.
_ABOVE_QUARTER = frozenset(head for head, level in _LEVELS.items() if level != "quarter")


def locality_names(text: str) -> list[tuple[str, str]]:
    """The normalised names written right after an indefinite place noun in ``text``, with the level of the place
    noun (quarter, town, district, province), in order, distinct.

    A word without the article that agrees with a feminine place noun (منطقة سكنية، بلدة حدودية), a nisba after
    a quarter or a camp (حي سكني), a phrase with لل (مخيم للنازحين) and a word after و (a verb of the next
    clause) are no names."""
    found: list[tuple[str, str]] = []
    market_at = -1  # where the سوق that begins a town's name starts (its own match names no market)
    normalised = normalize(text)
    for match in _PLACE_NOUN_RE.finditer(normalised):
        head, first, second = match.groups()
        if match.start(1) == market_at:
            continue
        if (first == _MARKET and head in _ABOVE_QUARTER and second and _name_word(second)
                and second not in _MARKETS_OF_GOODS and (second.startswith("ال") or not second.endswith("ي"))):
            market_at = normalised.index(first, match.end(1))
            named = (_LEVELS[head], f"{first} {second}")
            if named not in found:
                found.append(named)
            continue
        if not _name_word(first) or not _names_a_place(head, first):
            continue
        name = f"{first} {second}" if first in _NAME_STARTS and second and _name_word(second) else first
        named = (_LEVELS[head], name)
        if named not in found:
            found.append(named)
    return found


def _key(name: str) -> tuple[str, ...]:
    """The stemmed words of a name, a compound name in one word however it is written (أبو شوك, أبوشوك)."""
    return tuple(stem(word) for word in joined_words(name))


@lru_cache(maxsize=1 << 14)
def _place_key(place: str) -> tuple[str, ...]:
    """The stemmed words of a gazetteer name (few names, named again and again)."""
    return _key(normalize(place))


@lru_cache(maxsize=1 << 14)
def place_variant(place: str) -> str:
    """The ``variant`` key of a gazetteer name's stemmed words: what a spot naming it has (زليتن for مدينة زليتن,
    and for مدينة زليطن, which the gazetteer does not know)."""
    return variant(" ".join(_place_key(place)))


def _within(key: tuple[str, ...], known: tuple[str, ...]) -> bool:
    size = len(key)
    return any(known[i:i + size] == key for i in range(len(known) - size + 1))


def spots(text: str, known: Iterable[str]) -> tuple[list[str], list[str]]:
    """The localities named after a place noun in ``text`` (its spots, as ``level:name``), and the names of those
    that are none of the ``known`` place names (compared stemmed: مدينة غزة and مخيم جنين add nothing to غزة and
    جنين). Names are given as their stemmed words, the same whatever clitics come with them."""
    known_keys = [_place_key(place) for place in known]
    found: list[str] = []
    unknown: list[str] = []
    for level, name in locality_names(text):
        key = _key(name)
        joined = " ".join(key)
        spot = f"{level}:{joined}"
        if spot not in found:
            found.append(spot)
        if joined not in unknown and not any(_within(key, k) for k in known_keys):
            unknown.append(joined)
    return found, unknown


def provinces(known: Iterable[str], spots: Iterable[str]) -> frozenset[str]:
    """The ``known`` places named as a province among ``spots`` (``level:name``, stemmed): محافظة ذي قار, ولاية
    نهر النيل (whose spot keeps only its first word). A province is the area around a report's town, not
    another place of it."""
    names = [tuple(spot.split(":", 1)[1].split()) for spot in spots if spot.startswith("province:")]
    if not names:
        return frozenset()
    return frozenset(place for place in known if any(_within(name, _place_key(place)) for name in names))


# The compass words that open the name of a part of a country (جنوب لبنان; شمال غزة, شرق السودان if listed).
_COMPASS = frozenset(("جنوب", "شمال", "شرق", "غرب", "وسط"))


@lru_cache(maxsize=1 << 12)
def is_region(place: str) -> bool:
    """Whether a known place names a part of a country by a compass word (جنوب لبنان): like a province, it is the
    area around a report's town (النبطية، صور), not another place of it."""
    first, _, rest = place.partition(" ")
    return bool(rest) and first in _COMPASS


def regions(known: Iterable[str]) -> frozenset[str]:
    """The ``known`` places that name a part of a country (``is_region``)."""
    return frozenset(place for place in known if is_region(place))


# Letters that spellings of one foreign or rural name trade (الحويد and هويد, أغادير and أكادير, ملطية and ملاطية):
# long vowels are written or left out, and a sound is written with one of two letters.
_VOWELS = frozenset("اويىءئؤ")
_FOLD = str.maketrans("حطصضظذثقغ", "هتسدززسكك")


def _skeleton(word: str) -> str:
    word = word.replace("تش", "ش")  # the "ch" of foreign names, written تش or ش (فرتشانا, فرشانا; since blind set 13)
    if len(word) < 4:
        return word
    if word.endswith("ه"):  # ة, normalised
        word = word[:-1]
    return (word[0] + "".join(c for c in word[1:] if c not in _VOWELS)).translate(_FOLD)


@lru_cache(maxsize=1 << 14)
def variant(name: str) -> str:
    """The key that the spellings of a locality's stemmed name share (دمنات, ديمنات → دمنت; ملاطيه, ملطيه, ملاطيا
    → ملت; هويد, حويد → هد): words of four letters or more lose a final ه (ة) and their long vowels after the first
    letter, and letters that stand for one sound in transliterations are folded (ح→ه, ط→ت, ق→ك, غ→ك ...). A spot
    ``level:name`` keeps its level."""
    level, colon, words = name.rpartition(":")
    # ("تش" is folded to "ش" first: the spellings of a foreign name's "ch", فرتشانا and فرشانا, meet.)
    return level + colon + " ".join(_skeleton(word) for word in words.split())


# A word may name a locality bare when its stem has four letters or more, or the word five without its clitics:
# shorter ones are common words too (عبر "across", ملح "salt"), while حيدان and ملحان keep only three letters once
# their ending is cut (حيد, ملح) and are still names.
MIN_STEM_NAME, MIN_WORD_NAME = 4, 5
_START_STEMS = frozenset(stem(word) for word in _NAME_STARTS)


def lede_names(told: str) -> list[str]:
    """The stemmed words of a title and lede (``told``) that may name a locality bare, and the pairs that begin
    with a word of two-word names (عين ولمان): a report that names a locality without its place noun (شهدته
    العبادلة، في حيدان), as follow-ups do once the place is known, shares it with the reports that named it after
    one (بلدية العبادلة، مديرية حيدان; score.py). Compared stemmed, not by their ``variant`` key, which would take
    عبور (a crossing) for عبري."""
    names: set[str] = set()
    previous = ""
    for raw in joined_words(told):
        if raw in STOP_WORDS:
            previous = ""
            continue
        word = stem(raw)
        if previous in _START_STEMS and len(word) > 1:
            names.add(f"{previous} {word}")
        if word not in GENERIC_STEMS and (len(word) >= MIN_STEM_NAME or len(unprefixed(raw)) >= MIN_WORD_NAME):
            names.add(word)
        previous = word
    return sorted(names)


def lede_phrases(told: str) -> list[str]:
    """The pairs of adjacent content words of a title and lede (``told``), stemmed: no function word, number or
    generic casualty stem in either. Reports of a national story that names no town (a strike, a verdict, a
    reshuffle) share little wording but the name of what it is about: رابطة موظفي الإدارة العامة، قضية صفقة
    الأدوية، تسع حقائب وزارية (blind set 12). Two such reports share two pairs or more (score.py)."""
    phrases: set[str] = set()
    previous = ""
    for raw in joined_words(told):
        word = stem(raw) if raw.isalpha() and raw not in STOP_WORDS else ""
        if len(word) < 2 or word in GENERIC_STEMS:
            previous = ""
            continue
        if previous:
            phrases.add(f"{previous} {word}")
        previous = word
    return sorted(phrases)
