"""Side files beside the database: per batch, its passage vectors, its near-duplicate segment and its MinHash
signatures (the rows a scan joins on LSH bands).

Each file is written to a temporary name, flushed to disk and renamed into place (``os.replace`` is atomic), all
before the batch's database transaction commits; a crash leaves either no file or a whole one, and a whole file
whose batch never committed is an orphan that the next writer removes.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_NAME = re.compile(r"^batch-(\d{6})\.(vectors\.npz|neardup\.bin|signatures\.npy|features\.npz)$")


@dataclass(frozen=True)
class PassageVectors:
    """A batch's passages: their keys, the document key of each, and their unit vectors (float16 on disk)."""

    keys: np.ndarray
    docs: np.ndarray
    vectors: np.ndarray


def vectors_path(directory: Path, number: int) -> Path:
    """Where batch ``number`` keeps its passage vectors."""
    return directory / f"batch-{number:06d}.vectors.npz"


def neardup_path(directory: Path, number: int) -> Path:
    """Where batch ``number`` keeps its near-duplicate segment."""
    return directory / f"batch-{number:06d}.neardup.bin"


def signatures_path(directory: Path, number: int) -> Path:
    """Where batch ``number`` keeps its documents' MinHash signatures (one uint32 row per document)."""
    return directory / f"batch-{number:06d}.signatures.npy"


def features_path(directory: Path, number: int) -> Path:
    """Where batch ``number`` keeps its documents' scan features (:mod:`unspun.index.features`)."""
    return directory / f"batch-{number:06d}.features.npz"


def save_signatures(path: Path, signatures: np.ndarray) -> None:
    """Store a batch's MinHash signatures."""
    buffer = io.BytesIO()
    np.save(buffer, np.ascontiguousarray(signatures, dtype=np.uint32), allow_pickle=False)
    write_atomic(path, buffer.getvalue())


def load_signatures(path: Path) -> np.ndarray:
    """Read a batch's MinHash signatures."""
    return np.load(path, allow_pickle=False)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers and crashes only ever see the old file or the whole new one."""
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)


STORED_VECTORS = np.float16
"""Precision passage vectors are stored in (cosine ranks are unchanged, the file is halved)."""


def as_stored(vectors: np.ndarray) -> np.ndarray:
    """``vectors`` as an index gives them back (stored precision, read as float32): what an engine that never
    writes an index (Spark) must use to find the same candidates."""
    return vectors.astype(STORED_VECTORS).astype(np.float32)


def save_vectors(path: Path, passages: PassageVectors) -> None:
    """Store a batch's passage vectors (at :data:`STORED_VECTORS` precision)."""
    buffer = io.BytesIO()
    np.savez(buffer, keys=passages.keys.astype(np.int64), docs=passages.docs.astype(np.int64),
             vectors=passages.vectors.astype(STORED_VECTORS))
    write_atomic(path, buffer.getvalue())


def load_vectors(path: Path) -> PassageVectors:
    """Read a batch's passage vectors back as float32."""
    with np.load(path) as data:
        return PassageVectors(keys=data["keys"], docs=data["docs"], vectors=data["vectors"].astype(np.float32))


def remove_orphans(directory: Path, last_committed: int) -> list[Path]:
    """Delete side files (and temporary files) of batches above ``last_committed``; return what was removed."""
    removed = []
    for path in sorted(directory.iterdir()):
        match = _NAME.match(path.name)
        orphan = (match and int(match.group(1)) > last_committed) or path.name.endswith(".tmp")
        if orphan:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
