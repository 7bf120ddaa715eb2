"""Choose sentence groups: a one-to-one matching by evidence, weak pairs where order supports them, then 2-1
merges and 1-2 splits.

Written by hand because it is unspun's edge. Rewrites reorder freely, so the strong matching is not monotone
(no DTW/Gale-Church band): pairs are taken greedily from the strongest evidence down, each sentence used once,
which is deterministic and, on these sparse candidate graphs, matches the optimal assignment in practice.
Order then rescues weak pairs (vecalign/bertalign style): a pair on the best order-keeping path
(:func:`unspun.kernels.order.block_path`, one moved block allowed) whose two neighbours on that path are both
strong pairs aligns too, and when the whole text is a retelling (:mod:`unspun.stages.judge.retold`) every pair
of the path does.
A sentence left over next to a matched one joins it when the joined text explains its partner clearly better
(``merge_gain``): that is how "A1. A2." → "B1" (merge) and "A1" → "B1. B2." (split) are found.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from unspun.config import CompareConfig
from unspun.embed.base import Embedder
from unspun.kernels.similarity import dice, evidence
from unspun.stages.candidates import Candidates, PreparedDocument


@dataclass(frozen=True)
class Group:
    """Sentence indices of A and of B aligned together, with the evidence score of the joined texts."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float


def match_one_to_one(candidates: Candidates, threshold: float) -> list[Group]:
    """Greedy maximum-evidence matching: strongest pairs first, each sentence used at most once."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    groups = []
    for pair in candidates.pairs:
        if pair.score < threshold:
            break
        if pair.a in used_a or pair.b in used_b:
            continue
        used_a.add(pair.a)
        used_b.add(pair.b)
        groups.append(Group((pair.a,), (pair.b,), pair.score))
    return groups


PathPair = tuple[int, int, float]


def _used_sentences(groups: list[Group]) -> tuple[set[int], set[int]]:
    """A and B sentences some group uses."""
    return {i for g in groups for i in g.a}, {i for g in groups for i in g.b}


def fill_between_strong(groups: list[Group], path: tuple[PathPair, ...]) -> list[Group]:
    """``groups`` plus each free pair ``(a, b)`` of ``path`` whose neighbours in both texts, ``(a - 1, b - 1)``
    and ``(a + 1, b + 1)``, are strong pairs (a weak pair between two strong neighbours)."""
    strong = {(g.a[0], g.b[0]) for g in groups if len(g.a) == len(g.b) == 1}
    used_a, used_b = _used_sentences(groups)
    added = [Group((a,), (b,), score) for a, b, score in path
             if a not in used_a and b not in used_b and (a - 1, b - 1) in strong and (a + 1, b + 1) in strong]
    return groups + added


def follow_path(groups: list[Group], path: tuple[PathPair, ...]) -> list[Group]:
    """``groups`` plus every pair of ``path`` whose sentences are free (for a text that retells the other)."""
    used_a, used_b = _used_sentences(groups)
    return groups + [Group((a,), (b,), score) for a, b, score in path if a not in used_a and b not in used_b]


def _joined_score(doc: PreparedDocument, joined: tuple[int, ...], partner_vector: np.ndarray,
                  stems: tuple[frozenset[str], frozenset[str]], embedder: Embedder) -> float:
    """Evidence of the sentences ``joined`` of ``doc`` read as one text against a single partner sentence.

    Only the joined text is embedded, once per prepared document (:meth:`PreparedDocument.joined_vector`): the
    partner's vector is the one its document was prepared with (a text's vector does not depend on the batch it
    is embedded in).
    """
    return evidence(float(doc.joined_vector(joined, embedder) @ partner_vector), dice(*stems))


def _neighbours(body: list[int], position: dict[int, int], index: int) -> list[int]:
    """The body sentences just before and after ``index`` in reading order."""
    at = position[index]
    return [body[p] for p in (at - 1, at + 1) if 0 <= p < len(body)]


@dataclass
class _Extender:
    """Grows one-to-one groups into merges (side ``a``) or splits (side ``b``) with leftover neighbours: a
    leftover sentence may join the group of the sentence just before or after it, when it relates to that
    group's partner (it is among the candidate pairs) and joining raises the evidence by ``gain``."""

    doc_a: PreparedDocument
    doc_b: PreparedDocument
    candidates: Candidates
    embedder: Embedder
    gain: float

    def extend(self, groups: list[Group]) -> list[Group]:
        """Join leftover sentences (either side) to the neighbouring groups they explain best.

        All options are scored first and applied from the largest gain down, so the result does not depend on
        which text is called A.
        """
        options = sorted(self._options(groups, "a") + self._options(groups, "b"), key=lambda o: (-o[0], o[1:]))
        joined_groups: set[int] = set()
        for _, position, side, leftover, score in options:
            if position not in joined_groups and not self._used(groups, side, leftover):
                groups[position] = self._joined(groups[position], side, leftover, score)
                joined_groups.add(position)
        return groups

    def _options(self, groups: list[Group], side: str) -> list[tuple[float, int, str, int, float]]:
        """(gain, group position, side, leftover, joined score) for every worthwhile join on ``side``."""
        doc = (self.doc_a if side == "a" else self.doc_b).document
        body = [s.index for s in doc.body]
        position = {index: at for at, index in enumerate(body)}
        related = {(p.a, p.b) if side == "a" else (p.b, p.a) for p in self.candidates.pairs}
        owners = {(g.a if side == "a" else g.b)[0]: at for at, g in enumerate(groups) if len(g.a) == len(g.b) == 1}
        options = []
        for leftover in self._leftovers(groups, side, body):
            for neighbour in _neighbours(body, position, leftover):
                at = owners.get(neighbour)
                if at is None or (leftover, (groups[at].b if side == "a" else groups[at].a)[0]) not in related:
                    continue
                score = self._score_joined(groups[at], side, leftover)
                if score >= groups[at].score + self.gain:
                    options.append((round(score - groups[at].score, 9), at, side, leftover, score))
        return options

    @staticmethod
    def _used(groups: list[Group], side: str, index: int) -> bool:
        """True when a group already holds sentence ``index`` of ``side``."""
        return any(index in (g.a if side == "a" else g.b) for g in groups)

    @staticmethod
    def _leftovers(groups: list[Group], side: str, body: list[int]) -> list[int]:
        """Body sentences of ``side`` that no group uses."""
        used = {i for g in groups for i in (g.a if side == "a" else g.b)}
        return [i for i in body if i not in used]

    def _score_joined(self, group: Group, side: str, leftover: int) -> float:
        """Evidence of ``group`` with ``leftover`` joined on ``side``, in reading order."""
        joined = self._joined(group, side, leftover, 0.0)
        views = (self.candidates.a_views, self.candidates.b_views)
        stems = tuple(frozenset().union(*(side_views[i].stems for i in ids))
                      for side_views, ids in zip(views, (joined.a, joined.b), strict=True))
        if side == "a":
            return _joined_score(self.doc_a, joined.a, self.candidates.b_vectors[joined.b[0]], stems, self.embedder)
        return _joined_score(self.doc_b, joined.b, self.candidates.a_vectors[joined.a[0]], stems, self.embedder)

    @staticmethod
    def _joined(group: Group, side: str, leftover: int, score: float) -> Group:
        """``group`` with ``leftover`` added on ``side``."""
        if side == "a":
            return Group(tuple(sorted(group.a + (leftover,))), group.b, score)
        return Group(group.a, tuple(sorted(group.b + (leftover,))), score)


def align_groups(doc_a: PreparedDocument, doc_b: PreparedDocument, candidates: Candidates, embedder: Embedder,
                 config: CompareConfig, *, path: tuple[PathPair, ...] = (), retelling: bool = False) -> list[Group]:
    """All aligned sentence groups of the two documents, ordered by their first B sentence.

    ``path`` is the order-keeping path through the candidate pairs; its pairs between two strong ones align,
    and all its pairs when the texts are a ``retelling`` of each other.
    """
    groups = fill_between_strong(match_one_to_one(candidates, config.align_threshold), path)
    if retelling:
        groups = follow_path(groups, path)
    extender = _Extender(doc_a, doc_b, candidates, embedder, config.merge_gain)
    groups = extender.extend(groups)
    title = candidates.title_pair
    if title is not None and title.score >= config.align_threshold:
        groups.append(Group((title.a,), (title.b,), title.score))
    return sorted(groups, key=lambda g: (g.b[0], g.a[0]))
