"""Real Kafka in, real Faust workers in their own processes, messages out: helpers for the processor tests."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from kafka import KafkaConsumer, KafkaProducer

from mediamon.devstack.pipeline import env_for
from mediamon.ids import article_id
from mediamon.schema import Article
from mediamon.settings import Settings
from mediamon.topics import Names

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS = REPO_ROOT.parent / "shared" / "corpus"


def seed_articles() -> list[Article]:
    """The five seed articles as five outlets' reports, in publication order (read from ../shared)."""
    from tests.analysis.test_seeds import split_seed

    expected = json.loads((SEEDS / "seeds.expected.json").read_text(encoding="utf-8"))
    out = []
    for name, info in expected["articles"].items():
        title, text = split_seed((SEEDS / "seeds" / f"{name}.txt").read_text(encoding="utf-8"))
        url = f"https://outlet{name[:3]}.example/news/{name}"
        out.append(Article(id=article_id(url), url=url, source=f"outlet{name[:3]}", title=title,
                           text=text, published=datetime.fromisoformat(info["published"])))
    return sorted(out, key=lambda a: a.published or a.fetched)


def labelled_articles() -> list[tuple[Article, str]]:
    """The labelled story set (eval/stories): articles with their story label, in publication order."""
    out = []
    for path in sorted((REPO_ROOT / "eval" / "stories").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            url = f"https://labelled.example/{item['id']}"
            out.append((Article(id=article_id(url), url=url, source=item["outlet"], title=item["title"],
                                text=item["text"], published=datetime.fromisoformat(item["published"])),
                        item["story"]))
    return sorted(out, key=lambda pair: pair[0].published or pair[0].fetched)


def seed_stories() -> list[set[str]]:
    expected = json.loads((SEEDS / "seeds.expected.json").read_text(encoding="utf-8"))
    return [{f"outlet{name[:3]}" for name in group} for group in expected["stories"]]


def produce(settings: Settings, topic: str, articles: Iterable[Article], headers: list[tuple[str, bytes]] | None = None,
            ) -> None:
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    for article in articles:
        producer.send(topic, key=article.id.encode(), value=article.model_dump_json().encode(), headers=headers)
    producer.flush()
    producer.close()


def read_all(settings: Settings, topic: str, *, want: int = 0, timeout_s: float = 90, settle_s: float = 4,
             distinct: str | None = None) -> list[tuple[bytes | None, dict[str, Any]]]:
    """Every message of ``topic``: waits until at least ``want`` arrived, then until nothing new came for
    ``settle_s`` seconds. With ``distinct``, ``want`` counts distinct values of that field: after a kill, redelivered
    duplicates must not stand in for messages still to come."""
    consumer = KafkaConsumer(topic, bootstrap_servers=settings.kafka_bootstrap, auto_offset_reset="earliest",
                             consumer_timeout_ms=500)
    got: list[tuple[bytes | None, dict[str, Any]]] = []
    deadline = time.monotonic() + timeout_s
    last_new = time.monotonic()
    try:
        while time.monotonic() < deadline:
            before = len(got)
            got.extend((m.key, json.loads(m.value)) for m in consumer)
            if len(got) > before:
                last_new = time.monotonic()
            have = len({m[1].get(distinct) for m in got}) if distinct else len(got)
            if have >= want and time.monotonic() - last_new > settle_s:
                break
    finally:
        consumer.close()
    return got


class Processor:
    """One `mediamon process` worker in its own process (own data dir), stopped on exit."""

    def __init__(self, settings: Settings, workdir: Path, name: str = "w1") -> None:
        self.settings, self.name = settings, name
        self.data_dir = workdir / f"faust-{name}"
        self.log = workdir / f"processor-{name}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> Processor:
        env = env_for(self.settings)
        out = open(self.log, "ab")  # noqa: SIM115 (lives as long as the child)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mediamon.cli", "process", "--data-dir", str(self.data_dir)],
            env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        return self

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def __enter__(self) -> Processor:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def replayed_assignment(settings: Settings, story_log: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Each article's story when the story log (its message bodies, in order) is replayed through the pure
    assigner: what the story agent must have decided, whatever crash or handover it went through."""
    from mediamon.processors.stories.engine_facts import features_from_analysis
    from mediamon.processors.stories.index import StoryIndex, assign
    from mediamon.processors.story_state import policies
    from mediamon.schema import EnrichedArticle

    story_config, _, _ = policies(settings)
    index = StoryIndex(story_config)
    expected: dict[str, str] = {}
    for body in story_log:
        article = EnrichedArticle.model_validate(body, extra="ignore")
        if article.id not in expected:
            features = features_from_analysis(article.id, article.source, article.title, article.text,
                                              article.event_time, article.analysis, story_config)
            expected[article.id] = assign(index, features)
    return expected


def names(settings: Settings) -> Names:
    return Names.from_settings(settings)
