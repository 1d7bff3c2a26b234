"""The analysis engine: language, alerts, topics, places and casualty figures of one article.

Pure: rules and gazetteer are loaded once when the ``Engine`` is built; ``analyze`` does no I/O.

Title and text are both analysed. Offsets in the output index ``text`` as given (the contract), so:
- alert ``matches`` and ``casualties`` come from ``text`` only, with offsets into ``text``;
- a title match still counts towards an alert (and its topics) — an alert raised by the title alone
  carries no spans (``matches == []``), the title itself being the phrase to show;
- places and countries come from both (they carry no offsets), title first.
A casualty figure that overlaps a match dropped by an exclusion of a rule that takes figures of its
kind (``from_figures``) is no casualty: it leaves the figures as well as the alert (ضحايا الاحتيال،
إصابات في خط الدفاع، أنقذت أرواح 12 شخصاً).
Non-Arabic text gets its language code and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from mediamon.analysis.fact_settings import Settings, apart, headline_end, joined
from mediamon.analysis.figures import CasualtyData, casualty_data
from mediamon.analysis.gazetteer import Gazetteer, find_places_in, load_gazetteer
from mediamon.analysis.language import SAMPLE_CHARS, detect_language
from mediamon.analysis.matcher import Matcher
from mediamon.analysis.normalize import PreparedText
from mediamon.analysis.rules import Rule, RuleSet, load_rules_dir
from mediamon.analysis.tokens import Words
from mediamon.schema import Analysis, Place, Span
from mediamon.settings import get_settings

FindCasualties = Callable[[PreparedText, int], list[CasualtyData]]
"""Figures of a prepared text from a normalised offset on (``analysis.figures.casualty_data``)."""

# Marks the normaliser deletes; a reported phrase extends over those that trail its last letter.
_MARKS = "\u064b-\u065f\u0670\u0640\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
_TRAILING_MARKS = re.compile(f"[{_MARKS}]*")
_MARK_CHARS = frozenset(c for c in map(chr, range(0x0640, 0x06EE)) if _TRAILING_MARKS.fullmatch(c))


# A rule's kept and suppressed matches, as normalised (start, end).
_Spans = tuple[list[tuple[int, int]], list[tuple[int, int]]]
_NO_MATCHES: tuple[int, _Spans] = (0, ([], []))

# A phrase of the original text as (start, end, text): turned into ``Span`` objects by pydantic when
# the whole ``Analysis`` is validated at once (much cheaper than one model per phrase).
_Phrase = tuple[int, int, str]


def original_span(prepared: PreparedText, start: int, end: int) -> Span:
    """The original phrase for a normalised ``[start, end)``, with trailing diacritics included."""
    ostart, oend, text = original_spans(prepared, [(start, end)])[0]
    return Span(text=text, start=ostart, end=oend)


def original_spans(prepared: PreparedText, spans: list[tuple[int, int]]) -> list[_Phrase]:
    """``original_span`` of each normalised ``(start, end)`` (all non-empty), as (start, end, text)."""
    original = prepared.original
    size = len(original)
    out = []
    for ostart, oend in prepared.original_spans(spans):
        if oend < size and original[oend] in _MARK_CHARS:
            oend = _TRAILING_MARKS.match(original, oend).end()  # type: ignore[union-attr]
        out.append((ostart, oend, original[ostart:oend]))
    return out


# ``Analysis.model_validate`` without its Python-level wrapper (the same pydantic-core validator).
_validate = Analysis.__pydantic_validator__.validate_python


class _Found(NamedTuple):
    """What one rule found in an article: the phrases to show (alerts only) and how many matches."""

    spans: list[_Phrase]
    title_count: int
    total: int  # matches in title and text


class Engine:
    """Loads rules and gazetteer once; ``analyze`` is pure and may be called from many threads."""

    def __init__(
        self,
        rules: RuleSet | None = None,
        *,
        rules_dir: Path | None = None,
        gazetteer: Gazetteer | None = None,
        find_casualties: FindCasualties | None = None,
        force_langdetect: bool | None = None,
    ) -> None:
        self.rules = rules if rules is not None else load_rules_dir(rules_dir or get_settings().rules_dir)
        self.matcher = Matcher(self.rules)
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self.find_casualties = find_casualties if find_casualties is not None else casualty_data
        self.force_langdetect = force_langdetect
        self._counted = tuple(r for r in self.rules.rules if r.kind == "topic" and not r.from_figures)
        self._limits = {r.id: r.min_matches for r in self._counted}
        self._figure_rules = tuple(r for r in self.rules.rules if r.from_figures)
        # (rule, its id, whether it is counted only, its min_matches), looked up once
        self._plans = tuple((r, r.id, r.id in self._limits, r.min_matches) for r in self.rules.rules)

    def analyze(self, id: str, title: str, text: str) -> Analysis:
        # The language is decided on the first SAMPLE_CHARS characters of title and text.
        sample = f"{title}\n{text[:SAMPLE_CHARS]}"
        language = detect_language(sample, force_langdetect=self.force_langdetect)
        if language != "ar":
            return Analysis(id=id, language=language)
        article = _Article.of(title, text)
        casualties = article.body_figures(self.find_casualties(article.prepared, article.head_end + 1)) if text else []
        found, casualties = self._found(article, casualties)
        places, countries = self._places(article.prepared)
        facts = _facts(casualties, text, self.gazetteer, article.prepared.words, len(places)) if casualties else []
        analysis: Analysis = _validate(
            {
                "id": id,
                "language": language,
                "alerts": [_alert(rule, f) for rule, f in found if rule.kind == "alert"],
                "topics": _topics(found),
                "countries": countries,
                "places": places,
                "casualties": facts,
            }
        )
        return analysis

    def _found(
        self, article: _Article, casualties: list[CasualtyData]
    ) -> tuple[list[tuple[Rule, _Found]], list[CasualtyData]]:
        """What each rule found (rules that fire only), and the casualty figures the rules' exclusions
        leave standing."""
        # A topic rule only has to reach min_matches (its spans are never shown): it stops there.
        by_rule: dict[str, tuple[int, _Spans]] = {}
        split = article.split
        for rule, kept, dropped in self.matcher.spans_by_rule(
            article.prepared.words, keep_suppressed=True, limits=self._limits
        ):
            title_count, body_kept = split(kept)
            by_rule[rule.id] = (title_count, (body_kept, split(dropped)[1] if dropped else dropped))
        if casualties:
            casualties = self._kept_figures(casualties, by_rule, article)
        out: list[tuple[Rule, _Found]] = []
        spans: list[_Phrase]
        for rule, rule_id, counted, min_matches in self._plans:
            if rule_id not in by_rule and not rule.from_figures:
                continue  # nothing found: no count reaches min_matches (at least 1)
            title_count, (kept, _) = by_rule.get(rule_id, _NO_MATCHES)
            if counted:
                spans = []
                count = len(kept) + title_count  # merged, kept matches (none is suppressed here)
            else:
                spans = article.original_spans(kept) if kept else []
                if rule.from_figures:
                    spans = _merge_spans(spans + _figure_spans(rule, casualties))
                count = len(spans) + title_count
            if count >= min_matches:
                out.append((rule, _Found(spans, title_count, count)))
        return out, casualties

    def _kept_figures(
        self, casualties: list[CasualtyData], by_rule: dict[str, tuple[int, _Spans]], article: _Article
    ) -> list[CasualtyData]:
        """The figures that overlap no match an exclusion dropped, of a rule taking their kind."""
        dropped: list[tuple[str, int, int]] = []  # (kind, start, end) in the original text
        for rule in self._figure_rules:
            suppressed = by_rule.get(rule.id, _NO_MATCHES)[1][1]
            if suppressed:
                spans = article.original_spans(suppressed)
                dropped.extend((kind, start, end) for kind in rule.from_figures for start, end, _ in spans)
        if not dropped:
            return casualties
        return [
            c
            for c in casualties
            if not any(kind == c["kind"] and start < c["end"] and c["start"] < end for kind, start, end in dropped)
        ]

    def _places(self, prepared: PreparedText) -> tuple[list[Place], list[str]]:
        """Places and countries of title and text (title first: they are one text here)."""
        if not prepared.norm:
            return [], []
        found: tuple[list[Place], list[str]] = find_places_in(
            self.gazetteer, prepared.words, prepared.original
        )
        return found


class _Article:
    """Title and text prepared as one text, ``title + "\n" + text``, so that each step reads the words
    once: the line break is a sentence break, so no phrase, window or figure crosses from the title
    into the text. Matches and figures are split back by offset: offsets into the text (the contract)
    are those into the joined text less the title and its line break."""

    def __init__(self, prepared: PreparedText, head_end: int, shift: int) -> None:
        self.prepared = prepared
        self.head_end = head_end  # normalised offset of the line break after the title (-1: no title)
        self.shift = shift  # original offset where the text begins

    @classmethod
    def of(cls, title: str, text: str) -> _Article:
        if not title:
            return cls(PreparedText.of(text), -1, 0)
        prepared = PreparedText.of(f"{title}\n{text}")
        # Normalisation never adds, deletes or replaces a line break: the joining one is the normalised
        # text's line break number (the title's own line breaks + 1), i.e. len(normalize(title)).
        norm, head_end = prepared.norm, -1
        for _ in range(title.count("\n") + 1):
            head_end = norm.find("\n", head_end + 1)
        return cls(prepared, head_end, len(title) + 1)

    def split(self, spans: list[tuple[int, int]]) -> tuple[int, list[tuple[int, int]]]:
        """How many of the (normalised) spans are in the title, and the others (those in the text)."""
        head_end = self.head_end
        if head_end < 0 or not spans or spans[0][0] > head_end:
            return 0, spans
        body = [span for span in spans if span[0] > head_end]
        return len(spans) - len(body), body

    def original_spans(self, spans: list[tuple[int, int]]) -> list[_Phrase]:
        """``original_spans`` of normalised spans in the text, as offsets into the text."""
        found = original_spans(self.prepared, spans)
        shift = self.shift
        return [(start - shift, end - shift, phrase) for start, end, phrase in found] if shift else found

    def body_figures(self, figures: list[CasualtyData]) -> list[CasualtyData]:
        """The figures in the text, with offsets into the text."""
        shift = self.shift
        if not shift:
            return figures
        out: list[CasualtyData] = []
        for figure in figures:
            if figure["start"] >= shift:
                figure["start"] -= shift
                figure["end"] -= shift
                out.append(figure)
        return out


def _facts(
    casualties: list[CasualtyData],
    text: str = "",
    gazetteer: Gazetteer | None = None,
    words: Words | None = None,
    places: int = 2,
) -> list[dict[str, Any]]:
    """Each distinct fact (kind, count, qualifier) once, in the order of its first mention, with the span
    of that mention and every mention that states it (a headline's «27 قتيلاً» and the body's «27 شخصاً
    لقوا حتفهم» are one fact, and one figure for the desk and any sum). Two mentions of the same counted
    fact that the text clearly separates (different places, or different days: ``analysis.fact_settings``)
    are two facts."""
    groups: dict[tuple[str, int | None, str], list[tuple[dict[str, Any], list[int]]]] = {}
    out: list[dict[str, Any]] = []
    settings: Settings | None = None
    _headline_qualifiers(casualties, text)
    for i, c in enumerate(casualties):  # (the engine's own dicts: the first mention's becomes the fact)
        key = (c["kind"], c["count"], c["qualifier"])
        mention = {"text": c["text"], "start": c["start"], "end": c["end"]}
        group = groups.get(key)
        if group is not None:
            if settings is None:
                settings = Settings(casualties, text, gazetteer, words, places)
            if c["count"] is None or not settings.may_separate():
                target: tuple[dict[str, Any], list[int]] | None = group[0]
            else:
                target = _same_event(group, settings, i)
            if target is not None:
                target[0]["mentions"].append(mention)
                target[1].append(i)
                continue
        c["mentions"] = [mention]  # type: ignore[typeddict-unknown-key, unused-ignore]
        groups.setdefault(key, []).append((c, [i]))  # type: ignore[arg-type, unused-ignore]
        out.append(c)  # type: ignore[arg-type, unused-ignore]
    return out


_QUALIFIED = frozenset({"at_least", "more_than", "about"})


def _headline_qualifiers(casualties: list[CasualtyData], text: str) -> None:
    """A headline's bare count takes the qualifier the body gives the same count of the same kind (17 قتيلاً
    in the headline, قتل 17 شخصاً على الأقل in the lead; إجلاء 120 عائلة … أجلت الفرق نحو 120 عائلة): the
    headline drops it for room, so they are one fact (blind set 15)."""
    head = headline_end(text) if text else -1
    if head < 0:
        return
    for c in casualties:
        if c["start"] >= head:
            break
        if c["qualifier"] != "exact" or c["count"] is None:
            continue
        for d in casualties:
            if d["start"] > head and d["kind"] == c["kind"] and d["count"] == c["count"]:
                if d["qualifier"] in _QUALIFIED:
                    c["qualifier"] = d["qualifier"]
                break


def _same_event(
    group: list[tuple[dict[str, Any], list[int]]], settings: Settings, i: int
) -> tuple[dict[str, Any], list[int]] | None:
    """The fact of ``group`` that mention ``i`` is not clearly apart from (by place or day), if any."""
    stretch = settings.stretch(i)
    for fact in group:  # the same stretch of text (a repeated sentence) is the same event, unread
        if any(settings.stretch(k) == stretch for k in fact[1]):
            return fact
    for fact in group:  # a headline's figure and the first in the body that restates it are one fact
        if len(fact[1]) == 1 and settings.headline(fact[1][0]) and not settings.headline(i):
            return fact
    setting = settings[i]
    for fact in group:
        if not apart(joined([settings[k] for k in fact[1]]), setting):
            return fact
    return None


def _alert(rule: Rule, found: _Found) -> dict[str, Any]:
    """An ``Alert`` as data for ``Analysis.model_validate``."""
    return {
        "rule": rule.id,
        "severity": rule.severity,
        "matches": [{"text": text, "start": start, "end": end} for start, end, text in found.spans],
    }


def _figure_spans(rule: Rule, casualties: list[CasualtyData]) -> list[_Phrase]:
    """Figures of the kinds a rule accepts (those its exclusions dropped are gone already)."""
    return [(c["start"], c["end"], c["text"]) for c in casualties if c["kind"] in rule.from_figures]


def _merge_spans(spans: Iterable[_Phrase]) -> list[_Phrase]:
    out: list[_Phrase] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if out and span[0] < out[-1][1]:
            continue  # overlaps the previous one, which starts no later and is at least as long here
        out.append(span)
    return out


def _topics(found: list[tuple[Rule, _Found]]) -> list[str]:
    topics: dict[str, None] = {}
    for rule, _ in found:
        if rule.kind == "topic":
            topics[rule.id] = None
        topics.update(dict.fromkeys(rule.topics))
    return list(topics)


@lru_cache(maxsize=1)
def default_engine() -> Engine:
    return Engine()


def analyze(id: str, title: str, text: str) -> Analysis:
    """Analyse one article with the default rules and gazetteer (loaded once)."""
    return default_engine().analyze(id, title, text)
