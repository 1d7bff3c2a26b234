"""Casualty figures: who was killed, injured, displaced or evacuated, how many, and how sure the text is.

A figure is an *amount* (digits, number words, a dual noun, or a vague word such as مئات) with a
*trigger* that says what happened: before it (مقتل 32 شخصا، ارتفع عدد القتلى إلى 49، نزوح أكثر من
ألفي مدني), right after it (32 قتيلا، 10 جرحى) or after its noun (32 شخصا قتلوا). A figure joined by
"و" or "بالإضافة إلى" to the one before takes its kind. One person with no number counts one: a
verbal noun or verb with a singular person noun (وفاة مواطن، إن رجلاً لقي حتفه، قتل مسلحون موظفاً)
or a singular casualty noun (قتيل و4 جرحى، سقط شرطي قتيلاً). A number with the article counts only as
the adjective of a definite noun (القتلى الستة). Units, dates and disease words rule a figure out (24
ساعة، عام 2020، إصابات كورونا). Spans are reported in the original text.

What each word can be is worked out once per distinct word (``analysis.figure_words``); the finder
reads those facts for the tokens around the trigger words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import compress
from operator import attrgetter, itemgetter
from typing import NamedTuple, TypedDict

from analysis.figure_tokens import FigureTokens, tokenize, trigger_hits, windows
from analysis.figure_words import (
    AFTER_ONE,
    AMOUNT,
    BEFORE_ONE,
    DUAL,
    DUAL_IF_VOWELLED,
    FACTS,
    OBJECT,
    ONE_FLAGS,
    QUALIFIERS_BY_FIRST,
    QUALIFIERS_BY_LAST,
    WordFacts,
    bare,
    stem_in,
)
from analysis.figures_lexicon import (
    CASE_NOUNS,
    CLAUSE_STARTS,
    CLITICS_BEFORE_QUALIFIER,
    CONNECTORS,
    NEW_CASES,
    REACH_WORDS,
    RELATIVES,
    RETURN_WORDS,
    Kind,
    Trigger,
)
from analysis.normalize import PreparedText
from analysis.numbers import parse_amount
from mediamon.schema import Casualty, Qualifier

_PRE_GAP = 5
_POST_GAP = 3
_INHERIT_GAP = 4
_DISEASE_AFTER = 4
_ARTICLED_PRE_GAP = 2  # القتلى الستة / مقتل الجنود الستة
_CONFIRM_AFTER = 4  # words after the count (or the trigger after it) that may confirm a trigger
_HEAD_GAP = 4  # words between عدد and the count: تجاوز عدد قتلى الزلزال في المدينة 300
_CAUSE_WINDOW = 10  # words either side where a trigger's cause may stand
_FAR_HEAD_GAP = 12  # words between "the number of <casualty noun>" and a count it reached (إلى 23)
_EXILE_KINDS: dict[str, tuple[Kind, ...]] = {"علي": ("displaced", "evacuated"), "الي": ("displaced",)}
"""After the count, "forced ... to flee": أجبر 200 ألف شخص على الفرار / اضطر 20 ألفاً إلى النزوح."""
_FATHA_DUAL_RE = re.compile("\u064e\u0651?\u064a\u0652?\u0646$|\u0651\u064e\u064a\u0652?\u0646$")

_START = itemgetter(0)  # WordFacts.start
_COUNT_HEAD = attrgetter("count_head")
_confirms = lru_cache(maxsize=65536)(stem_in)
"""``stem_in`` for the (few) confirming and cause word lists of triggers, memoised."""


class _Amount(NamedTuple):  # (named tuples: several are made per figure, and they are cheap)
    value: int | None
    first: int  # first token (a noun before واحد/اثنين belongs to the amount)
    end: int  # token after the amount
    kind: Kind | None = None  # a dual or singular casualty noun names its own kind
    has_noun: bool = False  # a dual noun is its own counted noun
    articled: bool = False  # a number with the article: the adjective of the noun before it


class _Figure(NamedTuple):
    kind: Kind
    number: int | None  # the count (``count`` is a tuple method)
    qualifier: Qualifier
    first: int
    end: int


class _Finder:
    """One text's tokens, their facts, and the figures found so far."""

    def __init__(self, prepared: PreparedText, tokens: FigureTokens) -> None:
        self.prepared = prepared
        self.t = tokens
        self.words = tokens.words
        self.breaks = tokens.breaks
        self.f: tuple[WordFacts, ...] = FACTS.values(tokens.words)
        self.n = len(tokens.words)
        self.last: _Figure | None = None
        self.floor = 0  # the first token not taken by a figure already found
        self._heads: list[int] | None = None  # where عدد / حصيلة stand (worked out when first asked)

    # --- amounts -----------------------------------------------------------------------------------

    def _dual_at(self, i: int) -> bool:
        dual = self.f[i].dual
        if dual == DUAL:
            return True
        if dual == DUAL_IF_VOWELLED:
            start, end = self.prepared.original_span(self.t.starts[i], self.t.ends[i])
            return _FATHA_DUAL_RE.search(self.prepared.original[start:end]) is not None
        return False

    def amount(self, i: int) -> _Amount | None:
        facts, breaks = self.f, self.breaks
        fact = facts[i]
        if fact.dual_kind is not None:
            return _Amount(2, i, i + 1, fact.dual_kind)
        if fact.dual and self._dual_at(i):
            if i > 0 and breaks[i] == 0 and facts[i - 1].dual and self._dual_at(i - 1):
                return None  # جنديان إسرائيليان: the adjective agrees with the dual noun
            end = i + 2 if i + 1 < self.n and facts[i + 1].one_after_noun else i + 1
            return _Amount(2, i, end, has_noun=True)
        if fact.singular is not None:
            return self._single(i, fact.singular)
        if not fact.numberish:
            return None
        parsed = parse_amount(self.words, i)
        if parsed is None:
            return None
        if fact.articled:
            before = facts[i - 1] if i > 0 and breaks[i] == 0 else None
            if before is None or not before.definite or before.unit_stem or before.date:
                return None  # الأيام الثلاثة، في الستين من عمره: not a head count
            return _Amount(parsed.value, i, i + parsed.size, articled=True)
        first = i
        if fact.one_after_noun and i > 0 and breaks[i] == 0 and facts[i - 1].plain:
            first = i - 1  # مدنيين اثنين، شخص واحد
        return _Amount(parsed.value, first, i + parsed.size)

    def _single(self, i: int, kind: Kind) -> _Amount | None:
        """A singular casualty noun as a count of one (قتيل و4 جرحى), with the person noun it describes
        (سقط شرطي قتيلاً) — not after بين or كل (بين قتيل وجريح، لكل قتيل) or a number."""
        facts, breaks = self.f, self.breaks
        before = facts[i - 1] if i > 0 and breaks[i] == 0 else None
        if before is not None:
            if before.not_alone_after or before.numberish:
                return None
            if i > 1 and breaks[i - 1] == 0 and facts[i - 2].not_alone_after:
                return None
        first = i - 1 if before is not None and before.one_person and i > self.floor else i
        return _Amount(1, first, i + 1, kind)

    def not_a_head_count(self, amount: _Amount) -> bool:
        if amount.kind is not None:
            return False
        facts, breaks, i, end = self.f, self.breaks, amount.first, amount.end
        after = facts[end] if end < self.n and breaks[end] == 0 else None
        if after is not None and (after.unit or after.month):
            return self.case_kind(end) is None
        if i > 0 and breaks[i] == 0 and facts[i - 1].date:
            return True
        first = self.words[i]
        if first.isdigit() and 1900 <= int(first) <= 2100:
            return after is None or after.function
        return False

    def case_kind(self, k: int) -> Kind | None:
        """The kind of "cases of death / injury" at token ``k`` (7 حالات وفاة، 30 حالة إصابة), not of an
        epidemic's daily count (حالات إصابة جديدة); an illness named near it is ruled out later."""
        words, breaks = self.words, self.breaks
        if words[k] not in CASE_NOUNS or k + 1 >= self.n or breaks[k + 1]:
            return None
        found = self.f[k + 1].trigger
        if found is None or found.role != "pre" or found.kind not in ("killed", "injured"):
            return None
        if k + 2 < self.n and breaks[k + 2] == 0 and words[k + 2] in NEW_CASES:
            return None
        return found.kind

    # --- qualifiers --------------------------------------------------------------------------------

    def qualifier_before(self, i: int) -> tuple[int, Qualifier | None]:
        """A qualifier phrase right before token ``i`` (the first of ``QUALIFIERS_BEFORE`` that fits)."""
        words, breaks = self.words, self.breaks
        if i == 0 or breaks[i]:
            return i, None
        for phrase, qualifier in QUALIFIERS_BY_LAST.get(words[i - 1], ()):
            start = i - len(phrase)
            if start < 0 or any(breaks[start + 1 : i]):
                continue
            found = tuple(words[start:i])
            if found == phrase or (
                found[1:] == phrase[1:] and any(found[0] == c + phrase[0] for c in CLITICS_BEFORE_QUALIFIER)
            ):
                return start, qualifier  # type: ignore[return-value]
        return i, None

    def qualifier_over_count(self, i: int) -> tuple[int, Qualifier | None]:
        """A verb that qualifies "the number of ..." before token ``i``: تجاوز عدد الضحايا 250،
        ناهزت حصيلة القتلى مئة، تخطت الحصيلة 300 — the verb's index and its qualifier."""
        facts, breaks = self.f, self.breaks
        for head in range(i - 1, max(0, i - 1 - _HEAD_GAP), -1):
            if breaks[head + 1]:
                break
            if facts[head].count_head:
                if breaks[head] == 0:
                    qualifier = facts[head - 1].qualifier_verb
                    if qualifier is not None:
                        return head - 1, qualifier  # type: ignore[return-value]
                break
            if facts[head].numberish:
                break
        return i, None

    def qualifier_after(self, end: int) -> tuple[int, Qualifier | None]:
        words, breaks = self.words, self.breaks
        for k in range(end, min(end + 4, self.n)):
            if k > end and breaks[k] == 2:
                break
            for phrase, qualifier in QUALIFIERS_BY_FIRST.get(words[k], ()):
                if tuple(words[k : k + len(phrase)]) == phrase and breaks[k] < 2:
                    return k + len(phrase), qualifier  # type: ignore[return-value]
        return end, None

    # --- triggers ----------------------------------------------------------------------------------

    def confirm_end(self, trigger: Trigger, lo: int) -> int | None:
        """Where a figure of ``trigger`` that reaches token ``lo`` ends: ``lo``, or just after the word
        that confirms the trigger when it needs one (فقد 12 بحاراً حياتهم) — a word within
        ``_CONFIRM_AFTER`` words from ``lo`` in the same sentence, with a cause (if the trigger needs
        one) within ``_CAUSE_WINDOW`` words; None when the trigger is not confirmed."""
        if not trigger.confirm:
            return lo
        words, breaks = self.words, self.breaks
        for k in range(lo, min(self.n, lo + _CONFIRM_AFTER)):
            if breaks[k] == 2:
                return None
            if _confirms(words[k], trigger.confirm):
                return k + 1 if not trigger.cause or self._cause_near(trigger.cause, lo) else None
            if trigger.by_injury and k == lo and self._injury_joined(k):
                return lo
        return None

    def _injury_joined(self, k: int) -> bool:
        """An injury verb joined by و at token ``k`` (وأصيب، وجرح): قضى شرطيان وأصيب ثالث."""
        found = self.f[k].trigger
        return (
            found is not None
            and found.kind == "injured"
            and found.role == "pre"
            and self.words[k][0] == "و"
            and not self.breaks[k]
        )

    def _cause_near(self, causes: frozenset[str], at: int) -> bool:
        words, breaks = self.words, self.breaks
        for k in range(at, min(self.n, at + _CAUSE_WINDOW)):
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

    def trigger_before(self, start: int, gap: int = _PRE_GAP) -> tuple[Trigger, int] | None:
        facts, breaks = self.f, self.breaks
        for k in range(start - 1, max(-1, start - 1 - gap), -1):
            if breaks[k + 1]:
                return None
            fact = facts[k]
            if fact.lone:
                return None  # وفاة غريقين وإنقاذ سبعة: the noun counts its own
            found = fact.trigger
            if found is not None:
                if found.role == "post" or (found.adjacent and k != start - 1):
                    return None
                if found.kind == "injured" and k > 0 and self.words[k - 1] in CASE_NOUNS:
                    return None  # عدد حالات الإصابة: cases of an illness as often as of injury
                return found, k
            if fact.numberish or fact.subset or (fact.dual and self._dual_at(k)):
                return None
        return None

    def head_far_before(self, qstart: int, first: int) -> tuple[Kind, int] | None:
        """"The number of <casualty noun>" up to ``_FAR_HEAD_GAP`` words before a count it reached:
        ارتفع عدد قتلى الانفجار الذي وقع في مرفأ المدينة إلى 23، بلغ عدد ضحايا السيول في الولاية 18 — the
        count after إلى or a reaching verb, or عدد after such a verb with no clause between. The kind
        of the casualty noun, and its index."""
        if self._heads is None:
            self._heads = list(compress(range(self.n), map(_COUNT_HEAD, self.f)))
        at = bisect_left(self._heads, qstart)
        if at == 0 or qstart - self._heads[at - 1] > _FAR_HEAD_GAP:
            return None  # no عدد / حصيلة near: the common case, answered without a walk
        words, facts, breaks = self.words, self.f, self.breaks
        reached = (qstart < first and words[qstart] in REACH_WORDS) or (  # (the qualifier: يناهز 40)
            qstart > 0 and breaks[qstart] == 0 and words[qstart - 1] in REACH_WORDS  # إلى أكثر من 40
        )
        relative: int | None = None  # the first relative pronoun before the count (الذي، التي)
        for k in range(qstart - 1, max(-1, qstart - 1 - _FAR_HEAD_GAP), -1):
            if breaks[k + 1] == 2 or words[k] in CLAUSE_STARTS:
                return None
            fact = facts[k]
            if fact.numberish and not fact.articled and parse_amount(words, k) is not None:
                return None  # another count between (not الأحد)
            if not fact.count_head:
                relative = k if words[k] in RELATIVES else relative
                continue
            found = self._head_noun(k)
            if found is None:
                return None  # the number of something else (عدد حالات الإصابة، عدد المفقودين)
            if reached or (
                k > 0
                and not breaks[k]
                and bare(words[k - 1]) in REACH_WORDS
                and (relative is None or relative < found[1])  # (بلغ عدد الذين قتلوا: the head's own)
            ):
                return found
            return None
        return None

    def _head_noun(self, k: int) -> tuple[Kind, int] | None:
        """The casualty noun after عدد / حصيلة at ``k`` (عدد القتلى، حصيلة ضحايا، عدد الذين قتلوا)."""
        facts, breaks = self.f, self.breaks
        nxt = k + 1
        if nxt >= self.n or breaks[nxt]:
            return None
        found = facts[nxt].trigger
        if found is not None and found.role == "noun":
            return found.kind, nxt
        if found is None and self.words[nxt] in ("الذين", "من") and nxt + 1 < self.n and breaks[nxt + 1] == 0:
            found = facts[nxt + 1].trigger
            if found is not None and found.role == "post" and not found.confirm:
                return found.kind, nxt + 1
        return None

    def trigger_after(self, end: int, gap: int = _POST_GAP) -> tuple[Kind, int] | None:
        facts, breaks = self.f, self.breaks
        crossed = False  # a preposition stands between: صلى المئات على القتلى (not a count of the dead)
        for k in range(end, min(self.n, end + gap + 1)):
            if breaks[k]:
                return None
            fact = facts[k]
            found = fact.trigger
            if found is not None:
                if found.role == "pre" and not self._exile(found, k, end):
                    return None
                if found.role == "noun" and crossed:
                    return None
                last = self.confirm_end(found, k + 1)
                return None if last is None else (found.kind, last - 1)
            if fact.numberish or (fact.dual and self._dual_at(k)):
                return None
            crossed = crossed or fact.preposition
        return None

    def _exile(self, found: Trigger, k: int, end: int) -> bool:
        """A verbal noun after the count only in "forced ... to flee": على الفرار، إلى النزوح، على
        مغادرة منازلهم — displacement, the abstract noun (with the article) or a confirmed one."""
        return (
            k > end
            and found.kind in _EXILE_KINDS.get(self.words[k - 1], ())
            and (self.f[k].definite or bool(found.confirm))
        )

    def inherited(self, start: int) -> Kind | None:
        last = self.last
        if last is None or not 0 <= start - last.end <= _INHERIT_GAP:
            return None
        if any(self.breaks[k] == 2 for k in range(last.end, start + 1)):
            return None
        if all(self.words[k] in CONNECTORS for k in range(last.end, start)):
            return last.kind
        return None

    def counted_noun_end(self, end: int) -> int:
        """Include the counted noun after an amount (32 شخصا، 23 من أعضائها) in the span."""
        breaks = self.breaks
        if end >= self.n or breaks[end]:
            return end
        if self.words[end] == "من" and end + 1 < self.n and not breaks[end + 1]:
            return end + 2 if self.f[end + 1].plain else end
        fact = self.f[end]
        return end + 1 if fact.plain and not fact.conjunct else end  # (مقتل العشرات وفقدان الآلاف)

    def is_disease(self, first: int, end: int) -> bool:
        facts, breaks = self.f, self.breaks
        lo, stop = max(0, first - 1), min(self.n, end + _DISEASE_AFTER)
        if not any(fact.disease for fact in facts[lo:stop]):
            return False
        for k in range(lo, stop):
            if k > end and breaks[k] == 2:
                break
            if facts[k].disease:
                return True
        return False

    # --- figures -----------------------------------------------------------------------------------

    def figure_at(self, i: int) -> _Figure | None:
        amount = self.amount(i)
        if amount is None:
            return None
        if self.not_a_head_count(amount):
            return None
        qstart, qualifier = self.qualifier_before(amount.first)
        lead = qstart
        if qualifier is None and not amount.articled:
            lead, qualifier = self.qualifier_over_count(amount.first)
        kind, first, end = self._kind_and_extent(amount, qstart)
        if kind is None or (kind == "displaced" and self._returning(qstart)):
            return None
        first = min(first, lead)
        if qualifier is None and first > 1 and self.f[first - 1].count_head:
            first, qualifier = self._verb_over_head(first)
        if qualifier is None:
            after_end, qualifier = self.qualifier_after(max(end, amount.end))
            end = max(end, after_end) if qualifier else end
        if self.is_disease(first, end):
            return None
        if amount.value is None:
            qualifier = "vague"
        return _Figure(kind, amount.value, qualifier or "exact", first, end)

    def _returning(self, qstart: int) -> bool:
        """A count of displaced people after "return" (عودة 300 عائلة نازحة، عاد آلاف النازحين)."""
        return qstart > 0 and not self.breaks[qstart] and bare(self.words[qstart - 1]) in RETURN_WORDS

    def _verb_over_head(self, first: int) -> tuple[int, Qualifier | None]:
        """A qualifying verb before "the number of" that a figure starts after (تجاوز عدد النازحين من
        القرى الحدودية ... 3 آلاف): the verb's index and its qualifier."""
        if self.breaks[first] or self.breaks[first - 1]:
            return first, None
        qualifier = self.f[first - 2].qualifier_verb
        return (first, None) if qualifier is None else (first - 2, qualifier)  # type: ignore[return-value]

    def _kind_and_extent(self, amount: _Amount, qstart: int) -> tuple[Kind | None, int, int]:
        if amount.kind is not None:
            pre = self.trigger_before(qstart)
            confirmed = None if pre is None else self.confirm_end(pre[0], amount.end)
            return amount.kind, (qstart if pre is None or confirmed is None else pre[1]), amount.end
        if amount.end < self.n and self.breaks[amount.end] == 0:
            found = self.f[amount.end].trigger
            if found is not None and found.role == "noun":
                return found.kind, qstart, amount.end + 1
            if self.f[amount.end].unit:  # (else the amount was ruled out) 7 حالات وفاة
                return self.case_kind(amount.end), qstart, amount.end + 2
        articled = amount.articled  # القتلى الستة، مقتل الجنود الستة، الجنود الستة قتلوا
        noun_end = amount.end if amount.has_noun or articled else self.counted_noun_end(amount.end)
        pre = self.trigger_before(qstart, _ARTICLED_PRE_GAP if articled else _PRE_GAP)
        confirmed = None if pre is None else self.confirm_end(pre[0], noun_end)
        if pre is not None and confirmed is not None:
            return pre[0].kind, pre[1], self._state_noun_end(pre[0].kind, confirmed)
        post = self.trigger_after(amount.end, 0 if articled else _POST_GAP)
        if post is not None:
            return post[0], qstart, post[1] + 1
        if amount.articled:
            return None, qstart, noun_end
        inherited = self.inherited(qstart)
        if inherited is None:
            head = self.head_far_before(qstart, amount.first)
            if head is not None:
                return head[0], head[1], noun_end
        return inherited, qstart, noun_end

    def _state_noun_end(self, kind: Kind, end: int) -> int:
        """Include a casualty noun that states how the counted came out (أردوا اثنين منهم قتيلين)."""
        if end < self.n and self.breaks[end] == 0:
            fact = self.f[end]
            found = fact.trigger
            state = found.kind if found is not None and found.role == "noun" else None
            if (state or fact.dual_kind or fact.singular) == kind:
                return end + 1
        return end

    # --- one person, no number ----------------------------------------------------------------------

    def one_person(self, i: int, flags: int) -> _Figure | None:
        """A figure of one at token ``i``: a trigger before a person noun (وفاة مواطن), a verb and its
        accusative object (قتل مسلحون موظفاً), or a singular verb after its subject (رجلاً لقي حتفه)."""
        facts, breaks, n = self.f, self.breaks, self.n
        if flags & BEFORE_ONE and i + 1 < n and breaks[i + 1] == 0 and facts[i + 1].one_noun:
            return self.singular_at(i)
        if flags & OBJECT:
            figure = self.object_at(i)
            if figure is not None:
                return figure
        if flags & AFTER_ONE and i > self.floor and breaks[i] == 0 and facts[i - 1].one_person:
            return self.subject_at(i)
        return None

    def singular_at(self, i: int) -> _Figure | None:
        """A verbal noun or verb with one indefinite person noun: وفاة مواطن، مقتل قائد، إصابة جندي."""
        facts = self.f
        found = facts[i].trigger
        if found is None or found.role != "pre" or i + 1 >= self.n or self.breaks[i + 1]:
            return None
        if not facts[i + 1].one_noun:
            return None
        if i + 2 < self.n and facts[i + 2].one_after_noun:
            return None  # شخص واحد: the amount path reads it
        end = self.confirm_end(found, i + 2)
        if end is None or self.is_disease(i, end):
            return None
        return _Figure(found.kind, 1, "exact", i, self._state_noun_end(found.kind, end))

    def object_at(self, i: int) -> _Figure | None:
        """A killing or wounding verb whose object is one person in the accusative, after its subject:
        قتل مسلحون مجهولون موظفاً، أردت رصاصة طائشة طفلاً."""
        facts, breaks = self.f, self.breaks
        kind = facts[i].object_kind
        if kind is None:
            return None
        for k in range(i + 1, min(self.n, i + 4)):
            if breaks[k]:
                return None
            fact = facts[k]
            if fact.accusative or (fact.feminine and k > i + 1):  # (right after the verb: passive)
                if self.is_disease(i, k + 1):
                    return None
                return _Figure(kind, 1, "exact", i, self._state_noun_end(kind, k + 1))
            if fact.numberish or fact.trigger is not None or fact.one_noun or (fact.dual and self._dual_at(k)):
                return None
        return None

    def subject_at(self, i: int) -> _Figure | None:
        """A singular verb after the one person it tells of: رجلاً لقي حتفه، إن جندياً أصيب — unless
        the verb has a subject of its own after it (قال مسؤول أصيب 3 أشخاص)."""
        facts = self.f
        found = facts[i].trigger
        if found is None:
            return None
        nxt = i + 1
        if nxt < self.n and self.breaks[nxt] == 0:
            fact = facts[nxt]
            if fact.numberish or fact.one_person or (fact.dual and self._dual_at(nxt)) or fact.trigger is not None:
                return None
            if fact.qualifier_first:
                return None  # وأصيب أكثر من 4000
        end = self.confirm_end(found, nxt)
        if end is None or self.is_disease(i - 1, end):
            return None
        return _Figure(found.kind, 1, "exact", i - 1, end)

    def run(self) -> list[_Figure]:
        figures: list[_Figure] = []
        kinds = list(map(_START, self.f))
        i = 0  # the next token a figure may start at
        for candidate in compress(range(self.n), kinds):
            if candidate < i:
                continue
            self.floor = i
            flags = kinds[candidate]
            figure = self.figure_at(candidate) if flags & AMOUNT else None
            if figure is None and flags & ONE_FLAGS:
                figure = self.one_person(candidate, flags)
            if figure is not None:
                found = self.joined(figure) if flags & AMOUNT else (figure,)
                figures.extend(found)
                self.last = found[-1]
                i = max(candidate + 1, found[-1].end)
        return figures

    def joined(self, figure: _Figure) -> tuple[_Figure, ...]:
        """A figure of two kinds joined by و: قتل وجرح العشرات، مصرع وإصابة 12 شخصاً، عشرات القتلى
        والجرحى. The text gives one count for both, so each kind gets it as stated (the span shows the
        joint phrase): the killed cannot be told from the injured, and neither kind may go unreported."""
        facts, breaks, words = self.f, self.breaks, self.words
        first, end = figure.first, figure.end
        before = facts[first].trigger if words[first][0] == "و" else None
        if before is not None and before.kind == figure.kind and first > 0 and not breaks[first]:
            other = facts[first - 1].trigger
            if before.role == "pre" and _other_kind(other, "pre", figure.kind):
                return (figure._replace(kind=other.kind, first=first - 1), figure._replace(first=first - 1))  # type: ignore[union-attr]
        if end < self.n and not breaks[end] and words[end][0] == "و":
            last = facts[end - 1].trigger
            other = facts[end].trigger
            if last is not None and last.role == "noun" and _other_kind(other, "noun", figure.kind):
                return (figure._replace(end=end + 1), figure._replace(kind=other.kind, end=end + 1))  # type: ignore[union-attr]
        return (figure,)


def _other_kind(trigger: Trigger | None, role: str, kind: Kind) -> bool:
    """Whether ``trigger`` is one of ``role`` for another kind than ``kind`` (and needs no confirming)."""
    return trigger is not None and trigger.role == role and trigger.kind != kind and not trigger.confirm


class CasualtyData(TypedDict):
    """A ``Casualty`` as plain data (the engine validates all of an analysis at once)."""

    kind: Kind
    count: int | None
    qualifier: Qualifier
    text: str
    start: int
    end: int


def casualty_data(prepared: PreparedText, start: int = 0) -> list[CasualtyData]:
    """Casualty figures of a text, in order, with spans into the original text, as plain data.

    ``start``: a normalised offset that begins a sentence; the figures before it are not read."""
    hits = trigger_hits(prepared.words)
    if start and hits:
        hits = hits[bisect_left(hits, start) :]
    if not hits:
        return []
    tokens = tokenize(prepared, windows(prepared.words, hits))
    figures = _Finder(prepared, tokens).run()
    if not figures:
        return []
    starts, ends, original = tokens.starts, tokens.ends, prepared.original
    spans = prepared.original_spans([(starts[f.first], ends[f.end - 1]) for f in figures])
    return [
        {"kind": f.kind, "count": f.number, "qualifier": f.qualifier, "text": original[s:e], "start": s, "end": e}
        for f, (s, e) in zip(figures, spans, strict=True)
    ]


def find_casualties(prepared: PreparedText) -> list[Casualty]:
    """Casualty figures of a text, in order, with spans into the original text."""
    return [Casualty.model_validate(data) for data in casualty_data(prepared)]
