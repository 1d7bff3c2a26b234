"""Faust's Kafka transport (aiokafka) with a short fetch wait for the worker's consumer.

aiokafka sends one fetch request at a time to a broker, and a request leaves out the partitions whose fetched
records are still being consumed. So while the story agent works through a fetch of the story log, the next
request holds only the partitions with nothing new (the replay topic, a drained articles.raw), and the broker keeps
it until the fetch wait is over or a record arrives. Faust fixes that wait at 1,500 ms: the story log was read one
fetch (1 MB, ~300 articles) per 1.5 s, about the 200 articles/s the processor could not pass on this machine. A
wait of ``processor_fetch_wait_ms`` (50 ms) bounds that gap; an idle worker asks its broker 20 times a second
instead of once in 1.5 s.

The wait travels in the broker URL (``transport_url``), whose scheme selects this transport; the consumer gets it
before it starts (aiokafka hands it to its fetcher then).
"""

from __future__ import annotations

from typing import Any

from faust.transport import drivers
from faust.transport.drivers import aiokafka as driver

SCHEME = "mediamon-kafka"
WAIT_PARAM = "fetch_wait_ms"
DEFAULT_WAIT_MS = 1500  # Faust's

drivers.TRANSPORTS.aliases[SCHEME] = f"{__name__}:Transport"


def transport_url(bootstrap: str, fetch_wait_ms: int) -> str:
    """The broker URL for faust.App: Kafka at ``bootstrap`` through this transport, with this fetch wait."""
    return f"{SCHEME}://{bootstrap}?{WAIT_PARAM}={int(fetch_wait_ms)}"


def fetch_wait_ms(transport: Any) -> int:
    return int(transport.url[0].query.get(WAIT_PARAM, DEFAULT_WAIT_MS))


class _ConsumerThread(driver.AIOKafkaConsumerThread):
    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        consumer._fetch_max_wait_ms = fetch_wait_ms(transport)
        return consumer


class Consumer(driver.Consumer):
    def _new_consumer_thread(self) -> driver.AIOKafkaConsumerThread:
        return _ConsumerThread(self, loop=self.loop, beacon=self.beacon)


class Transport(driver.Transport):
    Consumer = Consumer
