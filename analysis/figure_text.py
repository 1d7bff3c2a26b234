"""The text a casualty figure is read from: its figure tokens, their word facts, and the figure shapes.

``FigureText`` holds one text's tokens (``analysis.figure_tokens``) and the facts of each token
(``analysis.figure_words``); the reading functions of ``analysis.figure_amounts``,
``analysis.figure_qualifiers``, ``analysis.figure_triggers``, ``analysis.figure_heads`` and
``analysis.figure_persons`` take it as their first argument. ``Amount`` and ``Figure`` are what they
return.
"""

from __future__ import annotations

import re
from itertools import compress
from operator import attrgetter
from typing import NamedTuple

from mediamon.analysis.figure_tokens import FigureTokens
from mediamon.analysis.figure_words import DUAL, DUAL_IF_VOWELLED, FACTS, WordFacts, stem_in
from mediamon.analysis.figures_lexicon import CASE_COUNT_NOUNS, DEADLY_CAUSES, PATIENTS_OF, WHO_OF, Kind
from mediamon.analysis.normalize import PreparedText
from mediamon.schema import Qualifier

DISEASE_AFTER = 4  # words after a figure where an illness rules it out (إصابات كورونا)
DISEASE_BEFORE = 4  # words before a figure, in its sentence, where an illness rules it out (الملاريا قد تحصد…)
CASES_BACK = 40  # words back, in its sentence, where an illness rules out a count of cases (``CASE_COUNT_NOUNS``)
_FATHA_DUAL_RE = re.compile("\u064e\u0651?\u064a\u0652?\u0646$|\u0651\u064e\u064a\u0652?\u0646$")
_COUNT_HEAD = attrgetter("count_head")
_DISEASE = attrgetter("disease")


class Amount(NamedTuple):  # (named tuples: several are made per figure, and they are cheap)
    value: int | None
    first: int  # first token (a noun before واحد/اثنين belongs to the amount)
    end: int  # token after the amount
    kind: Kind | None = None  # a dual or singular casualty noun names its own kind
    has_noun: bool = False  # a dual noun is its own counted noun
    articled: bool = False  # a number with the article: the adjective of the noun before it


class Figure(NamedTuple):
    kind: Kind
    number: int | None  # the count (``count`` is a tuple method)
    qualifier: Qualifier
    first: int
    end: int


class FigureText:
    """One text's figure tokens and their facts, and where the next figure may begin (``floor``)."""

    def __init__(self, prepared: PreparedText, tokens: FigureTokens) -> None:
        self.prepared = prepared
        self.t = tokens
        self.words = tokens.words
        self.breaks = tokens.breaks
        self.f: tuple[WordFacts, ...] = FACTS.values(tokens.words)
        self.n = len(tokens.words)
        self.floor = 0  # the first token not taken by a figure already found
        self._heads: list[int] | None = None  # where عدد / حصيلة stand (worked out when first asked)

    def heads(self) -> list[int]:
        """The indices of عدد / حصيلة, in order."""
        if self._heads is None:
            self._heads = list(compress(range(self.n), map(_COUNT_HEAD, self.f)))
        return self._heads

    def dual_at(self, i: int) -> bool:
        """Whether token ``i`` is a person dual (جنديين; مدنيَّين only when vowelled as a dual)."""
        dual = self.f[i].dual
        if dual == DUAL:
            return True
        if dual == DUAL_IF_VOWELLED:
            start, end = self.prepared.original_span(self.t.starts[i], self.t.ends[i])
            return _FATHA_DUAL_RE.search(self.prepared.original[start:end]) is not None
        return False

    def is_disease(self, first: int, end: int) -> bool:
        """Whether an illness is named around tokens ``first..end`` (in the sentence after them)."""
        facts, breaks = self.f, self.breaks
        lo, stop = max(0, first - DISEASE_BEFORE), min(self.n, end + DISEASE_AFTER)
        if not any(map(_DISEASE, facts[lo:stop])):  # (C-level: most figures have no illness near)
            return self._cases_of_illness_before(first, end)
        for k in range(first, lo, -1):  # not across a sentence break before the figure
            if breaks[k] == 2:
                lo = k
                break
        for k in range(lo, stop):
            if k >= end and breaks[k] == 2:  # (the next sentence)
                break
            if facts[k].disease and not (k > end and self._patients_in_a_deadly_event(k, end)):
                return True
        return False

    def _cases_of_illness_before(self, first: int, end: int) -> bool:
        """Whether a count of cases (إصابة، إصابات، وفاة، وفيات after the number) stands in a sentence that
        named an illness earlier, further back than ``DISEASE_BEFORE`` (تسجيل 412 إصابة جديدة بالكوليرا …،
        لترتفع الحالات التراكمية إلى أكثر من 38 ألف إصابة; عدد الإصابات بالحمى النزفية بلغ 212 إصابة، بينها
        19 حالة وفاة) — with no fire, blast, attack or accident told before it in the sentence."""
        if CASE_COUNT_NOUNS.isdisjoint(self.words[first:end]):
            return False
        facts, breaks, words = self.f, self.breaks, self.words
        for k in range(first - 1, max(-1, first - 1 - CASES_BACK), -1):
            if words[k] in DEADLY_CAUSES:
                return False
            if facts[k].disease:
                return DEADLY_CAUSES.isdisjoint(words[self._sentence_start(k) : k])
            if breaks[k] == 2:
                return False
        return False

    def _sentence_start(self, k: int) -> int:
        breaks = self.breaks
        while k > 0 and breaks[k] != 2:
            k -= 1
        return k

    def _patients_in_a_deadly_event(self, k: int, end: int) -> bool:
        """Whether the illness at token ``k``, after the figure that ends at ``end``, says who the dead were
        (معظمهم من مرضى كورونا، بينهم مصابون بأمراض مزمنة) in a sentence that tells a fire, blast or attack
        before it: a death toll, not a disease's."""
        words, breaks = self.words, self.breaks
        if words[k - 1] not in PATIENTS_OF and WHO_OF.isdisjoint(words[end:k]):
            return False
        start = k - 1
        while start > 0 and breaks[start] != 2:
            start -= 1
        return any(stem_in(word, DEADLY_CAUSES) for word in words[start:k])
