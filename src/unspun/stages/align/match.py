"""Choose sentence groups: a one-to-one matching by evidence, then 2-1 merges and 1-2 splits.

Written by hand because it is unspun's edge. Rewrites reorder freely, so the matching is not monotone (no
DTW/Gale-Church band): pairs are taken greedily from the strongest evidence down, each sentence used once,
which is deterministic and, on these sparse candidate graphs, matches the optimal assignment in practice. A
sentence left over next to a matched one joins it when the joined text explains its partner clearly better
(``merge_gain``): that is how "A1. A2." → "B1" (merge) and "A1" → "B1. B2." (split) are found.
"""

from __future__ import annotations

from dataclasses import dataclass

from unspun.config import CompareConfig
from unspun.embed.base import Embedder
from unspun.kernels.similarity import dice, evidence
from unspun.model import Document
from unspun.stages.candidates import Candidates, SentenceView


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


def _joined_score(doc_a: Document, doc_b: Document, group: tuple[tuple[int, ...], tuple[int, ...]],
                  views: tuple[dict[int, SentenceView], dict[int, SentenceView]], embedder: Embedder) -> float:
    """Evidence of the texts of a group of sentences joined on each side."""
    a_ids, b_ids = group
    a_text = " ".join(doc_a.sentences[i].text for i in a_ids)
    b_text = " ".join(doc_b.sentences[i].text for i in b_ids)
    vectors = embedder.embed([a_text, b_text])
    a_stems = frozenset().union(*(views[0][i].stems for i in a_ids))
    b_stems = frozenset().union(*(views[1][i].stems for i in b_ids))
    return evidence(float(vectors[0] @ vectors[1]), dice(a_stems, b_stems))


def _neighbours(body: list[int], index: int) -> list[int]:
    """The body sentences just before and after ``index`` in reading order."""
    position = body.index(index)
    return [body[p] for p in (position - 1, position + 1) if 0 <= p < len(body)]


@dataclass
class _Extender:
    """Grows one-to-one groups into merges (side ``a``) or splits (side ``b``) with leftover neighbours."""

    doc_a: Document
    doc_b: Document
    candidates: Candidates
    embedder: Embedder
    gain: float

    def extend(self, groups: list[Group], side: str) -> list[Group]:
        """Join each leftover sentence of ``side`` to the neighbouring group it explains best, if any."""
        doc = self.doc_a if side == "a" else self.doc_b
        body = [s.index for s in doc.body]
        related = {(p.a if side == "a" else p.b, p.b if side == "a" else p.a) for p in self.candidates.pairs}
        for leftover in self._leftovers(groups, side, body):
            best, best_score = None, 0.0
            for position, group in enumerate(groups):
                if self._joinable(group, side, leftover, body, related):
                    score = self._score_joined(group, side, leftover)
                    if score >= group.score + self.gain and score > best_score:
                        best, best_score = position, score
            if best is not None:
                groups[best] = self._joined(groups[best], side, leftover, best_score)
        return groups

    @staticmethod
    def _leftovers(groups: list[Group], side: str, body: list[int]) -> list[int]:
        """Body sentences of ``side`` that no group uses."""
        used = {i for g in groups for i in (g.a if side == "a" else g.b)}
        return [i for i in body if i not in used]

    @staticmethod
    def _joinable(group: Group, side: str, leftover: int, body: list[int], related: set) -> bool:
        """A one-to-one group whose ``side`` sentence neighbours ``leftover``, which relates to its partner."""
        if len(group.a) != 1 or len(group.b) != 1:
            return False
        own, partner = (group.a[0], group.b[0]) if side == "a" else (group.b[0], group.a[0])
        return own in _neighbours(body, leftover) and (leftover, partner) in related

    def _score_joined(self, group: Group, side: str, leftover: int) -> float:
        """Evidence of ``group`` with ``leftover`` joined on ``side``, in reading order."""
        joined = self._joined(group, side, leftover, 0.0)
        views = (self.candidates.a_views, self.candidates.b_views)
        return _joined_score(self.doc_a, self.doc_b, (joined.a, joined.b), views, self.embedder)

    @staticmethod
    def _joined(group: Group, side: str, leftover: int, score: float) -> Group:
        """``group`` with ``leftover`` added on ``side``."""
        if side == "a":
            return Group(tuple(sorted(group.a + (leftover,))), group.b, score)
        return Group(group.a, tuple(sorted(group.b + (leftover,))), score)


def align_groups(doc_a: Document, doc_b: Document, candidates: Candidates, embedder: Embedder,
                 config: CompareConfig) -> list[Group]:
    """All aligned sentence groups of the two documents, ordered by their first B sentence."""
    groups = match_one_to_one(candidates, config.align_threshold)
    extender = _Extender(doc_a, doc_b, candidates, embedder, config.merge_gain)
    groups = extender.extend(extender.extend(groups, "a"), "b")
    title = candidates.title_pair
    if title is not None and title.score >= config.align_threshold:
        groups.append(Group((title.a,), (title.b,), title.score))
    return sorted(groups, key=lambda g: (g.b[0], g.a[0]))
