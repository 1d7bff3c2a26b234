"""``mediamon replay resink``: feed ``articles.enriched`` and/or ``alerts`` of a range straight to Elasticsearch.

It uses the Elasticsearch sink's own decode, write and dead-letter policy, with a consumer of its own: assigned
partitions, no group, nothing committed, so the live sink's group is untouched. ``--index`` writes into another
index (built beside the live one); ``--switch-alias`` then points the read alias at it in one atomic alias update.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from elasticsearch import Elasticsearch

from mediamon.errors import ReplayError
from mediamon.ops.replay_progress import ProgressReporter, Summary
from mediamon.ops.replay_read import range_consumer, read_range
from mediamon.ops.replay_state import RunState
from mediamon.settings import Settings
from mediamon.sinks.elasticsearch import ElasticsearchSink
from mediamon.topics import Names

log = logging.getLogger(__name__)
Reporter = Callable[[str, int], ProgressReporter]


def supports_alerts() -> bool:
    """Whether this installation's sink indexes alert events (the alerts index of the Elasticsearch rework)."""
    from mediamon.sinks import elasticsearch

    return hasattr(elasticsearch, "decode_alert")


def retarget(sink: ElasticsearchSink, articles_index: str | None, alerts_index: str | None) -> None:
    """Make ``sink`` write into other indices. The sink has no option for it yet (see docs/replay.md): this knows
    ``articles``/``alerts`` index families (monthly indices)."""
    if articles_index:
        family = sink.articles
        sink.articles = type(family)(family.kind, articles_index, family.template)
    if alerts_index:
        family = sink.alerts
        sink.alerts = type(family)(family.kind, alerts_index, family.template)


def make_sink(settings: Settings, topics: list[str], articles_index: str | None,
              alerts_index: str | None) -> ElasticsearchSink:
    sink = ElasticsearchSink(settings, topics=topics)
    # The sink built a consumer subscribed under the live group; it never polled, so it never joined. Replace it
    # with an assigned consumer that has no group at all.
    sink.consumer.close()
    sink.consumer = range_consumer(settings, "mediamon-replay-resink")
    retarget(sink, articles_index, alerts_index)
    return sink


def resink(settings: Settings, state: RunState, reporter: Reporter, summary: Summary | None = None,
           stop: threading.Event | None = None) -> Summary:
    """Index what is left of ``state``'s ranges; ``stop`` (the first Ctrl-C) ends it after the current batch."""
    stop = stop or threading.Event()
    opts = state.options
    summary = summary or Summary()
    ranges = state.topic_ranges()
    sink = make_sink(settings, [r.topic for r in ranges], opts.get("index"), opts.get("alerts_index"))
    total = sum(r.count for r in ranges)
    try:
        with reporter(f"resink {' + '.join(r.topic for r in ranges)} -> Elasticsearch", total) as progress:
            try:
                for found in ranges:
                    for batch in read_range(sink.consumer, found, state.positions_of(found.topic)):
                        if stop.is_set():
                            raise KeyboardInterrupt
                        if batch.records:
                            sink.handle_batch(batch.records)  # written or dead-lettered, never committed
                        summary.read += len(batch.records)
                        state.advance(found.topic, batch.positions)
                        state.save()
                        progress.advance(len(batch.records))
                    sink.consumer.unsubscribe()
                state.done = True
                state.save()
            except KeyboardInterrupt:
                summary.interrupted = True
                state.save()
    finally:
        stats = sink.stats
        summary.written = stats.written
        summary.dead_lettered = stats.dead_lettered
        if stats.skipped:
            summary.skip("superseded by a later message for the same id in the batch", stats.skipped)
        sink.close()
    return summary


# -- the read alias --------------------------------------------------------------------------------------------------

def read_alias(names: Names) -> str:
    """The read alias of the articles. Assumption until the Elasticsearch rework is merged: it is
    ``Names.articles_index`` (that rework names the alias so, over monthly indices ``<alias>-YYYY.MM``)."""
    return names.articles_index


def concrete_targets(es: Elasticsearch, index: str) -> list[str]:
    """The indices a resink into ``index`` wrote: ``index`` itself or its monthly indices ``index-YYYY.MM``."""
    found = es.indices.get(index=f"{index},{index}-*", ignore_unavailable=True, allow_no_indices=True,
                           expand_wildcards="open")
    return sorted(found.keys())


def switch_alias(es: Elasticsearch, alias: str, index: str, *, replace_index: bool = False) -> list[str]:
    """Point ``alias`` at the indices of ``index`` (and at nothing else), in one atomic update. Returns what it
    pointed at before. When ``alias`` is a concrete index (the single index of before the ES rework), refused unless
    ``replace_index``: then that index is deleted in the same atomic update."""
    targets = concrete_targets(es, index)
    if not targets:
        raise ReplayError(f"nothing to switch to: no index {index} (or {index}-*) exists; run the resink first")
    actions: list[dict[str, Any]] = []
    before: list[str] = []
    if es.indices.exists_alias(name=alias):
        before = sorted(es.indices.get_alias(name=alias).keys())
        actions += [{"remove": {"index": old, "alias": alias}} for old in before if old not in targets]
    elif es.indices.exists(index=alias):
        if not replace_index:
            raise ReplayError(f"{alias} is an index, not an alias, so it cannot be switched; re-run with "
                              f"--replace-index to delete {alias} and create the alias {alias} -> {', '.join(targets)} "
                              "in one atomic step (check the new index first: the old one is gone afterwards)")
        before = [alias]
        actions.append({"remove_index": {"index": alias}})
    actions += [{"add": {"index": target, "alias": alias}} for target in targets]
    es.indices.update_aliases(actions=actions)
    log.info("alias %s: %s -> %s", alias, before, targets)
    return before


def detach(es: Elasticsearch, alias: str, index: str) -> list[str]:
    """Take the indices of a rebuild out of the live read alias, where an index template put them (a template whose
    pattern covers the rebuild's name and that adds the alias): a rebuild beside the live index must not double
    the live counts. Returns the indices detached."""
    targets = concrete_targets(es, index)
    if not targets or not es.indices.exists_alias(name=alias):
        return []
    joined = sorted(set(es.indices.get_alias(name=alias)) & set(targets))
    if joined:
        es.indices.update_aliases(actions=[{"remove": {"index": i, "alias": alias}} for i in joined])
        log.warning("the rebuild %s had joined the live alias %s through its template; detached", joined, alias)
    return joined
