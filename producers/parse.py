"""Hardened feed parsing: decode bytes to text ourselves, strip DOCTYPE and entity declarations (so
billion-laughs and quadratic-blowup bombs cost nothing), then let feedparser read RSS 2.0, RSS 1.0 and
Atom from memory (never from a URL or a file name)."""

from __future__ import annotations

import calendar
import codecs
import io
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

from mediamon.errors import MediamonError
from mediamon.producers.text import html_to_text

log = logging.getLogger(__name__)

_XML_DECL = re.compile(rb"^\s*<\?xml[^>]{0,200}\?>")
_DECL_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_ASCII = bytes(range(128))
MAX_STRAY_BYTES = 2
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


def _replaced(data: bytes, encoding: str) -> tuple[str, int]:
    """Decode with replacement; return the text and how many bad byte runs became U+FFFD."""
    text = data.decode(encoding, errors="replace")
    try:
        genuine = data.count("\ufffd".encode(encoding))
    except UnicodeError:
        genuine = 0
    return text, text.count("\ufffd") - genuine


def fails_broadly(errors: int, data: bytes) -> bool:
    """More than stray bytes: over 2 bad runs and over 1 in 5 of the non-ASCII bytes. A legacy
    windows-1256 document read as UTF-8 fails on nearly every Arabic byte; a UTF-8 feed with one item
    pasted from a legacy source fails on a few percent, and keeps its other items intact."""
    non_ascii = len(data.translate(None, _ASCII))
    return errors > MAX_STRAY_BYTES and errors * 5 > non_ascii


def decode_document(
    data: bytes, header_charset: str | None, override: str | None, fallback: str
) -> tuple[str, str]:
    """Return ``(text, encoding)``: the override if any; else a BOM; else the declared charset (HTTP,
    then the XML/HTML declaration) or, with none, UTF-8. A stray invalid byte is replaced (U+FFFD) and the
    document keeps its encoding; only when that reading fails broadly is the next tried (UTF-8, then
    ``fallback``: windows-1256 for legacy Arabic sites that declare nothing or lie)."""
    if override:
        return data.decode(override, errors="replace"), override
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    candidates: list[str] = []
    for candidate in (_valid_codec(header_charset), _valid_codec(_declared_encoding(data)), "utf-8"):
        if candidate is not None and candidate not in candidates:
            candidates.append(candidate)
            if candidate != "utf-8":
                break  # the first declaration wins; UTF-8 is only the guess when nothing is declared
    for candidate in candidates:
        text, errors = _replaced(data, candidate)
        if not fails_broadly(errors, data):
            return text, candidate
    return data.decode(fallback, errors="replace"), fallback


_DECLARATION_START = re.compile(r"<!(?:doctype|entity)", re.IGNORECASE)
# One whole declaration: quoted strings, comments and an internal subset in brackets are taken as wholes.
# Possessive quantifiers: a declaration that never ends fails in one linear scan, with no backtracking.
_QUOTED = r""""[^"]*+"|'[^']*+'"""
_COMMENT = r"<!--(?:[^-]++|-(?!->))*+-->"
_DECLARATION = re.compile(
    rf"""<!(?:doctype|entity)(?:[^"'\[>]++|{_QUOTED}|\[(?:[^"'\]<]++|{_QUOTED}|{_COMMENT}|<)*+\])*+>""",
    re.IGNORECASE,
)


def strip_declarations(text: str) -> str:
    """Remove the DOCTYPE (with any internal subset) and stray entity declarations, in one linear pass.
    Without a DOCTYPE no parser can define an entity, so references such as ``&lol9;`` stay inert. A
    declaration that never ends (a run of ``<!DOCTYPE[`` or ``<!ENTITY``) refuses the document."""
    parts: list[str] = []
    pos = 0
    while True:
        found = _DECLARATION_START.search(text, pos)
        if found is None:
            break
        whole = _DECLARATION.match(text, found.start())
        if whole is None:
            raise FeedParseError("doctype_refused", f"unterminated declaration at character {found.start()}")
        parts.append(text[pos:found.start()])
        pos = whole.end()
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


# Numeric references to code points no text may hold (lone surrogates, beyond U+10FFFF, NUL): valid
# markup, but feedparser's loose parser crashes on them (UnicodeEncodeError) and a lone surrogate cannot
# be serialised downstream. They become U+FFFD before any parser sees them. Only references long enough
# to be out of range are looked at (4+ hex or 5+ decimal digits), so the pass stays cheap.
_WIDE_CHARREF = re.compile(r"&#(?:[xX](0*[0-9a-fA-F]{4,})|(0*[0-9]{5,}));")
_NUL_CHARREF = re.compile(r"&#(?:[xX]0+|0+);")


def _charref(match: re.Match[str]) -> str:
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    return "&#xFFFD;" if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else match.group(0)


def neutralise_charrefs(text: str) -> str:
    return _NUL_CHARREF.sub("&#xFFFD;", _WIDE_CHARREF.sub(_charref, text))


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


def _safe_item(entry: Any) -> FeedItem | None:
    """One entry; a hostile entry that breaks the conversion is skipped (logged), never the feed."""
    try:
        return _item(entry)
    except Exception as exc:
        log.warning("feed entry skipped: %s: %s", type(exc).__name__, str(exc)[:200])
        return None


def parse_feed(
    data: bytes, header_charset: str | None = None, override: str | None = None, fallback: str = "cp1256"
) -> ParsedFeed:
    text, encoding = decode_document(data, header_charset, override, fallback)
    text = neutralise_charrefs(strip_declarations(text))
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
    items = tuple(item for item in (_safe_item(entry) for entry in parsed.entries) if item is not None)
    return ParsedFeed(
        items=items,
        encoding=encoding,
        bozo=bool(parsed.get("bozo")),
        bozo_reason=str(parsed.get("bozo_exception") or "")[:300],
    )
