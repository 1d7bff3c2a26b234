"""Word shingles of an article's title and lead, on normalised Arabic (mediamon.analysis.normalize).

Outlets rewrite a wire story with other function words, clitics and word order, so the shingles are built
from content words: normalised, with clitic prefixes that carry the article removed (والقصف → قصف), and
without stop words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mediamon.analysis.normalize import normalize

_WORD_RE = re.compile(r"[^\W_]+")

# Prefixes that end in the article (و/ف + ب/ل/ك + ال, and لل): always clitics. Longest first.
_ARTICLE_PREFIXES = tuple(
    sorted(
        {c + p for c in ("", "و", "ف") for p in ("ال", "بال", "كال", "لل")},
        key=len,
        reverse=True,
    )
)
# A single conjunction or preposition, then a suffix: removed when at least _MIN_STEM letters are left.
_SHORT_PREFIXES = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك")
_SUFFIXES = ("هما", "كما", "هم", "هن", "ها", "كم", "نا", "ات", "ون", "ين", "ان", "يه", "ه", "ي", "ا")
_MIN_STEM = 3

# Function words and news boilerplate, in normalised form. Words that name what happened stay in.
_STOP_TEXT = """
    في من على الى إلى عن مع منذ بعد قبل خلال حتى أن إن أنه انه كان كانت يكون التي الذي الذين اللذين هذا هذه
    ذلك تلك هناك هنا كما او أو ثم بين عند لدى ما لا لم لن قد وقد فقد كل بعض غير أي اي وفق وفقا بحسب حسب نحو
    اليوم امس أمس الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد صباح مساء ليل فجر ظهر عصر
    قال قالت وقال وقالت أعلن أعلنت اعلن أفاد أفادت أكد أكدت أضاف أضافت أوضح أوضحت ذكر ذكرت مصدر مصادر
    على الأقل الأقل آخرون آخرين اخرين آخر أخرى اخرى أيضا ايضا إثر اثر جراء بينهم بينما فيما حيث وسط
    عدد بعد إلى الى له لها لهم به بها بهم فيه فيها منه منها عليه عليها وهو وهي هو هي هم
"""
STOP_WORDS = frozenset(normalize(w) for w in _STOP_TEXT.split())

# Stems that every casualty report shares, so that two different strikes in one city share them too: the
# stems in at least 20 of the 378 Arabic articles of the engine's labelled set (eval/*.jsonl, not the story
# set), by document frequency, except the ceasefire words (وقف، إطلاق، النار، هدنة), frequent there only
# because that set has a file of ceasefire examples, and the subject of ceasefire stories. Counts are
# compared as casualty figures instead (score.py).
GENERIC_STEMS = frozenset(
    ["اصاب", "اصيب", "ثلاث", "شخص", "عشر", "قتل", "مدين", "مقتل"]
)


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A normalised word without clitics and common suffixes (light stemming, no root extraction).

    Prefixes go first: one ending in the article (وال، بال، لل), then one conjunction or preposition
    (و ف ب ل ك); then one suffix: a pronoun (ها هم), a plural or dual ending (ات ون ين ان), the nisba
    (ي يه), ta marbuta (ه) or the alef of tanween (قتيلاً). The same word with other clitics gets the
    same stem (بغزة، وغزة، غزة → غز); different words may collide, which costs a little similarity only.
    """
    word = unprefixed(word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def unprefixed(word: str) -> str:
    """A normalised word without its clitic prefixes (the first step of ``stem``): وبالعبادلة → عبادله."""
    for prefix in _ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_STEM - 1:
            word = word[len(prefix):]
            break
    for prefix in _SHORT_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_STEM:
            word = word[len(prefix):]
            break
    return word


# Words that begin compound names, which outlets write in two words or in one: خان يونس and خانيونس, أبو شوك and
# أبوشوك, بني سهيلا, دير البلح, كفر رمان, عبد الله and عبدالله, بئر السبع. Such a word is joined to the next one, so
# both spellings give one and the same word. Only words that rarely stand alone: not بيت (a house), عين (an eye),
# أم (or), رأس (a head), which begin names too but would swallow the next word of ordinary phrases.
COMPOUND_HEADS = frozenset(normalize(w) for w in ("أبو", "بني", "دير", "كفر", "خان", "عبد", "بئر"))
_HEAD_FORMS = COMPOUND_HEADS | {c + head for c in "وفبل" for head in COMPOUND_HEADS}  # with a clitic: وأبو


def joined_words(text: str) -> list[str]:
    """The normalised words of ``text``, a compound-name head joined to the word after it (خان يونس → خانيونس,
    وأبو شوك → وابوشوك) when that word is a name's (letters, not a stop word)."""
    raws: list[str] = _WORD_RE.findall(normalize(text))
    if _HEAD_FORMS.isdisjoint(raws):  # most texts: no word walk
        return raws
    words: list[str] = []
    i = 0
    while i < len(raws):
        raw = raws[i]
        i += 1
        if raw in _HEAD_FORMS and i < len(raws) and raws[i].isalpha() and raws[i] not in STOP_WORDS:
            raw += raws[i]
            i += 1
        words.append(raw)
    return words


def content_words(text: str) -> list[str]:
    """The stemmed content words of ``text`` in order (normalised, compound names joined, stop words and 1-letter
    words left out)."""
    words: list[str] = []
    for raw in joined_words(text):
        if raw in STOP_WORDS:
            continue
        word = stem(raw)
        if len(word) > 1 and word not in STOP_WORDS and word not in GENERIC_STEMS:
            words.append(word)
    return words


def lead_of(text: str, lead_words: int) -> str:
    """The first ``lead_words`` words of ``text`` (whitespace-separated), as one string."""
    return " ".join(text.split(maxsplit=lead_words)[:lead_words])


def shingles(title: str, text: str, lead_words: int, size: int) -> list[str]:
    """Distinct word shingles of ``size`` words over the title and the lead, sorted (a stable order)."""
    words = content_words(title + "\n" + lead_of(text, lead_words))
    if size == 1 or len(words) < size:
        found = set(words) if size == 1 else {" ".join(words)} if words else set()
    else:
        found = {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}
    return sorted(found)
