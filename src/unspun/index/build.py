"""Turn ingested records into a batch ready to commit: segmented documents, passage vectors, shingle sets.

Everything expensive (segmenting, embedding) happens here, outside the write transaction, so a batch's
transaction only writes rows and renames files.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context

import numpy as np

from unspun.config import CompareConfig
from unspun.embed.base import Embedder
from unspun.index.config import IndexConfig
from unspun.index.features import Features, batch_features
from unspun.index.passages import minhash_signatures, passage_spans, shingles
from unspun.index.store import NewDocument
from unspun.stages.ingest.records import SourceRecord
from unspun.stages.segment import make_document
from unspun.workers import run_single_threaded


@dataclass(frozen=True)
class PreparedBatch:
    """A batch of new documents with what the side files need: passages (vectors, owner) and shingle sets."""

    documents: tuple[NewDocument, ...]
    passage_owner: np.ndarray
    """Index into ``documents`` of each passage's document."""
    passage_vectors: np.ndarray
    shingle_sets: tuple[list[str], ...]
    signatures: np.ndarray
    """MinHash signature of each document (rows in ``documents`` order)."""
    features: Features
    """Scan features, keyed by position in ``documents`` (the commit shifts them to document keys)."""


def text_hash(text: str) -> str:
    """A short digest of a text: tells a re-run of the same record from a different text under the same id."""
    return hashlib.blake2b(text.encode("utf-8", errors="surrogatepass"), digest_size=16).hexdigest()


def new_document(record: SourceRecord, compare_config: CompareConfig) -> NewDocument:
    """Segment a record's text, keeping its metadata."""
    document = make_document(record.text, doc_id=record.id, source=record.source, date=record.date,
                             url=record.url, max_sentence_chars=compare_config.max_sentence_chars,
                             max_title_chars=compare_config.max_title_chars)
    return NewDocument(document=document, title=record.title or document.title, url=record.url, site=record.site,
                       record=record.record, text_hash=text_hash(record.text))


def passage_texts(documents: Sequence[NewDocument], config: IndexConfig) -> tuple[list[str], list[int]]:
    """The passages of every document and, for each, the position of its document in ``documents``."""
    texts, owners = [], []
    for position, new in enumerate(documents):
        text = new.document.text
        for start, end in passage_spans(new.document, config.passage_words):
            texts.append(text[start:end])
            owners.append(position)
    return texts, owners


def prepare_batch(records: Sequence[SourceRecord], *, config: IndexConfig, compare_config: CompareConfig,
                  embedder: Embedder) -> PreparedBatch:
    """Segment, embed and shingle a batch of records."""
    documents = tuple(new_document(record, compare_config) for record in records)
    texts, owners = passage_texts(documents, config)
    shingle_sets = tuple(shingles(d.document.text, config.shingle_words) for d in documents)
    return PreparedBatch(documents=documents, passage_owner=np.asarray(owners, dtype=np.int64),
                         passage_vectors=embedder.embed(texts), shingle_sets=shingle_sets,
                         signatures=minhash_signatures(shingle_sets, num_perm=config.num_perm, seed=config.seed),
                         features=batch_features([d.document for d in documents], range(len(documents))))


_WORKER: dict = {}


def _start_worker(embedder: Embedder, config: IndexConfig, compare_config: CompareConfig) -> None:
    """Keep what every batch needs in the worker process (sent once, not with every batch); single-threaded."""
    run_single_threaded()
    _WORKER.update(embedder=embedder, config=config, compare_config=compare_config)


def _prepare_in_worker(records: Sequence[SourceRecord], tag: int) -> tuple[PreparedBatch, int]:
    """:func:`prepare_batch` inside a worker process; ``tag`` travels back with the result."""
    return prepare_batch(records, **_WORKER), tag


def prepare_batches(batches: Iterable[tuple[list[SourceRecord], int]], *, workers: int, config: IndexConfig,
                    compare_config: CompareConfig, embedder: Embedder) -> Iterator[tuple[PreparedBatch, int]]:
    """Prepare ``(records, tag)`` batches in order, in ``workers`` processes when more than one.

    At most two batches per worker are in flight, so memory stays bounded whatever the input's size. Workers
    are spawned (not forked): the tokenizer and OpenMP runtimes of the parent are not fork-safe.
    """
    if workers <= 1:
        yield from ((prepare_batch(records, config=config, compare_config=compare_config, embedder=embedder), tag)
                    for records, tag in batches)
        return
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=_start_worker,
                             initargs=(embedder, config, compare_config)) as pool:
        window: deque = deque()
        for records, tag in batches:
            window.append(pool.submit(_prepare_in_worker, records, tag))
            if len(window) >= 2 * workers:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
