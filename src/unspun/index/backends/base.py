"""The two contracts an index backend fulfils: a vector index (paraphrase) and a near-duplicate index (copies).

Both hold integer keys chosen by the index. Persistence is the index's job: it stores each committed batch's
vectors and serialized near-duplicate segment in side files, and feeds them back through these methods.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np


class VectorBackend(Protocol):
    """Exact or approximate inner-product search over unit vectors."""

    name: str

    def add(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        """Add ``vectors`` (float32 rows) under ``keys`` (int64)."""
        ...

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """``(scores, keys)``, each ``(len(queries), k)``, best first; missing hits have key -1."""
        ...

    def __len__(self) -> int:
        """Number of vectors held."""
        ...


class NearDuplicateBackend(Protocol):
    """MinHash signatures with locality-sensitive hashing: which documents share most shingles with a text."""

    name: str

    def build(self, keys: Sequence[int], shingle_sets: Sequence[Sequence[str]]) -> bytes:
        """A serialized segment holding the signatures of ``shingle_sets`` under ``keys`` (nothing is added)."""
        ...

    def load(self, segment: bytes) -> None:
        """Add a segment made by :meth:`build` to the searchable index."""
        ...

    def query(self, shingles: Sequence[str]) -> list[int]:
        """Keys of documents whose estimated Jaccard similarity with ``shingles`` passes the LSH threshold."""
        ...
