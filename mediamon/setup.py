"""Idempotent creation of Kafka topics, the Elasticsearch index templates and the monthly indices behind their
read aliases (``mediamon setup``). See mediamon/indices.py for the index layout."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from elasticsearch import BadRequestError, Elasticsearch, NotFoundError
from kafka import KafkaAdminClient
from kafka.admin import ConfigResource, ConfigResourceType, NewTopic
from kafka.errors import TopicAlreadyExistsError

from mediamon import indices
from mediamon.elastic import EsOptions, check_access, connect
from mediamon.errors import ConfigError
from mediamon.indices import IndexFamily
from mediamon.settings import Settings
from mediamon.topics import Names, TopicConfig

log = logging.getLogger(__name__)

TEMPLATE_FILE = indices.TEMPLATES_DIR / "articles.json"  # the articles mapping (tests read it)


def ensure_topics(settings: Settings) -> list[str]:
    """Create every registered topic that is missing, and set retention and cleanup policy on those that exist
    (from the registry and settings). Returns the names created now."""
    names = Names.from_settings(settings)
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap, client_id="mediamon-setup")
    try:
        existing = set(admin.list_topics())
        configs = names.topic_configs()
        new = [NewTopic(c.name, c.partitions, 1, topic_configs=c.configs) for c in configs if c.name not in existing]
        if new:
            with contextlib.suppress(TopicAlreadyExistsError):  # another process won the race
                admin.create_topics(new, timeout_ms=30_000)
        _align_configs(admin, [c for c in configs if c.name in existing])
        return [t.name for t in new]
    finally:
        admin.close()


def _align_configs(admin: KafkaAdminClient, configs: list[TopicConfig]) -> None:
    """Bring retention and cleanup policy of existing topics to what the registry says (idempotent)."""
    if not configs:
        return
    resources = [ConfigResource(ConfigResourceType.TOPIC, c.name) for c in configs]
    described: dict[str, Any] = admin.describe_configs(resources)  # kafka-python 3: {"topic": {name: {key: {...}}}}
    current = {
        name: {key: str(entry.get("value")) for key, entry in entries.items()}
        for name, entries in described.get("topic", {}).items()
    }
    changed = [c for c in configs if any(current.get(c.name, {}).get(k) != v for k, v in c.configs.items())]
    if changed:
        admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, c.name, configs=c.configs) for c in changed])
        log.info("topic configs updated: %s", ", ".join(c.name for c in changed))


@dataclass(frozen=True)
class TemplateState:
    family: IndexFamily
    outcome: str  # "created" | "updated" | "unchanged"
    analyzer: str  # what title and text are analysed with: "arabic" or "standard"
    current_index: str


def has_arabic_analyzer(es: Elasticsearch) -> bool:
    """Whether the cluster knows the built-in ``arabic`` analyzer (module analysis-common)."""
    try:
        es.indices.analyze(analyzer="arabic", text="وقف إطلاق النار")
    except BadRequestError as exc:
        if "analyzer" in str(exc):
            return False
        raise
    return True


def template_body(family: IndexFamily, *, arabic: bool, refresh_interval: str = "1s") -> dict[str, Any]:
    """The index template of ``family`` as ``mediamon setup`` installs it (pure).

    Every monthly index of the family gets the read alias; text fields use the analyzer ``mediamon_text``,
    of type ``arabic`` when the cluster has it, else ``standard``. ``_meta.mediamon_hash`` identifies the
    body, so setup sees whether the installed template is current."""
    body: dict[str, Any] = json.loads(family.template_file.read_text(encoding="utf-8"))
    body.pop("_comment", None)
    body["index_patterns"] = [family.pattern]
    template = body["template"]
    template["aliases"] = {family.alias: {}}
    template["settings"]["refresh_interval"] = refresh_interval
    template["settings"]["analysis"]["analyzer"]["mediamon_text"]["type"] = "arabic" if arabic else "standard"
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:16]
    body["_meta"] = {"managed_by": "mediamon setup", "mediamon_hash": digest, "analyzer": "arabic" if arabic
                     else "standard"}
    return body


def index_template(settings: Settings) -> dict[str, Any]:
    """The articles template with the standard analyzer (for callers that only need the mapping)."""
    return template_body(indices.articles(Names.from_settings(settings)), arabic=False,
                         refresh_interval=EsOptions.of(settings).refresh_interval)


def ensure_templates(settings: Settings, *, now: datetime | None = None,
                     es: Elasticsearch | None = None) -> list[TemplateState]:
    """Install or upgrade the articles and alerts templates in place, and make sure the current month's index
    of each family exists behind its alias (so the desk's data views resolve before the first document).

    Idempotent: an unchanged template is left alone. A changed one is replaced, and its mappings and refresh
    interval are applied to the family's existing indices where Elasticsearch allows it (new fields: yes; a
    changed type or analyzer: from the next month's index, or after a rebuild of a month, logged)."""
    names = Names.from_settings(settings)
    options = EsOptions.of(settings)
    client = es or connect(settings)
    try:
        check_access(client, settings)
        arabic = has_arabic_analyzer(client)
        if not arabic:
            log.warning("Elasticsearch at %s has no 'arabic' analyzer (module analysis-common is missing, as in "
                        "the integ-test distribution): title, text and headline fall back to the 'standard' "
                        "analyzer", settings.es_url)
        states = []
        for family in indices.families(names):
            body = template_body(family, arabic=arabic, refresh_interval=options.refresh_interval)
            _refuse_concrete_alias(client, family)
            outcome = _put_template(client, family, body)
            current = family.index_for(now or datetime.now(UTC))
            if not client.indices.exists(index=current):
                with contextlib.suppress(BadRequestError):  # resource_already_exists: another writer won
                    client.indices.create(index=current)
            states.append(TemplateState(family, outcome, "arabic" if arabic else "standard", current))
            log.info("template %s %s (analyzer %s); index %s behind alias %s", family.template, outcome,
                     states[-1].analyzer, current, family.alias)
        return states
    finally:
        if es is None:
            client.close()


def _refuse_concrete_alias(es: Elasticsearch, family: IndexFamily) -> None:
    """An index named like the alias (the single index of earlier releases) blocks the alias: say what to do."""
    if es.indices.exists(index=family.alias) and not es.indices.exists_alias(name=family.alias):
        raise ConfigError(
            f"index {family.alias!r} exists as a plain index (the layout before monthly indices); the read alias "
            f"needs its name. Reindex it into the monthly indices and delete it (docs/deploy.md, 'Moving from one "
            f"index to monthly indices'), then run `mediamon setup` again")


def _put_template(es: Elasticsearch, family: IndexFamily, body: dict[str, Any]) -> str:
    try:
        found = es.indices.get_index_template(name=family.template)["index_templates"]
    except NotFoundError:
        found = []
    installed = found[0]["index_template"].get("_meta", {}).get("mediamon_hash") if found else None
    if installed == body["_meta"]["mediamon_hash"]:
        return "unchanged"
    es.indices.put_index_template(name=family.template, **body)
    if found:
        _upgrade_existing(es, family, body)
    return "updated" if found else "created"


def _upgrade_existing(es: Elasticsearch, family: IndexFamily, body: dict[str, Any]) -> None:
    existing = list(es.indices.get(index=family.pattern, expand_wildcards="open"))
    if not existing:
        return
    template = body["template"]
    try:
        es.indices.put_mapping(index=",".join(existing), properties=template["mappings"]["properties"])
    except BadRequestError as exc:
        log.warning("template %s changed a field existing indices cannot take (%s): the change applies from the "
                    "next month's index, or to a month after its rebuild", family.template, exc)
    es.indices.put_settings(index=",".join(existing),
                            settings={"index": {"refresh_interval": template["settings"]["refresh_interval"]}})


def ensure_index(settings: Settings) -> str:
    """Templates, aliases and the current month's indices (idempotent); returns the articles read alias."""
    ensure_templates(settings)
    return Names.from_settings(settings).articles_index


def setup_all(settings: Settings) -> None:
    created = ensure_topics(settings)
    log.info("topics created: %s", ", ".join(created) or "none (all existed)")
    for state in ensure_templates(settings):
        log.info("%s: template %s, index %s ready", state.family.alias, state.outcome, state.current_index)
