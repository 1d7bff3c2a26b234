"""HTML fragments to plain text: titles, summaries and text leave the producers as text, never HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg", "head"})
_BLOCK = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "blockquote", "section", "article", "header", "footer", "figure", "figcaption", "hr", "pre",
})
_SPACES = re.compile(r"[ \t\f\v\u00a0\u200b]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A lone surrogate cannot be encoded as UTF-8: downstream serialisers refuse the whole message.
_SURROGATE = re.compile("[\ud800-\udfff]")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def tidy_lines(text: str) -> str:
    """Collapse runs of spaces in each line, drop empty lines and control characters; a lone surrogate
    becomes U+FFFD."""
    text = _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def html_to_text(fragment: str) -> str:
    if "<" not in fragment and "&" not in fragment:
        return tidy_lines(fragment)
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return tidy_lines("".join(collector.parts))
