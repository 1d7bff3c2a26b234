"""B-cubed precision, recall and F1 of a clustering against gold labels (Bagga and Baldwin, 1998)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class BCubed:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> BCubed:
    """Per item: precision = share of its predicted cluster with its gold label, recall = share of its gold
    cluster in its predicted cluster; both averaged over the items. The items are the keys of ``gold``."""
    if set(predicted) != set(gold):
        raise ValueError("predicted and gold must label the same items")
    if not gold:
        return BCubed(1.0, 1.0)
    pair = Counter((predicted[i], gold[i]) for i in gold)
    pred_size = Counter(predicted[i] for i in gold)
    gold_size = Counter(gold.values())
    precision = sum(pair[predicted[i], gold[i]] / pred_size[predicted[i]] for i in gold) / len(gold)
    recall = sum(pair[predicted[i], gold[i]] / gold_size[gold[i]] for i in gold) / len(gold)
    return BCubed(precision, recall)
