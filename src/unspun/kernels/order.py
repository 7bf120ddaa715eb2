"""The best order-keeping path through a sparse sentence-similarity matrix (vecalign/bertalign style), with or
without one moved block.

A rewrite tells its source's sentences mostly in the source's order, so the pairs that matter lie on a
monotone path through the matrix of pair scores: each A sentence and each B sentence used at most once, both
indices increasing. The path that maximises the summed score above a floor is a weighted longest increasing
subsequence over the candidate pairs, found in O(P log P) for P pairs with a Fenwick tree of prefix maxima,
so two long texts with a sparse candidate graph cost no more than their candidates.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import NamedTuple


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


Pair = tuple[int, int, float]

MOVE_MIN_PAIRS = 2
"""Sentence pairs each of the two runs of a block move must hold, unless its one pair is strong (``lone`` of
:func:`block_path`): with runs of one weak pair, any three pairs of a short text would be "in order" once a move
is allowed."""


def _best_ending(kept: list[Pair], floor: float) -> tuple[list[float], list[int]]:
    """For each pair of ``kept`` (sorted by A, then B), the best total of ``score - floor`` over the
    order-keeping paths ending at it, and the pair before it on that path (-1 for none)."""
    b_rank = {b: rank + 1 for rank, b in enumerate(sorted({b for _, b, _ in kept}))}
    tree = [(0.0, -1)] * (len(b_rank) + 1)
    totals: list[float] = []
    previous: list[int] = []
    for _, group in groupby(range(len(kept)), key=lambda k: kept[k][0]):
        members = list(group)
        found = [_prefix_best(tree, b_rank[kept[k][1]] - 1) for k in members]
        for k, (total, before) in zip(members, found, strict=True):
            totals.append(round(total + kept[k][2] - floor, 12))
            previous.append(before)
        for k in members:
            _store(tree, b_rank[kept[k][1]], (totals[k], k))
    return totals, previous


def _kept(pairs: Iterable[Pair], floor: float) -> list[Pair]:
    """The pairs scoring above ``floor``, sorted by A, then B."""
    return sorted((a, b, score) for a, b, score in pairs if score > floor)


def monotone_path(pairs: Iterable[Pair], floor: float) -> list[Pair]:
    """The order-keeping pairs ``(a, b, score)`` with the largest total of ``score - floor``.

    Only pairs scoring above ``floor`` are considered; along the result both ``a`` and ``b`` strictly increase.
    Ties go to the earlier pair, so the result is deterministic.

    >>> monotone_path([(0, 0, 0.9), (1, 2, 0.6), (2, 1, 0.5), (3, 3, 0.8)], 0.4)
    [(0, 0, 0.9), (1, 2, 0.6), (3, 3, 0.8)]
    """
    kept = _kept(pairs, floor)
    if not kept:
        return []
    totals, previous = _best_ending(kept, floor)
    return _trace(kept, previous, _running_best(totals)[-1])


def block_path(pairs: Iterable[Pair], floor: float, *, lone: float = math.inf) -> list[Pair]:
    """The best order-keeping path when one block of the text may have been moved: two order-keeping runs, each
    of at least :data:`MOVE_MIN_PAIRS` pairs or of one pair with evidence ``lone`` or more, or the single
    :func:`monotone_path` when no split adds to its total; sorted by A.

    Farms move paragraphs (the seed pair does); a moved paragraph keeps its sentences' order, and the single
    path would drop it whole. They move single sentences too (the lead to the end), and a trimmed text may keep
    one sentence of a moved paragraph: one pair strong enough to align alone stands for it.

    The split is sought along A (:func:`_split_along_a`) and along B (the same on the pairs with A and B
    swapped), and the path with the smaller total is kept: a clean block move is the same path both ways, while
    a split along one text alone may interleave the runs in the other. Keeping the weaker one credits a move
    only as far as both texts show it, and makes the path, and every verdict built on it, the same whichever
    text is called A (split along A only, one SemEval same-event pair was ``derived`` one way round and
    ``partially_derived`` the other; the better of the two made one more of them ``derived``).

    >>> block_path([(0, 2, 0.9), (1, 3, 0.8), (2, 0, 0.9), (3, 1, 0.8)], 0.4)
    [(0, 2, 0.9), (1, 3, 0.8), (2, 0, 0.9), (3, 1, 0.8)]
    >>> block_path([(0, 1, 0.6), (1, 2, 0.6), (2, 0, 0.9)], 0.4, lone=0.5)
    [(0, 1, 0.6), (1, 2, 0.6), (2, 0, 0.9)]
    """
    kept = _kept(pairs, floor)
    along_a = _split_along_a(kept, floor, lone)
    along_b = sorted(_swapped(_split_along_a(sorted(_swapped(kept)), floor, lone)))
    return min((along_a, along_b), key=lambda path: (_total(path, floor), _extent(path)))


class BlockMove(NamedTuple):
    """Where the two runs of a path with a moved block lie. The first run (in A's order) ends at A sentence
    ``a_first_end`` and starts at B sentence ``b_first_start``; the second starts at A sentence
    ``a_second_start`` and ends at B sentence ``b_second_end``, before the first run in B (the block a farm
    moved up, or A's block moved down: the same move seen from the other text)."""

    a_first_end: int
    a_second_start: int
    b_second_end: int
    b_first_start: int

    def run_of(self, a: int, b: int) -> int | None:
        """1 or 2, the run whose stretch holds both A sentence ``a`` and B sentence ``b``; None for sentences on
        different sides of the move or in the gap between the runs (off the path, they could belong to either).
        Each stretch reaches to the edges of the texts: the first run's from A's start and to B's end, the
        second's from A's end and to B's start."""
        if a <= self.a_first_end and b >= self.b_first_start:
            return 1
        if a >= self.a_second_start and b <= self.b_second_end:
            return 2
        return None


def moved_block(path: Sequence[Pair]) -> BlockMove | None:
    """The moved block of a :func:`block_path` result (sorted by A): where it breaks once, and its second run
    lies wholly before its first in B. None for a path in order, or one whose two runs interleave in B (no
    block was moved as a whole there)."""
    breaks = [k for k in range(1, len(path)) if path[k][1] < path[k - 1][1]]
    if len(breaks) != 1:
        return None
    first, second = path[:breaks[0]], path[breaks[0]:]
    if max(b for _, b, _ in second) >= min(b for _, b, _ in first):
        return None
    return BlockMove(a_first_end=first[-1][0], a_second_start=second[0][0],
                     b_second_end=max(b for _, b, _ in second), b_first_start=min(b for _, b, _ in first))


def _extent(path: list[Pair]) -> tuple[int, int]:
    """How far ``path`` stretches over both texts, then where: of two paths with equal totals (verbatim
    repeats score alike), the tighter, earlier one is kept, whichever text is A."""
    if not path:
        return 0, 0
    a_side, b_side = [a for a, _, _ in path], [b for _, b, _ in path]
    return max(a_side) - min(a_side) + max(b_side) - min(b_side), sum(a_side) + sum(b_side)


def _swapped(pairs: list[Pair]) -> list[Pair]:
    """``pairs`` with the roles of A and B exchanged."""
    return [(b, a, score) for a, b, score in pairs]


def _total(path: list[Pair], floor: float) -> float:
    """The path's total of ``score - floor`` (rounded, so that equal paths compare equal)."""
    return round(sum(score - floor for _, _, score in path), 12)


def _split_along_a(kept: list[Pair], floor: float, lone: float) -> list[Pair]:
    """:func:`block_path` with the split along A only: the second run takes A sentences after the first's,
    anywhere in B.

    Both runs come from two passes of the same prefix-maximum scan (pairs ending at each pair, and, on the
    mirrored pairs, starting at it); a B sentence the first run already uses is left out of the second.
    Deterministic: ties go to the earlier split.
    """
    if not kept:
        return []
    ending, before = _best_ending(kept, floor)
    mirrored = [(-a, -b, score) for a, b, score in reversed(kept)]
    starting, after = _best_ending(mirrored, floor)
    first_ends, second_starts = _running_best(ending), _running_best(starting)
    single = _trace(kept, before, first_ends[-1])
    best, best_total = single, _total(single, floor)
    for cut in _cuts(kept):
        mirrored_end = second_starts[len(kept) - cut - 1]
        if ending[first_ends[cut - 1]] + starting[mirrored_end] <= best_total:
            continue  # cannot win: leaving out shared B sentences only lowers the total
        first = _trace(kept, before, first_ends[cut - 1])
        second = [(-a, -b, score) for a, b, score in _trace(mirrored, after, mirrored_end)[::-1]]
        used = {b for _, b, _ in first}
        second = [pair for pair in second if pair[1] not in used]
        total = _total(first + second, floor)
        if _is_run(first, lone) and _is_run(second, lone) and total > best_total:
            best, best_total = first + second, total
    return best


def _is_run(pairs: list[Pair], lone: float) -> bool:
    """Enough pairs for one run of a block move: :data:`MOVE_MIN_PAIRS`, or one with evidence ``lone`` or more."""
    return len(pairs) >= MOVE_MIN_PAIRS or (len(pairs) == 1 and pairs[0][2] >= lone)


def _cuts(kept: list[Pair]) -> list[int]:
    """Positions in ``kept`` where a new A sentence starts (the places a moved block can begin)."""
    return [k for k in range(1, len(kept)) if kept[k][0] != kept[k - 1][0]]


def _running_best(totals: list[float]) -> list[int]:
    """For each position k, the position among 0..k with the best total (the earliest on ties)."""
    best: list[int] = []
    for k, total in enumerate(totals):
        best.append(k if not best or total > totals[best[-1]] else best[-1])
    return best


def _trace(kept: list[Pair], previous: list[int], at: int) -> list[Pair]:
    """Follow the back-pointers from pair ``at`` (nothing for -1)."""
    path = []
    while at >= 0:
        path.append(kept[at])
        at = previous[at]
    return path[::-1]
