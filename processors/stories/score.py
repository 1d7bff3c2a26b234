"""The similarity of an article to earlier ones: text (MinHash), places, countries and casualty figures."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from mediamon.processors.stories.config import StoryConfig
from mediamon.processors.stories.features import ArticleFeatures
from mediamon.processors.stories.localities import place_variant, provinces, regions, variant

_EMPTY = np.uint32((1 << 32) - 1)  # datasketch's value for a slot no shingle reached (the empty set)
_TOLL_KINDS = ("killed", "injured", "killed_or_injured")
_WIDE = frozenset({"province"})  # spots of this level are the area around an event, not its place
_AREA = "\x00"  # marks an area in ``Entry.known_key`` (no place name begins with it)
_CRAFT = "\x01"  # marks a ship's name in ``Entry.places``


@dataclass(frozen=True)
class Entry:
    """An indexed article: its features, pre-computed sets and its story."""

    features: ArticleFeatures
    story_id: str
    hashes: np.ndarray[Any, np.dtype[np.uint32]]  # affine32 MinHash values fit 32 bits
    places: frozenset[str]  # the gazetteer's places and the localities (localities.py)
    known: frozenset[str]  # the gazetteer's places only
    areas: frozenset[str]  # those it names as a province (محافظة ذي قار) or a part of a country (جنوب لبنان): the
    # area around its other places
    known_key: frozenset[str]  # known places and areas: all the place term of an article without spots depends on
    core: frozenset[str]  # the known places but the areas
    localities: frozenset[str]  # places unknown to the gazetteer, as the key their spellings share (``variant``)
    spots: frozenset[str]  # localities named after a place noun, known or not (``variant`` keys)
    levels: frozenset[str]  # of the spots
    spot_names: frozenset[str]  # the spots without their level
    region: str  # the one country of all its known places, or ""
    place_key: frozenset[str]  # places and spots: all the place term depends on (a frozenset caches its hash)
    periodic: bool
    countries: frozenset[str]
    figures: frozenset[tuple[str, int]]
    tolls: dict[str, int]  # highest count per toll kind
    counts: frozenset[tuple[str, int]]  # the figures of other kinds (displaced, evacuated, missing)
    seconds: float  # event time as a POSIX timestamp
    has_text: bool  # some shingle reached the signature (an empty text has none)
    names: frozenset[str]  # the stemmed words of its title and lede, while it is asked about (the index keeps
    # none: ``StoryIndex._add``); a locality of another report among them is shared (``shared``)
    phrases: frozenset[str]  # pairs of adjacent content stems of its title and lede (``lede_phrases``)
    craft: frozenset[str]  # the ships it names (craft.py)

    @classmethod
    def of(cls, features: ArticleFeatures, story_id: str) -> Entry:
        """The entry of an article; it keeps the signature only as an array (its tuple costs 4 KB)."""
        hashes = np.asarray(features.minhash, dtype=np.uint32)
        known = frozenset(features.places)
        areas = regions(known)
        if features.spots:  # most articles name no spot
            areas |= provinces(known, features.spots)
            localities = frozenset(map(variant, features.localities))
            spots = frozenset(map(variant, features.spots))
        else:
            localities = spots = frozenset()
        spot_names = frozenset(spot.split(":", 1)[1] for spot in spots) if spots else spots
        craft = frozenset(features.craft)
        places = known | localities
        return cls(
            features=replace(features, minhash=(), names=()),
            story_id=story_id,
            hashes=hashes,
            # a ship is where a sea event happened: the index finds the reports naming it (``_CRAFT`` marks it)
            places=places | frozenset(_CRAFT + name for name in craft) if craft else places,
            known=known,
            areas=areas,
            known_key=known | frozenset(_AREA + area for area in areas) if areas else known,
            core=known - areas if areas else known,
            localities=localities,
            spots=spots,
            levels=frozenset(spot.split(":", 1)[0] for spot in features.spots),
            spot_names=spot_names,
            region=features.place_countries[0] if len(features.place_countries) == 1 else "",
            place_key=known | localities | spots,
            periodic=features.periodic,
            countries=frozenset(features.countries),
            figures=frozenset(features.figures),
            tolls=_tolls(features.figures),
            counts=frozenset(f for f in features.figures if f[0] not in _TOLL_KINDS),
            seconds=features.event_time.timestamp(),
            has_text=bool(np.any(hashes != _EMPTY)),
            names=frozenset(features.names),
            phrases=frozenset(features.phrases),
            craft=craft,
        )

    def names_bare(self, other: Entry) -> frozenset[str]:
        """The localities of ``other`` (``variant`` keys) that this article names bare, without a place noun: a
        follow-up's شهدته العبادلة after an earlier بلدية العبادلة (blind set 10). Only the article asked about has
        ``names``."""
        if not self.names or not other.localities:
            return frozenset()
        return frozenset(variant(name) for name in other.features.localities if name in self.names)

    def aliases(self, other: Entry) -> frozenset[str]:
        """The known places of either that the other names as a locality, after a place noun: one town in two
        spellings, only one of which the gazetteer knows (مدينة كادقلي, مدينة كادوقلي; blind set 13)."""
        if not self.spot_names or not other.spot_names:
            return frozenset()
        keys = (self.localities & other.spot_names) | (self.spot_names & other.localities)
        if not keys:
            return frozenset()
        return frozenset(place for place in self.known | other.known if place_variant(place) in keys)

    def shared(self, other: Entry) -> frozenset[str]:
        """The localities of ``other`` this article names, after a place noun or bare."""
        if not other.localities:
            return frozenset()
        return (other.localities & self.localities) | self.names_bare(other)


def _tolls(figures: Sequence[tuple[str, int]]) -> dict[str, int]:
    tolls: dict[str, int] = {}
    for kind, count in figures:
        if kind in _TOLL_KINDS and count > tolls.get(kind, -1):
            tolls[kind] = count
    return tolls


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / min(|a|, |b|): 1 when one set names only what the other names; 0 when either is empty."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def place_similarity(a: frozenset[str], b: frozenset[str], halve: bool = True) -> float:
    """Cosine (Ochiai) similarity of two place sets, halved when they share a single place: one city is
    named in many events of a day (two strikes in Gaza City), several shared places (a region, its capital,
    the town of the talks) make one event likelier. Cosine, not the overlap coefficient, so that a round-up
    naming ten towns does not fully match every report about one of them and chain their stories. Not halved
    when ``halve`` is false (the shared place is a locality: see ``PairScorer._place_term``)."""
    shared = len(a & b)
    if not shared:
        return 0.0
    cosine = shared / math.sqrt(len(a) * len(b))
    return cosine * min(1.0, shared / 2) if halve else cosine


def place_conflict(a: Entry, b: Entry) -> bool:
    """Whether two reports name different spots of one area. A spot is a locality named after a place noun, with
    its level: a quarter or camp (حي التفاح، مخيم زمزم), a town (بلدة طمون), a district (قضاء صور). Two reports
    that share a spot do not conflict, whatever cities or regions around it each adds (الفاشر، دارفور); two that
    name spots of one level and none in common do (حي الشيخ رضوان, حي التفاح). Otherwise they conflict when they
    share a known place and each names another one, all of one country: two strikes in neighbouring towns share
    only the region (جنوب لبنان), while reports of one event name the same town, or one of them only the region
    around it; a quarter named by one and its city by the other is one event (حي الموظفين, مدينة كادقلي). Reports
    of a war between two countries name both capitals (باكو, يريفان) as well as the front, and reports naming no
    place in common are left to the other terms (واشنطن and بيروت for one truce). A place a report names as a
    province (مدينة الناصرية مركز محافظة ذي قار) is the area around its others, not another place: a report of
    protests spreading from الناصرية to البصرة and ميسان does not conflict with one naming الناصرية in ذي قار.
    Nor is a part of a country named by a compass word (جنوب لبنان): a report of a strike in النبطية and جنوب لبنان
    does not conflict with one naming a village of النبطية (blind set 8)."""
    if a.periodic and b.periodic:
        return False  # a statement's places are the regions it sums up
    if a.spots and b.spots:
        common = a.spots & b.spots
        if common and not all(spot.startswith("province:") for spot in common):
            return False  # one place; a province in common is only the area around two (blind set 13)
        if not (a.levels & b.levels) <= _WIDE:
            return True
    return (a.region != "" and a.region == b.region and not a.known.isdisjoint(b.known)
            and not (a.core <= b.known or b.core <= a.known))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def same_figure(a: Entry, b: Entry) -> bool:
    """Whether two reports state the same toll (the highest count of a kind: killed, injured or joint) or the same
    count of another kind. A lower count of a kind is a part of a report's toll (three died of their wounds, five
    children among the dead, one more body recovered), and such small parts coincide across events of a day: a
    quake's third victim and a strike's three who died of their wounds are no sign of one event."""
    if any(b.tolls.get(kind) == count for kind, count in a.tolls.items()):
        return True
    return not a.counts.isdisjoint(b.counts)


def toll_conflict(newer: Entry, older: Entry) -> bool:
    """Whether the later report states a lower toll of a kind than the earlier one (tolls only rise). A report
    that says the toll rose gives its lower counts as parts of the story (three more bodies recovered)."""
    if not newer.tolls or not older.tolls or newer.features.rising:
        return False
    return any(count < older.tolls.get(kind, -1) for kind, count in newer.tolls.items())


class PairScorer:
    """Scores one article against its candidates (see ``StoryConfig``). Candidates of one busy story name
    the same places and countries again and again, so their similarities are computed once per distinct set."""

    def __init__(self, entry: Entry, config: StoryConfig) -> None:
        self.entry = entry
        self.config = config
        self._places: dict[frozenset[str], float] = {}  # place key -> place term
        self._countries: dict[frozenset[str], float] = {}
        self._periodic_gap = config.periodic_gap.total_seconds()
        # Without spots of its own, the article's place term depends on the other's known places only (its region
        # is theirs), which fewer distinct keys share: fewer terms computed.
        self._by_known = not entry.spots

    def _place_term(self, other: Entry) -> float:
        """The weighted place similarity, or the conflict penalty: what two reports naming different spots share
        is the city or region around both, no sign of one event. A locality counts when both name it: most
        reports name the town and not the quarter, and a quarter named by one of them is no sign of another event.
        A shared locality counts in full, even alone: unlike a city, a quarter, camp or village that no gazetteer
        lists is rarely in the news twice in three days (the 53 pairs of the labelled and blind sets, set 7
        included, that share one within the window are all of one story)."""
        entry, config = self.entry, self.config
        if place_conflict(entry, other):
            return -config.place_conflict
        shared = entry.shared(other)
        if not shared:
            aliases = entry.aliases(other)  # one town spelled two ways: the known place is in both
            return config.place_weight * place_similarity(entry.known | aliases, other.known | aliases)
        return config.place_weight * place_similarity(entry.known | shared, other.known | shared, halve=False)

    def _phrases_shared(self, other: Entry) -> bool:
        """Whether the two share ``min_phrases`` pairs of adjacent words: reports of a national story that names no
        town (a strike, a verdict, a reshuffle) name what it is about, رابطة موظفي الإدارة العامة، قضية صفقة
        الأدوية, in few words else in common. Of the pairs of the labelled and blind sets (1 to 12) that name no
        place, within the window and above ``min_text``, none of another story shares one (blind set 12). Since blind
        set 14 also when only one of them names no place (``score``)."""
        shared = 0
        for phrase in self.entry.phrases:
            if phrase in other.phrases:
                shared += 1
                if shared >= self.config.min_phrases:
                    return True
        return False

    def score(self, other: Entry, text: float) -> float:
        entry, config = self.entry, self.config
        if (entry.periodic or other.periodic) and (
                entry.periodic != other.periodic or abs(entry.seconds - other.seconds) >= self._periodic_gap):
            return float("-inf")  # a daily statement and an event, or two days' statements
        places: float
        if self._by_known and entry.names and other.localities and entry.names_bare(other):
            places = self._place_term(other)  # names bare a locality of the other: its key is no longer enough
        else:
            key = other.known_key if self._by_known else other.place_key
            cached = self._places.get(key)
            places = self._places[key] = self._place_term(other) if cached is None else cached
        countries = self._countries.get(other.countries)
        if countries is None:
            countries = self._countries[other.countries] = jaccard(entry.countries, other.countries)
        score: float = config.text_weight * text + places + config.country_weight * countries
        if entry.craft and not entry.craft.isdisjoint(other.craft):
            score += config.craft_weight  # one ship, whatever countries each names (flag, coast, port)
        elif entry.countries and other.countries and countries == 0.0:
            return float("-inf")  # both name where it happened, and nowhere in common: two events
        # Shared pairs of words, when one of the two names no place and they share none (blind set 14: talks told
        # from the host's capital, العاصمة, and by the guest's outlet naming it); not between two casualty reports of
        # no common country, one of them placeless: a formula of the toll (أودى بحياة سبعة أشخاص) is no subject.
        if (places == 0.0 and not (entry.place_key and other.place_key)
                and (countries > 0.0 or not (entry.tolls and other.tolls) or not (entry.place_key or other.place_key))
                and self._phrases_shared(other)):
            score += config.phrase_weight
        if entry.figures and other.figures:
            if same_figure(entry, other):
                score += config.figure_weight
            later = entry.features.event_time >= other.features.event_time
            if toll_conflict(entry, other) if later else toll_conflict(other, entry):
                score -= config.figure_conflict
        return score


def pair_score(entry: Entry, other: Entry, text: float, config: StoryConfig) -> float:
    """The score of two articles given their text similarity (see ``StoryConfig``)."""
    return PairScorer(entry, config).score(other, text)
