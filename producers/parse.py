"""Hardened feed parsing: decode bytes to text ourselves, strip DOCTYPE and entity declarations (so
billion-laughs and quadratic-blowup bombs cost nothing), then let feedparser read RSS 2.0, RSS 1.0 and
Atom from memory (never from a URL or a file name)."""

from __future__ import annotations

import calendar
import codecs
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser
from mediamon.producers.text import html_to_text

from mediamon.errors import MediamonError

_XML_DECL = re.compile(rb"^\s*<\?xml[^>]{0,200}\?>")
_DECL_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_DOCTYPE = re.compile(r"<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>", re.IGNORECASE | re.DOTALL)
_ENTITY_DECL = re.compile(r"<!ENTITY[^>]*>", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class FeedParseError(MediamonError):
    """The document is not a feed we can read (reason is a short label)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}" + (f": {detail}" if detail else ""))
        self.reason = reason


@dataclass(frozen=True)
class FeedItem:
    link: str
    title: str
    summary: str
    content: str
    published: datetime | None
    guid: str


@dataclass(frozen=True)
class ParsedFeed:
    items: tuple[FeedItem, ...]
    encoding: str
    bozo: bool
    bozo_reason: str


def _valid_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _declared_encoding(data: bytes) -> str | None:
    decl = _XML_DECL.match(data)
    if not decl:
        return None
    found = _DECL_ENCODING.search(decl.group(0))
    return found.group(1).decode("ascii") if found else None


def decode_document(
    data: bytes, header_charset: str | None, override: str | None, fallback: str
) -> tuple[str, str]:
    """Return ``(text, encoding)``: the override if any; else a BOM, the HTTP charset, the XML/HTML
    declaration or UTF-8, the first that decodes strictly; else ``fallback`` (windows-1256 for legacy
    Arabic sites that declare nothing)."""
    if override:
        return data.decode(override, errors="replace"), override
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    candidates = [_valid_codec(header_charset), _valid_codec(_declared_encoding(data)), "utf-8"]
    for candidate in candidates:
        if candidate is None:
            continue
        try:
            return data.decode(candidate), candidate
        except UnicodeDecodeError:
            continue
    return data.decode(fallback, errors="replace"), fallback


def strip_declarations(text: str) -> str:
    """Remove the DOCTYPE (with any internal subset) and stray entity declarations. Without a DOCTYPE
    no parser can define an entity, so references such as ``&lol9;`` stay inert."""
    for _ in range(8):
        stripped = _ENTITY_DECL.sub("", _DOCTYPE.sub("", text))
        if stripped == text:
            break
        text = stripped
    lowered = text.lower()
    if "<!doctype" in lowered or "<!entity" in lowered:
        raise FeedParseError("doctype_refused", "DOCTYPE or ENTITY declaration could not be removed")
    return text


def _plain(value: Any) -> str:
    return html_to_text(value) if isinstance(value, str) else ""


def _published(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
            except (OverflowError, ValueError, OSError):
                return None
    return None


def _content(entry: Any) -> str:
    blocks = entry.get("content") or []
    texts = [_plain(block.get("value")) for block in blocks if isinstance(block, dict)]
    return max(texts, key=len, default="")


def _item(entry: Any) -> FeedItem:
    link = str(entry.get("link") or "")
    if not link and str(entry.get("id", "")).startswith(("http://", "https://")):
        link = str(entry.get("id"))
    return FeedItem(
        link=str(link).strip(),
        title=" ".join(_plain(entry.get("title")).split()),
        summary=_plain(entry.get("summary")),
        content=_content(entry),
        published=_published(entry),
        guid=str(entry.get("id") or link),
    )


def parse_feed(
    data: bytes, header_charset: str | None = None, override: str | None = None, fallback: str = "cp1256"
) -> ParsedFeed:
    text, encoding = decode_document(data, header_charset, override, fallback)
    text = strip_declarations(text)
    body = _XML_DECL.sub(b"", text.encode("utf-8"), count=1)
    utf8 = b'<?xml version="1.0" encoding="utf-8"?>\n' + body.lstrip()
    parsed = feedparser.parse(
        io.BytesIO(utf8),
        response_headers={"content-type": "application/xml; charset=utf-8"},
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "not RSS or Atom")
        raise FeedParseError("not_a_feed", reason[:300])
    items = tuple(_item(entry) for entry in parsed.entries)
    return ParsedFeed(
        items=items,
        encoding=encoding,
        bozo=bool(parsed.get("bozo")),
        bozo_reason=str(parsed.get("bozo_exception") or "")[:300],
    )
