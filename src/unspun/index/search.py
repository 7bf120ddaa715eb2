"""Candidate sources for a suspect: near-verbatim copies from MinHash LSH, paraphrases from passage vectors.

Each suspect passage asks the vector index for its nearest source passages, so a suspect stitched from several
sources finds each of them through its own passages; the LSH adds whole-document copies whatever their
embedding says. Candidates are only candidates: the compare core verifies every one (see :mod:`.verify`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from unspun.embed.base import Embedder
from unspun.index.backends.base import NearDuplicateBackend, VectorBackend
from unspun.index.config import IndexConfig
from unspun.index.passages import passage_spans, shingles
from unspun.model import Document

NEIGHBOURS = 20
"""Source passages retrieved per suspect passage: enough that a source ranked behind same-topic articles (all
BBC articles of a week share vocabulary) is still seen; the compare core removes the wrong ones."""


@dataclass(frozen=True)
class Candidate:
    """A document that may be a source: its key and its passage similarity."""

    key: int
    score: float
    """Mean, over the suspect's passages, of the best cosine with any passage of this document (0 for a copy
    only LSH found)."""


@dataclass(frozen=True)
class SearchParts:
    """What candidate search reads: the backends, the passage→document map and the embedder."""

    vectors: VectorBackend
    near_duplicates: NearDuplicateBackend
    passage_doc: Callable[[np.ndarray], np.ndarray]
    embedder: Embedder


def suspect_passages(suspect: Document, config: IndexConfig) -> list[str]:
    """The suspect's passages, cut as the index cut its documents (the whole text when it has no body)."""
    spans = passage_spans(suspect, config.passage_words)
    return [suspect.text[start:end] for start, end in spans] or [suspect.text]


def _passage_scores(suspect: Document, parts: SearchParts, config: IndexConfig) -> dict[int, np.ndarray]:
    """For each document hit, the best cosine of each suspect passage with that document's passages."""
    queries = parts.embedder.embed(suspect_passages(suspect, config))
    scores, keys = parts.vectors.search(queries, NEIGHBOURS)
    best: dict[int, np.ndarray] = {}
    valid = keys >= 0
    docs = np.full(keys.shape, -1, dtype=np.int64)
    docs[valid] = parts.passage_doc(keys[valid])
    for row, col in zip(*np.nonzero(valid), strict=True):
        per_passage = best.setdefault(int(docs[row, col]), np.zeros(len(queries), dtype=np.float32))
        per_passage[row] = max(per_passage[row], scores[row, col])
    return best


def _leaders(best: dict[int, np.ndarray]) -> set[int]:
    """The best document of each suspect passage (ties: the lowest key)."""
    if not best:
        return set()
    keys = sorted(best)
    return {keys[row] for row in np.stack([best[key] for key in keys]).argmax(axis=0)}


def find_candidates(suspect: Document, parts: SearchParts, config: IndexConfig, limit: int) -> list[Candidate]:
    """LSH copies and each suspect passage's best source (always), then the best of the rest up to ``limit``."""
    best = _passage_scores(suspect, parts, config)
    copies = set(parts.near_duplicates.query(shingles(suspect.text, config.shingle_words)))
    score = {key: float(values.mean()) for key, values in best.items()} | {k: 0.0 for k in copies - best.keys()}
    by_score = sorted(score, key=lambda key: (-score[key], key))
    priority = copies | _leaders(best)
    order = [k for k in by_score if k in copies] + [k for k in by_score if k in priority - copies]
    order += [k for k in by_score if k not in priority][:max(0, limit - len(order))]
    return [Candidate(key, score[key]) for key in order]
