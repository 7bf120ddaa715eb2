"""The contract every embedding backend fulfils."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    """Turns sentences into unit-length vectors; cosine similarity is then a dot product."""

    name: str
    """Identifies the model and its version; recorded in reports and indexes."""
    dim: int
    """Length of each vector."""

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return a ``(len(texts), dim)`` float32 array of L2-normalised rows (zero rows for empty texts)."""
        ...
