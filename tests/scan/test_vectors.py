"""The bucketed vector join on a collection too large for one bucket, and the training sample it learns from."""

from __future__ import annotations

import numpy as np

from unspun.scan.candidates import vector_pairs
from unspun.scan.config import ScanConfig
from unspun.scan.vectors import SINGLE_BUCKET, list_count, sample_size, training_sample

DIM = 256


def test_the_training_sample_takes_its_size_in_rows_spread_evenly_over_the_collection():
    vectors = np.arange(30_011, dtype=np.float32).reshape(-1, 1)
    lists = list_count(len(vectors))
    sample = training_sample(vectors, lists)[:, 0].astype(np.int64)
    assert len(sample) == sample_size(len(vectors), lists) < len(vectors)
    assert sample[0] == 0 and np.all(np.diff(sample) >= 1)
    assert np.diff(sample).max() <= -(-len(vectors) // len(sample))


def _collection(rng: np.random.Generator, documents: int, copies: int) -> tuple[np.ndarray, np.ndarray, set]:
    """Random passages, two per document, and ``copies`` documents whose first passage is a light variant of
    another document's second passage."""
    vectors = rng.standard_normal((2 * documents, DIM)).astype(np.float32)
    docs = np.repeat(np.arange(documents), 2)
    planted = set()
    for copy in range(copies):
        source, target = copy * 7, documents - 1 - copy * 11
        vectors[2 * target] = vectors[2 * source + 1] + 0.15 * rng.standard_normal(DIM).astype(np.float32)
        planted.add((min(source, target), max(source, target)))
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True), docs, planted


def test_close_passages_of_a_collection_beyond_one_bucket_are_found_and_nothing_random_is():
    vectors, docs, planted = _collection(np.random.default_rng(3), documents=SINGLE_BUCKET // 2 + 2_000, copies=40)
    assert list_count(len(vectors)) > 1
    found = vector_pairs(docs, vectors, ScanConfig())
    assert set(found) == planted
    assert found == vector_pairs(docs, vectors, ScanConfig(), threads=2)
