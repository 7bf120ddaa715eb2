"""Every default of a collection index, defined once, and recorded in the index that it built."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from unspun.errors import ConfigError

INDEX_FORMAT = 1
"""Version of the on-disk layout (SQLite schema + side files); bumped when an old index cannot be read."""
ANALYSIS_VERSION = 2
"""Version of how a document becomes the index's stored sentences, passages and vectors (sentence splitting above
all); bumped when that changes. An index built by another version still opens and answers, but its documents keep
the sentences they were split into then, so its results differ from a fresh build's, and adding to it would mix
two splittings. 1: indexes built before versions were recorded; 2: the sentence breaks nupunkt misses are split
(stop 28)."""


@dataclass(frozen=True)
class IndexConfig:
    """How an index cuts, fingerprints and embeds its documents. Fixed when the index is created."""

    passage_words: int = 60
    """A passage is a run of consecutive body sentences with at least this many words (the last may be shorter).
    Passages are the unit of the vector index: long enough to carry a topic, short enough that a suspect built
    from several sources has passages that each point to one of them."""
    shingle_words: int = 3
    """Word n-grams hashed into MinHash signatures (3-word shingles catch near-verbatim copies with edits)."""
    num_perm: int = 128
    """MinHash permutations per document."""
    lsh_bands: int = 32
    """LSH bands (of ``num_perm / lsh_bands`` rows each); 32 bands of 4 rows pass pairs from Jaccard ≈ 0.42."""
    seed: int = 1
    """Seed of the MinHash permutations (fixed: signatures must match between build and query)."""

    def __post_init__(self) -> None:
        for field in fields(self):
            if field.name != "seed" and getattr(self, field.name) <= 0:
                raise ConfigError(f"index config: {field.name} must be positive, got {getattr(self, field.name)}")
        if self.num_perm % self.lsh_bands:
            raise ConfigError(f"index config: num_perm ({self.num_perm}) must be a multiple of lsh_bands "
                              f"({self.lsh_bands})")

    def to_dict(self) -> dict[str, Any]:
        """The options as plain JSON-ready values (stored in the index)."""
        return asdict(self)
