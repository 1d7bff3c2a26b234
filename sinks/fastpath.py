"""The Elasticsearch document of a current enriched-article message without building the pydantic model (pure).

Nearly every message on ``articles.enriched`` is one our processor wrote: the current schema version, every field
present, no unknown one, every value in the form pydantic writes it. For such a message ``current_document``
parses the JSON once, checks every field's type (and the schema's constraints: the id pattern, the URL length, the
literals), computes the flat fields from the plain dict and writes the document from that dict: the same document
as the model's (``documents.article_doc``), at a fraction of the cost and with a handful of objects per message
instead of a tree of models (which the garbage collector walked again and again while they waited in flight).

Anything else answers None, and the sink falls back on the tolerant reader (``mediamon.codec.decode``): the
previous version (upcast), unknown or missing fields, a value pydantic would coerce or refuse (a number as a
string, a count as a float, a bad literal), a datetime not in pydantic's own form, a lone surrogate escape. So
this path only ever accepts what the tolerant reader accepts too, and gives it the same document; everything that
is poison is still named so by the tolerant reader.
"""

from __future__ import annotations

import re
from datetime import datetime
from operator import itemgetter
from typing import Any, get_args

import orjson
from pydantic_core import to_json

from mediamon.schema import (
    ARTICLE_ID_PATTERN,
    MAX_URL_CHARS,
    SCHEMA_VERSION,
    Alert,
    Analysis,
    Casualty,
    CasualtyKind,
    EnrichedArticle,
    Place,
    Qualifier,
    Severity,
    Span,
    TextSource,
)
from mediamon.sinks.documents import ArticleDoc, flat_values

# The key sets come from the models, so a field added to the schema sends its messages the slow way until the
# checks below know it (tests/sinks/test_fastpath.py holds the checks and the models together).
ARTICLE_KEYS = frozenset(EnrichedArticle.model_fields)
ANALYSIS_KEYS = frozenset(Analysis.model_fields)
ALERT_KEYS = frozenset(Alert.model_fields)
SPAN_KEYS = frozenset(Span.model_fields)
PLACE_KEYS = frozenset(Place.model_fields)
CASUALTY_KEYS = frozenset(Casualty.model_fields)

SEVERITIES = frozenset(get_args(Severity))
KINDS = frozenset(get_args(CasualtyKind))
QUALIFIERS = frozenset(get_args(Qualifier))
TEXT_SOURCES = frozenset(get_args(TextSource))

_ID = re.compile(ARTICLE_ID_PATTERN)
# What documents.flat_values reads of an alert, a place and a casualty fact, as its tuples.
_ALERT_VALUES = itemgetter("rule", "severity")
_PLACE_VALUES = itemgetter("name", "lat", "lon")
_FACT_VALUES = itemgetter("kind", "count", "qualifier")
# A datetime as pydantic writes it: microseconds only when not zero (6 digits), "Z" for UTC, +HH:MM otherwise, no
# suffix for a naive one. Any other spelling (+00:00, a fraction of 3 digits, seconds in the offset) is valid but
# would be rewritten by the model, so it goes the slow way.
_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.(?!000000)\d{6})?(?:Z|[+-](?!00:00)\d\d:\d\d)?")


def current_document(value: bytes) -> ArticleDoc | None:
    """The document of a current-version enriched article in our own form, or None (use the tolerant reader)."""
    # orjson: 6.5 us for a 3 KB message against pydantic_core's 9.7. It refuses NaN and Infinity, integers beyond
    # 64 bits and a lone surrogate escape (which the tolerant reader mends, and says so in ``repairs``).
    try:
        msg = orjson.loads(value)
    except orjson.JSONDecodeError:
        return None
    if type(msg) is not dict or msg.keys() != ARTICLE_KEYS:
        return None
    try:
        return _document(msg, value)
    except (TypeError, ValueError, KeyError, AttributeError):  # a shape the checks below did not expect
        return None


def _document(msg: dict[str, Any], value: bytes) -> ArticleDoc | None:
    article_id, url, analysis = msg["id"], msg["url"], msg["analysis"]
    if not (type(msg["schema_version"]) is int and msg["schema_version"] == SCHEMA_VERSION
            and type(article_id) is str and _ID.fullmatch(article_id) and type(url) is str and len(url) <= MAX_URL_CHARS
            and type(msg["source"]) is str and type(msg["title"]) is str and type(msg["text"]) is str
            and type(msg["summary"]) is str and msg["text_source"] in TEXT_SOURCES and _str_list(msg["repairs"])
            and type(msg["replay"]) is bool and (msg["story_id"] is None or type(msg["story_id"]) is str)
            and (msg["background"] is None or _int_list(msg["background"]))
            and type(analysis) is dict and analysis.keys() == ANALYSIS_KEYS and _analysis(analysis)):
        return None
    fetched = _datetime(msg["fetched"])
    published = fetched if msg["published"] is None else _datetime(msg["published"])
    if published is None or fetched is None or _datetime(msg["analyzed"]) is None:
        return None
    event_time = msg["fetched"] if msg["published"] is None else msg["published"]
    flat = flat_values(_isoformat(event_time), analysis["language"], map(_ALERT_VALUES, analysis["alerts"]),
                       analysis["topics"], analysis["countries"], map(_PLACE_VALUES, analysis["places"]),
                       map(_FACT_VALUES, analysis["casualties"]), msg["background"] or ())
    # The message's own bytes, the flat fields after them (their names are no field of the message: the keys were
    # checked), as documents.document_json splices the model's.
    own = value.rstrip()
    return ArticleDoc(article_id, published, b"".join((memoryview(own)[:-1], b",", to_json(flat)[1:])))


def _analysis(analysis: dict[str, Any]) -> bool:
    alerts, places, facts = analysis["alerts"], analysis["places"], analysis["casualties"]
    if not (type(analysis["id"]) is str and type(analysis["language"]) is str and _str_list(analysis["topics"])
            and _str_list(analysis["countries"]) and type(alerts) is list and type(places) is list
            and type(facts) is list):
        return False
    for alert in alerts:
        if not (type(alert) is dict and alert.keys() == ALERT_KEYS and type(alert["rule"]) is str
                and alert["severity"] in SEVERITIES and _spans(alert["matches"])):
            return False
    for place in places:
        if not (type(place) is dict and place.keys() == PLACE_KEYS and type(place["name"]) is str
                and type(place["country"]) is str
                # A float or None: an integer would come back from the model as a float (31 -> 31.0).
                and (place["lat"] is None or type(place["lat"]) is float)
                and (place["lon"] is None or type(place["lon"]) is float)):
            return False
    for fact in facts:
        if not (type(fact) is dict and fact.keys() == CASUALTY_KEYS and fact["kind"] in KINDS
                and fact["qualifier"] in QUALIFIERS and (fact["count"] is None or type(fact["count"]) is int)
                and type(fact["text"]) is str and type(fact["start"]) is int and type(fact["end"]) is int
                and _spans(fact["mentions"])):
            return False
    return True


def _str_list(value: object) -> bool:
    return type(value) is list and all(type(item) is str for item in value)


def _int_list(value: object) -> bool:
    return type(value) is list and all(type(item) is int for item in value)


def _spans(value: object) -> bool:
    if type(value) is not list:
        return False
    for span in value:
        if not (type(span) is dict and span.keys() == SPAN_KEYS and type(span["text"]) is str
                and type(span["start"]) is int and type(span["end"]) is int):
            return False
    return True


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
