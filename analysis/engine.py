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

import importlib
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from analysis.gazetteer import Gazetteer, find_places_in, load_gazetteer
from analysis.language import SAMPLE_CHARS, detect_language
from analysis.matcher import Matcher
from analysis.normalize import PreparedText
from analysis.rules import Rule, RuleSet, load_rules_dir
from mediamon.schema import Analysis, Casualty, Place, Span
from mediamon.settings import get_settings

FindCasualties = Callable[[PreparedText], list[Casualty]]

# Marks the normaliser deletes; a reported phrase extends over those that trail its last letter.
_MARKS = "\u064b-\u065f\u0670\u0640\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
_TRAILING_MARKS = re.compile(f"[{_MARKS}]*")
_MARK_CHARS = frozenset(c for c in map(chr, range(0x0640, 0x06EE)) if _TRAILING_MARKS.fullmatch(c))


def _no_casualties(_: PreparedText) -> list[Casualty]:
    return []


def _load_figures() -> FindCasualties:
    try:
        module = importlib.import_module("analysis.figures")
    except ModuleNotFoundError as exc:
        if exc.name != "analysis.figures":
            raise
        return _no_casualties
    finder: FindCasualties = module.find_casualties
    return finder


# A rule's kept and suppressed matches, as normalised (start, end).
_Spans = tuple[list[tuple[int, int]], list[tuple[int, int]]]
_NOTHING: _Spans = ([], [])

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
        self.find_casualties = find_casualties if find_casualties is not None else _load_figures()
        self.force_langdetect = force_langdetect
        self._counted = tuple(r for r in self.rules.rules if r.kind == "topic" and not r.from_figures)
        self._limits = {r.id: r.min_matches for r in self._counted}
        self._figure_rules = tuple(r for r in self.rules.rules if r.from_figures)

    def analyze(self, id: str, title: str, text: str) -> Analysis:
        # The language is decided on the first SAMPLE_CHARS characters of title and text.
        sample = f"{title}\n{text[:SAMPLE_CHARS]}"
        language = detect_language(sample, force_langdetect=self.force_langdetect)
        if language != "ar":
            return Analysis(id=id, language=language)
        body = PreparedText.of(text)
        head = PreparedText.of(title)
        casualties = self.find_casualties(body) if text else []
        found, casualties = self._found(body, head, casualties)
        places, countries = self._places(head, body)
        return Analysis.model_validate(
            {
                "id": id,
                "language": language,
                "alerts": [_alert(rule, f) for rule, f in found if rule.kind == "alert"],
                "topics": _topics(found),
                "countries": countries,
                "places": places,
                "casualties": casualties,
            }
        )

    def _found(
        self, body: PreparedText, head: PreparedText, casualties: list[Casualty]
    ) -> tuple[list[tuple[Rule, _Found]], list[Casualty]]:
        """What each rule found (rules that fire only), and the casualty figures the rules' exclusions
        leave standing."""
        title_counts: dict[str, int] = {}
        if head.norm:
            for rule, kept, _ in self.matcher.spans_by_rule(head.words):
                title_counts[rule.id] = len(kept)
        # A topic rule only has to reach min_matches (its spans are never shown): it stops there.
        limits = self._limits
        if title_counts:
            limits = {r.id: max(0, r.min_matches - title_counts.get(r.id, 0)) for r in self._counted}
        by_rule = {
            rule.id: (kept, dropped)
            for rule, kept, dropped in self.matcher.spans_by_rule(body.words, keep_suppressed=True, limits=limits)
        }
        if casualties:
            casualties = self._kept_figures(casualties, by_rule, body)
        out: list[tuple[Rule, _Found]] = []
        for rule in self.rules.rules:
            kept, _ = by_rule.get(rule.id, _NOTHING)
            title_count = title_counts.get(rule.id, 0)
            if rule.id in limits:
                spans: list[_Phrase] = []
                count = len(kept) + title_count  # merged, kept matches (none is suppressed here)
            else:
                spans = original_spans(body, kept) if kept else []
                if rule.from_figures:
                    spans = _merge_spans(spans + _figure_spans(rule, casualties))
                count = len(spans) + title_count
            if count >= rule.min_matches:
                out.append((rule, _Found(spans, title_count, count)))
        return out, casualties

    def _kept_figures(
        self, casualties: list[Casualty], by_rule: dict[str, _Spans], body: PreparedText
    ) -> list[Casualty]:
        """The figures that overlap no match an exclusion dropped, of a rule taking their kind."""
        dropped: list[tuple[str, int, int]] = []  # (kind, start, end) in the original text
        for rule in self._figure_rules:
            suppressed = by_rule.get(rule.id, _NOTHING)[1]
            if suppressed:
                spans = original_spans(body, suppressed)
                dropped.extend((kind, start, end) for kind in rule.from_figures for start, end, _ in spans)
        if not dropped:
            return casualties
        return [
            c
            for c in casualties
            if not any(kind == c.kind and start < c.end and c.start < end for kind, start, end in dropped)
        ]

    def _places(self, head: PreparedText, body: PreparedText) -> tuple[list[Place], list[str]]:
        places: dict[str, Place] = {}
        countries: dict[str, None] = {}
        for prepared in (head, body):
            if not prepared.norm:
                continue
            found_places, found_countries = find_places_in(self.gazetteer, prepared.words)
            for place in found_places:
                places.setdefault(place.name, place)
            countries.update(dict.fromkeys(found_countries))
        return list(places.values()), list(countries)


def _alert(rule: Rule, found: _Found) -> dict[str, Any]:
    """An ``Alert`` as data for ``Analysis.model_validate``."""
    return {
        "rule": rule.id,
        "severity": rule.severity,
        "matches": [{"text": text, "start": start, "end": end} for start, end, text in found.spans],
    }


def _figure_spans(rule: Rule, casualties: list[Casualty]) -> list[_Phrase]:
    """Figures of the kinds a rule accepts (those its exclusions dropped are gone already)."""
    return [(c.start, c.end, c.text) for c in casualties if c.kind in rule.from_figures]


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
