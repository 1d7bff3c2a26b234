"""What a word can be in a casualty figure, worked out once per distinct word (``FACTS``, a memo).

The figure finder (``analysis.figures``) asks the same questions of every word near a trigger: is it a
trigger (with its clitics stripped), a number, a unit, a date word, a disease word, a person noun,
a dual...? ``facts_of`` answers all of them for one word in a ``WordFacts`` tuple, and the finder
reads the facts of a whole window with one memo lookup (``WordMemo.values``). All words and lists
are in normalised form (see ``analysis.figures_lexicon``).
"""

from __future__ import annotations

from typing import NamedTuple

from mediamon.analysis.figure_count_words import (
    CLITICS_BEFORE_QUALIFIER,
    COUNT_HEADS,
    QUALIFIER_VERBS,
    QUALIFIERS_AFTER,
    QUALIFIERS_BEFORE,
)
from mediamon.analysis.figures_lexicon import (
    BODY_NOUNS,
    CASE_DUALS,
    DATE_WORDS,
    DISEASE_WORDS,
    DUAL_CASUALTY_NOUNS,
    FALL_WORDS,
    FUNCTION_WORDS,
    LONE_CASUALTY_NOUNS,
    MONTHS,
    OBJECT_VERBS,
    ONE_NOUNS,
    ONE_NOUNS_ACCUSATIVE,
    ONE_OF_THEM,
    PERSON_DUALS,
    PERSON_DUALS_IF_VOWELLED,
    PERSON_SINGULARS,
    POSSESSED_PERSONS,
    SEARCH_WORDS,
    SELF_CASUALTY,
    SINGULAR_CASUALTY_NOUNS,
    STAB_NOUNS,
    SUBJECT_VERBS,
    TRIGGERS,
    UNITS,
    WAW_NOUNS,
    Kind,
    Trigger,
)
from mediamon.analysis.morph import strip_prefixes
from mediamon.analysis.numbers import ARTICLE_CLITICS, NUMBER_WORDS, article_of, parse_amount
from mediamon.analysis.tokens import WordMemo

SUBSET_WORDS = frozenset({"بينهم", "منهم", "بينهن", "منهن", "بينها", "منها", "بينهما", "منهما"})
ONE_AFTER_NOUN = frozenset({"واحد", "واحدا", "واحده", "اثنين", "اثنان", "اثنتين", "اثنتان"})
NOT_ALONE_AFTER = frozenset({"بين", "كل", "لكل", "بكل", "منهم", "بينهم", "منهن", "بينهن"})
"""A singular casualty noun after these is no count of one: بين قتيل وجريح، لكل قتيل."""
ONE_PERSON = ONE_NOUNS | ONE_NOUNS_ACCUSATIVE
_UNIT_CLITICS = ("و", "ف", "ال", "وال", "فال")
"""A unit word may carry these (not ب: أصيب المئات بحالات اختناق — "with", not a unit of count)."""
_DEFINITE = ("ال", *ARTICLE_CLITICS)
_PREPOSITIONS = frozenset({"علي", "الي", "في", "عن", "مع", "بين", "حتي", "خلال", "لدي", "عند"})

# What may begin at a word (bit flags of ``WordFacts.start``).
AMOUNT = 1  # an amount, a dual or a singular casualty noun
BEFORE_ONE = 2  # a verbal noun or verb before one person noun (وفاة مواطن)
OBJECT = 4  # a verb whose object is one person (قتل مسلحون موظفاً)
AFTER_ONE = 8  # a singular verb after one person noun (رجلاً لقي حتفه)
ONE_FLAGS = BEFORE_ONE | OBJECT | AFTER_ONE

# A person dual (``WordFacts.dual``): always one (جنديين، امرأتان، وطفلان) / only when vowelled (مدنيَّين).
DUAL = 1
DUAL_IF_VOWELLED = 2


def _qualifiers_by_last() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """``QUALIFIERS_BEFORE`` by the word a phrase ends with (in their order): only those can end right
    before an amount. A one-word phrase may carry a clitic (وأكثر), so its clitic forms are keys too."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, qualifier in QUALIFIERS_BEFORE:
        if not phrase:
            continue
        lasts = {phrase[-1]}
        if len(phrase) == 1:
            lasts.update(c + phrase[0] for c in CLITICS_BEFORE_QUALIFIER)
        for last in lasts:
            index.setdefault(last, []).append((phrase, qualifier))
    return {last: tuple(items) for last, items in index.items()}


QUALIFIERS_BY_LAST = _qualifiers_by_last()
QUALIFIERS_BY_FIRST: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    first: tuple(item for item in QUALIFIERS_AFTER if item[0] and item[0][0] == first)
    for first in {phrase[0] for phrase, _ in QUALIFIERS_AFTER if phrase}
}
"""``QUALIFIERS_AFTER`` by their first word (in their order)."""
_QUALIFIER_FIRST_WORDS = frozenset(
    word for phrase, _ in QUALIFIERS_BEFORE if phrase for word in (phrase[0], *(c + phrase[0] for c in "وف"))
)


def trigger_of(word: str) -> Trigger | None:
    """The trigger a word is, once its clitics are removed (وقتل، بمقتل، والجرحى)."""
    if word in TRIGGERS:
        return TRIGGERS[word]
    for stem in strip_prefixes(word)[1:]:
        if len(stem) > 2 and stem in TRIGGERS:
            return TRIGGERS[stem]
    return None


def stem_in(word: str, words: frozenset[str]) -> bool:
    """Whether ``word``, or ``word`` without a clitic prefix, is one of ``words``."""
    return any(stem in words for stem in strip_prefixes(word))


def bare(word: str) -> str:
    """A verb or noun without a leading و or ف (وقتل، فأصيب)."""
    return word[1:] if len(word) > 3 and word[0] in "وف" else word


def _numberish(word: str) -> bool:
    return word[0].isdigit() or any(stem in NUMBER_WORDS for stem in (word, word[1:], word[2:], word[3:]))


def _vague(word: str) -> bool:
    """A vague amount (الآلاف، المئات): with the article it is still an amount (مقتل الآلاف)."""
    parsed = parse_amount([word], 0)
    return parsed is not None and parsed.value is None


def _unit(word: str) -> bool:
    return word in UNITS or any(word.startswith(c) and word[len(c) :] in UNITS for c in _UNIT_CLITICS)


def _dual_casualty(word: str) -> Kind | None:
    for stem in strip_prefixes(word):
        if stem in DUAL_CASUALTY_NOUNS:
            return DUAL_CASUALTY_NOUNS[stem]
    return None


class WordFacts(NamedTuple):
    """Everything the figure finder asks of one word."""

    start: int  # which figures may begin here (``AMOUNT`` | ``BEFORE_ONE`` | ``OBJECT`` | ``AFTER_ONE``)
    trigger: Trigger | None
    numberish: bool  # digits, or a number word with at most three letters of clitics (it may parse)
    articled: bool  # a number word with the article (الستة)
    dual_kind: Kind | None  # a dual casualty noun (قتيلين): two, and their kind
    dual: int  # a person dual: ``DUAL`` / ``DUAL_IF_VOWELLED`` / 0
    singular: Kind | None  # a singular casualty noun (قتيل، جريحاً): one, and its kind
    unit: bool  # a unit after a count: not a head count (24 ساعة)
    unit_stem: bool  # a unit with any clitic (الأيام before الثلاثة)
    month: bool
    date: bool  # a date word before a count (عام 2020)
    disease: bool
    function: bool
    plain: bool  # could be a counted noun: no digit, function word, trigger or number
    one_noun: bool  # one person after a trigger (وفاة مواطن)
    one_person: bool  # one person, also in the accusative (رجلاً)
    accusative: bool  # one person in the accusative (موظفاً), or with a possessive suffix (زوجته)
    feminine: bool  # one person in -ة, whose case the spelling does not show (امرأة، رهينة)
    object_kind: Kind | None  # a verb that takes the person hurt as its object
    subset: bool  # بينهم، منهم
    definite: bool
    preposition: bool
    count_head: bool  # عدد، حصيلة
    qualifier_verb: str | None  # تجاوز (more_than), ناهز (about)...
    qualifier_first: bool  # may begin a qualifier before a count (أكثر، نحو)
    one_after_noun: bool  # واحد، اثنين after a noun
    not_alone_after: bool  # بين، كل before a singular casualty noun
    lone: bool  # a dual or singular casualty noun (غريقين، قتيل): a count of its own, no trigger for another
    conjunct: bool  # begins with the conjunction و (وفقدان): a new conjunct, not a counted noun


def facts_of(word: str) -> WordFacts:
    trigger = trigger_of(word)
    numberish = _numberish(word)
    dual_kind = _dual_casualty(word)
    word_bare = bare(word)
    singular = SINGULAR_CASUALTY_NOUNS.get(word) or SINGULAR_CASUALTY_NOUNS.get(word_bare)
    if word in PERSON_DUALS or (word[:1] in "وب" and word[1:] in PERSON_DUALS):
        dual = DUAL
    elif word in PERSON_DUALS_IF_VOWELLED:
        dual = DUAL_IF_VOWELLED
    else:
        dual = 0
    start = 0
    if (
        numberish
        or dual_kind is not None
        or word in PERSON_DUALS
        or word in PERSON_DUALS_IF_VOWELLED
        or word[1:] in PERSON_DUALS
        or singular is not None
        or word in CASE_DUALS
    ):
        start |= AMOUNT
    if (
        (trigger is not None and (trigger.role == "pre" or word_bare in BODY_NOUNS))
        or word in FALL_WORDS
        or word in SEARCH_WORDS
        or word in SELF_CASUALTY
        or word_bare in STAB_NOUNS
    ):
        start |= BEFORE_ONE
    object_kind = OBJECT_VERBS.get(word) or OBJECT_VERBS.get(word_bare)
    if object_kind is not None:
        start |= OBJECT
    if (word in SUBJECT_VERBS or word_bare in SUBJECT_VERBS) and trigger is not None:
        start |= AFTER_ONE
    function = word in FUNCTION_WORDS
    return WordFacts(
        start=start,
        trigger=trigger,
        numberish=numberish,
        articled=numberish and article_of(word) and not _vague(word),
        dual_kind=dual_kind,
        dual=dual,
        singular=singular,
        unit=_unit(word),
        unit_stem=stem_in(word, UNITS),
        month=word in MONTHS,
        date=stem_in(word, DATE_WORDS),
        disease=stem_in(word, DISEASE_WORDS),
        function=function,
        plain=not word[0].isdigit() and not function and trigger is None and not numberish,
        one_noun=word in ONE_NOUNS,
        one_person=word in ONE_PERSON or word in ONE_OF_THEM,
        accusative=word in ONE_NOUNS_ACCUSATIVE or word in POSSESSED_PERSONS,
        feminine=word in PERSON_SINGULARS and word.endswith("ه"),
        object_kind=object_kind,
        subset=word in SUBSET_WORDS,
        definite=word.startswith(_DEFINITE),
        preposition=word in _PREPOSITIONS,
        count_head=word in COUNT_HEADS,
        qualifier_verb=QUALIFIER_VERBS.get(word) or QUALIFIER_VERBS.get(word_bare),
        qualifier_first=word in _QUALIFIER_FIRST_WORDS,
        one_after_noun=word in ONE_AFTER_NOUN,
        not_alone_after=word in NOT_ALONE_AFTER,
        lone=dual_kind is not None or word in LONE_CASUALTY_NOUNS or word_bare in LONE_CASUALTY_NOUNS,
        conjunct=len(word) > 3 and word[0] == "و" and word not in WAW_NOUNS,
    )


FACTS: WordMemo[WordFacts] = WordMemo(facts_of)
