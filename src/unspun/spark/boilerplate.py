"""Learned boilerplate by distributed counts: line occurrences grouped by line hash, the recurring ones' stories
counted per line by the local kernels (:func:`~unspun.scan.boilerplate.count_stories` over document vectors in
publication order), the text read from the first document carrying the line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

import numpy as np
import pandas as pd

from unspun.scan.boilerplate import boilerplate_line, count_stories, document_vectors, publication_order
from unspun.scan.config import ScanConfig
from unspun.scan.corpus import MIN_WORDS
from unspun.scan.records import BoilerplateLine
from unspun.spark.rows import document_of, frame, vectors_of
from unspun.stages.segment import line_hash

LINE_SCHEMA = "hash long, first long, line string"


def document_vector_table(prepared, mean: np.ndarray, dim: int):
    """``(key, site, date, vector)``: each document's centred mean passage vector (local arithmetic per row)."""
    def vectors(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            blobs = []
            for key, blob in zip(batch["key"], batch["passages"], strict=True):
                passages = vectors_of(blob, dim)
                docs = np.full(len(passages), int(key), dtype=np.int64)
                blobs.append(document_vectors(docs, passages, [int(key)], mean)[0].tobytes())
            yield batch.drop(columns=["passages"]).assign(vector=blobs)

    return prepared.select("key", "site", "date", "passages").mapInPandas(
        vectors, "key long, site string, date string, vector binary")


def _occurrences(prepared, config: ScanConfig):
    """Distinct ``(hash, key)`` of the lines that can be template text (short, at least two words)."""
    from pyspark.sql import functions as F

    lines = prepared.select("key", F.arrays_zip("line_hashes", "line_chars", "line_words").alias("lines"))
    return (lines.select("key", F.explode("lines").alias("line"))
            .where((F.col("line.line_chars") <= config.boilerplate_max_chars)
                   & (F.col("line.line_words") >= MIN_WORDS))
            .select(F.col("line.line_hashes").alias("hash"), "key").distinct())


def _line_rows(group: pd.DataFrame, config: ScanConfig, dim: int) -> pd.DataFrame:
    """``applyInPandas`` body: one line's row when its documents tell enough different stories."""
    group = group.sort_values("key")
    keys = group["key"].to_numpy()
    dates = {int(k): d if isinstance(d, str) else None for k, d in zip(keys, group["date"], strict=True)}
    vector_of = {int(k): vectors_of(v, dim)[0] for k, v in zip(keys, group["vector"], strict=True)}
    ordered = np.stack([vector_of[key] for key in publication_order(keys, dates)])
    stories = count_stories(ordered, config.story_cosine)
    if stories < config.boilerplate_min_stories:
        return frame([], LINE_SCHEMA)
    sites = {int(k): s if isinstance(s, str) else None for k, s in zip(keys, group["site"], strict=True)}
    hash_ = int(np.int64(group["hash"].iloc[0]).view(np.uint64))
    line = boilerplate_line(hash_, "", keys, stories, sites)
    return frame([{"hash": int(group["hash"].iloc[0]), "first": int(keys[0]), "line": json.dumps(line.to_dict())}],
                 LINE_SCHEMA)


def _texts(frame: pd.DataFrame) -> pd.DataFrame:
    """The text of each line in its first document."""
    texts = []
    for row in frame.to_dict("records"):
        wanted = int(np.int64(row["hash"]).view(np.uint64))
        texts.append(next(s.text for s in document_of(row).sentences if line_hash(s.text) == wanted))
    return pd.DataFrame({"hash": frame["hash"], "text": texts})


def learn_boilerplate(spark, prepared, doc_vectors, config: ScanConfig, dim: int) -> list[BoilerplateLine]:
    """The collection's template lines, by key (a small table, brought to the driver)."""
    from pyspark.sql import functions as F

    occurrences = _occurrences(prepared, config)
    counts = occurrences.groupBy("hash").count().where(F.col("count") >= config.boilerplate_min_documents)
    grouped = occurrences.join(counts.select("hash"), "hash").join(doc_vectors, "key")
    lines = grouped.groupBy("hash").applyInPandas(lambda frame: _line_rows(frame, config, dim),
                                                  LINE_SCHEMA).collect()
    if not lines:
        return []
    wanted = spark.createDataFrame([(row["hash"], row["first"]) for row in lines], "hash long, key long")
    columns = ["key", "id", "text", "source", "url", "date", "sent_start", "sent_end", "sent_paragraph", "sent_role"]
    texts = dict(wanted.join(prepared.select(*columns), "key").groupBy("hash")
                 .applyInPandas(_texts, "hash long, text string").collect())
    found = [replace(_line(json.loads(row["line"])), text=texts[row["hash"]]) for row in lines]
    return sorted(found, key=lambda line: line.key)


def _line(row: dict) -> BoilerplateLine:
    """A :class:`BoilerplateLine` back from its JSON row."""
    return BoilerplateLine(**row)
