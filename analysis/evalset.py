"""The labelled evaluation set (``eval/*.jsonl``): its closed schema and its loader.

Each line of an eval file is one item::

    {"id": "cf-001", "title": "", "text": "…", "language": "ar",
     "alerts": ["ceasefire"], "figures": [["killed", 3, "exact"]], "countries": ["PS"], "note": "…"}

- ``alerts`` is the complete set of expected rule ids among the scored rules (every rule id that
  appears in any item's ``alerts`` is scored on every item).
- ``figures`` is the complete list of casualty facts ``[kind, count, qualifier]`` stated in the text, each
  distinct fact once however often the text repeats it (the engine lists facts, not mentions). Kinds:
  killed, injured, killed_or_injured (one count for both: مصرع وإصابة 13، بين قتيل وجريح), displaced,
  evacuated, missing.
- ``countries`` are ISO 3166-1 alpha-2 codes that must be found. When the list is not empty it is also
  taken as complete for country precision: any other predicted country is a false one, unless it is
  listed in ``countries_may`` (a country the text names in passing, or a debatable one).
- ``alerts_may`` and ``figures_may`` (optional) list genuinely debatable cases: predicting them is
  neither rewarded nor punished.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from mediamon.errors import ConfigError
from mediamon.schema import CasualtyKind, Qualifier

# ISO 639-1 two-letter language codes.
_ISO_639_1_CODES = """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da
    de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia
    id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt
    lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt
    qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to
    tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu"""
ISO_639_1 = frozenset(_ISO_639_1_CODES.split())
# Languages with no ISO 639-1 code of their own, written with their ISO 639-3 code (the engine's output too):
# Sorani Kurdish is ``ckb`` (``ku`` would be Kurdish at large, mostly Kurmanji in Latin script).
ISO_639_3_ONLY = frozenset({"ckb"})
LANGUAGE_CODES = ISO_639_1 | ISO_639_3_ONLY


def _language(code: str) -> str:
    if code not in LANGUAGE_CODES:
        raise ValueError(f"{code!r} is not an ISO 639-1 language code (nor one of {sorted(ISO_639_3_ONLY)})")
    return code


def _country(code: str) -> str:
    if len(code) != 2 or not code.isascii() or not code.isupper():
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 code")
    return code


Figure = tuple[CasualtyKind, Annotated[int, Field(gt=0)] | None, Qualifier]
Language = Annotated[str, AfterValidator(_language)]
Country = Annotated[str, AfterValidator(_country)]
RuleId = Annotated[str, Field(min_length=1, pattern=r"^[a-z][a-z0-9_]*$")]


def _check_figures(figures: list[Figure]) -> None:
    for kind, count, qualifier in figures:
        if (count is None) != (qualifier == "vague"):
            raise ValueError(f"figure {[kind, count, qualifier]}: null count if and only if 'vague'")


class EvalItem(BaseModel):
    """One labelled text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Annotated[str, Field(min_length=1)]
    title: str = ""
    text: Annotated[str, Field(min_length=1)]
    language: Language
    alerts: list[RuleId]
    figures: list[Figure]
    countries: list[Country] = Field(default_factory=list)
    countries_may: list[Country] = Field(default_factory=list)
    alerts_may: list[RuleId] = Field(default_factory=list)
    figures_may: list[Figure] = Field(default_factory=list)
    note: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> EvalItem:
        _check_figures(self.figures)
        _check_figures(self.figures_may)
        if set(self.alerts) & set(self.alerts_may):
            raise ValueError("a rule is both expected and optional")
        if len(set(self.alerts)) != len(self.alerts):
            raise ValueError("duplicate rule in alerts")
        return self


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line


def parse_line(line: str, where: str) -> EvalItem:
    """One eval line; errors name ``where`` (file:line) and the item id when known."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{where}: not JSON: {exc}") from exc
    try:
        return EvalItem.model_validate(raw)
    except ValidationError as exc:
        item_id = raw.get("id", "?") if isinstance(raw, dict) else "?"
        raise ConfigError(f"{where} (item {item_id}): {exc}") from exc


def load_file(path: Path) -> list[EvalItem]:
    return [parse_line(line, f"{path}:{number}") for number, line in _lines(path)]


def load_dir(directory: Path) -> list[EvalItem]:
    """Every item of every ``*.jsonl`` file in ``directory`` (sorted by file name); ids must be unique."""
    if not directory.is_dir():
        raise ConfigError(f"{directory}: no such eval directory")
    items: list[EvalItem] = []
    seen: dict[str, Path] = {}
    for path in sorted(directory.glob("*.jsonl")):
        for item in load_file(path):
            if item.id in seen:
                raise ConfigError(f"{path}: duplicate id {item.id!r} (first in {seen[item.id]})")
            seen[item.id] = path
            items.append(item)
    if not items:
        raise ConfigError(f"{directory}: no eval items (*.jsonl)")
    return items
