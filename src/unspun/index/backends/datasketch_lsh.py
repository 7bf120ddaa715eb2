"""Near-duplicate backend on datasketch (the reference MinHash LSH; slower than rensa, 1.5k signatures/s).

Signatures are stored as their hash values, so a segment is a plain numpy array, not a pickle.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np


class DatasketchLsh:
    """MinHash LSH over word shingles with datasketch, all segments in one LSH table."""

    def __init__(self, *, num_perm: int, bands: int, seed: int) -> None:
        from importlib.metadata import version

        from datasketch import MinHashLSH

        self.name = f"datasketch@{version('datasketch')}"
        self._num_perm, self._seed = num_perm, seed
        self._lsh = MinHashLSH(num_perm=num_perm, params=(bands, num_perm // bands))
        self._scheme = self._signature([]).scheme

    def _signature(self, shingles: Sequence[str]):
        """The datasketch MinHash of a shingle set."""
        from datasketch import MinHash

        minhash = MinHash(num_perm=self._num_perm, seed=self._seed)
        minhash.update_batch([shingle.encode("utf-8") for shingle in shingles])
        return minhash

    def build(self, keys: Sequence[int], shingle_sets: Sequence[Sequence[str]]) -> bytes:
        """Keys and signature hash values as one ``.npz`` blob."""
        values = np.array([self._signature(s).hashvalues for s in shingle_sets], dtype=np.uint64)
        buffer = io.BytesIO()
        np.savez(buffer, keys=np.asarray(keys, dtype=np.int64), values=values.reshape(len(keys), self._num_perm))
        return buffer.getvalue()

    def load(self, segment: bytes) -> None:
        """Insert a segment's signatures into the LSH table."""
        from datasketch import LeanMinHash

        with np.load(io.BytesIO(segment)) as data:
            for key, values in zip(data["keys"].tolist(), data["values"], strict=True):
                signature = LeanMinHash(seed=self._seed, hashvalues=values, scheme=self._scheme)
                self._lsh.insert(key, signature, check_duplication=False)

    def query(self, shingles: Sequence[str]) -> list[int]:
        """Keys whose signatures collide with the text's in at least one band, ascending."""
        return sorted(self._lsh.query(self._signature(shingles)))
