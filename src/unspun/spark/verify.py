"""Verification per candidate pair: the pair list joined to the documents on both sides, partitioned by its
first document and sorted, then :func:`unspun.scan.verify.verify_chunk` (the local engine's own function) over
a :class:`~unspun.scan.verify.DocumentSource` that prepares each document once per partition."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import fields

import pandas as pd

from unspun.config import CompareConfig
from unspun.model import Document
from unspun.scan.config import ScanConfig
from unspun.scan.records import DocumentMeta, ReusePair
from unspun.scan.verify import CHUNK, DocumentSource, Verified, verify_chunk
from unspun.spark.rows import DOCUMENT_COLUMNS, document_of, embedder, frame, meta_of

_TYPES = {"float": "double", "int": "long", "str": "string", "str | None": "string", "EdgeKind | None": "string"}
"""Spark SQL type of each :class:`ReusePair` field, by its annotation (the module has postponed annotations)."""
PAIR_FIELDS = tuple(f.name for f in fields(ReusePair) if f.name != "comparison")
VERIFIED_SCHEMA = ("key_a long, key_b long, error string, comparison string, " + ", ".join(
    f"{f.name} {_TYPES[str(f.type)]}" for f in fields(ReusePair) if f.name != "comparison"))


class _Rows:
    """A loader over the documents of the rows seen so far in a partition (the rows carry both sides)."""

    def __init__(self) -> None:
        self.documents: dict[int, tuple[DocumentMeta, Document]] = {}

    def add(self, row: dict, prefix: str) -> None:
        """Remember one side of a pair row."""
        key = int(row[prefix + "key"])
        if key not in self.documents:
            self.documents[key] = (meta_of(row, prefix), document_of(row, prefix))

    def __call__(self, keys: list[int]) -> dict[int, tuple[DocumentMeta, Document]]:
        """The documents of ``keys`` (forgotten once handed over: the source keeps them prepared)."""
        return {key: self.documents.pop(key) for key in keys}


def _row(result: Verified) -> dict:
    """The output row of one verified pair."""
    row = {"key_a": result.a, "key_b": result.b, "error": result.error, "comparison": None}
    if result.pair is not None:
        found = result.pair.to_dict()
        row.update({name: found[name] for name in PAIR_FIELDS})
        row["comparison"] = json.dumps(found["comparison"]) if "comparison" in found else None
    return row


def verify_partition(batches: Iterator[pd.DataFrame], *, boilerplate: frozenset[str], config: ScanConfig,
                     compare_config: CompareConfig) -> Iterator[pd.DataFrame]:
    """``mapInPandas`` body: every pair of the partition compared, :data:`CHUNK` at a time."""
    loader, model = _Rows(), embedder()
    source = DocumentSource(loader, boilerplate, model)
    for batch in batches:
        rows = batch.to_dict("records")
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start:start + CHUNK]
            for row in chunk:
                loader.add(row, "a_")
                loader.add(row, "b_")
            pairs = [(int(row["a_key"]), int(row["b_key"])) for row in chunk]
            results = verify_chunk(source, pairs, config=config, compare_config=compare_config, embedder=model)
            loader.documents.clear()
            yield frame([_row(result) for result in results], VERIFIED_SCHEMA)


def verify(candidates, prepared, *, boilerplate: frozenset[str], config: ScanConfig, compare_config: CompareConfig,
           partitions: int):
    """The verified pairs table: ``key_a``, ``key_b``, ``error`` and the :class:`ReusePair` columns (null for
    unrelated pairs and errors)."""
    from pyspark.sql import functions as F

    documents = prepared.select(*DOCUMENT_COLUMNS)
    side = {prefix: documents.select(*[F.col(c).alias(prefix + c) for c in DOCUMENT_COLUMNS])
            for prefix in ("a_", "b_")}
    joined = (candidates.select("a", "b").join(side["a_"].withColumnRenamed("a_key", "a"), "a")
              .join(side["b_"].withColumnRenamed("b_key", "b"), "b")
              .withColumnRenamed("a", "a_key").withColumnRenamed("b", "b_key"))
    ordered = joined.repartition(partitions, "a_key").sortWithinPartitions("a_key", "b_key")
    return ordered.mapInPandas(lambda batches: verify_partition(batches, boilerplate=boilerplate, config=config,
                                                                compare_config=compare_config), VERIFIED_SCHEMA)
