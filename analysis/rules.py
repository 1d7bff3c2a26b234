"""Rule files: a closed schema (pydantic, ``extra="forbid"``) and a loader whose errors name file and rule.

A rules directory holds ``*.yaml`` files. Each file is a mapping with ``rules`` (a list) and optional
``sets`` (named term lists shared by the whole directory, referenced as ``@name`` in phrases)::

    sets:
      ceasefire_nouns: [هدنة, تهدئة]
    rules:
      - id: ceasefire
        kind: alert                      # alert | topic
        labels: {ar: وقف إطلاق النار, en: Ceasefire}
        severity: high                   # low | medium | high | critical (alerts only)
        topics: [ceasefire]              # topics a match of this rule implies
        patterns:
          - "وقف ~2 إطلاق النار"          # ~2: up to two inserted words between وقف and إطلاق
          - "@ceasefire_nouns"
          - {phrase: "وفاة|وفيات", near: ["حادث|زلزال"], window: 6}
        exclusions:
          - "إطلاق سراح"

Phrase language: words separated by spaces; ``a|b`` alternatives; ``stem*`` any ending; ``=word``
exactly that word (no clitics, article kept); ``@set`` a named term list; ``~N`` up to N words
between two phrase words; a trailing ``?`` makes a word optional (``قضى ~3 في? ~0 حريق``: with في
the gaps are as written, without it the gaps around it add up, قضى ~3 حريق). An optional word stands
between two words that are not optional. Terms are normalised like the text, and a leading article is
dropped (النار matches نار, والنار, بالنار).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from mediamon.analysis.morph import MIN_STEM, strip_article
from mediamon.analysis.normalize import normalize
from mediamon.errors import ConfigError
from mediamon.schema import CasualtyKind, Severity

MAX_GAP = 6
_ID_RE = r"^[a-z][a-z0-9_]*$"
_GAP_RE = re.compile(r"^~(\d+)$")
_SET_RE = re.compile(r"^@([a-z][a-z0-9_]*)$")
_OPTIONAL = "?"


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Labels(_Closed):
    ar: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]


class PatternSpec(_Closed):
    """A phrase, optionally valid only with one of ``near`` within ``window`` words in the same sentence.

    ``phrase`` and each ``near`` are in the phrase language (module docstring): ``a|b``, ``stem*``,
    ``=word``, ``@set``, ``~N`` gaps and ``word?`` optional words.
    """

    phrase: Annotated[str, Field(min_length=1)]
    near: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    window: Annotated[int, Field(ge=1, le=40)] = 8
    note: str = ""


def _as_pattern(value: Any) -> Any:
    return {"phrase": value} if isinstance(value, str) else value


class RuleSpec(_Closed):
    id: Annotated[str, Field(pattern=_ID_RE)]
    kind: Literal["alert", "topic"] = "alert"
    labels: Labels
    severity: Severity | None = None
    description: str = ""
    topics: list[Annotated[str, Field(pattern=_ID_RE)]] = Field(default_factory=list)
    min_matches: Annotated[int, Field(ge=1, le=50)] = 1
    patterns: Annotated[list[PatternSpec], Field(min_length=1)]
    exclusions: list[PatternSpec] = Field(default_factory=list)
    from_figures: list[CasualtyKind] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _strings_are_patterns(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            for key in ("patterns", "exclusions"):
                if isinstance(data.get(key), list):
                    data[key] = [_as_pattern(p) for p in data[key]]
        return data

    @model_validator(mode="after")
    def _alerts_have_severity(self) -> RuleSpec:
        if self.kind == "alert" and self.severity is None:
            raise ValueError("an alert rule needs a severity")
        return self


class RuleFile(_Closed):
    sets: dict[Annotated[str, Field(pattern=_ID_RE)], Annotated[list[str], Field(min_length=1)]] = Field(
        default_factory=dict
    )
    rules: list[dict[str, Any]] = Field(default_factory=list)


@dataclass(frozen=True)
class Term:
    """One normalised word form: ``stem`` allows any ending, ``exact`` forbids clitics."""

    text: str
    stem: bool = False
    exact: bool = False


@dataclass(frozen=True)
class Slot:
    terms: tuple[Term, ...]
    gap_before: int  # words allowed between the previous slot and this one
    optional: bool = False  # the phrase also matches without this word (its gaps then add up)


@dataclass(frozen=True)
class Phrase:
    source: str
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class Pattern:
    phrase: Phrase
    near: tuple[Phrase, ...]
    window: int


@dataclass(frozen=True)
class Rule:
    id: str
    kind: Literal["alert", "topic"]
    labels: Labels
    severity: Severity | None
    topics: tuple[str, ...]
    min_matches: int
    patterns: tuple[Pattern, ...]
    exclusions: tuple[Pattern, ...]
    from_figures: tuple[CasualtyKind, ...]
    source: Path


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]

    def get(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise ConfigError(f"no rule {rule_id!r}; known: {', '.join(r.id for r in self.rules)}")

    @property
    def alerts(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.kind == "alert")


# --- phrase parsing ---------------------------------------------------------------------------------


def parse_term(raw: str) -> Term:
    exact = raw.startswith("=")
    body = raw[1:] if exact else raw
    stem = body.endswith("*")
    body = normalize(body[:-1] if stem else body).strip()
    if not body or not all(c.isalnum() for c in body):
        raise ValueError(f"term {raw!r} must be one word of letters or digits")
    if not exact:
        body = strip_article(body)
    if stem and len(body) < MIN_STEM:
        raise ValueError(f"stem {raw!r} is too short (at least {MIN_STEM} letters before *)")
    return Term(body, stem=stem, exact=exact)


def _expand(word: str, sets: Mapping[str, Sequence[str]]) -> list[str]:
    out: list[str] = []
    for alt in word.split("|"):
        if not alt:
            raise ValueError(f"empty alternative in {word!r}")
        ref = _SET_RE.match(alt)
        if ref:
            if ref.group(1) not in sets:
                raise ValueError(f"unknown set @{ref.group(1)}")
            out.extend(sets[ref.group(1)])
        else:
            out.append(alt)
    return out


def parse_phrase(source: str, sets: Mapping[str, Sequence[str]]) -> Phrase:
    slots: list[Slot] = []
    gap: int | None = None
    for word in source.split():
        gap_match = _GAP_RE.match(word)
        if gap_match:
            if not slots or gap is not None:
                raise ValueError(f"gap {word!r} must stand between two words in {source!r}")
            gap = int(gap_match.group(1))
            if gap > MAX_GAP:
                raise ValueError(f"gap {word!r} exceeds the maximum of {MAX_GAP}")
            continue
        optional = word.endswith(_OPTIONAL)
        if optional:
            word = word[: -len(_OPTIONAL)]
            if not slots:
                raise ValueError(f"optional word {word!r} cannot begin the phrase {source!r}")
        terms = tuple(dict.fromkeys(parse_term(t) for t in _expand(word, sets)))
        slots.append(Slot(terms, gap or 0, optional))
        gap = None
    if not slots:
        raise ValueError(f"empty phrase {source!r}")
    if gap is not None:
        raise ValueError(f"phrase {source!r} ends with a gap")
    if slots[-1].optional:
        raise ValueError(f"optional word cannot end the phrase {source!r}")
    return Phrase(source, tuple(slots))


def phrase_variants(phrase: Phrase) -> list[tuple[Slot, ...]]:
    """The plain phrases (no optional word) a phrase stands for, longest first: each optional word
    present or absent; an absent word's gap is added to the next word's gap."""
    variants: list[tuple[Slot, ...]] = [()]
    carried = [0]  # per variant: the gap of absent optional words waiting for the next word
    for slot in phrase.slots:
        grown: list[tuple[Slot, ...]] = []
        carry: list[int] = []
        for variant, extra in zip(variants, carried, strict=True):
            grown.append((*variant, Slot(slot.terms, slot.gap_before + extra)))
            carry.append(0)
            if slot.optional:
                grown.append(variant)
                carry.append(extra + slot.gap_before)
        variants, carried = grown, carry
    return sorted(variants, key=len, reverse=True)


def _pattern(spec: PatternSpec, sets: Mapping[str, Sequence[str]]) -> Pattern:
    near = tuple(parse_phrase(p, sets) for p in spec.near)
    return Pattern(parse_phrase(spec.phrase, sets), near, spec.window)


def build_rule(spec: RuleSpec, sets: Mapping[str, Sequence[str]], source: Path) -> Rule:
    return Rule(
        id=spec.id,
        kind=spec.kind,
        labels=spec.labels,
        severity=spec.severity,
        topics=tuple(spec.topics),
        min_matches=spec.min_matches,
        patterns=tuple(_pattern(p, sets) for p in spec.patterns),
        exclusions=tuple(_pattern(p, sets) for p in spec.exclusions),
        from_figures=tuple(spec.from_figures),
        source=source,
    )


# --- loading ----------------------------------------------------------------------------------------


def _short(error: ValidationError) -> str:
    parts = []
    for err in error.errors():
        where = ".".join(str(p) for p in err["loc"])
        parts.append(f"{where}: {err['msg']}" if where else err["msg"])
    return "; ".join(parts)


def _read(path: Path) -> RuleFile:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read rules: {exc}") from exc
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: a rules file must be a mapping with 'rules' (and optional 'sets')")
    try:
        return RuleFile.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {_short(exc)}") from exc


def _rule_name(raw: Mapping[str, Any], index: int) -> str:
    rid = raw.get("id") if isinstance(raw, Mapping) else None
    return f"rule {rid!r}" if isinstance(rid, str) else f"rule #{index + 1}"


def load_rules(paths: Iterable[Path]) -> RuleSet:
    """Load and validate rule files; every error names the file and the rule (or set)."""
    files = [(p, _read(p)) for p in sorted(paths)]
    sets: dict[str, list[str]] = {}
    for path, rf in files:
        for name, terms in rf.sets.items():
            if name in sets:
                raise ConfigError(f"{path}: set {name!r} is defined twice")
            for term in terms:
                try:
                    parse_term(term)
                except ValueError as exc:
                    raise ConfigError(f"{path}: set {name!r}: {exc}") from exc
            sets[name] = list(terms)
    rules: list[Rule] = []
    seen: dict[str, Path] = {}
    for path, rf in files:
        for index, raw in enumerate(rf.rules):
            name = _rule_name(raw, index)
            try:
                spec = RuleSpec.model_validate(raw)
                rule = build_rule(spec, sets, path)
            except ValidationError as exc:
                raise ConfigError(f"{path}: {name}: {_short(exc)}") from exc
            except ValueError as exc:
                raise ConfigError(f"{path}: {name}: {exc}") from exc
            if rule.id in seen:
                raise ConfigError(f"{path}: {name}: duplicate id (also in {seen[rule.id]})")
            seen[rule.id] = path
            rules.append(rule)
    return RuleSet(tuple(rules))


def load_rules_dir(directory: Path) -> RuleSet:
    if not directory.is_dir():
        raise ConfigError(f"{directory}: rules directory not found")
    paths = [*directory.glob("*.yaml"), *directory.glob("*.yml")]
    if not paths:
        raise ConfigError(f"{directory}: no *.yaml rule files")
    return load_rules(paths)
