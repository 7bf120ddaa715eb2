"""Seed clustering: group sentence pairs that lie close together on both sides into one passage.

Written by hand (Sanchez-Perez et al., PAN 2014, "extension" step): seeds are sorted by their position in B
and cut wherever more than ``max_gap`` sentences separate two of them; each group is then sorted and cut the
same way by its position in A; this alternates until no group splits. What remains are clusters that are
contiguous, up to small gaps, on both sides at once: a reused passage however its sentences were reordered
inside it. Positions are indices into a document's text sentences (title and body), so boilerplate never counts
as gaps.

>>> seeds = [Seed(0, 10, 0.9), Seed(1, 11, 0.9), Seed(40, 12, 0.6)]
>>> [[(s.a, s.b) for s in c] for c in cluster_seeds(seeds, max_gap=2)]
[[(0, 10), (1, 11)], [(40, 12)]]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Seed:
    """A sentence pair that may start a passage: text-sentence positions in A and in B, and its evidence."""

    a: int
    b: int
    score: float


def _position(seed: Seed, side: str) -> int:
    """The seed's position on ``side`` (``"a"`` or ``"b"``)."""
    return seed.a if side == "a" else seed.b


def split_by_gap(seeds: Sequence[Seed], side: str, max_gap: int) -> list[list[Seed]]:
    """Seeds sorted by their ``side`` position, cut where more than ``max_gap`` sentences lie between two."""
    other = "b" if side == "a" else "a"
    ordered = sorted(seeds, key=lambda s: (_position(s, side), _position(s, other)))
    groups: list[list[Seed]] = []
    for seed in ordered:
        if groups and _position(seed, side) - _position(groups[-1][-1], side) <= max_gap + 1:
            groups[-1].append(seed)
        else:
            groups.append([seed])
    return groups


def cluster_seeds(seeds: Sequence[Seed], max_gap: int) -> list[tuple[Seed, ...]]:
    """Clusters of seeds contiguous (up to ``max_gap``) on both sides, ordered by their first B position."""
    pending = [list(seeds)] if seeds else []
    clusters: list[tuple[Seed, ...]] = []
    while pending:
        group = pending.pop()
        for side in ("b", "a"):
            parts = split_by_gap(group, side, max_gap)
            if len(parts) > 1:
                pending.extend(parts)
                break
        else:
            clusters.append(tuple(sorted(group, key=lambda s: (s.b, s.a))))
    return sorted(clusters, key=lambda c: (c[0].b, min(s.a for s in c)))
