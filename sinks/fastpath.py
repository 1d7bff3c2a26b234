"""The Elasticsearch document of a current enriched-article message without building the pydantic model (pure).

Nearly every message on ``articles.enriched`` is one our processor wrote: the current schema version, every field
present, no unknown one, every value in the form pydantic writes it. For such a message ``current_document``
decodes the JSON into plain msgspec structs that check every field's type while parsing (and the schema's
constraints: the id pattern, the URL length, the literals), computes the flat fields from them and splices them
after the message's own bytes: the same document as the model's (``documents.article_doc``), at a fraction of the
cost and with objects the garbage collector does not track (a tree of models waiting in flight was walked again
and again).

Anything else answers None, and the sink falls back on the tolerant reader (``mediamon.codec.decode``): the
previous version (upcast), unknown or missing fields, a value pydantic would coerce or refuse (a number as a
string, a count as a float, a bad literal), a datetime not in pydantic's own form, a lone surrogate escape. So
this path only ever accepts what the tolerant reader accepts too, and gives it the same document; everything that
is poison is still named so by the tolerant reader.
"""

from __future__ import annotations

import re
from datetime import datetime
from operator import attrgetter
from typing import Annotated

import msgspec
from pydantic_core import to_json

from mediamon.schema import (
    ARTICLE_ID_PATTERN,
    MAX_URL_CHARS,
    SCHEMA_VERSION,
    CasualtyKind,
    Qualifier,
    Severity,
    TextSource,
)
from mediamon.sinks.documents import ArticleDoc, flat_values

# The message's shape as msgspec structs, checked in one pass in C while the JSON is parsed: every field present
# (no defaults), no unknown one (forbid_unknown_fields), each of its exact JSON type (msgspec is strict: no "27" or
# 27.0 for an int, no 0 for a bool), the literals of the schema. The structs hold no cycles, so the garbage
# collector does not track them (gc=False). tests/sinks/test_fastpath.py holds these and the models together: a
# field added to the schema sends every message the slow way until it is added here.
_Int = Annotated[int, msgspec.Meta(ge=-(2**63), le=2**63 - 1)]  # beyond 64 bits: the tolerant reader decides


class _Span(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    text: str
    start: _Int
    end: _Int


class _Alert(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    rule: str
    severity: Severity
    matches: list[_Span]


class _Place(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    name: str
    country: str
    # An int is kept as an int so that it can be sent the slow way: the model writes 31 back as 31.0.
    lat: float | int | None
    lon: float | int | None


class _Casualty(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    kind: CasualtyKind
    count: _Int | None
    qualifier: Qualifier
    text: str
    start: _Int
    end: _Int
    mentions: list[_Span]


class _Analysis(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    id: str
    language: str
    alerts: list[_Alert]
    topics: list[str]
    countries: list[str]
    places: list[_Place]
    casualties: list[_Casualty]


class _Message(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    schema_version: int
    id: str
    url: Annotated[str, msgspec.Meta(max_length=MAX_URL_CHARS)]
    source: str
    title: str
    text: str
    summary: str
    text_source: TextSource
    published: str | None
    fetched: str
    repairs: list[str]
    analyzed: str
    analysis: _Analysis
    story_id: str | None
    replay: bool
    background: list[_Int] | None


# msgspec refuses NaN and Infinity and a lone surrogate escape (which the tolerant reader mends, and says so in
# ``repairs``). Decoding and checking a 3 KB message costs what orjson's bare parse did (6.4 us against 6.5).
_DECODER = msgspec.json.Decoder(_Message)
_ID = re.compile(ARTICLE_ID_PATTERN)
# What documents.flat_values reads of an alert, a place and a casualty fact, as its tuples.
_ALERT_VALUES = attrgetter("rule", "severity")
_PLACE_VALUES = attrgetter("name", "lat", "lon")
_FACT_VALUES = attrgetter("kind", "count", "qualifier")
# A datetime as pydantic writes it: microseconds only when not zero (6 digits), "Z" for UTC, +HH:MM otherwise, no
# suffix for a naive one. Any other spelling (+00:00, a fraction of 3 digits, seconds in the offset) is valid but
# would be rewritten by the model, so it goes the slow way.
_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.(?!000000)\d{6})?(?:Z|[+-](?!00:00)\d\d:\d\d)?")


def current_document(value: bytes) -> ArticleDoc | None:
    """The document of a current-version enriched article in our own form, or None (use the tolerant reader)."""
    try:
        msg = _DECODER.decode(value)
    except msgspec.DecodeError:  # not JSON, or not this version's exact shape
        return None
    if msg.schema_version != SCHEMA_VERSION or not _ID.fullmatch(msg.id):
        return None
    for place in msg.analysis.places:
        if type(place.lat) is int or type(place.lon) is int:
            return None
    fetched = _datetime(msg.fetched)
    published = fetched if msg.published is None else _datetime(msg.published)
    if published is None or fetched is None or _datetime(msg.analyzed) is None:
        return None
    analysis = msg.analysis
    flat = flat_values(_isoformat(msg.fetched if msg.published is None else msg.published), analysis.language,
                       map(_ALERT_VALUES, analysis.alerts), analysis.topics, analysis.countries,
                       map(_PLACE_VALUES, analysis.places), map(_FACT_VALUES, analysis.casualties),
                       msg.background or ())
    # The message's own bytes, the flat fields after them (their names are no field of the message: the keys were
    # checked), as documents.document_json splices the model's.
    own = value.rstrip()
    return ArticleDoc(msg.id, published, b"".join((memoryview(own)[:-1], b",", to_json(flat)[1:])))


def _isoformat(value: str) -> str:
    """``datetime.fromisoformat(value).isoformat()`` for a datetime in pydantic's form (``_DATETIME``), without
    calling it (1.3 us a message): the same string, but "+00:00" where pydantic writes "Z"."""
    return value[:-1] + "+00:00" if value.endswith("Z") else value


def _datetime(value: object) -> datetime | None:
    if type(value) is not str or not _DATETIME.fullmatch(value):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:  # the right shape, not a date (2026-02-30)
        return None
