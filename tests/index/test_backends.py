"""One contract suite for every backend of each Protocol."""

from __future__ import annotations

import numpy as np
import pytest

from unspun.index.backends.datasketch_lsh import DatasketchLsh
from unspun.index.backends.faiss_vectors import FaissVectors
from unspun.index.backends.numpy_vectors import NumpyVectors
from unspun.index.backends.rensa_lsh import RensaLsh
from unspun.index.passages import shingles

VECTOR_BACKENDS = [FaissVectors, NumpyVectors]
LSH_BACKENDS = [RensaLsh, DatasketchLsh]
TEXT = ("The river Aske burst its banks on Sunday, flooding the centre of Norberg after three days of heavy rain "
        "and forcing about 300 residents from their homes, officials said on Monday evening.")


def _unit_rows(count: int, dim: int, seed: int) -> np.ndarray:
    rows = np.random.default_rng(seed).normal(size=(count, dim)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


@pytest.mark.parametrize("backend", VECTOR_BACKENDS)
def test_vectors_find_themselves_first_across_batches(backend):
    vectors = backend(16)
    rows = _unit_rows(50, 16, seed=3)
    vectors.add(np.arange(100, 130), rows[:30])
    vectors.add(np.arange(130, 150), rows[30:])
    scores, keys = vectors.search(rows[[0, 45]], 3)
    assert len(vectors) == 50
    assert keys[:, 0].tolist() == [100, 145]
    assert np.all(np.diff(scores, axis=1) <= 1e-6) and np.allclose(scores[:, 0], 1.0, atol=1e-5)


@pytest.mark.parametrize("backend", VECTOR_BACKENDS)
def test_vectors_pad_missing_hits(backend):
    vectors = backend(8)
    scores, keys = vectors.search(_unit_rows(2, 8, seed=1), 4)
    assert keys.shape == (2, 4) and (keys == -1).all()
    vectors.add(np.array([7]), _unit_rows(1, 8, seed=2))
    scores, keys = vectors.search(_unit_rows(1, 8, seed=5), 3)
    assert keys.tolist() == [[7, -1, -1]]


@pytest.mark.parametrize("backend", LSH_BACKENDS)
def test_lsh_finds_copies_across_segments_and_not_other_texts(backend):
    lsh = backend(num_perm=128, bands=32, seed=1)
    other = "Chipmaker Veltrix reported a 28% rise in quarterly revenue, driven by demand for data-centre chips."
    lsh.load(lsh.build([0, 1], [shingles(other, 3), shingles("Bees are back in the city parks.", 3)]))
    lsh.load(lsh.build([2], [shingles(TEXT, 3)]))
    assert lsh.query(shingles(TEXT, 3)) == [2]
    assert lsh.query(shingles(TEXT.replace("Sunday", "Saturday"), 3)) == [2]
    assert lsh.query(shingles("A completely different story about football transfers and fees.", 3)) == []


@pytest.mark.parametrize("backend", LSH_BACKENDS)
def test_lsh_segments_round_trip_through_bytes(backend):
    builder, reader = backend(num_perm=64, bands=16, seed=9), backend(num_perm=64, bands=16, seed=9)
    segment = builder.build([5], [shingles(TEXT, 3)])
    assert isinstance(segment, bytes)
    reader.load(segment)
    assert reader.query(shingles(TEXT, 3)) == [5]
