"""Candidate pairs as Spark joins over the local engine's kernels (:mod:`unspun.scan.candidates`,
:mod:`unspun.scan.vectors`): LSH band collisions by a group-by on (band, hash) with the same ``max_bucket``
bound, and the bucketed passage join by a group-by on the k-means bucket, each bucket compared by
:func:`~unspun.scan.vectors.close_pairs`. The collection's mean passage is an exact integer sum
(:func:`~unspun.scan.boilerplate.quantised_sum`) and the centroids are trained on the driver from the same
every-k-th-passage sample as the local engine's, so both engines make the same buckets.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from unspun.scan.boilerplate import mean_of, quantised_sum
from unspun.scan.candidates import band_hashes, centred_unit
from unspun.scan.config import ScanConfig
from unspun.scan.vectors import (
    close_pairs,
    faiss_threads,
    list_count,
    nearest_lists,
    sample_size,
    train_centroids,
)
from unspun.spark.rows import uint32_of, vectors_of


def collection_mean(prepared, dim: int) -> tuple[np.ndarray, int]:
    """``(mean passage, passages)``: quantised sums per partition, added exactly on the driver."""
    def sums(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        total, count = np.zeros(dim, dtype=np.int64), 0
        for frame in batches:
            for blob in frame["passages"]:
                vectors = vectors_of(blob, dim)
                if len(vectors):
                    total += quantised_sum(vectors)
                    count += len(vectors)
        yield pd.DataFrame({"total": [total.tobytes()], "count": [count]})

    parts = prepared.select("passages").mapInPandas(sums, "total binary, count long").collect()
    total = [0] * dim
    for part in parts:
        total = [a + int(b) for a, b in zip(total, np.frombuffer(part["total"], dtype=np.int64), strict=True)]
    count = sum(int(part["count"]) for part in parts)
    return mean_of(np.asarray(total, dtype=object), count), count


def _partition_offsets(prepared) -> dict[int, int]:
    """``{first key of a partition: passages in the partitions before it}`` (partitions hold key ranges)."""
    from pyspark.sql import functions as F

    parts = (prepared.groupBy(F.spark_partition_id().alias("part"))
             .agg(F.min("key").alias("first"), F.sum("passage_count").alias("passages")).collect())
    offsets, before = {}, 0
    for part in sorted(parts, key=lambda row: row["first"]):
        offsets[int(part["first"])] = before
        before += int(part["passages"])
    return offsets


def passage_table(prepared, mean: np.ndarray, dim: int):
    """``(key, row, vector)``: every passage centred and unit, ``row`` its place in (key, passage) order."""
    offsets = _partition_offsets(prepared)

    def explode(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        row = None
        for frame in batches:
            keys, rows, blobs = [], [], []
            for key, blob in zip(frame["key"], frame["passages"], strict=True):
                row = offsets[int(key)] if row is None else row
                for vector in centred_unit(vectors_of(blob, dim), mean):
                    keys.append(int(key))
                    rows.append(row)
                    blobs.append(vector.tobytes())
                    row += 1
            yield pd.DataFrame({"key": keys, "row": rows, "vector": blobs})

    return (prepared.select("key", "passages").sortWithinPartitions("key")
            .mapInPandas(explode, "key long, row long, vector binary"))


def train(passages, total: int, dim: int) -> np.ndarray | None:
    """Centroids trained on the driver from the rows :func:`~unspun.scan.vectors.training_sample` takes (None
    when one bucket holds everything)."""
    from pyspark.sql import functions as F

    lists = list_count(total)
    if lists == 1:
        return None
    size = sample_size(total, lists)
    sample = passages.where(F.col("row") * size % total < size).orderBy("row").select("vector").collect()
    with faiss_threads(1):
        return train_centroids(np.stack([vectors_of(row["vector"], dim)[0] for row in sample]), lists)


def _bucketed(passages, centroids: np.ndarray | None, config: ScanConfig, dim: int):
    """``(bucket, row, key, vector)``: each passage once per bucket it joins."""
    def assign(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for frame in batches:
            vectors = np.stack([vectors_of(b, dim)[0] for b in frame["vector"]]) if len(frame) else \
                np.zeros((0, dim), dtype=np.float32)
            lists = np.zeros((len(frame), 1), dtype=np.int64) if centroids is None else \
                nearest_lists(vectors, centroids, config.lists_per_passage)
            yield pd.DataFrame({"bucket": lists.ravel(), "row": np.repeat(frame["row"].to_numpy(), lists.shape[1]),
                                "key": np.repeat(frame["key"].to_numpy(), lists.shape[1]),
                                "vector": np.repeat(frame["vector"].to_numpy(), lists.shape[1])})

    return passages.mapInPandas(assign, "bucket long, row long, key long, vector binary")


def _bucket_pairs(frame: pd.DataFrame, floor: float, dim: int) -> pd.DataFrame:
    """``applyInPandas`` body: the close passage pairs of one bucket, its members in row order."""
    frame = frame.sort_values("row")
    vectors = np.stack([vectors_of(b, dim)[0] for b in frame["vector"]])
    found = close_pairs(np.arange(len(frame)), vectors, frame["key"].to_numpy(), floor)
    return pd.DataFrame({"a": found[:, 0].astype(np.int64), "b": found[:, 1].astype(np.int64),
                         "cosine": found[:, 2]})


def _rounded(column: str):
    """A ``mapInPandas`` body rounding ``column`` to 4 places with Python's ``round``, as the local engine rounds
    its scores (:func:`~unspun.scan.vectors.best_per_pair`, :func:`~unspun.scan.candidates.lsh_pairs`)."""
    def body(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for frame in batches:
            yield frame.assign(**{column: [round(float(value), 4) for value in frame[column]]})

    return body


def _best_partners(best, limit: int):
    """Keep a pair when it is among the ``limit`` best of either document (ties by key)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    sides = best.select(F.col("a").alias("doc"), F.col("b").alias("other"), "cosine").unionByName(
        best.select(F.col("b").alias("doc"), F.col("a").alias("other"), "cosine"))
    rank = F.row_number().over(Window.partitionBy("doc").orderBy(F.desc("cosine"), F.asc("other")))
    kept = sides.withColumn("rank", rank).where(F.col("rank") <= limit).select(
        F.least("doc", "other").alias("a"), F.greatest("doc", "other").alias("b")).distinct()
    return kept.join(best, ["a", "b"])


def _shared_minhashes(pairs, signatures):
    """``pairs`` with ``shared``: how many MinHash values the two documents' signatures share."""
    def count(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for frame in batches:
            shared = [int((uint32_of(x) == uint32_of(y)).sum())
                      for x, y in zip(frame["sig_a"], frame["sig_b"], strict=True)]
            yield frame.drop(columns=["sig_a", "sig_b"]).assign(shared=shared)

    joined = (pairs.join(signatures.withColumnRenamed("key", "a").withColumnRenamed("signature", "sig_a"), "a")
              .join(signatures.withColumnRenamed("key", "b").withColumnRenamed("signature", "sig_b"), "b"))
    schema = ", ".join(f"{field.name} {field.dataType.simpleString()}" for field in pairs.schema.fields)
    return joined.mapInPandas(count, schema + ", shared long")


def vector_pairs(passages, centroids: np.ndarray | None, signatures, config: ScanConfig, dim: int):
    """``(a, b, passage_cosine)``: the bucketed join, best partners kept, backed up by shared MinHashes."""
    from pyspark.sql import functions as F

    buckets = _bucketed(passages, centroids, config, dim)
    close = buckets.groupBy("bucket").applyInPandas(
        lambda frame: _bucket_pairs(frame, config.passage_cosine, dim), "a long, b long, cosine double")
    best = close.groupBy("a", "b").agg(F.max("cosine").alias("cosine")).mapInPandas(
        _rounded("cosine"), "a long, b long, cosine double")
    supported = _shared_minhashes(_best_partners(best, config.max_partners), signatures).where(
        (F.col("shared") >= config.min_shared_minhashes)
        & ((F.col("cosine") >= config.close_passage_cosine) | (F.col("shared") >= config.supported_minhashes)))
    return supported.select("a", "b", F.col("cosine").alias("passage_cosine"))


def lsh_pairs(signatures, config: ScanConfig):
    """``(a, b, lsh_jaccard)``: documents sharing an LSH band bucket of at most ``max_bucket`` documents."""
    from pyspark.sql import functions as F

    def bands(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for frame in batches:
            if not len(frame):
                continue
            hashes = band_hashes(np.stack([uint32_of(b) for b in frame["signature"]]), config.band_rows)
            yield pd.DataFrame({"band": np.tile(np.arange(hashes.shape[1]), len(frame)),
                                "hash": hashes.view(np.int64).ravel(),
                                "key": np.repeat(frame["key"].to_numpy(), hashes.shape[1])})

    buckets = (signatures.mapInPandas(bands, "band int, hash long, key long").groupBy("band", "hash")
               .agg(F.collect_list("key").alias("keys"))
               .where((F.size("keys") > 1) & (F.size("keys") <= config.max_bucket)))
    pairs = (buckets.select(F.explode("keys").alias("a"), "keys").select("a", F.explode("keys").alias("b"))
             .where(F.col("a") < F.col("b")).distinct())
    jaccard = _shared_minhashes(pairs, signatures).select(
        "a", "b", (F.col("shared") / F.lit(signature_width(signatures))).alias("lsh_jaccard"))
    return jaccard.where(F.col("lsh_jaccard") >= config.lsh_min_jaccard).mapInPandas(
        _rounded("lsh_jaccard"), "a long, b long, lsh_jaccard double")


def signature_width(signatures) -> int:
    """MinHash values per signature (from the first row: all rows have the index config's ``num_perm``)."""
    first = signatures.select("signature").first()
    return len(uint32_of(first["signature"])) if first else 1


def candidate_pairs(lsh, vectors):
    """``(a, b, lsh_jaccard, passage_cosine)``: the union of both joins (0 where a join did not propose)."""
    return lsh.join(vectors, ["a", "b"], "full_outer").fillna(0.0, ["lsh_jaccard", "passage_cosine"])
