"""Arabic in Slack, which has no right-to-left layout: direction marks, isolates, escaping and cutting. Pure.

- every line that reads Arabic starts with RLM, so the line's direction is right-to-left whatever comes first;
- a Latin run, digits next to Arabic, and URLs go inside LRI…PDI, so they keep their own order and do not
  reorder the Arabic around them;
- ``& < >`` are escaped as Slack asks (mrkdwn only; plain_text is shown as given);
- a cut text ends with an ellipsis, never inside an entity (``&amp;``) or an isolate.
"""

from __future__ import annotations

import re

RLM = "\u200f"  # right-to-left mark
LRI = "\u2066"  # left-to-right isolate
PDI = "\u2069"  # pop directional isolate
ELLIPSIS = "…"

_CONTROL = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]")  # marks and embeddings in the input
_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .,:/%+\-'()]*[A-Za-z0-9)%]|[A-Za-z0-9]")
_ENTITY_TAIL = re.compile(r"&[a-z]{0,4}$")


def clean(text: str) -> str:
    """Input text without its own direction controls (they would unbalance ours) and with one-line spacing."""
    return " ".join(_CONTROL.sub("", text).split())


def escape(text: str) -> str:
    """Slack's three control characters, as entities (mrkdwn and the ``text`` fallback)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ltr(text: str) -> str:
    """A left-to-right run isolated inside right-to-left text."""
    return f"{LRI}{text}{PDI}" if text else ""


def isolate_latin(text: str) -> str:
    """Arabic text with each run of Latin letters or digits isolated (``قتل 32 شخصا`` -> ``قتل ⁦32⁩ شخصا``)."""
    return _LATIN_RUN.sub(lambda m: ltr(m.group(0)), text)


def rtl_line(text: str) -> str:
    return f"{RLM}{text}"


def mrkdwn_link(url: str, label: str) -> str:
    """``<url|label>``; only http(s) URLs become links (anything else is shown as the label alone).

    ``label`` must already be escaped. ``|`` and ``>`` in the URL are percent-encoded."""
    safe = url.strip()
    if not re.match(r"^https?://[^\s]+$", safe, re.IGNORECASE):
        return label
    safe = safe.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C")
    return f"<{safe}|{label}>"


def cut(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, ending with an ellipsis when cut.

    Never ends inside an entity, an isolate (an open LRI is closed) or a ``<link|label>``."""
    if len(text) <= limit:
        return text
    head = text[: max(0, limit - 2)]  # room for a closing PDI and the ellipsis
    open_link = head.rfind("<")
    if open_link > head.rfind(">"):
        head = head[:open_link]
    head = _ENTITY_TAIL.sub("", head)
    if head.count(LRI) > head.count(PDI):
        head += PDI
    return f"{head}{ELLIPSIS}"
