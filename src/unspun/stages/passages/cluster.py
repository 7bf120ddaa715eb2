"""Seed clustering: group sentence pairs that lie close together on both sides into one passage.

Written by hand (Sanchez-Perez et al., PAN 2014, "extension" step): seeds are sorted by their position in B
and cut wherever more than ``max_gap`` sentences separate two of them; each group is then sorted and cut the
same way by its position in A; this alternates until no group splits. What remains are clusters that are
contiguous, up to small gaps, on both sides at once: a reused passage however its sentences were reordered
inside it. Positions are indices into a document's text sentences (title and body), so boilerplate never counts
as gaps; nor do fragments without content words (:func:`gap_ranks`).

>>> seeds = [Seed(0, 10, 0.9), Seed(1, 11, 0.9), Seed(40, 12, 0.6)]
>>> [[(s.a, s.b) for s in c] for c in cluster_seeds(seeds, max_gap=2)]
[[(0, 10), (1, 11)], [(40, 12)]]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Ranks = Sequence[int]
"""Per text-sentence position of one document, the rank gaps are measured in (see :func:`gap_ranks`)."""


@dataclass(frozen=True)
class Seed:
    """A sentence pair that may start a passage: text-sentence positions in A and in B, and its evidence."""

    a: int
    b: int
    score: float


def gap_ranks(content_words: Sequence[int], min_words: int) -> list[int]:
    """For each sentence (given its number of content words), how many sentences with at least ``min_words``
    content words come before it.

    Gaps between seeds are counted in these ranks, not in raw positions: obfuscated or badly punctuated text
    splits into fragments ("A", "educator", "may"), and five such fragments are not five sentences of unrelated
    text between two halves of one passage.

    >>> gap_ranks([5, 0, 1, 4, 3], min_words=2)
    [0, 1, 1, 1, 2]
    """
    ranks, rank = [], 0
    for words in content_words:
        ranks.append(rank)
        rank += words >= min_words
    return ranks


def _position(seed: Seed, side: str) -> int:
    """The seed's position on ``side`` (``"a"`` or ``"b"``)."""
    return seed.a if side == "a" else seed.b


def split_by_gap(seeds: Sequence[Seed], side: str, max_gap: int, ranks: Ranks) -> list[list[Seed]]:
    """Seeds sorted by their ``side`` position, cut where more than ``max_gap`` ranks (``ranks`` of that side)
    lie between two."""
    other = "b" if side == "a" else "a"
    ordered = sorted(seeds, key=lambda s: (_position(s, side), _position(s, other)))
    groups: list[list[Seed]] = []
    for seed in ordered:
        if groups and ranks[_position(seed, side)] - ranks[_position(groups[-1][-1], side)] <= max_gap + 1:
            groups[-1].append(seed)
        else:
            groups.append([seed])
    return groups


def cluster_seeds(seeds: Sequence[Seed], max_gap: int, ranks: tuple[Ranks, Ranks] | None = None,
                  ) -> list[tuple[Seed, ...]]:
    """Clusters of seeds contiguous (up to ``max_gap``) on both sides, ordered by their first B position.

    ``ranks`` (of A and of B, see :func:`gap_ranks`) say what a gap is measured in; by default, positions.
    """
    if ranks is None:
        top = max((max(s.a, s.b) for s in seeds), default=0) + 1
        ranks = (range(top), range(top))
    by_side = {"a": ranks[0], "b": ranks[1]}
    pending = [list(seeds)] if seeds else []
    clusters: list[tuple[Seed, ...]] = []
    while pending:
        group = pending.pop()
        for side in ("b", "a"):
            parts = split_by_gap(group, side, max_gap, by_side[side])
            if len(parts) > 1:
                pending.extend(parts)
                break
        else:
            clusters.append(tuple(sorted(group, key=lambda s: (s.b, s.a))))
    return sorted(clusters, key=lambda c: (c[0].b, min(s.a for s in c)))
