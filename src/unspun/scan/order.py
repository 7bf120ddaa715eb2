"""Scan keys: a scan numbers documents by the rank of their id, not by the order they were indexed.

Everything a scan orders by key (which side of a pair is ``a``, ties between candidates, the k-means training
sample, the first document carrying a template line, story leaders) then depends on the document ids alone,
so the local engine and the Spark engine, which never sees an index, number a collection alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class IdOrder:
    """``index_keys[scan key]``: the index key of the document with that id rank."""

    index_keys: np.ndarray

    @classmethod
    def of(cls, index_keys: Sequence[int], ids: Sequence[str]) -> IdOrder:
        """The order of documents ``index_keys`` whose ids are ``ids`` (parallel sequences)."""
        ranked = sorted(range(len(ids)), key=ids.__getitem__)
        return cls(np.asarray(index_keys, dtype=np.int64)[ranked] if ranked else np.zeros(0, dtype=np.int64))

    def scan_keys(self, index_keys: np.ndarray) -> np.ndarray:
        """The scan key of each index key."""
        by_index = np.argsort(self.index_keys, kind="stable")
        rows = np.searchsorted(self.index_keys[by_index], np.asarray(index_keys, dtype=np.int64))
        return by_index[rows].astype(np.int64)

    def rows(self, docs: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Rows keyed by index key (``docs``) re-keyed by scan key and put in scan-key order; rows of one
        document keep their order."""
        keys = self.scan_keys(docs)
        order = np.argsort(keys, kind="stable")
        return keys[order], values[order]
