"""Opinion and analysis pieces: a column about an event (رأي: لماذا تتعثر المفاوضات؟) is not a report of it.

Outlets label commentary in the title: a label word before a colon, dash or bar (رأي: …، تحليل | …، مقال - …),
after one at the end (… | رأي، … - تحليل إخباري), or in brackets ((رأي)، [تحليل]); some open the text on a byline
(بقلم …). Such a piece names the event's places, countries and wording, and on a busy day it would join the
story of the event it discusses (the talks it comments on), or chain two stories it mentions together. Like an
anniversary piece, it matches only other commentary (index.py).
"""

from __future__ import annotations

import re

from mediamon.analysis.normalize import normalize

# On normalised text (ة→ه، أ→ا، ى→ي). The label words; "تحليل" also opens news ("تحليل عينات"), so a label must
# stand apart with its separator.
_LABEL = (
    r"(?:مقال(?:ه)?\s+(?:راي|تحليلي)|مقال(?:ه)?|راي|تحليل(?:\s+(?:اخباري|سياسي))?|قراءه(?:\s+تحليليه)?"
    r"|افتتاحيه|وجهه\s+نظر|عمود|زاويه|بقلم\s+\S+(?:\s+\S+)?)"
)
_SEPARATOR = r"\s*[:|\-–—]"
_COMMENTARY_TITLE_RE = re.compile(
    r"^\s*" + _LABEL + _SEPARATOR  # رأي: …
    + r"|[|\-–—]\s*" + _LABEL + r"\s*$"  # … | رأي
    + r"|[(\[]\s*" + _LABEL + r"\s*[)\]]"  # (رأي)
)
_BYLINE_RE = re.compile(r"^\s*بقلم(?![^\W_])")


def is_commentary(title: str, text: str) -> bool:
    """Whether the title labels the article as opinion or analysis, or the text opens on a byline (بقلم)."""
    return (_COMMENTARY_TITLE_RE.search(normalize(title)) is not None
            or _BYLINE_RE.match(normalize(text[:40])) is not None)
