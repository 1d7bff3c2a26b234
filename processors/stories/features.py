"""What story clustering keeps of an article: a MinHash signature and the facts the engine found."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from datasketch import MinHash

from mediamon.processors.stories.commentary import is_commentary
from mediamon.processors.stories.config import StoryConfig
from mediamon.processors.stories.cues import cues
from mediamon.processors.stories.retrospective import is_retrospective
from mediamon.processors.stories.shingles import shingles


@dataclass(frozen=True)
class ArticleFeatures:
    """An article as story clustering sees it. JSON-serialisable (``to_dict``/``from_dict``)."""

    article_id: str
    source: str
    event_time: datetime  # tz-aware UTC
    minhash: tuple[int, ...]  # datasketch MinHash hash values over the word shingles of title + lead
    countries: tuple[str, ...]
    places: tuple[str, ...]
    figures: tuple[tuple[str, int], ...]  # (kind, count) of casualty facts with a count
    retrospective: bool = False  # an anniversary or look back (retrospective.py): never joins a current story
    periodic: bool = False  # relays a periodic running count, a daily toll statement (cues.py)
    rising: bool = False  # reports that a toll rose (cues.py): its lower counts are parts, not another toll
    spots: tuple[str, ...] = ()  # localities named after a place noun in the lede (localities.py), stemmed
    localities: tuple[str, ...] = ()  # the spots unknown to the gazetteer
    place_countries: tuple[str, ...] = ()  # the countries of ``places``
    commentary: bool = False  # an opinion or analysis piece (commentary.py): never joins a report's story
    names: tuple[str, ...] = ()  # the ``variant`` keys of the title's and lede's content words: a follow-up that
    # names bare a locality an earlier report named after a place noun (في ملحان after مديرية ملحان) shares it
    phrases: tuple[str, ...] = ()  # pairs of adjacent content stems of the title and lede (localities.lede_phrases):
    # the name of an institution or case (رابطة موظفي الإدارة العامة، قضية صفقة الأدوية) that ties national reports
    craft: tuple[str, ...] = ()  # the names of ships named in its title and lede (craft.py), stemmed

    def __post_init__(self) -> None:
        if self.event_time.tzinfo is None:
            raise ValueError(f"event_time of {self.article_id} must be timezone-aware")

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "source": self.source,
            "event_time": self.event_time.isoformat(),
            "minhash": list(self.minhash),
            "countries": list(self.countries),
            "places": list(self.places),
            "figures": [[kind, count] for kind, count in self.figures],
            "retrospective": self.retrospective,
            "periodic": self.periodic,
            "rising": self.rising,
            "spots": list(self.spots),
            "localities": list(self.localities),
            "place_countries": list(self.place_countries),
            "commentary": self.commentary,
            "names": list(self.names),
            "phrases": list(self.phrases),
            "craft": list(self.craft),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ArticleFeatures:
        return cls(
            article_id=str(d["article_id"]),
            source=str(d["source"]),
            event_time=_utc(datetime.fromisoformat(d["event_time"])),
            minhash=tuple(int(v) for v in d["minhash"]),
            countries=tuple(str(c) for c in d["countries"]),
            places=tuple(str(p) for p in d["places"]),
            figures=tuple((str(kind), int(count)) for kind, count in d["figures"]),
            retrospective=bool(d.get("retrospective", False)),
            periodic=bool(d.get("periodic", False)),
            rising=bool(d.get("rising", False)),
            spots=tuple(str(p) for p in d.get("spots", ())),
            localities=tuple(str(p) for p in d.get("localities", ())),
            place_countries=tuple(str(c) for c in d.get("place_countries", ())),
            commentary=bool(d.get("commentary", False)),
            names=tuple(str(n) for n in d.get("names", ())),
            phrases=tuple(str(n) for n in d.get("phrases", ())),
            craft=tuple(str(n) for n in d.get("craft", ())),
        )


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError(f"event time {moment.isoformat()} has no time zone")
    return moment.astimezone(UTC)


SCHEME = "affine32"
"""The datasketch (>= 2.0) permutation scheme, stated so that stored signatures stay comparable."""


@lru_cache(maxsize=8)
def _template(num_perm: int, seed: int) -> MinHash:
    """An empty MinHash with the permutations of (num_perm, seed); copies share its permutations."""
    return MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME)


def signature(words: Sequence[str], config: StoryConfig) -> tuple[int, ...]:
    """MinHash hash values of a set of shingles (the empty set gives all-maximum values)."""
    template = _template(config.num_perm, config.seed)
    minhash = MinHash(num_perm=config.num_perm, seed=config.seed, permutations=template.permutations, scheme=SCHEME)
    if words:
        minhash.update_batch([w.encode("utf-8") for w in words])
    return tuple(int(v) for v in minhash.hashvalues)


def features_of(
    article_id: str,
    source: str,
    title: str,
    text: str,
    event_time: datetime,
    countries: Sequence[str],
    places: Sequence[str],
    figures: Sequence[tuple[str, int]],
    config: StoryConfig,
    spots: Sequence[str] = (),
    localities: Sequence[str] = (),
    place_countries: Sequence[str] = (),
    shingled: str | None = None,
    names: Sequence[str] = (),
    phrases: Sequence[str] = (),
    craft: Sequence[str] = (),
) -> ArticleFeatures:
    """The features of one article. ``figures`` are (kind, count) facts; duplicates are dropped. ``spots`` are
    localities named after a place noun, ``localities`` those of them unknown to the gazetteer (localities.py),
    ``place_countries`` the countries of ``places``. ``shingled``: the text whose lead is shingled, when not
    ``text`` itself (the lede's clauses that recall another event blanked: engine_facts.py)."""
    periodic, rising = cues(title, text)
    return ArticleFeatures(
        article_id=article_id,
        source=source,
        event_time=_utc(event_time),
        minhash=signature(shingles(title, text if shingled is None else shingled, config.lead_words,
                                   config.shingle_size), config),
        countries=tuple(sorted(set(countries))),
        places=tuple(sorted(set(places))),
        figures=tuple(sorted(set((kind, int(count)) for kind, count in figures))),
        retrospective=is_retrospective(title, text),
        periodic=periodic,
        rising=rising,
        spots=tuple(sorted(set(spots))),
        localities=tuple(sorted(set(localities))),
        place_countries=tuple(sorted(set(place_countries))),
        commentary=is_commentary(title, text),
        names=tuple(sorted(set(names))),
        phrases=tuple(sorted(set(phrases))),
        craft=tuple(sorted(set(craft))),
    )
