"""The words a reader expects: casualty figures with their qualifiers, severities, kinds, countries. Pure.

Arabic numerals take the noun in the form Arabic grammar asks of the number's last two digits: 3–10 take the
plural (٥ قتلى), 11–99 the accusative singular (32 قتيلاً), round hundreds and thousands the genitive singular
(200 جريح); 1 and 2 are said with the noun alone (قتيل واحد، قتيلان).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from mediamon.schema import AlertKind, CasualtyKind, Figure, Qualifier, Severity


@dataclass(frozen=True)
class Noun:
    one: str  # قتيل واحد
    two: str  # قتيلان
    plural: str  # 3–10: قتلى
    accusative: str  # 11–99: قتيلاً
    genitive: str  # 100, 200, 1000…: قتيل
    definite: str  # with no number: القتلى
    english: str


NOUNS: dict[CasualtyKind, Noun] = {
    "killed": Noun("قتيل واحد", "قتيلان", "قتلى", "قتيلاً", "قتيل", "القتلى", "killed"),
    "injured": Noun("جريح واحد", "جريحان", "جرحى", "جريحاً", "جريح", "الجرحى", "injured"),
    "killed_or_injured": Noun("قتيل أو جريح واحد", "قتيل وجريح", "بين قتيل وجريح", "بين قتيل وجريح",
                              "بين قتيل وجريح", "القتلى والجرحى", "killed or injured"),
    "displaced": Noun("نازح واحد", "نازحان", "نازحين", "نازحاً", "نازح", "النازحين", "displaced"),
    "evacuated": Noun("شخص واحد تم إجلاؤه", "شخصان تم إجلاؤهما", "أشخاص تم إجلاؤهم", "شخصاً تم إجلاؤهم",
                      "شخص تم إجلاؤهم", "من تم إجلاؤهم", "evacuated"),
    "missing": Noun("مفقود واحد", "مفقودان", "مفقودين", "مفقوداً", "مفقود", "المفقودين", "missing"),
}

QUALIFIER_AR: dict[Qualifier, str] = {
    "exact": "", "at_least": "ما لا يقل عن", "more_than": "أكثر من", "about": "نحو", "vague": "عدد من",
}
QUALIFIER_EN: dict[Qualifier, str] = {
    "exact": "", "at_least": "at least", "more_than": "more than", "about": "about", "vague": "some",
}

SEVERITY_AR: dict[Severity, str] = {"low": "منخفضة", "medium": "متوسطة", "high": "عالية", "critical": "حرجة"}
SEVERITY_ICON: dict[Severity, str] = {"low": "⚪", "medium": "🟡", "high": "🟠", "critical": "🔴"}
KIND_AR: dict[AlertKind, str] = {"new": "خبر جديد", "update": "تحديث", "spike": "ارتفاع مفاجئ"}
KIND_EN: dict[AlertKind, str] = {"new": "New story", "update": "Update", "spike": "Spike"}


OUTLETS = Noun("وسيلة إعلام واحدة", "وسيلتا إعلام", "وسائل إعلام", "وسيلة إعلام", "وسيلة إعلام", "وسائل الإعلام",
               "outlets")
REPORTS = Noun("تقرير واحد", "تقريران", "تقارير", "تقريراً", "تقرير", "التقارير", "reports")


def arabic_count(kind: CasualtyKind, count: int) -> tuple[str, str]:
    """(the number as written, the noun that follows it); the number is empty for one and two."""
    return agree(NOUNS[kind], count)


def agree(noun: Noun, count: int) -> tuple[str, str]:
    """(the number as written, ``noun`` in the form the number asks for); no number for one and two."""
    if count == 1:
        return "", noun.one
    if count == 2:
        return "", noun.two
    last_two = count % 100
    if 3 <= last_two <= 10:
        return str(count), noun.plural
    if 11 <= last_two <= 99:
        return str(count), noun.accusative
    return str(count), noun.genitive


def figure_parts_ar(figure: Figure) -> tuple[str, str, str]:
    """(qualifier words, number, noun): ``("أكثر من", "200", "جريح")``."""
    qualifier = QUALIFIER_AR[figure.qualifier]
    if figure.count is None:
        vague = "عدد غير محدد من" if figure.qualifier in ("vague", "exact") else qualifier
        return vague, "", NOUNS[figure.kind].definite
    number, noun = arabic_count(figure.kind, figure.count)
    if not number:  # قتيل واحد، قتيلان: the qualifier still reads (أكثر من قتيلين reads oddly; keep it simple)
        return qualifier, "", noun
    return qualifier, number, noun


def figure_en(figure: Figure) -> str:
    """``more than 200 injured``; a vague amount: ``an unknown number injured``."""
    noun = NOUNS[figure.kind].english
    if figure.count is None:
        return f"an unknown number {noun}"
    qualifier = QUALIFIER_EN[figure.qualifier]
    return " ".join(part for part in (qualifier, f"{figure.count:,}", noun) if part)


def count_en(figure: Figure | None) -> str:
    """The number with its qualifier, without the noun: ``at least 32``; ``?`` when unknown or absent."""
    if figure is None or figure.count is None:
        return "?"
    return " ".join(part for part in (QUALIFIER_EN[figure.qualifier], f"{figure.count:,}") if part)


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    try:
        text = (resources.files("mediamon.analysis") / "data" / "gazetteer" / "countries.yaml").read_text("utf-8")
        data = yaml.safe_load(text)
    except (OSError, ModuleNotFoundError, yaml.YAMLError):
        return {}
    rows = data.get("countries", []) if isinstance(data, dict) else []
    return {str(row["iso2"]).upper(): str(row["name"]) for row in rows if isinstance(row, dict) and "iso2" in row}


def country_ar(code: str) -> str:
    """The Arabic name of an ISO 3166-1 alpha-2 code, or the code when the gazetteer does not know it."""
    return _country_names().get(code.upper(), code)
