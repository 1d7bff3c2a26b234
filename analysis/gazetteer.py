"""Countries and places named in a text, found in one Aho-Corasick pass over the normalised text.

Every name is indexed in normalised form. A hit counts only when it ends a word and whatever precedes
it inside its word is a clitic prefix allowed for that name (وروسيا، بموسكو، لأرمينيا، والأرمنية).
A name that starts with the article is indexed without it and then requires an articled prefix, so
للجزائر (ل + الجزائر) is found as well as والجزائر. Of overlapping hits the leftmost-longest wins
(جنوب السودان over السودان). A place implies its country.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick

from analysis.gazetteer_data import CountryEntry, GazetteerData, PlaceEntry, Term, as_term, load_data
from analysis.morph import ARTICLE, CLITIC_PREFIX_SET, MAX_PREFIX_LEN
from analysis.normalize import PreparedText, normalize
from mediamon.errors import ConfigError
from mediamon.schema import Place

ADJECTIVE_ENDINGS = ("", "ه", "ان", "ين", "ون", "تان", "تين")
"""Nisba inflections derived from a masculine singular adjective: روسي → روسية، روسيان، روسيين..."""

_ARTICLED = frozenset(p for p in CLITIC_PREFIX_SET if p.endswith((ARTICLE, "لل")))
_BARE = frozenset(p for p in CLITIC_PREFIX_SET if p not in _ARTICLED)
_CLITIC_LOOKBACK = MAX_PREFIX_LEN + 1
_LOOKAROUND = 40


@dataclass(frozen=True, slots=True)
class _Candidate:
    """One indexed form of a name: where it leads (country code, and the place if any) and its conditions."""

    iso2: str
    place: Place | None
    length: int
    prefixes: frozenset[str]
    context: tuple[str, ...]
    not_before: tuple[str, ...]
    not_after: tuple[str, ...]


@dataclass(frozen=True)
class Gazetteer:
    """The compiled gazetteer: an automaton from normalised forms to candidates."""

    automaton: Any
    countries: tuple[CountryEntry, ...]
    places: tuple[PlaceEntry, ...]

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(c.iso2 for c in self.countries)


def _prefixes(term: Term, stem_after_article: bool) -> frozenset[str]:
    allowed = _ARTICLED if stem_after_article else CLITIC_PREFIX_SET if term.article else _BARE
    if not term.clitics:
        allowed = frozenset(p for p in allowed if p in ("", ARTICLE))
    return allowed


def _candidates(term: Term, iso2: str, place: Place | None) -> list[tuple[str, _Candidate]]:
    """The indexed keys of a term: the term itself, or its stem when it starts with the article."""
    norm = normalize(term.term)
    extra: dict[str, Any] = {
        "iso2": iso2,
        "place": place,
        "context": tuple(normalize(c) for c in term.context),
        "not_before": tuple(normalize(c) for c in term.not_before),
        "not_after": tuple(normalize(c) for c in term.not_after),
    }
    # Only a written article counts: أل (ألمانيا، ألباني) normalises to ال but is part of the name.
    if term.term.startswith(ARTICLE) and norm.startswith(ARTICLE) and len(norm) > len(ARTICLE) + 1:
        stem = norm[len(ARTICLE) :]
        return [(stem, _Candidate(length=len(stem), prefixes=_prefixes(term, True), **extra))]
    return [(norm, _Candidate(length=len(norm), prefixes=_prefixes(term, False), **extra))]


def _adjective_terms(adjective: Term) -> list[Term]:
    return [adjective.model_copy(update={"term": adjective.term + ending}) for ending in ADJECTIVE_ENDINGS]


def _country_terms(country: CountryEntry) -> list[Term]:
    terms = [as_term(n) for n in country.names]
    if country.match_name:
        terms.insert(0, Term(term=country.name))
    for adjective in country.adjectives:
        terms.extend(_adjective_terms(as_term(adjective)))
    return terms


def _place_terms(place: PlaceEntry) -> list[Term]:
    names = [as_term(n) for n in place.names]
    return [Term(term=place.name), *names] if place.match_name else names


def compile_gazetteer(data: GazetteerData) -> Gazetteer:
    """Index every form of every name.

    Places come first so that they win ties with countries; among readings of one word, those with a
    ``context`` condition are tried first (طرابلس in a text about Lebanon, else Libya).
    """
    index: dict[str, list[_Candidate]] = {}
    for entry in data.places:
        place = Place(name=entry.name, country=entry.country, lat=entry.lat, lon=entry.lon)
        for term in _place_terms(entry):
            for key, cand in _candidates(term, entry.country, place):
                index.setdefault(key, []).append(cand)
    for country in data.countries:
        for term in _country_terms(country):
            for key, cand in _candidates(term, country.iso2, None):
                bucket = index.setdefault(key, [])
                if cand not in bucket:
                    bucket.append(cand)
    automaton = ahocorasick.Automaton()
    for key, bucket in index.items():
        # A name that needs context is tried before the unconditional reading of the same word.
        cands = sorted(bucket, key=lambda cand: not cand.context)
        if not key.strip():
            raise ConfigError(f"gazetteer: a name normalises to nothing ({cands[0].iso2})")
        automaton.add_word(key, tuple(cands))
    automaton.make_automaton()
    return Gazetteer(automaton, tuple(data.countries), tuple(data.places))


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer from a directory or file of YAML; the default one is loaded once and cached."""
    if path is None:
        return _default_gazetteer()
    return compile_gazetteer(load_data(path))


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return compile_gazetteer(load_data(None))


def _conditions_hold(norm: str, cand: _Candidate, ws: int, end: int) -> bool:
    if cand.context and not any(c in norm for c in cand.context):
        return False
    if cand.not_before:
        after = norm[end : end + _LOOKAROUND].lstrip()
        if after.startswith(cand.not_before):
            return False
    if cand.not_after:
        before = norm[max(0, ws - _LOOKAROUND) : ws].rstrip()
        if before.endswith(cand.not_after):
            return False
    return True


def _hits(gazetteer: Gazetteer, norm: str) -> list[tuple[int, int, _Candidate]]:
    hits: list[tuple[int, int, _Candidate]] = []
    n = len(norm)
    for last, cands in gazetteer.automaton.iter(norm):
        end = last + 1
        if end < n and norm[end].isalnum():
            continue
        for cand in cands:
            start = end - cand.length
            ws = start  # the start of the word, looking back no further than a clitic prefix can reach
            floor = start - _CLITIC_LOOKBACK if start > _CLITIC_LOOKBACK else 0
            while ws > floor and norm[ws - 1].isalnum():
                ws -= 1
            if ws > 0 and norm[ws - 1].isalnum():
                continue
            if norm[ws:start] in cand.prefixes and (
                not (cand.context or cand.not_before or cand.not_after) or _conditions_hold(norm, cand, ws, end)
            ):
                hits.append((ws, end, cand))
                break
    return hits


def _leftmost_longest(hits: list[tuple[int, int, _Candidate]]) -> list[_Candidate]:
    chosen: list[_Candidate] = []
    taken_until = -1
    for ws, end, cand in sorted(hits, key=lambda h: (h[0], -h[1])):
        if ws >= taken_until:
            chosen.append(cand)
            taken_until = end
    return chosen


def find_places_in(gazetteer: Gazetteer, norm: str) -> tuple[list[Place], list[str]]:
    """Places (de-duplicated, first mention first) and ISO2 codes named or implied, in a normalised text."""
    places: dict[str, Place] = {}
    countries: dict[str, None] = {}
    for cand in _leftmost_longest(_hits(gazetteer, norm)):
        if cand.place is not None:
            places.setdefault(cand.place.name, cand.place)
        countries.setdefault(cand.iso2, None)
    return list(places.values()), list(countries)


def find_places(prepared: PreparedText) -> tuple[list[Place], list[str]]:
    """Places named in the text and the ISO 3166-1 alpha-2 codes of countries named or implied."""
    return find_places_in(load_gazetteer(), prepared.norm)
