"""Per-document features a collection scan reads without touching the texts again, computed when a batch is
indexed (the segmented text is at hand then) and kept in the batch's ``features`` side file:

- each sentence's :func:`~unspun.stages.segment.line_hash`, length and word count (recurring lines are how a
  scan learns the collection's template text);
- the document's rewrite-style word count and word count (a site's rewrite-style rate);
- the first leaked chatbot phrase, if any.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from unspun.index.sidefiles import write_atomic
from unspun.kernels.chatbot import leaked_phrase
from unspun.model import Document
from unspun.stages.judge.direction import style_counts
from unspun.stages.segment import line_hash


@dataclass(frozen=True)
class Features:
    """Features of consecutive documents: per sentence (``line_*``) and per document arrays."""

    doc_keys: np.ndarray
    line_docs: np.ndarray
    """Key of the document of each sentence."""
    line_hashes: np.ndarray
    line_chars: np.ndarray
    line_words: np.ndarray
    style_words: np.ndarray
    words: np.ndarray
    leaked: np.ndarray
    """The leaked chatbot phrase of each document, empty when none (a unicode array: no pickle on disk)."""


def batch_features(documents: Sequence[Document], doc_keys: Sequence[int]) -> Features:
    """The features of a batch's documents under their keys."""
    lines = [(key, line_hash(s.text), len(s.text), len(s.text.split()))
             for key, doc in zip(doc_keys, documents, strict=True) for s in doc.sentences]
    columns = list(zip(*lines, strict=True)) if lines else [(), (), (), ()]
    style = [style_counts(doc.text) for doc in documents]
    return Features(doc_keys=np.asarray(doc_keys, dtype=np.int64), line_docs=np.asarray(columns[0], dtype=np.int64),
                    line_hashes=np.asarray(columns[1], dtype=np.uint64),
                    line_chars=np.asarray(columns[2], dtype=np.int32),
                    line_words=np.asarray(columns[3], dtype=np.int32),
                    style_words=np.asarray([s for s, _ in style], dtype=np.int32),
                    words=np.asarray([w for _, w in style], dtype=np.int32),
                    leaked=np.asarray([leaked_phrase(doc.text) or "" for doc in documents], dtype=str))


def save_features(path: Path, features: Features) -> None:
    """Write a batch's features atomically."""
    buffer = io.BytesIO()
    np.savez(buffer, **{name: getattr(features, name) for name in Features.__dataclass_fields__})
    write_atomic(path, buffer.getvalue())


def load_features(path: Path) -> Features:
    """Read a batch's features."""
    with np.load(path, allow_pickle=False) as data:
        return Features(**{name: data[name] for name in Features.__dataclass_fields__})


def concatenate(parts: Sequence[Features]) -> Features:
    """The features of consecutive batches as one."""
    fields = Features.__dataclass_fields__
    if not parts:
        return batch_features([], [])
    return Features(**{name: np.concatenate([getattr(part, name) for part in parts]) for name in fields})
