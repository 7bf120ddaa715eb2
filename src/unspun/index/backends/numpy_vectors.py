"""Vector backend in plain numpy: exact inner product, no extra dependency (the fallback and the reference)."""

from __future__ import annotations

import numpy as np


class NumpyVectors:
    """Exact inner-product search with a numpy matrix product."""

    name = "numpy-flat-ip"

    def __init__(self, dim: int) -> None:
        self._parts: list[tuple[np.ndarray, np.ndarray]] = []
        self._keys = np.zeros(0, dtype=np.int64)
        self._matrix = np.zeros((0, dim), dtype=np.float32)

    def add(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        """Add unit vectors under their keys (joined into one matrix at the next search)."""
        self._parts.append((np.asarray(keys, dtype=np.int64), np.asarray(vectors, dtype=np.float32)))

    def _consolidate(self) -> None:
        """Join the parts added since the last search."""
        if self._parts:
            self._keys = np.concatenate([self._keys, *(keys for keys, _ in self._parts)])
            self._matrix = np.concatenate([self._matrix, *(vectors for _, vectors in self._parts)])
            self._parts = []

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Best ``k`` keys per query, by inner product."""
        self._consolidate()
        scores = np.asarray(queries, dtype=np.float32) @ self._matrix.T
        found = min(k, scores.shape[1])
        top = np.argsort(-scores, axis=1, kind="stable")[:, :found]
        out_scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
        out_keys = np.full((len(queries), k), -1, dtype=np.int64)
        out_scores[:, :found] = np.take_along_axis(scores, top, axis=1)
        out_keys[:, :found] = self._keys[top]
        return out_scores, out_keys

    def __len__(self) -> int:
        return len(self._keys) + sum(len(keys) for keys, _ in self._parts)
