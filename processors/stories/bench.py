"""Throughput of story assignment: features_from_analysis + assign per article, ~5,000 articles in the index.

    python -m mediamon.processors.stories.bench [--index 5000] [--measure 2000]

The labelled articles (eval/stories) are analysed once by the engine (not timed: the analyzer does that
anyway), then rewritten with words dropped at random and spread over the window, so the index holds the
requested number of articles of many overlapping stories, with busy places (Gaza, Kyiv) named by hundreds.
Timed: the article's features as the pipeline computes them (features_from_analysis: the lede's places, spots
and figures, the shingles and MinHash) and assign for each new article, and expire once per simulated minute,
on one core.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from mediamon.analysis.engine import default_engine
from mediamon.processors.stories.config import StoryConfig
from mediamon.processors.stories.engine_facts import features_from_analysis
from mediamon.processors.stories.index import StoryIndex, assign
from mediamon.processors.stories.labelled import load


def _rewrite(text: str, rng: random.Random) -> str:
    words = text.split()
    return " ".join(w for w in words if rng.random() > 0.25)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=Path("eval/stories"))
    parser.add_argument("--index", type=int, default=5000, help="articles in the index before measuring")
    parser.add_argument("--measure", type=int, default=2000, help="articles timed")
    parser.add_argument("--repeat", type=int, default=1, help="rewrites of the text joined into one (longer leads)")
    args = parser.parse_args(argv)
    config = StoryConfig()
    engine = default_engine()
    articles = load(args.path)
    analysed = [(a, engine.analyze(a.id, a.title, a.text)) for a in articles]
    rng = random.Random(7)
    total = args.index + args.measure
    step = config.window / args.index  # the index holds one window of articles when measuring starts
    start = min(a.published for a in articles)
    rows = []
    for number in range(total):
        article, analysis = analysed[number % len(analysed)]
        rows.append(
            (
                f"{article.id}-{number}",
                article.outlet,
                _rewrite(article.title, rng),
                " ".join(_rewrite(article.text, rng) for _ in range(args.repeat)),
                start + step * number,
                analysis,
            )
        )
    index = StoryIndex(config)

    def feed(batch: list[tuple]) -> None:  # type: ignore[type-arg]
        last_expiry = None
        for aid, source, title, text, when, analysis in batch:
            assign(index, features_from_analysis(aid, source, title, text, when, analysis, config))
            if last_expiry is None or when - last_expiry >= timedelta(minutes=1):
                index.expire(when - config.window)
                last_expiry = when

    feed(rows[: args.index])
    size = len(index)
    began, began_cpu = time.perf_counter(), time.process_time()
    feed(rows[args.index :])
    elapsed, cpu = time.perf_counter() - began, time.process_time() - began_cpu
    print(
        f"index {size} articles (window {config.window}); {args.measure} articles: "
        f"{args.measure / cpu:.0f} articles/s of CPU time ({cpu:.2f} s), {args.measure / elapsed:.0f}/s wall clock "
        "(features_from_analysis + assign + expire, one thread)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
