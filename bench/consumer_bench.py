"""CPU per record of the sinks' consumer (librdkafka behind kafka-python's interface, ``sinks/consumer.py``)
against kafka-python's own consumer, on the same topic, in one run.

Run (the stack up: ``make stack-up``): ``.venv/bin/python bench/consumer_bench.py [--records 20000] [--bytes 2500]
[--repeat 2]``. A fresh topic of 3 partitions gets the records (not timed); then each consumer, in a new group,
reads them all from the start, alternately ``--repeat`` times. CPU is the process's (``time.process_time``), so
both clients' network and fetch threads count. The topic is deleted at the end.
"""

from __future__ import annotations

import argparse
import time
import uuid
from collections.abc import Callable

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic

from mediamon.settings import load_settings
from mediamon.sinks.base import BOOTSTRAP_TIMEOUT_MS
from mediamon.sinks.consumer import RdConsumer

FETCH_BYTES = 2 * 1024 * 1024  # the Elasticsearch sink's per-partition fetch (sinks/elasticsearch.py)


def _drain(poll: Callable[[], int], n: int) -> tuple[float, float]:
    """(CPU seconds, wall seconds) to read ``n`` records."""
    cpu, wall = time.process_time(), time.monotonic()
    read = 0
    while read < n:
        read += poll()
    return time.process_time() - cpu, time.monotonic() - wall


def _kafka_python(bootstrap: str, topic: str, n: int) -> tuple[float, float]:
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=f"bench-{uuid.uuid4().hex}",
                             auto_offset_reset="earliest", enable_auto_commit=False, api_version=(4, 0),
                             max_partition_fetch_bytes=FETCH_BYTES)
    try:
        return _drain(lambda: sum(len(r) for r in consumer.poll(timeout_ms=500, max_records=500).values()), n)
    finally:
        consumer.close()


def _librdkafka(bootstrap: str, topic: str, n: int) -> tuple[float, float]:
    consumer = RdConsumer([topic], bootstrap_timeout_s=BOOTSTRAP_TIMEOUT_MS / 1000, bootstrap_servers=bootstrap,
                          group_id=f"bench-{uuid.uuid4().hex}", auto_offset_reset="earliest",
                          max_partition_fetch_bytes=FETCH_BYTES)
    try:
        return _drain(lambda: sum(len(r) for r in consumer.poll(timeout_ms=500, max_records=500).values()), n)
    finally:
        consumer.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--bytes", type=int, default=2_500)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    bootstrap = load_settings().kafka_bootstrap
    topic = f"bench-consumer-{uuid.uuid4().hex[:8]}"
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    admin.create_topics([NewTopic(topic, 3, 1)])
    try:
        producer = KafkaProducer(bootstrap_servers=bootstrap, linger_ms=5, batch_size=256 * 1024)
        value = ("خبر " * (args.bytes // 7 + 1)).encode()[:args.bytes]
        for i in range(args.records):
            producer.send(topic, key=str(i).encode(), value=value)
        producer.flush()
        producer.close()
        for run in range(1, args.repeat + 1):
            for name, read in (("kafka-python", _kafka_python), ("librdkafka (sinks/consumer.py)", _librdkafka)):
                cpu, wall = read(bootstrap, topic, args.records)
                print(f"run {run}: {name}: {1e6 * cpu / args.records:.1f} us CPU per record, "
                      f"{args.records / wall:,.0f} records/s ({wall:.2f} s, group join included)")
    finally:
        admin.delete_topics([topic])
        admin.close()


if __name__ == "__main__":
    main()
