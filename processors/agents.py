"""The processor's two agents.

``enrich_articles`` (articles.raw, every partition, any worker): decode, check, analyse, and hand the enriched
article to the one ordered story log (stories.assign, one partition).

``assign_stories`` (stories.assign, one partition, so one worker at a time): give the article its story, update the
story, decide alerts and spikes, then write the article (with ``story_id``) to articles.enriched and the alerts to
``alerts``. Whichever worker enriched two reports of one event, they meet here in order, so the story is the same;
the state is in tables with changelogs, so a worker taking over partition 0 resumes it (docs/stories.md).

At-least-once: each output is awaited until the broker acknowledged it before the event is acked, so Faust only
commits offsets of articles whose results are written. Outputs are idempotent: article ids, alert ids derived
from (story, revision), and a story update applied twice changes nothing. Any failure for one message sends it to
articles.raw.dlq with its reason and the agent goes on (counted in ``mediamon_processor_messages``).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Awaitable
from typing import Any

from prometheus_client import Counter

from mediamon.codec import decode
from mediamon.errors import PermanentError
from mediamon.processors.app import app, names, settings
from mediamon.processors.barrier import RoundTimer, StatesDropped, WriteBarrier
from mediamon.processors.pool import Analysts
from mediamon.processors.retrying import with_retries
from mediamon.processors.story_state import StoryStep
from mediamon.processors.streams import (
    raw_topic,
    replay_topic,
    spike_marks,
    stories,
    stories_topic,
    story_articles,
    story_features,
)
from mediamon.schema import DeadLetter, EnrichedArticle
from mediamon.topics import REPLAY_HEADER

log = logging.getLogger(__name__)

PROCESSED = Counter("mediamon_processor_messages", "Messages handled by the processor, by agent and outcome",
                    ["agent", "outcome"])
STORY_KEY = b"assign"
FEATURES_HEADER = "mediamon-story-features"  # the article's story features, computed by the enrich stage
FEATURES_OF_HEADER = "mediamon-story-features-of"  # what they depend on: used only when it matches the story agent's
BATCH = 100  # events handled before their outputs are awaited together
BATCH_WITHIN_S = 0.01  # how long a batch waits to fill: bounds the latency it adds
MAX_IN_FLIGHT = 500  # story-log events whose outputs are not acknowledged yet
FLUSH_EVERY = 100  # story-log events at most between two writes of the story states they changed (< MAX_IN_FLIGHT)
ROUND_LINGER_S = 0.1  # at the end of the log, how long a round stays open for more events (delays acks, not outputs)
_ACKING: set[asyncio.Future[None]] = set()

step = StoryStep(settings, story_articles, stories, story_features, spike_marks)
analysts = Analysts(settings.processor_analysis_processes, settings.max_message_bytes)
barrier = WriteBarrier()


def _write_round() -> bool:
    """Write the story states of the current round and let its events be acked; False if the write failed (the
    states stay in memory and the round open: tried again)."""
    if barrier.events == 0:
        return True
    try:
        step.flush()
    except Exception:
        log.exception("story states of %d events not written yet; tried again", barrier.events)
        return False
    barrier.written()
    return True


round_timer = RoundTimer(_write_round, ROUND_LINGER_S)


def _headers(message: Any) -> dict[str, bytes]:
    raw = message.headers or []
    items = raw.items() if isinstance(raw, dict) else raw
    return {str(k): bytes(v) if v is not None else b"" for k, v in items}


def _is_replay(message: Any) -> bool:
    return _headers(message).get(REPLAY_HEADER, b"") in (b"1", b"true")


async def _send(topic: str, key: bytes | None, value: bytes, *, timestamp: float | None = None,
                headers: list[tuple[str, bytes]] | None = None) -> Awaitable[Any]:
    """Queue one output; returns its delivery future (awaited with the rest of the batch). Straight to the worker's
    producer: Faust's per-record topic machinery (a FutureMessage, callbacks, sensors) cost as much CPU as the send
    itself, and our outputs are plain bytes that need none of it."""
    return await app.producer.send(topic, key, value, partition=None, timestamp=timestamp, headers=headers)


async def _dead_letter(agent: str, message: Any, error: BaseException) -> Any:
    letter = DeadLetter.of(stage=f"processor:{agent}", error=error, source_topic=message.topic, value=message.value,
                           key=message.key, partition=message.partition, offset=message.offset)
    level = logging.WARNING if isinstance(error, PermanentError) else logging.ERROR
    log.log(level, "dead-lettered %s[%s]@%s: %s: %s", message.topic, message.partition, message.offset,
            type(error).__name__, str(error)[:300], exc_info=not isinstance(error, PermanentError))
    PROCESSED.labels(agent, "dead_lettered" if isinstance(error, PermanentError) else "error").inc()
    return await _send(names.dlq(names.raw), message.key, letter.model_dump_json().encode())


def _record_time(event_time: float) -> float:
    """The Kafka timestamp of the story log record: the event time (the log reads in event time; spike counts no
    longer read it), never in the future (brokers refuse records too far ahead)."""
    return min(event_time, time.time())


async def _enrich(stream: Any, *, replayed: bool) -> None:
    # Events come in small batches: every output of the batch is queued, then all are awaited until the broker
    # acknowledged them, and only then are the batch's events acked (so committed). At-least-once, without a
    # round trip per article.
    # The analysis of a batch runs in the analysis processes (processors/pool.py) while this process goes on with
    # the story agent.
    await analysts.start()
    async for events in stream.take_events(BATCH, within=BATCH_WITHIN_S):
        items = [(e.message.value, e.message.key, replayed or _is_replay(e.message)) for e in events]
        outcomes = await analysts.enrich(items)
        pending = []
        for event, (_, _, replay), outcome in zip(events, items, outcomes, strict=True):
            if isinstance(outcome, BaseException):  # one message never stops the agent: dead-lettered, reason kept
                pending.append(await _dead_letter("enrich", event.message, outcome))
                continue
            body, event_time, features = outcome
            headers = [(FEATURES_HEADER, features), (FEATURES_OF_HEADER, step.fingerprint)]
            if replay:
                headers.append((REPLAY_HEADER, b"1"))
            pending.append(await _send(names.stories, STORY_KEY, body, timestamp=_record_time(event_time),
                                       headers=headers))
            PROCESSED.labels("enrich", "ok").inc()
        await asyncio.gather(*pending)


@app.agent(raw_topic)
async def enrich_articles(stream: Any) -> None:
    await _enrich(stream, replayed=False)


@app.agent(replay_topic)
async def enrich_replayed(stream: Any) -> None:
    """Articles fed again by `mediamon replay reprocess`: the same analysis, marked as replayed, through the same
    story log, so stories and alerts match what the live run decided (and new alerts say replay)."""
    await _enrich(stream, replayed=True)


@app.agent(stories_topic)
async def assign_stories(stream: Any) -> None:
    # One event at a time (tables read the stream's current event), but without a round trip each: the outputs are
    # queued and a task acks the event once the broker acknowledged all of them and the story states of its round
    # are written (processors/barrier.py: a round ends every FLUSH_EVERY events, or ROUND_LINGER_S after an event
    # that found nothing more in the log).
    # Faust commits only the contiguous acked offsets, so an event is never committed before its outputs and state.
    manual = stream.noack()
    in_flight = asyncio.Semaphore(MAX_IN_FLIGHT)
    async for event in manual.events():
        message = event.message
        pending = []
        try:
            article = decode(message.value, EnrichedArticle, "enriched article")
            headers = _headers(message)
            computed = headers.get(FEATURES_HEADER) if headers.get(FEATURES_OF_HEADER) == step.fingerprint else None
            placed, alerts = await with_retries(functools.partial(step.apply, article, computed),
                                                what=f"story step of {message.topic}@{message.offset}")
            body = placed.model_dump_json().encode()
            outputs = [(a.story_id.encode(), a.model_dump_json().encode()) for a in alerts]
        except Exception as exc:
            pending.append(await _dead_letter("stories", message, exc))
        else:
            replay_headers = [(REPLAY_HEADER, b"1")] if article.replay else None
            pending.append(await _send(names.enriched, placed.id.encode(), body, headers=replay_headers))
            for key, value in outputs:
                pending.append(await _send(names.alerts, key, value, headers=replay_headers))
            PROCESSED.labels("stories", "ok").inc()
        pending.append(barrier.join())
        if barrier.events >= FLUSH_EVERY:
            round_timer.cancel()
            try:
                await with_retries(step.flush, what="writing the story states")
            except Exception:  # kept in memory, the round unacked: the timer tries again
                log.exception("story states of %d events not written yet; tried again", barrier.events)
                round_timer.arm()
            else:
                barrier.written()
        elif not _more_waiting(message):
            round_timer.arm()
        await in_flight.acquire()
        task = asyncio.ensure_future(_ack_when_written(manual, event, pending, in_flight))
        _ACKING.add(task)
        task.add_done_callback(_ACKING.discard)


def _more_waiting(message: Any) -> bool:
    """Whether the log holds events after this one (the consumer's last known high watermark): they are on their
    way, so the round of story-state writes can wait for them. When unsure, no."""
    try:
        highwater: int | None = app.consumer.highwater(message.tp)
    except Exception:  # the partition is being revoked, or no fetch answered yet
        return False
    return highwater is not None and int(message.offset) + 1 < highwater


async def _ack_when_written(stream: Any, event: Any, pending: list[Any], in_flight: asyncio.Semaphore) -> None:
    try:
        await asyncio.gather(*pending)
        await stream.ack(event)
    except StatesDropped:  # the partition was revoked first: whoever gets it processes the event again
        log.info("story log event %s@%s left unacked: its story states were dropped", event.message.topic,
                 event.message.offset)
    except Exception:  # left unacked, so uncommitted: a restart or rebalance redelivers it
        log.exception("outputs of %s[%s]@%s not acknowledged by the broker", event.message.topic,
                      event.message.partition, event.message.offset)
    finally:
        in_flight.release()


@app.on_partitions_revoked.connect  # type: ignore[arg-type]  # mode's signal types want a positional-only sender
async def _forget_index(sender: Any, revoked: Any = None, **kwargs: Any) -> None:
    """The story index is rebuilt from the tables after a rebalance (the partition may come back with a state
    another worker advanced meanwhile). Story states not written yet are dropped with it: their events stay
    unacked."""
    round_timer.cancel()
    step.reset()
    barrier.dropped()


__all__ = ["assign_stories", "enrich_articles", "enrich_replayed", "names"]
