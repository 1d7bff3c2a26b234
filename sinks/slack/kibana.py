"""The link from a Slack message to the story in Kibana: Discover filtered by ``story_id``. Pure."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from urllib.parse import quote

_SAFE_ID = re.compile(r"[^A-Za-z0-9_.:-]")
_RISON = ":(),'"  # left as they are in the URL: Kibana writes its own rison state like this


def story_url(kibana_url: str, story_id: str, event_time: datetime, *, data_view: str = "") -> str:
    """Discover with the KQL query ``story_id:"<id>"``, from a day before the event until now.

    The time range matters: Discover's default (the last 15 minutes) would hide an older story."""
    sid = _SAFE_ID.sub("", story_id)
    since = (event_time - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    g = f"(time:(from:'{since}',to:now))"
    index = f"index:'{_SAFE_ID.sub('', data_view)}'," if data_view else ""
    a = f"({index}query:(language:kuery,query:'story_id:\"{sid}\"'))"
    return f"{kibana_url.rstrip('/')}/app/discover#/?_g={quote(g, safe=_RISON)}&_a={quote(a, safe=_RISON)}"
