"""The facts story clustering takes from the analysis engine's output (mediamon.schema.Analysis).

Full-length reports recall other events further down: the war's cumulative toll, an older strike in another
town, the talks in another capital. The event itself is told in the title and the lede, so the places and
casualty figures that story clustering compares are those of the title and the first ``lead_words`` words of
the text (the lead that is shingled): a place named only in a background paragraph, or a toll stated only
there, says nothing about which event the article reports. Nor does a clause of the lede that recalls another
event of the kind (recalls.py): "..., two days after 14 died in a similar collapse in River Nile state"; its
words are not shingled either.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from mediamon.analysis.normalize import normalize
from mediamon.processors.stories.config import StoryConfig
from mediamon.processors.stories.craft import craft_names
from mediamon.processors.stories.features import ArticleFeatures, features_of
from mediamon.processors.stories.localities import lede_names, lede_phrases, spots
from mediamon.processors.stories.recalls import blank, recalled_spans, within
from mediamon.processors.stories.shingles import stem
from mediamon.schema import Analysis, Casualty

LEDE_MIN_WORDS = 15  # a first sentence shorter than this ("Five were killed in Rafah.") takes the next one too

_WORD_RE = re.compile(r"[^\W_]+")
_TOKEN_RE = re.compile(r"\S+")
_SENTENCE_END_RE = re.compile(r"[.!?؟](?=\s|$)|\n")  # not the point of 5.3 or of a URL
# A place named with its kind in the gazetteer (مخيم زمزم) is often written with another (معسكر زمزم).
_PLACE_HEADS = frozenset(
    stem(normalize(w)) for w in ("مخيم", "معسكر", "حي", "مدينة", "بلدة", "قرية", "محافظة", "ولاية", "منطقة", "قضاء")
)


def lead_end(text: str, lead_words: int) -> int:
    """The offset in ``text`` just after its first ``lead_words`` whitespace-separated words."""
    end = 0
    for number, token in enumerate(_TOKEN_RE.finditer(text), 1):
        end = token.end()
        if number == lead_words:
            break
    return end if end else len(text)


def lede_end(text: str, lead_words: int) -> int:
    """The offset in ``text`` just after its lede: the first sentences (or paragraphs) that hold at least
    ``LEDE_MIN_WORDS`` words, and no more than the first ``lead_words`` words."""
    cap = lead_end(text, lead_words)
    words, start = 0, 0
    for end in _SENTENCE_END_RE.finditer(text, 0, cap):
        words += len(text[start:end.end()].split())
        start = end.end()
        if words >= LEDE_MIN_WORDS:
            return end.end()
    return cap


def _stems(text: str) -> list[str]:
    return [stem(word) for word in _WORD_RE.findall(normalize(text))]


def _named_in(name: list[str], words: list[str]) -> bool:
    """Whether the stemmed words of a place name occur in a row in ``words``."""
    if not name:
        return False
    size = len(name)
    return any(words[i:i + size] == name for i in range(len(words) - size + 1) if words[i] == name[0])


def lede_places(title: str, text: str, places: Sequence[str], lead_words: int, end: int | None = None) -> list[str]:
    """The places named in the title or the lede (their stemmed words in a row; a place named with its kind,
    مخيم زمزم, also by its proper name alone). All of ``places`` when the lede names none of them: a lede that
    opens on a witness rather than the town still reports an event somewhere. ``end``: the lede's end, when
    already known."""
    return _places_in(_stems(_told(title) + "\n" + _told(text[: lede_end(text, lead_words) if end is None else end])),
                      places)


def _places_in(words: list[str], places: Sequence[str]) -> list[str]:
    """The ``places`` named in the stemmed ``words`` (see ``lede_places``), or all of them when none is."""
    found = []
    for place in places:
        name = _stems(place)
        if _named_in(name, words) or (len(name) > 1 and name[0] in _PLACE_HEADS and _named_in(name[1:], words)):
            found.append(place)
    return found or list(places)


def _told(text: str) -> str:
    """``text`` without the clauses that recall another event (recalls.py)."""
    return blank(text, recalled_spans(text))


def figures_of(analysis: Analysis, end: int | None = None, text: str = "") -> list[tuple[str, int]]:
    """(kind, count) of the casualty facts that state a count; with ``end``, only those stated (some mention
    starting) before that offset of the text, outside the clauses of ``text[:end]`` that recall another event."""
    recalled = recalled_spans(text[:end]) if end is not None and text else []
    return [(str(c.kind), c.count) for c in analysis.casualties if c.count is not None
            and (end is None or _stated_before(c, end, recalled))]


def _stated_before(casualty: Casualty, end: int, recalled: list[tuple[int, int]]) -> bool:
    starts = [casualty.start, *(mention.start for mention in casualty.mentions)]
    return any(start < end and not within(start, recalled) for start in starts)


def lede_facts(title: str, text: str, analysis: Analysis, lead_words: int) -> tuple[list[str], list[tuple[str, int]]]:
    """The places and casualty figures of the title and lede (see the module's docstring)."""
    end = lede_end(text, lead_words)
    places = lede_places(title, text, [place.name for place in analysis.places], lead_words, end)
    return places, figures_of(analysis, end, text)


def lede_spots(title: str, text: str, analysis: Analysis, lead_words: int, end: int | None = None,
               ) -> tuple[list[str], list[str]]:
    """The localities of the title and lede named after a place noun (حي التفاح، مخيم جنين: localities.py), and
    those of them that the gazetteer does not know."""
    lede = text[: lede_end(text, lead_words) if end is None else end]
    return spots(_told(title) + "\n" + _told(lede), [place.name for place in analysis.places])


def features_from_analysis(
    article_id: str,
    source: str,
    title: str,
    text: str,
    event_time: datetime,
    analysis: Analysis,
    config: StoryConfig,
) -> ArticleFeatures:
    """``features_of`` with the countries of an engine analysis and the places and figures of its lede."""
    end = lede_end(text, config.lead_words)
    recalled = recalled_spans(text[:end])
    told = _told(title) + "\n" + blank(text[:end], recalled)  # the title and lede, recalled clauses blanked
    names = [place.name for place in analysis.places]
    places = _places_in(_stems(told), names)
    named, localities = spots(told, names)
    place_countries = sorted({place.country for place in analysis.places if place.name in places})
    return features_of(
        article_id,
        source,
        title,
        text,
        event_time,
        countries=analysis.countries,
        places=places,
        figures=[(str(c.kind), c.count) for c in analysis.casualties
                 if c.count is not None and _stated_before(c, end, recalled)],
        config=config,
        spots=named,
        localities=localities,
        place_countries=place_countries,
        shingled=told[len(title) + 1:] + text[end:],
        names=lede_names(told),
        phrases=lede_phrases(told),
        craft=craft_names(told),
    )
