"""The fast path of the Elasticsearch sink (pure): a current message in our own form gives the very document the model
gives; anything else goes through the tolerant reader, which still upcasts, ignores unknown fields and names poison."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from mediamon.errors import PoisonMessage
from mediamon.schema import (
    Alert,
    Analysis,
    Article,
    Casualty,
    EnrichedArticle,
    Place,
    Span,
)
from mediamon.sinks.documents import article_doc, to_document
from mediamon.sinks.elasticsearch import decode_article_doc, decode_enriched
from mediamon.sinks.fastpath import current_document

FETCHED = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
RIYADH = timezone(timedelta(hours=3))
NEWFOUNDLAND = timezone(timedelta(hours=-3, minutes=-30))


def _article(n: int = 0, *, published: datetime | None = FETCHED, places: list[Place] | None = None,
             casualties: list[Casualty] | None = None, alerts: list[Alert] | None = None, **extra: Any
             ) -> EnrichedArticle:
    art = Article(id=f"{n:032x}", url=f"https://example.org/{n}", source="وكالة", title="مقتل 27 وإصابة 60",
                  text="نص الخبر " * 20, published=published, fetched=FETCHED, text_source="fulltext")
    analysis = Analysis(
        id=art.id, language="ar", topics=["armed_conflict", "ceasefire"], countries=["PS", "EG"],
        alerts=alerts if alerts is not None else [
            Alert(rule="casualties", severity="high", matches=[Span(text="مقتل 27", start=0, end=7)]),
            Alert(rule="ceasefire", severity="medium", matches=[])],
        places=places if places is not None else [Place(name="غزة", country="PS", lat=31.5, lon=34.47),
                                                  Place(name="القاهرة", country="EG", lat=30.04, lon=31.24)],
        casualties=casualties if casualties is not None else [
            Casualty(kind="killed", count=27, qualifier="at_least", text="مقتل 27", start=0, end=7,
                     mentions=[Span(text="مقتل 27", start=0, end=7), Span(text="27 قتيلا", start=40, end=48)]),
            Casualty(kind="injured", count=None, qualifier="vague", text="عشرات الجرحى", start=30, end=42),
            Casualty(kind="killed", count=31, qualifier="exact", text="31 قتيلا", start=50, end=58)])
    enriched = EnrichedArticle.build(art, analysis)
    return enriched.model_copy(update={"story_id": f"story-{n}", "analyzed": FETCHED + timedelta(minutes=1), **extra})


VARIED = {
    "full": _article(),
    "no places": _article(1, places=[]),
    "no casualties": _article(2, casualties=[]),
    "no alerts": _article(3, alerts=[]),
    "places without coordinates": _article(4, places=[Place(name="مكان", country="PS"),
                                                      Place(name="غزة", country="PS", lat=31.5, lon=None)]),
    "non-UTC published": _article(5, published=datetime(2026, 11, 20, 3, 0, tzinfo=RIYADH)),
    "negative offset with microseconds": _article(6, published=datetime(2026, 11, 1, 0, 30, 0, 250,
                                                                         tzinfo=NEWFOUNDLAND)),
    "not published": _article(7, published=None),
    "naive published": _article(8, published=datetime(2026, 10, 31, 23, 59, 59)),
    "no story, replayed, repaired": _article(9, story_id=None, replay=True,
                                             repairs=["lone surrogate replaced with U+FFFD in text"]),
    "background facts": _article(11, background=[2]),
    "no background fact": _article(15, background=[]),
    "big counts": _article(10, casualties=[Casualty(kind="displaced", count=4_500_000, qualifier="about",
                                                    text="نحو 4.5 مليون", start=0, end=12)]),
}


def _slow(value: bytes) -> bytes:
    return article_doc(decode_enriched(value)).source


@pytest.mark.parametrize("name", list(VARIED))
def test_a_current_message_gives_todays_document_byte_for_byte(name: str) -> None:
    article = VARIED[name]
    value = article.model_dump_json().encode()
    fast = current_document(value)
    assert fast is not None, "a message our processor wrote takes the fast path"
    assert fast == article_doc(decode_enriched(value))  # id, event time and the bytes of the document
    assert json.loads(fast.source) == to_document(article)
    assert fast.event_time == article.event_time and fast.event_time.utcoffset() == article.event_time.utcoffset()
    assert decode_article_doc(value) == fast


def test_other_spellings_of_a_current_message_give_the_same_document() -> None:
    """Whitespace, escapes and key order are the message's own: the document holds the same JSON."""
    article = _article(11)
    payload = json.loads(article.model_dump_json())
    for value in (json.dumps(payload, indent=2).encode(), json.dumps(payload, ensure_ascii=True).encode(),
                  json.dumps(dict(reversed(payload.items()))).encode()):
        fast = current_document(value)
        assert fast is not None
        assert json.loads(fast.source) == json.loads(_slow(value))


def _payload(article: EnrichedArticle | None = None) -> dict[str, Any]:
    return json.loads((article or _article(12)).model_dump_json())


def _bytes(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode()


def test_the_previous_version_goes_through_the_tolerant_reader_and_is_upcast() -> None:
    payload = _payload()
    payload["schema_version"] = 1
    for fact in payload["analysis"]["casualties"]:
        del fact["mentions"]
    del payload["story_id"], payload["replay"]
    value = _bytes(payload)
    assert current_document(value) is None
    doc = decode_article_doc(value)
    assert doc.source == _slow(value)
    indexed = json.loads(doc.source)
    assert indexed["schema_version"] == 2 and indexed["story_id"] is None
    assert indexed["analysis"]["casualties"][0]["mentions"] == [{"text": "مقتل 27", "start": 0, "end": 7}]


@pytest.mark.parametrize("where", ["top", "analysis", "place", "casualty", "span"])
def test_an_unknown_field_goes_through_the_tolerant_reader_and_is_left_out(where: str) -> None:
    payload = _payload()
    target = {"top": payload, "analysis": payload["analysis"], "place": payload["analysis"]["places"][0],
              "casualty": payload["analysis"]["casualties"][0],
              "span": payload["analysis"]["alerts"][0]["matches"][0]}[where]
    target["added_by_a_newer_writer"] = {"x": 1}
    value = _bytes(payload)
    assert current_document(value) is None
    doc = decode_article_doc(value)
    assert b"added_by_a_newer_writer" not in doc.source
    assert json.loads(doc.source) == to_document(_article(12))


def _set(payload: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    target: Any = payload
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value


# Values the model would rewrite (so the document would differ) or refuse: each goes the slow way.
REWRITTEN = [
    (("published",), "2026-11-20T09:00:00+00:00"),  # pydantic writes Z
    (("published",), "2026-11-20T09:00:00.000000Z"),  # no fraction when zero
    (("published",), "2026-11-20T09:00:00.5Z"),  # six digits
    (("published",), "2026-11-20 09:00:00Z"),
    (("fetched",), 1763629200),  # a timestamp
    (("analysis", "places", 0, "lat"), 31),  # 31.0 in the model
    (("analysis", "casualties", 0, "count"), "27"),
    (("analysis", "casualties", 0, "count"), 27.0),
    (("analysis", "casualties", 0, "start"), True),
    (("replay",), 0),
    (("repairs",), "none"),
]


@pytest.mark.parametrize(("path", "value"), REWRITTEN)
def test_a_value_the_model_would_rewrite_goes_the_slow_way_and_gets_todays_document(path: tuple[Any, ...],
                                                                                     value: Any) -> None:
    payload = _payload()
    _set(payload, path, value)
    raw = _bytes(payload)
    assert current_document(raw) is None
    try:
        slow = _slow(raw)
    except PoisonMessage:
        with pytest.raises(PoisonMessage):
            decode_article_doc(raw)
        return
    assert decode_article_doc(raw).source == slow


POISON = [
    (("schema_version",), 3, "unknown schema_version 3"),
    (("id",), "not-a-hash", "id"),
    (("url",), "https://example.org/" + "x" * 5000, "url"),
    (("published",), "2026-02-30T09:00:00Z", "published"),
    (("text_source",), "rumour", "text_source"),
    (("analysis", "alerts", 0, "severity"), "extreme", "severity"),
    (("analysis", "casualties", 0, "kind"), "wounded", "kind"),
    (("analysis", "casualties", 0, "qualifier"), "roughly", "qualifier"),
    (("analysis", "topics"), [1, 2], "topics"),
    (("analysis",), None, "analysis"),
]


@pytest.mark.parametrize(("path", "value", "reason"), POISON)
def test_poison_is_still_named_by_the_tolerant_reader(path: tuple[Any, ...], value: Any, reason: str) -> None:
    payload = _payload()
    _set(payload, path, value)
    raw = _bytes(payload)
    assert current_document(raw) is None
    with pytest.raises(PoisonMessage, match=reason):
        decode_article_doc(raw)


@pytest.mark.parametrize("raw", [b"", b"not json", b"[1, 2]", b'{"schema_version": 2}', b"\xff\xfe", b"null"])
def test_what_is_not_an_article_at_all_is_poison(raw: bytes) -> None:
    assert current_document(raw) is None
    with pytest.raises(PoisonMessage):
        decode_article_doc(raw)
    with pytest.raises(PoisonMessage, match="tombstone"):
        decode_article_doc(None)


def test_a_lone_surrogate_is_mended_by_the_tolerant_reader() -> None:
    raw = _article(13).model_dump_json().encode().replace("نص الخبر".encode(), b"\\ud800", 1)
    assert current_document(raw) is None
    indexed = json.loads(decode_article_doc(raw).source)
    assert "\ufffd" in indexed["text"] and indexed["repairs"] == ["lone surrogate replaced with U+FFFD in text"]


@pytest.mark.parametrize(("old", "new"), [
    (b"31.5", b"NaN"), (b"31.5", b"Infinity"), (b'"count":27', b'"count":' + str(2**70).encode()),
])
def test_what_json_allows_only_loosely_goes_the_slow_way(old: bytes, new: bytes) -> None:
    """NaN, Infinity and integers beyond 64 bits: the fast path's parser refuses them; the tolerant reader decides."""
    raw = _article(14).model_dump_json().encode()
    assert old in raw
    assert current_document(raw.replace(old, new, 1)) is None
    assert current_document(raw) is not None


def _leaves(payload: dict[str, Any]) -> list[tuple[str | int, ...]]:
    """Every field of the message, nested ones included (the first item of each list)."""
    analysis = payload["analysis"]
    paths: list[tuple[str | int, ...]] = [(k,) for k in payload]
    paths += [("analysis", k) for k in analysis]
    paths += [("analysis", "alerts", 0, k) for k in analysis["alerts"][0]]
    paths += [("analysis", "alerts", 0, "matches", 0, k) for k in analysis["alerts"][0]["matches"][0]]
    paths += [("analysis", "places", 0, k) for k in analysis["places"][0]]
    paths += [("analysis", "casualties", 0, k) for k in analysis["casualties"][0]]
    paths += [("analysis", "casualties", 0, "mentions", 0, k) for k in analysis["casualties"][0]["mentions"][0]]
    return paths


def test_every_field_of_the_schema_is_checked() -> None:
    """A field added to the models but not to the fast path's checks would pass unchecked: every field, set to
    a value of no type the schema allows, must send the message the slow way."""
    payload = _payload()
    fields = _leaves(payload)
    assert len(fields) == (len(EnrichedArticle.model_fields) + len(Analysis.model_fields) + len(Alert.model_fields)
                           + 2 * len(Span.model_fields) + len(Place.model_fields) + len(Casualty.model_fields))
    for path in fields:
        broken = _payload()
        _set(broken, path, {"unexpected": [1]})
        assert current_document(_bytes(broken)) is None, path
    assert current_document(_bytes(payload)) is not None


def test_the_fast_paths_structs_name_the_models_fields() -> None:
    """Each struct the fast path decodes into has exactly its model's fields (a field added to a model and not to its
    struct would send every message the slow way; one left in a struct after the model dropped it, the same)."""
    import msgspec

    from mediamon.sinks import fastpath

    pairs = [(fastpath._Message, EnrichedArticle), (fastpath._Analysis, Analysis), (fastpath._Alert, Alert),
             (fastpath._Span, Span), (fastpath._Place, Place), (fastpath._Casualty, Casualty)]
    for struct, model in pairs:
        assert {f.name for f in msgspec.structs.fields(struct)} == set(model.model_fields), struct.__name__
