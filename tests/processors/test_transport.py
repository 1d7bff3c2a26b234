"""The processor's Kafka transport: the fetch wait of the broker URL reaches aiokafka's fetcher (a private seam of
aiokafka's, so an upgrade that moves it fails here rather than silently bringing back Faust's 1.5 s)."""

from __future__ import annotations

import asyncio
import uuid

import faust

from mediamon.processors.transport import DEFAULT_WAIT_MS, Transport, fetch_wait_ms, transport_url
from mediamon.settings import Settings


def _app(url: str) -> faust.App:
    return faust.App(f"t-transport-{uuid.uuid4().hex[:8]}", broker=url, store="memory://", web_enabled=False,
                     autodiscover=False)


def test_the_wait_travels_in_the_url_and_defaults_to_fausts() -> None:
    app = _app(transport_url("127.0.0.1:1", 37))
    assert isinstance(app.transport, Transport)
    assert fetch_wait_ms(app.transport) == 37
    assert [(u.host, u.port) for u in app.transport.url] == [("127.0.0.1", 1)]
    assert fetch_wait_ms(_app("mediamon-kafka://127.0.0.1:1").transport) == DEFAULT_WAIT_MS


def test_the_started_consumer_fetches_with_that_wait(settings: Settings) -> None:
    app = _app(transport_url(settings.kafka_bootstrap, 37))

    async def started_wait() -> int:
        consumer = app.consumer._thread._create_worker_consumer(app.transport)
        await consumer.start()
        try:
            return int(consumer._fetcher._fetch_max_wait_ms)
        finally:
            await consumer.stop()

    assert asyncio.run(started_wait()) == 37
