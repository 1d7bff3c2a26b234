"""A Slack payload as terminal text (``mediamon slack preview``, the demo): what the desk will read. Pure.

Links show as ``label (url)``, entities are unescaped, bold stars dropped. Direction marks are removed (a
terminal does its own bidi or none), or shown as ``[RLM]``, ``[LRI]``, ``[PDI]`` to check where they are."""

from __future__ import annotations

import re
from typing import Any

from mediamon.sinks.slack.bidi import LRI, PDI, RLM

_LINK = re.compile(r"<([^|>]+)\|([^>]*)>")
_BOLD = re.compile(r"(^|[\s\u200f])\*([^*\n]+)\*")
_MARKS = {RLM: "[RLM]", LRI: "[LRI]", PDI: "[PDI]"}


def mrkdwn_to_text(text: str, *, show_marks: bool = False) -> str:
    text = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1).replace('&amp;', '&')})", text)
    text = _BOLD.sub(lambda m: f"{m.group(1)}{m.group(2)}", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    for mark, shown in _MARKS.items():
        text = text.replace(mark, shown if show_marks else "")
    return text


def render(payload: dict[str, Any], *, show_marks: bool = False) -> str:
    """Every block of ``payload`` as lines of text; the fallback text when there are no blocks."""
    lines: list[str] = []
    for block in payload.get("blocks") or []:
        kind = block.get("type")
        if kind in ("section", "header") and isinstance(block.get("text"), dict):
            lines.append(mrkdwn_to_text(str(block["text"].get("text", "")), show_marks=show_marks))
        elif kind == "context":
            parts = [mrkdwn_to_text(str(e.get("text", "")), show_marks=show_marks) for e in block.get("elements", [])]
            lines.append("  ".join(parts))
        elif kind == "divider":
            lines.append("—" * 20)
    if not lines:
        lines.append(mrkdwn_to_text(str(payload.get("text", "")), show_marks=show_marks))
    return "\n".join(lines)
