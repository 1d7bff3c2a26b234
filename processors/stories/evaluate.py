"""B-cubed evaluation of story clustering on a labelled set.

    python -m mediamon.processors.stories.evaluate [DIR|FILE] [--errors] [--check]

Articles are fed in publication order. ``--check`` exits non-zero when F1 is below 0.90.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from mediamon.processors.stories.bcubed import BCubed, bcubed
from mediamon.processors.stories.config import StoryConfig
from mediamon.processors.stories.labelled import LabelledArticle, cluster, featurise, load

DEFAULT_DIR = Path("eval/stories")
TARGET_F1 = 0.90


def evaluate(articles: list[LabelledArticle], config: StoryConfig) -> tuple[BCubed, dict[str, str]]:
    predicted = cluster(featurise(articles, config), config)
    return bcubed(predicted, {a.id: a.story for a in articles}), predicted


def errors(articles: list[LabelledArticle], predicted: dict[str, str]) -> list[str]:
    """One line per gold story that is split, and per predicted story that mixes gold stories."""
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_pred: dict[str, list[LabelledArticle]] = defaultdict(list)
    for a in articles:
        by_gold[a.story].add(predicted[a.id])
        by_pred[predicted[a.id]].append(a)
    lines: list[str] = []
    for story, preds in sorted(by_gold.items()):
        if len(preds) > 1:
            parts = [sorted(a.id for a in by_pred[p] if a.story == story) for p in sorted(preds)]
            lines.append(f"split  {story}: {parts}")
    for pred, members in sorted(by_pred.items()):
        stories = sorted({a.story for a in members})
        if len(stories) > 1:
            lines.append(f"merged {pred}: {stories}: {sorted(a.id for a in members)}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mediamon.processors.stories.evaluate", description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_DIR, help="a .jsonl file or a folder of them")
    parser.add_argument("--errors", action="store_true", help="list split and merged stories")
    parser.add_argument("--check", action="store_true", help=f"exit 1 when F1 < {TARGET_F1:.2f}")
    args = parser.parse_args(argv)
    articles = load(args.path)
    score, predicted = evaluate(articles, StoryConfig())
    stories = len({a.story for a in articles})
    print(f"stories: {len(articles)} articles, {stories} gold stories, {len(set(predicted.values()))} predicted")
    print(f"B-cubed precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}")
    if args.errors:
        for line in errors(articles, predicted):
            print(line)
    if args.check and score.f1 < TARGET_F1:
        print(f"F1 {score.f1:.3f} is below the target {TARGET_F1:.2f}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
