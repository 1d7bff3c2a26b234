"""Countries and places named in a text, found word by word in the normalised text.

Every name is indexed in normalised form. A hit counts only when it ends a word and whatever precedes
it inside its word is a clitic prefix allowed for that name (وروسيا، بموسكو، لأرمينيا، والأرمنية).
A name that starts with the article is indexed without it and then requires an articled prefix, so
للجزائر (ل + الجزائر) is found as well as والجزائر. Of overlapping hits the leftmost-longest wins
(جنوب السودان over السودان). A place implies its country. A place whose one reading needs context words
(المفرق with الأردن) also counts right after a place noun (بريف المفرق، مدينة الكومة) unless another
place is written the same way (القنيطرة in Syria and Morocco, طرابلس in Libya and Lebanon).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import compress
from pathlib import Path
from typing import Any

import ahocorasick

from mediamon.analysis.gazetteer_data import CountryEntry, GazetteerData, PlaceEntry, Term, as_term, load_data
from mediamon.analysis.morph import ARTICLE, CLITIC_PREFIX_SET, CLITIC_PREFIXES, MAX_PREFIX_LEN
from mediamon.analysis.normalize import PreparedText, normalize
from mediamon.analysis.tokens import WordMemo, Words, split_words
from mediamon.errors import ConfigError
from mediamon.schema import Place

ADJECTIVE_ENDINGS = ("", "ه", "ا", "ان", "ين", "ون", "تان", "تين")
"""Nisba inflections derived from a masculine singular adjective: روسي → روسية، روسيان، روسيين، and the
accusative روسياً (normalised روسيا: the same country when it is also its name, سوريا، ليبيا)."""

_ARTICLED = frozenset(p for p in CLITIC_PREFIX_SET if p.endswith((ARTICLE, "لل")))
_BARE = frozenset(p for p in CLITIC_PREFIX_SET if p not in _ARTICLED)
_CLITIC_LOOKBACK = MAX_PREFIX_LEN + 1
_LOOKAROUND = 40
# A place noun (maybe with و ف ب ل) right before a name: بريف المفرق، ومدينة الكومة، قضاء هيت; or a dual one before
# the first of two names or before the و of the second: محافظتي حمص وحماة، ريفي حمص وحماة.
_PLACE_NOUN_RE = re.compile(
    r"(?:^|\s)[وفبل]{0,2}(?:(?:مدينه|بلده|محافظه|ريف|قضاء|ولايه|اقليم|مديريه|ناحيه|مخيم)"
    r"|(?:مدينتي|بلدتي|محافظتي|ولايتي|مديريتي|ناحيتي|قريتي|مخيمي|ريفي|منطقتي)(?:\s+\S+\s+و?)?)\s*$")


@dataclass(frozen=True, slots=True)
class _Candidate:
    """One indexed form of a name: where it leads (country code, and the place if any) and its conditions."""

    iso2: str
    place: Place | None
    length: int
    prefixes: frozenset[str]
    context: tuple[str, ...]
    not_context: tuple[str, ...]
    not_before: tuple[str, ...]
    not_after: tuple[str, ...]
    after_place_noun: bool = False  # a place noun right before it stands for its context words


_Choice = tuple[_Candidate, bool]  # a candidate, and whether its conditions must be checked in the text


@dataclass(frozen=True, slots=True)
class _Entry:
    """A name that can begin in a given text word: the candidates whose prefix fits that word, in order
    and up to the first one without conditions; ``tail`` holds what must follow the word (separator,
    word, separator, word ...; empty for a one-word name)."""

    tail: tuple[str, ...]
    choices: tuple[_Choice, ...]

    def first_fit(self, norm: str, ws: int, end: int) -> _Candidate | None:
        for cand, conditional in self.choices:
            if not conditional or _conditions_hold(norm, cand, ws, end):
                return cand
        return None


_Index = dict[str, list[tuple[tuple[str, ...], tuple[_Candidate, ...], int]]]
_WordEntries = tuple[tuple[_Entry, ...], dict[str, tuple[_Entry, ...]]]


@dataclass(frozen=True)
class Gazetteer:
    """The compiled gazetteer: normalised forms (keys) to candidates, indexed by their first word.

    A text is read word by word (``analysis.tokens.Words``); each distinct word is looked up once (a
    memo) for the names that may begin in it. Keys that do not start and end with a letter or digit,
    if any, are found with an Aho-Corasick automaton instead.
    """

    index: _Index
    automaton: Any  # keys that are not word-aligned; None when there are none
    countries: tuple[CountryEntry, ...]
    places: tuple[PlaceEntry, ...]
    memo: WordMemo[_WordEntries | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "memo", WordMemo(self._entries))

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(c.iso2 for c in self.countries)

    def _entries(self, word: str) -> _WordEntries | None:
        """The names that may begin in ``word``: one-word names (longest first, as an automaton
        reports them) and longer names by their second word."""
        found: list[tuple[int, _Entry]] = []
        for prefix in CLITIC_PREFIXES:
            if len(word) > len(prefix) and word.startswith(prefix):
                for tail, cands, length in self.index.get(word[len(prefix) :], ()):
                    choices = _choices(cands, prefix)
                    if choices:
                        found.append((length, _Entry(tail, choices)))
        if not found:
            return None
        found.sort(key=lambda item: -item[0])
        longer: dict[str, list[_Entry]] = {}
        for _, entry in found:
            if entry.tail:
                longer.setdefault(entry.tail[1], []).append(entry)
        singles = tuple(entry for _, entry in found if not entry.tail)
        return singles, {second: tuple(entries) for second, entries in longer.items()}


def _choices(cands: tuple[_Candidate, ...], prefix: str) -> tuple[_Choice, ...]:
    """The candidates that accept ``prefix``, up to the first one that needs no condition."""
    out: list[_Choice] = []
    for cand in cands:
        if prefix in cand.prefixes:
            conditional = bool(cand.context or cand.not_context or cand.not_before or cand.not_after)
            out.append((cand, conditional))
            if not conditional:
                break
    return tuple(out)


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
        "not_context": tuple(normalize(c) for c in term.not_context),
        "not_before": tuple(normalize(c) for c in term.not_before),
        "not_after": tuple(normalize(c) for c in term.not_after),
    }
    # Only a written article counts: أل (ألمانيا، ألباني) normalises to ال but is part of the name.
    if term.term.startswith(ARTICLE) and norm.startswith(ARTICLE) and len(norm) > len(ARTICLE) + 1:
        stem = norm[len(ARTICLE) :]
        return [(stem, _Candidate(length=len(stem), prefixes=_prefixes(term, True), **extra))]
    return [(norm, _Candidate(length=len(norm), prefixes=_prefixes(term, False), **extra))]


# A hospital named after the country that built or runs it (المستشفى الإندونيسي in north Gaza, الكويتي in Rafah)
# says where it is, not that the country is in the news.
_NAMED_BY_ADJECTIVE = ("مستشفى", "مستشفيات", "مشفى", "مشافي")  # normalised, the articled forms end the same


# Nisbas whose accusative is a common word (قمرياً "lunar"): no accusative term.
_NO_ACCUSATIVE = frozenset({"قمري"})


def _adjective_terms(adjective: Term) -> list[Term]:
    not_after = [*adjective.not_after, *(w for w in _NAMED_BY_ADJECTIVE if w not in adjective.not_after)]
    return [adjective.model_copy(update={"term": adjective.term + ending, "not_after": not_after})
            for ending in ADJECTIVE_ENDINGS if not (ending == "ا" and adjective.term in _NO_ACCUSATIVE)]


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
    for bucket in index.values():
        # a place that needs context, and no other place written the same way: a place noun will do
        if not any(cand.place is not None and not cand.context for cand in bucket):
            bucket[:] = [
                replace(cand, after_place_noun=True) if cand.context and cand.place is not None else cand
                for cand in bucket
            ]
    by_first: _Index = {}
    automaton = None
    for key, bucket in index.items():
        # A name that needs context is tried before the unconditional reading of the same word.
        cands = tuple(sorted(bucket, key=lambda cand: not cand.context))
        if not key.strip():
            raise ConfigError(f"gazetteer: a name normalises to nothing ({cands[0].iso2})")
        parts = split_words(key)
        if parts[0] or parts[-1]:  # starts or ends with something other than a letter or digit
            if automaton is None:
                automaton = ahocorasick.Automaton()
            automaton.add_word(key, cands)
        else:
            by_first.setdefault(parts[1], []).append((tuple(parts[2:-1]), cands, len(key)))
    if automaton is not None:
        automaton.make_automaton()
    return Gazetteer(by_first, automaton, tuple(data.countries), tuple(data.places))


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer from a directory or file of YAML; the default one is loaded once and cached."""
    if path is None:
        return _default_gazetteer()
    return compile_gazetteer(load_data(path))


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return compile_gazetteer(load_data(None))


def _conditions_hold(norm: str, cand: _Candidate, ws: int, end: int) -> bool:
    if (
        cand.context
        and not any(c in norm for c in cand.context)
        and not (cand.after_place_noun and _PLACE_NOUN_RE.search(norm, max(0, ws - _LOOKAROUND), ws))
    ):
        return False
    if cand.not_context and any(c in norm for c in cand.not_context):
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


def _word_hits(gazetteer: Gazetteer, words: Words) -> list[tuple[int, int, _Candidate]]:
    """Hits of the word-aligned names: a name's words match the text's words and separators exactly,
    its first word may carry a clitic prefix allowed for the name."""
    hits: list[tuple[int, int, _Candidate]] = []
    texts, starts, ends, norm = words.texts, words.starts, words.ends, words.norm
    entries = gazetteer.memo.values_of(words)
    for i in compress(range(len(texts)), entries):
        singles, longer = entries[i]  # type: ignore[misc, unused-ignore]
        for entry in singles:
            cand = entry.first_fit(norm, starts[i], ends[i])
            if cand is not None:
                hits.append((starts[i], ends[i], cand))
        for entry, last in _longer_names(words, i, longer):
            cand = entry.first_fit(norm, starts[i], ends[last])
            if cand is not None:
                hits.append((starts[i], ends[last], cand))
    return hits


def _longer_names(
    words: Words, i: int, longer: dict[str, tuple[_Entry, ...]]
) -> Iterator[tuple[_Entry, int]]:
    """The names of several words that begin at word ``i`` and are in the text, with their last word."""
    texts, parts, n = words.texts, words.parts, len(words.texts)
    if not longer or i + 1 >= n:
        return
    for entry in longer.get(texts[i + 1], ()):
        tail = entry.tail
        last = i + len(tail) // 2
        # parts[2 * i + 2:] alternate separators and words after word i
        if last < n and all(parts[2 * i + 2 + k] == tail[k] for k in range(len(tail))):
            yield entry, last


def _chosen_in_words(gazetteer: Gazetteer, words: Words) -> list[_Candidate]:
    """``_leftmost_longest(_word_hits(...))`` in one pass: at each word not inside a name already
    chosen, the longest name that begins there (the first found among equals)."""
    chosen: list[_Candidate] = []
    taken_until = -1
    texts, starts, ends, norm = words.texts, words.starts, words.ends, words.norm
    entries = gazetteer.memo.values_of(words)
    for i in compress(range(len(texts)), entries):
        ws = starts[i]
        if ws < taken_until:
            continue
        singles, longer = entries[i]  # type: ignore[misc, unused-ignore]
        best: _Candidate | None = None
        best_end = -1
        if longer:
            for entry, last in _longer_names(words, i, longer):
                if ends[last] > best_end:
                    cand = entry.first_fit(norm, ws, ends[last])
                    if cand is not None:
                        best, best_end = cand, ends[last]
        if best is None:
            for entry in singles:
                cand, conditional = entry.choices[0]
                best = cand if not conditional and len(entry.choices) == 1 else entry.first_fit(norm, ws, ends[i])
                if best is not None:
                    best_end = ends[i]
                    break
        if best is not None:
            chosen.append(best)
            taken_until = best_end
    return chosen


def _automaton_hits(automaton: Any, norm: str) -> list[tuple[int, int, _Candidate]]:
    hits: list[tuple[int, int, _Candidate]] = []
    n = len(norm)
    for last, cands in automaton.iter(norm):
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
            if norm[ws:start] in cand.prefixes and _conditions_hold(norm, cand, ws, end):
                hits.append((ws, end, cand))
                break
    return hits


def _chosen(gazetteer: Gazetteer, words: Words) -> list[_Candidate]:
    """The names found, leftmost-longest: of overlapping hits the one that starts first (then the
    longest, then the first found) wins."""
    if gazetteer.automaton is None:
        return _chosen_in_words(gazetteer, words)
    hits = _word_hits(gazetteer, words) + _automaton_hits(gazetteer.automaton, words.norm)
    return _leftmost_longest(hits)


def _leftmost_longest(hits: list[tuple[int, int, _Candidate]]) -> list[_Candidate]:
    chosen: list[_Candidate] = []
    taken_until = -1
    for ws, end, cand in sorted(hits, key=lambda h: (h[0], -h[1])):
        if ws >= taken_until:
            chosen.append(cand)
            taken_until = end
    return chosen


AMMAN_SPELLED = re.compile("ع\u064e?م(?:\u0651\u064e?|\u064e\u0651)ان")
"""Amman as the text writes it, with the shadda that Oman (عُمان) never has: عمّان، عمَّان، عَمّان."""
_OMAN_CUES = tuple(normalize(w) for w in ("سلطنة", "مسقط", "العماني", "ظفار", "صلالة", "صحار", "نزوى"))
_AMMAN = normalize("عمان")


def _amman_spelled(original: str) -> bool:
    """Whether the text writes Amman with its shadda (two C-level substring searches first: most texts have
    neither ``مّ`` nor ``مَّ``)."""
    if "\u0645\u0651" not in original and "\u0645\u064e\u0651" not in original:
        return False
    return AMMAN_SPELLED.search(original) is not None


def _amman(gazetteer: Gazetteer) -> _Candidate | None:
    """The candidate of the city of Amman (the conditional reading of a bare عمان)."""
    for _tail, cands, _length in gazetteer.index.get(_AMMAN, ()):
        for cand in cands:
            if cand.iso2 == "JO" and cand.place is not None:
                return cand
    return None


def find_places_in(
    gazetteer: Gazetteer, norm: str | Words, original: str = ""
) -> tuple[list[Place], list[str]]:
    """Places (de-duplicated, first mention first) and ISO2 codes named or implied, in a normalised text
    (or its ``Words``). ``original``, the text before normalisation, if given, tells Amman spelt with its
    shadda (عمّان) from Oman: a text that writes it and has no word of Oman means Amman by a bare عمان too."""
    places: dict[str, Place] = {}
    countries: dict[str, None] = {}
    words = norm if isinstance(norm, Words) else Words.of(norm)
    amman: _Candidate | bool | None = False  # the city, when this text spells Oman's bare name as Amman's
    for cand in _chosen(gazetteer, words):
        if cand.iso2 == "OM" and cand.place is None and original:
            if amman is False:  # (asked once, and only in a text where Oman's bare name was found)
                spelled = _amman_spelled(original) and not any(c in words.norm for c in _OMAN_CUES)
                amman = _amman(gazetteer) if spelled else None
            if isinstance(amman, _Candidate):
                cand = amman  # the country's bare name, which this text spells as the city's
        if cand.place is not None:
            places.setdefault(cand.place.name, cand.place)
        countries.setdefault(cand.iso2, None)
    return list(places.values()), list(countries)


def find_places(prepared: PreparedText) -> tuple[list[Place], list[str]]:
    """Places named in the text and the ISO 3166-1 alpha-2 codes of countries named or implied."""
    return find_places_in(load_gazetteer(), prepared.words)
