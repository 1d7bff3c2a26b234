"""``mediamon setup``: topics and index template, idempotently."""

from __future__ import annotations

import argparse

from mediamon.settings import get_settings
from mediamon.setup import ensure_index, ensure_topics
from mediamon.topics import Names


def _setup(args: argparse.Namespace) -> int:
    settings = get_settings()
    created = ensure_topics(settings)
    names = Names.from_settings(settings)
    for topic in names.all_topics:
        print(f"topic {topic:<40} {'created' if topic in created else 'exists'}")
    print(f"index {ensure_index(settings)} ready (template {names.articles_template})")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sub.add_parser("setup", help="create Kafka topics and the Elasticsearch index template (idempotent)") \
        .set_defaults(func=_setup)
