"""The trigger that says what happened to the people an amount counts.

Before the amount (مقتل 32، ارتفع عدد القتلى إلى 49) with ``trigger_before``, after it (32 قتيلاً، 32
شخصاً قتلوا، أجبر 200 ألف على الفرار) with ``trigger_after``; ``confirm_end`` checks the word a
confirmed trigger needs (فقد 12 بحاراً حياتهم) and ``state_noun_end`` takes in a casualty noun that
states the outcome (أردوا اثنين منهم قتيلين).
"""

from __future__ import annotations

from functools import lru_cache

from mediamon.analysis.figure_count_words import CONNECTORS, LONE_PREPOSITIONS, REACH_WORDS
from mediamon.analysis.figure_text import FigureText
from mediamon.analysis.figure_words import bare, stem_in
from mediamon.analysis.figures_lexicon import (
    CAMP_NOUNS,
    CASE_NOUNS,
    FAMILY_UNITS,
    OTHERS,
    TREATED_VERBS,
    WHO_OF,
    Kind,
    Trigger,
)
from mediamon.analysis.normalize import normalize

PRE_GAP = 5  # words between a trigger and the amount after it
POST_GAP = 3  # words between the amount and a trigger after it
_ASIDE = 6  # words of an aside between the counted noun and its verb (، بينهم ثلاثة أطفال،)
_CONFIRM_AFTER = 4  # words after the count (or the trigger after it) that may confirm a trigger
_CAUSE_WINDOW = 10  # words either side where a trigger's cause may stand
# After a confirming word (غادر 2500 شخص منازلهم …) the cause may stand past a phrase of where and when:
# في قرى محافظة الضالع خلال الأيام الثلاثة الماضية بسبب تصاعد المواجهات (blind set 14).
_CAUSE_AFTER_CONFIRMED = 16
_EXILE_KINDS: dict[str, tuple[Kind, ...]] = {"علي": ("displaced", "evacuated"), "الي": ("displaced",)}
"""After the count, "forced ... to flee": أجبر 200 ألف شخص على الفرار / اضطر 20 ألفاً إلى النزوح."""

_TO = frozenset({"الي"})

_confirms = lru_cache(maxsize=65536)(stem_in)
"""``stem_in`` for the (few) confirming and cause word lists of triggers, memoised."""


def confirm_end(text: FigureText, trigger: Trigger, lo: int) -> int | None:
    """Where a figure of ``trigger`` that reaches token ``lo`` ends: ``lo``, or just after the word
    that confirms the trigger when it needs one (فقد 12 بحاراً حياتهم) — a word within
    ``_CONFIRM_AFTER`` words from ``lo`` in the same sentence (``trigger.reach`` for حتفهم / مصرعهم, with
    no other count past the first four), with a cause (if the trigger needs one) within
    ``_CAUSE_WINDOW`` words; None when the trigger is not confirmed."""
    if not trigger.confirm:
        return lo
    words, breaks = text.words, text.breaks
    for k in range(lo, min(text.n, lo + trigger.reach)):
        if breaks[k] == 2 or (k >= lo + _CONFIRM_AFTER and text.f[k].numberish):
            return None
        if _confirms(words[k], trigger.confirm):
            return k + 1 if not trigger.cause or _cause_near(text, trigger.cause, lo, _CAUSE_AFTER_CONFIRMED) else None
        if trigger.by_injury and _injury_joined(text, k, lo):
            return lo
    return None


_WENT_MISSING = frozenset({"وفقد", "وفقدت"})
"""A verb of the missing joined by و, which confirms a death verb before it like an injury does: قضى 49
مهاجراً على الأقل وفقد نحو مئة آخرين."""


def _injury_joined(text: FigureText, k: int, lo: int) -> bool:
    """An injury verb (or a verb of the missing) joined by و at token ``k``, right after the count or past
    a qualifier or a short phrase (وأصيب، وجرح، وفقد): قضى شرطيان وأصيب ثالث، قضى 49 مهاجراً على الأقل
    وفقد نحو مئة — or after a comma that closes an aside on who the dead were, begun after the count at
    ``lo`` (قضى 8 أشخاص، بينهم امرأتان، وأصيب 19 آخرون)."""
    if text.breaks[k] and (text.breaks[k] == 2 or WHO_OF.isdisjoint(text.words[lo:k])):
        return False
    word = text.words[k]
    if word in _WENT_MISSING:
        return True
    found = text.f[k].trigger
    return found is not None and found.kind == "injured" and found.role == "pre" and word[0] == "و"


def _cause_near(text: FigureText, causes: frozenset[str], at: int, after: int = 0) -> bool:
    words, breaks = text.words, text.breaks
    for k in range(at, min(text.n, at + max(after, _CAUSE_WINDOW))):
        if k > at and breaks[k] == 2:
            break
        if _confirms(words[k], causes):
            return True
    for k in range(at - 1, max(-1, at - 1 - _CAUSE_WINDOW), -1):
        if breaks[k + 1] == 2:
            break
        if _confirms(words[k], causes):
            return True
    return False


def trigger_before(text: FigureText, start: int, gap: int = PRE_GAP) -> tuple[Trigger, int] | None:
    """The trigger up to ``gap`` words before token ``start`` (مقتل 32), and its index — not one that
    a figure before has taken (مقتل مواطن برصاص 3 مسلحين) unless the count is joined to it with و
    (مقتل جندي إسرائيلي و3 فلسطينيين), and not a verbal noun before إلى (ارتفع عدد المعتقلين بعد مقتل
    الجنود إلى 40): إلى N is what something rose or came to, not whom a killing took — unless "the
    number of" heads the verbal noun (ارتفعت حصيلة النزوح إلى 300)."""
    facts, breaks = text.f, text.breaks
    joined = _joined_before(text, start)
    floor = -1 if joined else text.floor
    for k in range(start - 1, max(-1, start - 1 - gap), -1):
        if breaks[k + 1] or k < floor:
            return None
        fact = facts[k]
        if fact.lone:
            return None  # وفاة غريقين وإنقاذ سبعة: the noun counts its own
        found = fact.trigger
        if found is not None:
            if found.role == "post" and not _verb_on_count(text, k, start):
                return None
            if found.adjacent and k != start - 1:
                return None
            if found.kind == "injured" and k > 0 and text.words[k - 1] in CASE_NOUNS:
                return None  # عدد حالات الإصابة: cases of an illness as often as of injury
            if found.kind == "displaced" and k > 0 and text.words[k - 1] in CAMP_NOUNS:
                continue  # في مخيم للاجئين الروهينغا 6 أشخاص: the camp's name, not whom it counts
            if found.role == "pre" and k < start - 1 and not joined and _reached(text, start) and not _counted(text, k):
                return None
            return found, k
        if fact.numberish or fact.subset or (fact.dual and text.dual_at(k)):
            if fact.subset and _of_it_after_verb(text, k):
                continue  # ونزح منها قرابة 20 ألف شخص: "of it" between the verb and the count
            return None
    return None


_OF_IT = frozenset({"منها", "منه", "منهم", "منهن"})


def _of_it_after_verb(text: FigureText, k: int) -> bool:
    """منها / منه right after a trigger verb or verbal noun (نزح منها، قتل منهم): not an aside."""
    if text.words[k] not in _OF_IT or k == 0 or text.breaks[k]:
        return False
    found = text.f[k - 1].trigger
    return found is not None and found.role == "pre" and not found.confirm


def _verb_on_count(text: FigureText, k: int, start: int) -> bool:
    """A plural killing verb right before a count that no figure has taken: its subject's act on the
    count (المسلحون قتلوا ثمانية من سكانها), not the verb of the figure before (32 شخصاً قتلوا وأكثر من
    200 جرحوا)."""
    return k == start - 1 and k >= text.floor and text.f[k].object_kind is not None


def _joined_before(text: FigureText, start: int) -> bool:
    """Whether the amount at ``start`` is joined with و (or بالإضافة إلى، فضلاً عن) to what is before it."""
    words = text.words
    if start == 0:
        return False
    if words[start][0] == "و" and len(words[start]) > 1:
        return True  # وثلاثة، وأكثر من
    before = words[start - 1]
    if before not in CONNECTORS:
        return False
    return before not in LONE_PREPOSITIONS or (start > 1 and words[start - 2] in CONNECTORS)


def _counted(text: FigureText, k: int) -> bool:
    """A verbal noun that "the number of" heads (ارتفعت حصيلة النزوح بسبب القصف إلى 300)."""
    return k > 0 and not text.breaks[k] and text.f[k - 1].count_head


def _reached(text: FigureText, start: int) -> bool:
    """An amount right after إلى that no reaching verb governs (ما يصل إلى 500 is a qualified count)."""
    words = text.words
    if start == 0 or words[start - 1] not in _TO:
        return False
    return start < 2 or bare(words[start - 2]) not in REACH_WORDS


def trigger_after(text: FigureText, end: int, gap: int = POST_GAP) -> tuple[Kind, int] | None:
    """The trigger up to ``gap`` words after the amount that ends at ``end`` (32 شخصاً قتلوا): its kind
    and the index of the figure's last token."""
    facts, breaks = text.f, text.breaks
    crossed = False  # a preposition stands between: صلى المئات على القتلى (not a count of the dead)
    stop = min(text.n, end + gap + 1 + _of_group(text, end))
    still = gap > 0  # (whether «ما زالوا» may still widen the reach: asked at the last word only)
    k = end
    while k < stop:
        if still and k + 1 == stop:
            still = False
            stop = min(text.n, stop + _still(text, end))
        if breaks[k]:
            resumed = _after_aside(text, k)
            if resumed is None:
                return None
            stop = min(text.n, resumed + 1)  # the verb right after the aside
            k = resumed
        fact = facts[k]
        found = fact.trigger
        if found is not None:
            if found.role == "pre" and not _exile(text, found, k, end) and not _households_fled(text, found, k, end):
                return None
            if found.role == "noun" and crossed and text.words[k - 1] not in _COUNTED_AMONG:
                return None  # (but 23 شخصاً في عداد المفقودين: counted among the missing)
            if found.role == "noun" and _new_clause(text, end, k):
                return None  # أنقذت 54 مهاجراً وانتشلت جثة طفل: the rescued, not the body's count
            if found.role == "post" and _own_object(text, k):
                return None  # خطف مسلحون 60 شخصاً وقتلوا 8 آخرين: the verb of a new clause, with its own count
            if text.words[k] in TREATED_VERBS and OTHERS.isdisjoint(text.words[end:k]):
                return None  # 300 مريض يتلقون العلاج: patients; وسبعة آخرون يتلقون العلاج: the injured
            last = confirm_end(text, found, k + 1)
            return None if last is None else (found.kind, last - 1)
        if (fact.numberish and not _family_one(text, k)) or (fact.dual and text.dual_at(k)):
            return None
        crossed = crossed or fact.preposition
        k += 1
    return None


def _own_object(text: FigureText, k: int) -> bool:
    """Whether the plural verb at ``k`` is joined by و and has a count right after it (وقتلوا 8 آخرين): the
    subject of a new clause did it, so it says nothing of the count before (60 شخصاً, the kidnapped)."""
    nxt = k + 1
    return (
        text.words[k][0] == "و"
        and nxt < text.n
        and not text.breaks[nxt]
        and text.f[nxt].numberish
        and not text.f[nxt].articled
    )


_FROM = frozenset({"من"})
_COUNTED_AMONG = frozenset({"عداد"})


def _of_group(text: FigureText, end: int) -> int:
    """One more word between the count and its verb when the counted noun is "of" a group (19
    عنصراً من قوات النظام قتلوا): 1, else 0."""
    k = end + 1
    return int(k < text.n and text.words[k] in _FROM and not text.breaks[k] and text.f[end].plain)


_STILL_NOT = frozenset({"ما", "لا"})
_STILL = frozenset({"زال", "زالت", "زالوا", "زلن", "يزال", "تزال", "يزالون", "يزالان", "تزالان", "يزلن"})


def _still(text: FigureText, end: int) -> int:
    """Two more words when «ما زالوا / لا يزالون» stands right after the count or its noun (60 آخرين ما زالوا
    في عداد المفقودين): 2, else 0."""
    words, breaks = text.words, text.breaks
    for k in range(end, min(text.n - 1, end + 2)):
        if words[k] in _STILL_NOT and words[k + 1] in _STILL and not breaks[k + 1]:
            return 0 if breaks[k] else 2
    return 0


def _family_one(text: FigureText, k: int) -> bool:
    """واحدة after a family noun (5 من عائلة واحدة قتلوا): the family's adjective, not a count."""
    return k > 0 and not text.breaks[k] and text.f[k].one_after_noun and bare(text.words[k - 1]) in FAMILY_UNITS


def _after_aside(text: FigureText, k: int) -> int | None:
    """The token after an aside between commas that begins at token ``k`` with بينهم or منهم (سبعة
    مدنيين، بينهم ثلاثة أطفال، قتلوا), or None when ``k`` begins no aside."""
    breaks = text.breaks
    if breaks[k] != 1 or not text.f[k].subset:
        return None
    for j in range(k + 1, min(text.n, k + 1 + _ASIDE)):
        if breaks[j]:
            return j if breaks[j] == 1 else None
    return None


def _exile(text: FigureText, found: Trigger, k: int, end: int) -> bool:
    """A verbal noun after the count only in "forced ... to flee": على الفرار، إلى النزوح، على
    مغادرة منازلهم — displacement, the abstract noun (with the article) or a confirmed one."""
    return (
        k > end
        and found.kind in _EXILE_KINDS.get(text.words[k - 1], ())
        and (text.f[k].definite or bool(found.confirm))
    )


_SHE_FLED = frozenset(normalize(w) for w in ("نزحت", "فرت", "هجرت", "شردت", "هربت"))
_HOUSEHOLDS = frozenset(normalize(w) for w in ("عائلة", "أسرة", "عائلات", "أسر"))


def _households_fled(text: FigureText, found: Trigger, k: int, end: int) -> bool:
    """A feminine singular verb of flight right after a count of households, which it agrees with (نحو 180
    عائلة نزحت من قرى القضاء; blind set 15): the verb of the count, not of a new clause."""
    return (
        found.kind == "displaced"
        and k == end + 1
        and text.words[k] in _SHE_FLED
        and bare(text.words[end]) in _HOUSEHOLDS
    )


def _new_clause(text: FigureText, end: int, k: int) -> bool:
    """A word joined by و (not a noun with the article: والسلطات) between the count's noun and a casualty noun
    at ``k``: a verb that opens a new clause (أنقذت 54 مهاجراً وانتشلت جثة طفل; blind set 15)."""
    words, facts = text.words, text.f
    return any(
        facts[j].plain and facts[j].conjunct and not words[j].startswith("وال") for j in range(end + 1, k)
    )


def verb_like(word: str) -> bool:
    """A past verb joined by و, by its ending: وانتشلت، وأعلنوا (not وحدات، والسلطات، ولاية)."""
    return (
        len(word) > 4
        and word[0] == "و"
        and not word.startswith("وال")
        and (word.endswith("وا") or (word.endswith("ت") and not word.endswith("ات")))
    )


def state_noun_end(text: FigureText, kind: Kind, end: int) -> int:
    """Include a casualty noun that states how the counted came out (أردوا اثنين منهم قتيلين)."""
    if end < text.n and text.breaks[end] == 0:
        fact = text.f[end]
        found = fact.trigger
        state = found.kind if found is not None and found.role == "noun" else None
        if (state or fact.dual_kind or fact.singular) == kind:
            return end + 1
    return end
