"""The public Python API: compare two texts or two files.

>>> from unspun import compare
>>> result = compare("Shares rose 3% on Monday.", "Shares fell 3% on Monday.")
>>> result.verdict in ("derived", "partially_derived", "same_story", "unrelated")
True
"""

from __future__ import annotations

from pathlib import Path

from unspun.config import CompareConfig
from unspun.embed import Embedder, default_embedder
from unspun.errors import InputError
from unspun.model import Comparison, Document
from unspun.pipeline import compare_documents
from unspun.stages.ingest import read_text_file
from unspun.stages.segment import make_document


def load_document(path: str | Path, *, config: CompareConfig | None = None, date: str | None = None,
                  doc_id: str | None = None) -> Document:
    """Read, validate and segment the text file at ``path``."""
    config = config or CompareConfig()
    text = read_text_file(path, max_bytes=config.max_bytes)
    return make_document(text, doc_id=doc_id or Path(path).name, source=str(path), date=date,
                         max_sentence_chars=config.max_sentence_chars, max_title_chars=config.max_title_chars)


def text_document(text: str, *, doc_id: str, date: str | None = None,
                  config: CompareConfig | None = None) -> Document:
    """Validate and segment a text given as a string."""
    config = config or CompareConfig()
    if not text.strip():
        raise InputError(doc_id, "text is empty")
    if len(text.encode("utf-8", errors="replace")) > config.max_bytes:
        raise InputError(doc_id, f"text is over the {config.max_bytes / 1e6:g} MB limit")
    return make_document(text, doc_id=doc_id, source="", date=date,
                         max_sentence_chars=config.max_sentence_chars, max_title_chars=config.max_title_chars)


def compare(text_a: str, text_b: str, *, config: CompareConfig | None = None, date_a: str | None = None,
            date_b: str | None = None, id_a: str = "a", id_b: str = "b",
            embedder: Embedder | None = None) -> Comparison:
    """Compare two texts: alignments, verdict, direction, coverage, dropped/added text and changed facts."""
    config = config or CompareConfig()
    doc_a = text_document(text_a, doc_id=id_a, date=date_a, config=config)
    doc_b = text_document(text_b, doc_id=id_b, date=date_b, config=config)
    return compare_documents(doc_a, doc_b, embedder=embedder or default_embedder(), config=config)


def compare_files(path_a: str | Path, path_b: str | Path, *, config: CompareConfig | None = None,
                  date_a: str | None = None, date_b: str | None = None,
                  embedder: Embedder | None = None) -> Comparison:
    """Compare two text files (decoded and validated; see :func:`load_document`)."""
    config = config or CompareConfig()
    doc_a = load_document(path_a, config=config, date=date_a)
    doc_b = load_document(path_b, config=config, date=date_b)
    return compare_documents(doc_a, doc_b, embedder=embedder or default_embedder(), config=config)
