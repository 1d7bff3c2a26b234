"""The gazetteer as validated data: countries and places read from YAML under ``analysis/data/gazetteer``.

A name is either a plain string or a :class:`Term` with conditions for words that are ambiguous
(صور "pictures" / Tyre, جدة "grandmother" / Jeddah, مالي "financial" / Mali). Unknown keys, duplicate
YAML keys and duplicate entries are errors that name the file and the entry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from mediamon.errors import ConfigError

DEFAULT_DIR = Path(__file__).parent / "data" / "gazetteer"


class _Closed(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Term(_Closed):
    """One way of writing a name, with the conditions under which it counts.

    - ``article``: the article ال may be glued in front (الروسية from روسي); off for words whose
      articled form means something else (الجنين "the foetus", الحمص "the chickpeas").
    - ``clitics``: the conjunctions and prepositions و ف ب ل ك may be glued in front.
    - ``context``: the name only counts if one of these strings occurs somewhere in the text.
    - ``not_context``: the name does not count if one of these strings occurs somewhere in the text
      (الصحراء الغربية in a report about Egypt's Western Desert, the Saudi السويداء).
    - ``not_before``: blocked when the text right after the name begins with one of these.
    - ``not_after``: blocked when the text right before the name (and its clitics) ends with one of these.
    """

    term: Annotated[str, Field(min_length=2)]
    article: bool = True
    clitics: bool = True
    context: list[Annotated[str, Field(min_length=2)]] = Field(default_factory=list)
    not_context: list[Annotated[str, Field(min_length=2)]] = Field(default_factory=list)
    not_before: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    not_after: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)

    @field_validator("term")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("empty term")
        return value.strip()


TermLike = Annotated[str, Field(min_length=2)] | Term


def as_term(value: TermLike) -> Term:
    return value if isinstance(value, Term) else Term(term=value)


class CountryEntry(_Closed):
    """A country: ISO 3166-1 alpha-2 code, canonical Arabic name, other names and nisba adjectives.

    The canonical name is matched unless ``match_name`` is false (مالي "financial", بنين "boys").

    ``adjectives`` are masculine singular nisba forms (روسي، أمريكي); the feminine, dual and plural
    forms (روسية، روسيان، روسيين، روسيون، روسيتين) are derived when the gazetteer is compiled.
    """

    iso2: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    name: Annotated[str, Field(min_length=2)]
    names: list[TermLike] = Field(default_factory=list)
    adjectives: list[TermLike] = Field(default_factory=list)
    match_name: bool = True


class PlaceEntry(_Closed):
    """A city, region or other place, with its country and coordinates.

    ``name`` is the canonical Arabic name reported in the output; it is also matched unless
    ``match_name`` is false (then only ``names`` are matched, e.g. when the bare name is ambiguous).
    """

    name: Annotated[str, Field(min_length=2)]
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]
    names: list[TermLike] = Field(default_factory=list)
    match_name: bool = True


class GazetteerFile(_Closed):
    countries: list[CountryEntry] = Field(default_factory=list)
    places: list[PlaceEntry] = Field(default_factory=list)


class GazetteerData(_Closed):
    countries: list[CountryEntry]
    places: list[PlaceEntry]


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses duplicate keys in a mapping (PyYAML keeps the last one silently)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _entry_label(raw: Any, loc: tuple[int | str, ...]) -> str:
    """Name the entry an error is about, e.g. ``places[12] (غزة)``."""
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        label = f"{loc[0]}[{loc[1]}]"
        try:
            item = raw[loc[0]][loc[1]]
        except (KeyError, IndexError, TypeError):
            return label
        if isinstance(item, dict):
            ident = item.get("iso2") or item.get("name")
            if ident:
                label += f" ({ident})"
        return label
    return ".".join(str(part) for part in loc) or "<file>"


def load_file(path: Path) -> GazetteerFile:
    """Read and validate one gazetteer YAML file; errors name the file and the entry."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    if raw is None:
        raw = {}
    try:
        return GazetteerFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = _entry_label(raw, tuple(first["loc"]))
        raise ConfigError(f"{path}: {where}: {first['msg']} at {first['loc']}") from exc


def load_data(path: Path | None = None) -> GazetteerData:
    """All gazetteer files of a directory (sorted by name), or one file; duplicates are errors."""
    root = path or DEFAULT_DIR
    files = sorted(root.glob("*.yaml")) if root.is_dir() else [root]
    if not files:
        raise ConfigError(f"{root}: no gazetteer files")
    countries: list[CountryEntry] = []
    places: list[PlaceEntry] = []
    seen_iso: dict[str, Path] = {}
    seen_places: dict[tuple[str, str], Path] = {}
    for file in files:
        data = load_file(file)
        for country in data.countries:
            if country.iso2 in seen_iso:
                first = seen_iso[country.iso2]
                raise ConfigError(f"{file}: countries ({country.iso2}): duplicate of an entry in {first}")
            seen_iso[country.iso2] = file
            countries.append(country)
        for place in data.places:
            key = (place.name, place.country)
            if key in seen_places:
                raise ConfigError(f"{file}: places ({place.name}): duplicate of {seen_places[key]}")
            seen_places[key] = file
            places.append(place)
    for place in places:
        if seen_iso and place.country not in seen_iso:
            raise ConfigError(f"places ({place.name}): unknown country {place.country}")
    return GazetteerData(countries=countries, places=places)
