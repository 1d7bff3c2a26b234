"""Where and when a casualty mention happened, to tell two events with the same count apart.

Two figures with the same kind, count and qualifier are one fact with several mentions («27 قتيلاً» in
the lead, «27 شخصاً لقوا حتفهم» in the body) unless the text clearly separates them: each is told with
a place and the places differ (3 قتلى في كفرنبل … 3 قتلى في أريحا), or each with a day and the days
differ (الاثنين … الثلاثاء). A mention's *setting* is read from its stretch of the sentence: from the
end of the figure before it in the sentence (or the sentence start) to the start of the figure after
it (or the sentence end). Places are the gazetteer's names and the word after a place noun (بلدة
كفرنبل، بمدينة الموصل); days are the weekdays.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from mediamon.analysis.gazetteer import Gazetteer, find_places_in
from mediamon.analysis.normalize import PreparedText, normalize
from mediamon.analysis.tokens import Words

_WEEKDAYS = frozenset(
    map(normalize, ("الأحد", "الإثنين", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"))
)
_PLACE_NOUNS = frozenset(
    map(
        normalize,
        ("مدينة", "بلدة", "قرية", "محافظة", "ولاية", "إقليم", "منطقة", "حي", "مخيم", "ريف", "ناحية", "قضاء"),
    )
) | frozenset(map(normalize, ("مديرية", "بلدات", "قرى", "مدن")))
_CLITICS = ("و", "ف", "ب", "ل", "وب", "فب", "ول", "وف")
# What a place noun's next word says when it names no place (blind set 15): a kind of place (حي سكني، منطقة
# زراعية، المنطقة الصناعية), where it lies (قرية مجاورة، منطقة نائية), or whom it shelters (مخيم للنازحين).
_NOT_NAMES = frozenset(
    normalize(word)
    for words in (
        "سكني سكنية زراعي زراعية صناعي صناعية تجاري تجارية حدودي حدودية جبلي جبلية ساحلي ساحلية",
        "شعبي شعبية نائي نائية مجاور مجاورة قريب قريبة مكتظ مكتظة آمن آمنة محاصر محاصرة أخرى آخر",
        "عسكري عسكرية مدني مدنية واحد واحدة كامل كاملة بأكملها بأكمله",
    )
    for word in words.split(" ")
)
# A sentence break of the original text (a dot before a digit is a number's: 12.5، 1.234.567).
_BREAK_MARKS = ".!?;\n\r\u061f\u061b"


HEADLINE_WORDS = 24


class Setting(NamedTuple):
    places: frozenset[str]
    days: frozenset[str]


def apart(a: Setting, b: Setting) -> bool:
    """Whether two settings clearly separate their events: different places, or different days."""
    return bool(
        (a.places and b.places and a.places.isdisjoint(b.places)) or (a.days and b.days and a.days.isdisjoint(b.days))
    )


def joined(settings: Sequence[Setting]) -> Setting:
    return Setting(frozenset().union(*(s.places for s in settings)), frozenset().union(*(s.days for s in settings)))


class Settings:
    """The setting of each mention of one text's figures (``figures`` in order, offsets into ``text``),
    worked out when first asked."""

    def __init__(
        self,
        figures: Sequence[Mapping[str, Any]],
        text: str,
        gazetteer: Gazetteer | None,
        words: Words | None = None,
        places: int = 2,
    ) -> None:
        self.figures = figures
        self.words = words  # the words of the whole text (title and text), if at hand
        self.places = places  # how many places the gazetteer found in the whole text
        self.text = text
        self.gazetteer = gazetteer
        self._memo: dict[int, Setting] = {}
        self._by_stretch: dict[str, Setting] = {}
        self._stretches: dict[int, str] = {}
        self._ends: list[int] | None = None  # offsets right after each sentence break of the text
        self._may: bool | None = None
        self._head: int | None = None  # where the headline ends (-1: no headline)

    def may_separate(self) -> bool:
        """Whether any two mentions could be told apart at all: a weekday or a place noun in the text, or
        two places of the gazetteer (most texts have neither, and then nothing is read)."""
        if self._may is None:
            words = self.words
            self._may = words is None or self.places >= 2 or not _CUE_WORDS.isdisjoint(words.texts)
        return self._may

    def __getitem__(self, i: int) -> Setting:
        setting = self._memo.get(i)
        if setting is None:
            stretch = self.stretch(i)
            setting = self._by_stretch.get(stretch)
            if setting is None:
                setting = self._by_stretch[stretch] = self._read(stretch)
            self._memo[i] = setting
        return setting

    def headline(self, i: int) -> bool:
        """Whether mention ``i`` stands on a headline (``headline_end``: a feed that gives no title puts it
        on the text's first line). A headline names the region and
        the body the town (بإقليم سيستان وبلوشستان … في مدينة زاهدان; ولاية الجزيرة … ود مدني), so a figure
        it states is the first one the body restates, whatever their places (blind set 15)."""
        if self._head is None:
            self._head = headline_end(self.text)
        start: int = self.figures[i]["start"]
        return start < self._head

    def stretch(self, i: int) -> str:
        """The stretch of its sentence that mention ``i`` is read from."""
        found = self._stretches.get(i)
        if found is None:
            found = self._stretches[i] = self._stretch(i)
        return found

    def _stretch(self, i: int) -> str:
        text, figures = self.text, self.figures
        start, end = figures[i]["start"], figures[i]["end"]
        ends = self._ends
        if ends is None:
            ends = self._ends = _sentence_ends(text)
        k = bisect_right(ends, start)
        lo = ends[k - 1] if k else 0
        k = bisect_left(ends, end + 1, k)
        hi = ends[k] - 1 if k < len(ends) else len(text)
        if i > 0 and figures[i - 1]["end"] > lo:
            before = min(figures[i - 1]["end"], start)
            lo = _clause_cut(text, before, start, before)
        if i + 1 < len(figures) and figures[i + 1]["start"] < hi:
            after = max(figures[i + 1]["start"], end)
            hi = _clause_cut(text, end, after, after)
        return text[lo:hi]

    def _read(self, stretch: str) -> Setting:
        words = PreparedText.of(stretch).words
        texts = words.texts
        places: set[str] = set()
        days: set[str] = set()
        for k, word in enumerate(texts):
            bare = _bare(word, _WEEKDAYS)
            if bare is not None:
                days.add(bare)
            elif _bare(word, _PLACE_NOUNS) is not None and k + 1 < len(texts) and _names(texts[k + 1]):
                places.add(texts[k + 1])
        if self.gazetteer is not None:
            places.update(normalize(p.name) for p in find_places_in(self.gazetteer, words)[0])
        return Setting(frozenset(places), frozenset(days))


def headline_end(text: str) -> int:
    """Where the text's headline ends: its first line, of at most ``HEADLINE_WORDS`` words, not ended by a full
    stop (ليبيا.. إجلاء 120 عائلة is one), when a line follows (-1 when there is none)."""
    end = text.find("\n")
    line = text[:end] if end > 0 else ""
    return end if line and not line.rstrip().endswith(".") and len(line.split()) <= HEADLINE_WORDS else -1


def _names(word: str) -> bool:
    """Whether the word after a place noun may be the place's name: not another place noun (قرية بولاية
    الجزيرة), not a word of kind or position (``_NOT_NAMES``), not a phrase with لل (مخيم للنازحين)."""
    return (
        word not in _NOT_NAMES
        and not word.startswith("لل")
        and _bare(word, _PLACE_NOUNS) is None
        and _bare(word, _WEEKDAYS) is None
    )


def _sentence_ends(text: str) -> list[int]:
    """Offsets right after each sentence break of ``text`` (``_BREAK_MARKS``), one C ``find`` per mark."""
    found: list[int] = []
    find, append = text.find, found.append
    for mark in _BREAK_MARKS:
        at = find(mark)
        while at >= 0:
            if mark != "." or not text[at + 1 : at + 2].isdigit():
                append(at + 1)
            at = find(mark, at + 1)
    found.sort()
    return found


# A weekday or a place noun, bare or with a clitic prefix: ``_bare(word, …)`` is not None exactly for these.
_CUE_WORDS = frozenset(clitic + name for name in _WEEKDAYS | _PLACE_NOUNS for clitic in ("", *_CLITICS))


def _clause_cut(text: str, lo: int, hi: int, shared: int) -> int:
    """Where the stretch between two figures of one sentence is split between them: at its last comma,
    else before its last word joined by و (… يوم الأحد، وفي هجوم آخر يوم الخميس قتل …); else ``shared``
    (the stretch is both figures')."""
    cut = max(text.rfind("،", lo, hi), text.rfind(",", lo, hi))
    if cut < 0:
        cut = text.rfind(" و", lo, hi)
    return cut + 1 if cut >= 0 else shared


def _bare(word: str, names: frozenset[str]) -> str | None:
    """``word`` or it without a clitic prefix, when it is one of ``names``."""
    if word in names:
        return word
    for clitic in _CLITICS:
        if word.startswith(clitic) and word[len(clitic) :] in names:
            return word[len(clitic) :]
    return None
