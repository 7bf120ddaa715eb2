"""The paraphrase side of the candidate join: passages bucketed by their nearest k-means centroids, and every
pair of passages of different documents inside a bucket compared exactly.

Written by hand (over faiss's k-means and numpy's matrix product) rather than a nearest-neighbour index because
the join must give the same pairs on one machine and on a Spark cluster: a bucket is a group-by key that any
engine can shuffle on, and what happens inside a bucket depends on nothing but its members. A passage goes to
its ``lists_per_passage`` nearest of ``4·√n`` centroids, so two close passages nearly always share one; the
centroids are trained on passages spread evenly in document order, so every engine trains on the same sample.
A passage's nearest centroids are ranked on float64 scores of a shortlist, rounded, so that the last bits of a
matrix product (which may differ with the batch it is computed in) cannot change its buckets.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from unspun.kernels.faiss_loader import load_faiss

LISTS_PER_ROOT = 4
"""Centroids per square root of the number of passages."""
TRAIN_PER_LIST = 32
"""Training passages per centroid (below faiss's default minimum of 39, which it is told, so it does not warn;
32 keeps training a few seconds at 100k docs)."""
TRAIN_ITERATIONS = 10
SINGLE_BUCKET = 20_000
"""Up to this many passages there is one bucket: every pair is compared (exact)."""
SLICE = 20_000
"""A bucket is cut into consecutive slices of at most this many passages, so that one hot bucket cannot blow
up the join (pairs across two slices of one bucket are not compared)."""
_ROUND = 5
_BLOCK = 4096


@contextmanager
def faiss_threads(threads: int) -> Iterator[None]:
    """Run faiss with ``threads`` OpenMP threads, then go back to one (the index's setting for its queries)."""
    faiss = load_faiss()

    faiss.omp_set_num_threads(threads)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(1)


def list_count(passages: int) -> int:
    """How many centroids a collection of ``passages`` gets (1 up to :data:`SINGLE_BUCKET`)."""
    return 1 if passages <= SINGLE_BUCKET else int(LISTS_PER_ROOT * np.sqrt(passages))


def sample_size(passages: int, lists: int) -> int:
    """How many passages train the centroids: :data:`TRAIN_PER_LIST` per centroid, at most all of them."""
    return min(passages, lists * TRAIN_PER_LIST)


def training_sample(vectors: np.ndarray, lists: int) -> np.ndarray:
    """:func:`sample_size` rows spread evenly over the collection (rows are in document order): row ``r`` of
    ``n`` is taken when ``r·m mod n < m``, a test on the row number alone, so any engine can filter the same
    rows (a whole step, every k-th row, would take up to twice as many and make training twice as slow)."""
    size = sample_size(len(vectors), lists)
    rows = np.flatnonzero(np.arange(len(vectors), dtype=np.int64) * size % len(vectors) < size)
    return np.ascontiguousarray(vectors[rows])


def train_centroids(sample: np.ndarray, lists: int) -> np.ndarray:
    """Unit centroids of spherical k-means (faiss, fixed seed) on ``sample``."""
    faiss = load_faiss()

    kmeans = faiss.Kmeans(sample.shape[1], lists, niter=TRAIN_ITERATIONS, seed=1, spherical=True, verbose=False,
                          min_points_per_centroid=TRAIN_PER_LIST)
    kmeans.train(sample)
    return np.asarray(kmeans.centroids, dtype=np.float32)


def nearest_lists(vectors: np.ndarray, centroids: np.ndarray, count: int) -> np.ndarray:
    """``(len(vectors), count)`` ids of each row's nearest centroids, nearest first (ties: lower id).

    faiss shortlists ``count + 4`` centroids per row (float32); the shortlist is then scored again in float64,
    one dot product per (row, centroid), and rounded: the ranking does not depend on how rows are batched (a
    matrix product's last bits do), so every engine puts a passage in the same buckets.
    """
    faiss = load_faiss()

    count = min(count, len(centroids))
    wide = min(len(centroids), count + 4)
    search = faiss.IndexFlatIP(centroids.shape[1])
    search.add(np.ascontiguousarray(centroids, dtype=np.float32))
    found = np.zeros((len(vectors), count), dtype=np.int64)
    exact_centroids = centroids.astype(np.float64)
    for start in range(0, len(vectors), _BLOCK):
        block = np.ascontiguousarray(vectors[start:start + _BLOCK], dtype=np.float32)
        part = search.search(block, wide)[1]
        exact = np.round(np.einsum("ij,ikj->ik", block.astype(np.float64), exact_centroids[part]), _ROUND)
        order = np.lexsort((part, -exact), axis=1)[:, :count]
        found[start:start + len(block)] = np.take_along_axis(part, order, axis=1)
    return found


def close_pairs(rows: np.ndarray, vectors: np.ndarray, docs: np.ndarray, floor: float) -> np.ndarray:
    """``(doc a, doc b, cosine)`` rows, ``a < b``, of the passage pairs of one bucket at least ``floor`` alike.

    ``rows`` are the bucket's passage rows in ascending order; pairs of one document's own passages are left
    out. Returned as a float64 array of three columns.
    """
    found = [np.zeros((0, 3))]
    for start in range(0, len(rows), SLICE):
        members = rows[start:start + SLICE]
        gathered = vectors[members]
        for block in range(0, len(members), _BLOCK):
            left = members[block:block + _BLOCK]
            scores = gathered[block:block + _BLOCK] @ gathered[block:].T
            i, j = np.nonzero(scores >= floor)
            keep = j > i
            a, b = docs[left[i[keep]]], docs[members[block:][j[keep]]]
            other = a != b
            found.append(np.stack([np.minimum(a, b)[other], np.maximum(a, b)[other],
                                   scores[i[keep], j[keep]][other]], axis=1))
    return np.concatenate(found)


def best_per_pair(found: np.ndarray) -> dict[tuple[int, int], float]:
    """The best cosine of each document pair (rounded to 4 decimals) from :func:`close_pairs` rows."""
    if not len(found):
        return {}
    order = np.lexsort((-found[:, 2], found[:, 1], found[:, 0]))
    ordered = found[order]
    first = np.r_[True, (ordered[1:, 0] != ordered[:-1, 0]) | (ordered[1:, 1] != ordered[:-1, 1])]
    return {(int(a), int(b)): round(float(value), 4) for a, b, value in ordered[first]}


def bucket_members(lists: np.ndarray) -> Iterator[np.ndarray]:
    """For each bucket id in ascending order, the ascending rows assigned to it."""
    rows = np.repeat(np.arange(len(lists)), lists.shape[1])
    labels = lists.ravel()
    order = np.lexsort((rows, labels))
    rows, labels = rows[order], labels[order]
    starts = np.flatnonzero(np.r_[True, labels[1:] != labels[:-1]])
    for start, end in zip(starts, np.r_[starts[1:], len(labels)], strict=True):
        yield rows[start:end]
