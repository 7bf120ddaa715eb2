"""Between Spark rows and unspun's records, inside executors: documents rebuilt from their stored sentences,
prepared batches flattened into rows, and the model loaded once per Python worker."""

from __future__ import annotations

import numpy as np
import pandas as pd

from unspun.embed import Embedder, default_embedder
from unspun.model import Document
from unspun.scan.records import DocumentMeta
from unspun.workers import run_single_threaded

_MODEL: dict[str, Embedder] = {}

DOCUMENT_COLUMNS = ("key", "id", "text", "source", "url", "site", "date", "title", "sent_start", "sent_end",
                    "sent_paragraph", "sent_role")
"""What verification reads of a document (its text and segmentation, and its metadata)."""


def embedder() -> Embedder:
    """The packaged model, loaded the first time a task of this worker needs it (the worker then runs
    single-threaded: Spark runs one Python worker per core)."""
    if "model" not in _MODEL:
        run_single_threaded()
        _MODEL["model"] = default_embedder()
    return _MODEL["model"]


def document_of(row: dict, prefix: str = "") -> Document:
    """The segmented document of a row (columns of :data:`DOCUMENT_COLUMNS`, names after ``prefix``)."""
    rows = ((index, int(start), int(end), int(paragraph), role) for index, (start, end, paragraph, role)
            in enumerate(zip(row[prefix + "sent_start"], row[prefix + "sent_end"], row[prefix + "sent_paragraph"],
                             row[prefix + "sent_role"], strict=True)))
    return Document.from_rows(row[prefix + "id"], row[prefix + "text"], rows, source=row[prefix + "source"] or "",
                              date=_text(row[prefix + "date"]), url=_text(row[prefix + "url"]))


def meta_of(row: dict, prefix: str = "") -> DocumentMeta:
    """The scan metadata of a row."""
    return DocumentMeta(int(row[prefix + "key"]), row[prefix + "id"], _text(row[prefix + "site"]),
                        _text(row[prefix + "date"]), _text(row[prefix + "title"]))


def _text(value) -> str | None:
    """A nullable string column's value (pandas gives None or NaN for null)."""
    return value if isinstance(value, str) else None


def vectors_of(blob: bytes, dim: int) -> np.ndarray:
    """Float32 rows packed in a binary column."""
    return np.frombuffer(blob, dtype=np.float32).reshape(-1, dim)


def uint32_of(blob: bytes) -> np.ndarray:
    """A MinHash signature packed in a binary column."""
    return np.frombuffer(blob, dtype=np.uint32)


def frame(rows: list[dict], schema: str) -> pd.DataFrame:
    """Rows as a pandas frame with the columns of a DDL ``schema``, missing values as None (Arrow turns a NaN
    into no string)."""
    columns = [part.split()[0] for part in schema.split(", ")]
    table = pd.DataFrame(rows, columns=columns).astype(object)
    return table.where(table.notna(), None)
