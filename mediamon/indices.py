"""The Elasticsearch side of the names in mediamon.topics: monthly indices behind read aliases. Pure.

Each family (articles, alerts) is a read alias, ``<prefix>-articles``, over one index per month of the event
time, ``<prefix>-articles-YYYY.MM``. Writes name the month's index directly; the index template creates it on
the first write and adds it to the alias. This needs neither ILM nor data streams (the test distribution has
no ILM, and a data stream cannot overwrite a document by ``_id``), so a replay overwrites in place. Ops drop a
month with ``DELETE <prefix>-articles-2026.01`` (the alias forgets it), and rebuild it by deleting it and
replaying the topic from that month (docs/deploy.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from mediamon.topics import Names

TEMPLATES_DIR = Path(__file__).with_name("templates")
MONTH_FORMAT = "%Y.%m"
MONTH_SUFFIX = re.compile(r"-(\d{4})\.(\d{2})$")


@dataclass(frozen=True)
class IndexFamily:
    """One kind of document: its read alias, its template and the pattern of its monthly indices."""

    kind: str  # "articles" | "alerts"
    alias: str
    template: str

    @property
    def pattern(self) -> str:
        """Matches every monthly index of the family and nothing else (the data views use it)."""
        return f"{self.alias}-*"

    @property
    def template_file(self) -> Path:
        return TEMPLATES_DIR / f"{self.kind}.json"

    def index_for(self, when: datetime) -> str:
        """The index of the month of ``when`` (UTC)."""
        moment = when if when.tzinfo else when.replace(tzinfo=UTC)
        return f"{self.alias}-{moment.astimezone(UTC).strftime(MONTH_FORMAT)}"

    def month_of(self, index: str) -> tuple[int, int] | None:
        if not index.startswith(f"{self.alias}-"):
            return None
        match = MONTH_SUFFIX.search(index)
        return (int(match[1]), int(match[2])) if match else None


def articles(names: Names) -> IndexFamily:
    return IndexFamily("articles", names.articles_index, names.articles_template)


def alerts(names: Names) -> IndexFamily:
    return IndexFamily("alerts", names.alerts_index, names.alerts_template)


def families(names: Names) -> tuple[IndexFamily, IndexFamily]:
    return articles(names), alerts(names)
