"""Prepare documents per partition as ``index add`` prepares a batch (:func:`unspun.index.build.prepare_batch`):
segmentation, passage vectors (at the precision an index stores them), MinHash signatures and scan features,
with the model loaded once per worker.
A document whose preparation raises becomes an error row naming it; its partition goes on."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import pandas as pd

from unspun.config import CompareConfig
from unspun.index.build import PreparedBatch, prepare_batch
from unspun.index.config import IndexConfig
from unspun.index.sidefiles import as_stored
from unspun.spark.rows import embedder, frame
from unspun.stages.ingest.records import SourceRecord

BATCH = 256
"""Documents embedded together (as ``index add`` batches them)."""
PREPARED_SCHEMA = ("key long, id string, text string, source string, record string, title string, url string, "
                   "site string, date string, sent_start array<int>, sent_end array<int>, "
                   "sent_paragraph array<int>, sent_role array<string>, signature binary, passages binary, "
                   "passage_count int, line_hashes array<long>, line_chars array<int>, line_words array<int>, "
                   "style_words int, words int, leaked string, problem string")


def _record(row: dict) -> SourceRecord:
    """The ingest record of a records-table row."""
    def text(name: str) -> str | None:
        return row[name] if isinstance(row[name], str) else None

    return SourceRecord(id=row["id"], text=row["text"], source=row["source"], record=row["record"] or "",
                        title=text("title"), url=text("url"), date=text("date"))


def _rows(keys: Sequence[int], sites: Sequence, batch: PreparedBatch) -> list[dict]:
    """One row per prepared document of ``batch``."""
    features, rows = batch.features, []
    for position, (key, site, new) in enumerate(zip(keys, sites, batch.documents, strict=True)):
        doc, lines = new.document, features.line_docs == position
        rows.append({
            "key": key, "id": doc.id, "text": doc.text, "source": doc.source, "record": new.record,
            "title": new.title, "url": doc.url, "site": site, "date": doc.date,
            "sent_start": [s.span[0] for s in doc.sentences], "sent_end": [s.span[1] for s in doc.sentences],
            "sent_paragraph": [s.paragraph for s in doc.sentences], "sent_role": [s.role for s in doc.sentences],
            "signature": batch.signatures[position].astype(np.uint32).tobytes(),
            "passages": np.ascontiguousarray(as_stored(batch.passage_vectors[batch.passage_owner == position]))
            .tobytes(),
            "passage_count": int((batch.passage_owner == position).sum()),
            "line_hashes": features.line_hashes[lines].view(np.int64).tolist(),
            "line_chars": features.line_chars[lines].tolist(), "line_words": features.line_words[lines].tolist(),
            "style_words": int(features.style_words[position]), "words": int(features.words[position]),
            "leaked": str(features.leaked[position]), "problem": None})
    return rows


def _prepared(rows: list[dict], config: IndexConfig, compare_config: CompareConfig) -> list[dict]:
    """Prepare a batch of records-table rows; when the batch raises, each document alone, the failing ones as
    problem rows."""
    def run(part: list[dict]) -> list[dict]:
        batch = prepare_batch([_record(row) for row in part], config=config, compare_config=compare_config,
                              embedder=embedder())
        return _rows([row["key"] for row in part], [row["site"] for row in part], batch)

    try:
        return run(rows)
    except Exception:  # a kernel raised on some document: find it, keep the others
        found = []
        for row in rows:
            try:
                found.extend(run([row]))
            except Exception as error:  # noqa: BLE001 (any kernel failure becomes an error row, never a failed job)
                found.append({"key": row["key"], "id": row["id"],
                              "problem": f"{row['source']} ({row['record']}): document {row['id']!r} could not "
                                         f"be prepared: {type(error).__name__}: {error}"})
        return found


def prepare_partition(batches: Iterator[pd.DataFrame], config: IndexConfig,
                      compare_config: CompareConfig) -> Iterator[pd.DataFrame]:
    """``mapInPandas`` body: the prepared rows of a partition's documents, :data:`BATCH` at a time."""
    for batch in batches:
        records = batch.to_dict("records")
        for start in range(0, len(records), BATCH):
            yield frame(_prepared(records[start:start + BATCH], config, compare_config), PREPARED_SCHEMA)


def prepare_documents(documents, config: IndexConfig, compare_config: CompareConfig):
    """The prepared-documents table of a keyed documents table (same partitions, same key order)."""
    return documents.mapInPandas(lambda batches: prepare_partition(batches, config, compare_config),
                                 PREPARED_SCHEMA)
