"""Peak RSS and wall time of ``mediamon produce --once`` over the hostile set (issue 14), against the real
Kafka: ``.venv/bin/python -m tests.producers.bench_hostile [FEED ...]`` (all feeds, or the ones named).
Not a test (figures go in docs/producers.md).

The feed server runs in this process; the producer runs as its own process and reports its own peak RSS
(``VmHWM`` of /proc/self/status at exit; ``ru_maxrss`` would include the pages the child shared with this
process between fork and exec)."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import yaml

from mediamon.settings import Settings
from mediamon.topics import Names
from tests.producers.conftest import create_topics
from tests.producers.feedserver import FeedServer, Route
from tests.producers.samples import ARABIC, Sample, rss2

MIB = 1024 * 1024


def _nested_page(size: int, unclosed: int = 150, broken: bool = False) -> bytes:
    para = "أعلنت وزارة الصحة في غزة مقتل 32 شخصا في غارة على مخيم النصيرات. " * 20 + "<br>"
    parts = ["<html><head><title>t</title></head><body>"]
    per = size // unclosed
    for i in range(unclosed):
        parts.append(f"<div class='c{i}'><p>")
        parts.append(para * max(1, per // len(para.encode())))
    data = "".join(parts).encode()
    return data.replace("غزة".encode(), b"\xd8\xff", 5000) if broken else data


def _routes(server: FeedServer) -> dict[str, str]:
    def item_feed(path: str, page: bytes) -> str:
        server.add(path + ".html", Route(body=page, content_type="text/html; charset=utf-8"))
        return server.add(path + ".xml", Route(body=rss2([(ARABIC[0], server.url(path + ".html"))]).encode()))

    head, _, rest = rss2([(ARABIC[1], server.url("/x"))]).partition("\n")
    levels = "".join(f'<!ENTITY l{i} "{(f"&l{i - 1};") * 10}">' for i in range(1, 12))
    big = Sample("big", "عنوان " * 2000, ("أعلنت وزارة الصحة في غزة مقتل 32 شخصا. " * 40 + "\n") * 600, ())
    stray = rss2([(s, server.url(f"/s/{s.slug}")) for s in ARABIC]).encode()
    doctype = (head + "<!DOCTYPE[" * ((10 * MIB - 2000) // 10) + rest).encode()
    entity = (head + "<!ENTITY a '" * ((10 * MIB - 2000) // 12) + rest).encode()
    return {
        "doctype-10mib": server.add("/doctype.xml", Route(body=doctype)),
        "entity-10mib": server.add("/entity.xml", Route(body=entity)),
        "laughs": server.add("/laughs.xml", Route(body=(
            f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "ha">{levels}]>' + rest.replace(
                ARABIC[1].title, "&l11;")).encode())),
        "trickled-headers": server.add("/trickle.xml", Route(body=b"<rss/>", header_trickle_seconds=1.0)),
        "trickled-body": server.add("/trickle-body.xml", Route(body=b"<rss>" + b" " * 100, trickle_seconds=1.0)),
        "hang": server.add("/hang.xml", Route(hang_seconds=120)),
        "filler-50mb": server.add("/filler.xml", Route(filler_bytes=50 * MIB)),
        "gzip-bomb": server.add("/bomb.xml", Route(body=gzip.compress(b" " * (200 * MIB)),
                                                   headers={"Content-Encoding": "gzip"})),
        "nested-9.5mb-page": item_feed("/nested", _nested_page(int(9.5 * MIB))),
        "nested-broken-utf8-page": item_feed("/nested-broken", _nested_page(int(9.5 * MIB), broken=True)),
        "nested-1mb-depth-60-page": item_feed("/nested60", _nested_page(MIB, unclosed=60)),
        "stray-byte": server.add("/stray.xml", Route(body=stray[:400] + b"\xff" + stray[400:])),
        "oversized-item": server.add("/big.xml", Route(body=rss2([(big, server.url("/big"))]).encode())),
        "long-url": server.add("/long.xml", Route(body=rss2([(ARABIC[2], server.url("/" + "a" * 40_000))]).encode())),
    }


_PRODUCER = """
import sys
from mediamon.cli import main
code = main(["produce", "--once", "--json", "--feeds", sys.argv[1]])
hwm = [line for line in open("/proc/self/status") if line.startswith("VmHWM")][0]
print("peak RSS MB", int(hwm.split()[1]) / 1024, file=sys.stderr)
sys.exit(code)
"""


def main() -> None:
    prefix = f"bench{uuid.uuid4().hex[:8]}-"
    settings = Settings(kafka_bootstrap=os.environ.get("MEDIAMON_KAFKA_BOOTSTRAP", "127.0.0.1:9092"),
                        topic_prefix=prefix)
    create_topics(settings.kafka_bootstrap, [Names.from_settings(settings).raw])
    with FeedServer() as server, tempfile.TemporaryDirectory() as tmp:
        only = set(sys.argv[1:])
        feeds = [{"name": name, "url": url} for name, url in _routes(server).items() if not only or name in only]
        path = Path(tmp) / "feeds.yaml"
        path.write_text(yaml.safe_dump({
            "version": 1, "limits": {"total_timeout": 30},
            "defaults": {"fulltext": True, "allow_networks": ["127.0.0.0/8"]}, "feeds": feeds,
        }, allow_unicode=True), encoding="utf-8")
        env = {**os.environ, "MEDIAMON_TOPIC_PREFIX": prefix, "MEDIAMON_STATE_DIR": str(Path(tmp) / "state"),
               "MEDIAMON_KAFKA_BOOTSTRAP": settings.kafka_bootstrap}
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-c", _PRODUCER, str(path)], env=env, capture_output=True,
                              text=True, check=False)
        elapsed = time.monotonic() - started
    peak = float(done.stderr.strip().splitlines()[-1].split()[-1])
    summary = json.loads(done.stdout)
    for feed in summary["feeds"]:
        print(f"{feed['feed']:<26} emitted={feed['emitted']} cut={feed['cut']} rejected={feed['rejected'] or '-'} "
              f"errors={feed['errors'] or '-'}")
    print(f"exit {done.returncode}; {len(feeds)} hostile feeds in {elapsed:.1f}s; producer peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
