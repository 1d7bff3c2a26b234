"""``mediamon setup``: topics, index templates and the monthly indices behind their aliases, idempotently."""

from __future__ import annotations

import argparse

from mediamon.settings import get_settings
from mediamon.setup import ensure_templates, ensure_topics
from mediamon.topics import Names


def _setup(args: argparse.Namespace) -> int:
    settings = get_settings()
    created = ensure_topics(settings)
    names = Names.from_settings(settings)
    for topic in names.all_topics:
        print(f"topic    {topic:<40} {'created' if topic in created else 'exists'}")
    for state in ensure_templates(settings):
        print(f"template {state.family.template:<40} {state.outcome} (text analyzer: {state.analyzer})")
        print(f"alias    {state.family.alias:<40} reads {state.family.pattern}; this month: {state.current_index}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sub.add_parser("setup", help="create Kafka topics, Elasticsearch templates and indices (idempotent)") \
        .set_defaults(func=_setup)
