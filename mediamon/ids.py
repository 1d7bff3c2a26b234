"""Article identity: a stable hash of the canonical URL (Kafka key and Elasticsearch ``_id``).

One article reached by two spellings of its URL must get one id, so :func:`canonical_url` maps every
spelling to one ASCII form (RFC 3986 normalisation plus our own rules):

- scheme and host lower-case, the host in IDNA (``xn--``) form, default ports and a trailing dot dropped;
- percent-encoding in one form: escapes of unreserved characters decoded (``%41`` -> ``A``), every other
  escape upper-case (``%d8`` -> ``%D8``), and raw non-ASCII (``/أخبار``) encoded as UTF-8 escapes, so
  ``/أخبار`` and ``/%d8%a3%d8%ae...`` are the same path;
- dot segments resolved, a trailing slash dropped from any path but the root, no fragment;
- tracking parameters (``utm_*``, ``fbclid``, ...) dropped, the rest of the query sorted and re-encoded.

The result is idempotent (``canonical_url(canonical_url(u)) == canonical_url(u)``), so any stage can check
that an article's id is the hash of its (already canonical) ``url``. URLs longer than
:data:`~mediamon.schema.MAX_URL_CHARS`, before or after normalisation, are refused with :class:`BadUrl`.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import idna

from mediamon.errors import MediamonError
from mediamon.schema import MAX_URL_CHARS

# Query parameters that only track the reader; they never change which article a URL names.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "mc_cid", "mc_eid",
        "igshid", "ref", "ref_src", "ocid", "cmpid", "at_medium", "at_campaign", "ito", "xtor",
        "_ga", "spm", "s_cid", "share", "rss", "from",
    }
)
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
# Characters a path may hold literally (RFC 3986 pchar and "/"), besides escapes.
_PATH_SAFE = _UNRESERVED | frozenset("!$&'()*+,;=:@/")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")


class BadUrl(MediamonError, ValueError):
    """A URL we cannot give an id to; ``reason`` is a short stable label (``url_too_long``, ``bad_url``,
    ``bad_host``) for counters. Permanent: the same URL fails the same way every time."""

    def __init__(self, reason: str, url: str, detail: str = "") -> None:
        shown = url if len(url) <= 200 else f"{url[:200]}... ({len(url)} chars)"
        super().__init__(f"{reason}: {shown}" + (f" ({detail})" if detail else ""))
        self.reason = reason


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith("utm_") or lowered in TRACKING_PARAMS


def _escape(char: str) -> str:
    return "".join(f"%{b:02X}" for b in char.encode("utf-8", "surrogatepass"))


def _normalise_escapes(path: str) -> str:
    """One pass: ``%xx`` of an unreserved character decoded, other escapes upper-case, anything not
    allowed literally (non-ASCII, spaces, a stray ``%``) escaped as UTF-8."""
    out: list[str] = []
    i, n = 0, len(path)
    while i < n:
        char = path[i]
        if char == "%":
            match = _ESCAPE.match(path, i)
            if match:
                decoded = chr(int(match.group(1), 16))
                out.append(decoded if decoded in _UNRESERVED else f"%{match.group(1).upper()}")
                i += 3
                continue
            out.append("%25")
        elif char in _PATH_SAFE:
            out.append(char)
        else:
            out.append(_escape(char))
        i += 1
    return "".join(out)


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4, on a path that starts with "/"."""
    if "." not in path or not path.startswith("/"):
        return path
    out: list[str] = []
    segments = path.split("/")[1:]
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == "..":
            if out:
                out.pop()
            if last:
                out.append("")
        elif segment == ".":
            if last:
                out.append("")
        else:
            out.append(segment)
    return "/" + "/".join(out)


def _host(hostname: str, url: str) -> str:
    host = hostname.lower().rstrip(".")
    if ":" in host:  # an IPv6 literal
        return f"[{host}]"
    if host.isascii():
        return host
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        try:
            return host.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise BadUrl("bad_host", url, str(exc)) from exc


def _query(query: str) -> str:
    # surrogateescape both ways: bytes that are not UTF-8 survive as themselves instead of all
    # becoming U+FFFD (which would give two different URLs one id).
    pairs = parse_qsl(query, keep_blank_values=True, errors="surrogateescape")
    kept = sorted((k, v) for k, v in pairs if not _is_tracking(k))
    return urlencode(kept, quote_via=quote, safe="", errors="surrogateescape")


def canonical_url(url: str) -> str:
    """The one ASCII spelling of ``url`` (see the module docstring); raises :class:`BadUrl`."""
    if len(url) > MAX_URL_CHARS:
        raise BadUrl("url_too_long", url, f"over {MAX_URL_CHARS} characters")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:  # a bad port, or brackets that do not make an IPv6 literal
        raise BadUrl("bad_url", url, str(exc)) from exc
    scheme = parts.scheme.lower()
    host = _host(parts.hostname or "", url)
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    path = _remove_dot_segments(_normalise_escapes(parts.path or "/"))
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    result = urlunsplit((scheme, host, path, _query(parts.query), ""))
    if len(result) > MAX_URL_CHARS:
        raise BadUrl("url_too_long", url, f"over {MAX_URL_CHARS} characters once normalised")
    return result


def article_id(url: str) -> str:
    """First 128 bits of SHA-256 over the canonical URL, as 32 hex digits; raises :class:`BadUrl`."""
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:32]
