"""Near-duplicate backend on rensa: MinHash in Rust, 16–27k signatures/s, LSH queries 300k+/s.

rensa's signatures cannot be rebuilt from stored digests, so each committed batch keeps its own pickled LSH
segment and a query asks every segment (a few hundred at 100k documents, microseconds each). The pickles are
the index's own files; do not open an index directory from an untrusted source.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence


class RensaLsh:
    """MinHash LSH over word shingles with rensa, one LSH segment per committed batch."""

    def __init__(self, *, num_perm: int, bands: int, seed: int) -> None:
        from importlib.metadata import version

        self.name = f"rensa@{version('rensa')}"
        self._num_perm, self._bands, self._seed = num_perm, bands, seed
        self._segments: list = []

    def _new_lsh(self):
        """An empty LSH table with this backend's parameters."""
        from rensa import RMinHashLSH

        return RMinHashLSH(threshold=0.5, num_perm=self._num_perm, num_bands=self._bands)

    def build(self, keys: Sequence[int], shingle_sets: Sequence[Sequence[str]]) -> bytes:
        """Signatures of ``shingle_sets`` in a new LSH segment, pickled (keys must be consecutive)."""
        from rensa import RMinHash

        keys = [int(key) for key in keys]
        if keys != list(range(keys[0], keys[0] + len(keys)) if keys else []):
            raise ValueError("RensaLsh.build needs consecutive keys (rensa numbers the rows of a batch)")
        lsh = self._new_lsh()
        if keys:
            matrix = RMinHash.digest_matrix_from_token_sets([list(s) for s in shingle_sets], self._num_perm,
                                                            self._seed)
            lsh.insert_matrix(matrix, start_key=int(keys[0]))
        return pickle.dumps(lsh, protocol=pickle.HIGHEST_PROTOCOL)

    def load(self, segment: bytes) -> None:
        """Add a pickled segment."""
        self._segments.append(pickle.loads(segment))  # noqa: S301 (the index's own file, see module doc)

    def query(self, shingles: Sequence[str]) -> list[int]:
        """Keys of every segment's LSH candidates, ascending."""
        from rensa import RMinHash

        minhash = RMinHash(self._num_perm, self._seed)
        minhash.update(list(shingles))
        return sorted(key for lsh in self._segments for key in lsh.query(minhash))
