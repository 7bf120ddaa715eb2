"""Vector backend on faiss: exact inner product (``IndexFlatIP``), 1.4–2.1k batched queries/s at 100k × 384.

Exact search keeps recall at 1.0 and needs no training, so batches can be added at any time. A query asks for a
handful of vectors, where OpenMP threads cost more than they save (1 ms with one thread, 8 ms with two, for 3
queries over 11k rows on a busy 2-core machine), so the backend searches with ``threads`` threads (default 1);
this is faiss's process-wide setting.
"""

from __future__ import annotations

import numpy as np

from unspun.kernels.faiss_loader import load_faiss


class FaissVectors:
    """Exact inner-product search with faiss, keyed by int64 ids."""

    def __init__(self, dim: int, *, threads: int = 1) -> None:
        faiss = load_faiss()
        faiss.omp_set_num_threads(threads)
        self.name = f"faiss-flat-ip@{faiss.__version__}"
        self._index = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))

    def add(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        """Add unit vectors under their keys."""
        self._index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), np.asarray(keys, dtype=np.int64))

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Best ``k`` keys per query, by inner product."""
        if len(self) == 0:
            shape = (len(queries), k)
            return np.full(shape, -np.inf, dtype=np.float32), np.full(shape, -1, dtype=np.int64)
        return self._index.search(np.ascontiguousarray(queries, dtype=np.float32), k)

    def __len__(self) -> int:
        return int(self._index.ntotal)
