"""The best order-keeping path through a sparse sentence-similarity matrix (vecalign/bertalign style).

A rewrite tells its source's sentences mostly in the source's order, so the pairs that matter lie on a
monotone path through the matrix of pair scores: each A sentence and each B sentence used at most once, both
indices increasing. The path that maximises the summed score above a floor is a weighted longest increasing
subsequence over the candidate pairs, found in O(P log P) for P pairs with a Fenwick tree of prefix maxima,
so two long texts with a sparse candidate graph cost no more than their candidates.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby


def _prefix_best(tree: list[tuple[float, int]], position: int) -> tuple[float, int]:
    """The best (total, pair id) stored at B positions ``< position`` (1-based Fenwick tree of maxima)."""
    best = (0.0, -1)
    while position > 0:
        best = max(best, tree[position])
        position -= position & -position
    return best


def _store(tree: list[tuple[float, int]], position: int, value: tuple[float, int]) -> None:
    """Offer ``value`` at B position ``position`` (1-based)."""
    while position < len(tree):
        tree[position] = max(tree[position], value)
        position += position & -position


def monotone_path(pairs: Iterable[tuple[int, int, float]], floor: float) -> list[tuple[int, int, float]]:
    """The order-keeping pairs ``(a, b, score)`` with the largest total of ``score - floor``.

    Only pairs scoring above ``floor`` are considered; along the result both ``a`` and ``b`` strictly increase.
    Ties go to the earlier pair, so the result is deterministic.

    >>> monotone_path([(0, 0, 0.9), (1, 2, 0.6), (2, 1, 0.5), (3, 3, 0.8)], 0.4)
    [(0, 0, 0.9), (1, 2, 0.6), (3, 3, 0.8)]
    """
    kept = sorted((a, b, score) for a, b, score in pairs if score > floor)
    if not kept:
        return []
    b_rank = {b: rank + 1 for rank, b in enumerate(sorted({b for _, b, _ in kept}))}
    tree = [(0.0, -1)] * (len(b_rank) + 1)
    totals: list[float] = []
    previous: list[int] = []
    for _, group in groupby(range(len(kept)), key=lambda k: kept[k][0]):
        members = list(group)
        found = [_prefix_best(tree, b_rank[kept[k][1]] - 1) for k in members]
        for k, (total, before) in zip(members, found, strict=True):
            totals.append(total + kept[k][2] - floor)
            previous.append(before)
        for k in members:
            _store(tree, b_rank[kept[k][1]], (round(totals[k], 12), k))
    return _trace(kept, totals, previous)


Pair = tuple[int, int, float]


def _trace(kept: list[Pair], totals: list[float], previous: list[int]) -> list[Pair]:
    """Follow the back-pointers from the best end pair."""
    at = max(range(len(totals)), key=lambda k: (round(totals[k], 12), -k))
    path = []
    while at >= 0:
        path.append(kept[at])
        at = previous[at]
    return path[::-1]
