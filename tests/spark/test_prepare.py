"""Spark's per-partition preparation gives the passage vectors an index gives back (its stored precision), so
that both engines centre, bucket and join the same vectors. Runs the ``mapInPandas`` body directly."""

from __future__ import annotations

import numpy as np
import pandas as pd

from unspun.config import CompareConfig
from unspun.index import Index
from unspun.index.config import IndexConfig
from unspun.spark.prepare import prepare_partition
from unspun.spark.rows import vectors_of

from .conftest import collection


def _rows_sorted(vectors: np.ndarray) -> np.ndarray:
    return vectors[np.lexsort(vectors.T[::-1])]


def test_prepared_passages_are_the_vectors_an_index_stores(tmp_path):
    records = collection.collection_records()
    frame = pd.DataFrame([{"id": r.id, "text": r.text, "source": r.source, "record": r.record, "title": r.title,
                           "url": r.url, "site": None, "date": r.date, "key": key} for key, r in enumerate(records)])
    prepared = pd.concat(prepare_partition(iter([frame]), IndexConfig(), CompareConfig()))
    with Index.open(tmp_path / "index") as index:
        index.add(records)
        _docs, stored = index.passage_vectors()
    dim = stored.shape[1]
    spark = np.concatenate([vectors_of(blob, dim) for blob in prepared["passages"]])
    assert np.array_equal(_rows_sorted(spark), _rows_sorted(stored))
