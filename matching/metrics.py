"""Ranking quality measures, computed per group (per worker or per opening) and averaged."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from sklearn.metrics import roc_auc_score


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve; NaN when only one class is present."""
    labels = np.asarray(labels)
    if len(np.unique(labels)) < 2:
        return float("nan")
    return float(roc_auc_score(labels, scores))


def _ranked_groups(scores: np.ndarray, groups: np.ndarray) -> Iterator[np.ndarray]:
    """Positions of each group's items, best score first; ties keep the input order."""
    order = np.lexsort((np.arange(len(scores)), -np.asarray(scores), np.asarray(groups)))
    sorted_groups = np.asarray(groups)[order]
    cuts = np.flatnonzero(sorted_groups[1:] != sorted_groups[:-1]) + 1
    yield from np.split(order, cuts)


def precision_at_k(labels: np.ndarray, scores: np.ndarray, groups: np.ndarray, k: int) -> float:
    """Mean over groups of the share of positives among the top k (or all, if fewer)."""
    labels = np.asarray(labels, dtype=float)
    values = [labels[idx[:k]].mean() for idx in _ranked_groups(scores, groups)]
    return float(np.mean(values)) if values else float("nan")


def ndcg_at_k(relevance: np.ndarray, scores: np.ndarray, groups: np.ndarray, k: int) -> float:
    """Mean NDCG@k over the groups that hold at least one relevant item.

    Gain is the relevance itself, discounted by log2(rank + 1); a group with nothing relevant
    has no ideal ordering and is left out.
    """
    relevance = np.asarray(relevance, dtype=float)
    discounts = 1 / np.log2(np.arange(2, k + 2))
    values = []
    for idx in _ranked_groups(scores, groups):
        ideal = np.sort(relevance[idx])[::-1][:k]
        best = float(ideal @ discounts[: len(ideal)])
        if best > 0:
            got = relevance[idx[:k]]
            values.append(float(got @ discounts[: len(got)]) / best)
    return float(np.mean(values)) if values else float("nan")
