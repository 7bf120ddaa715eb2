"""A persistent collection index: add documents in atomic batches, query a suspect for its sources.

>>> import tempfile
>>> from unspun.index import Index
>>> from unspun.stages.ingest import SourceRecord
>>> with tempfile.TemporaryDirectory() as folder, Index.open(folder) as index:
...     report = index.add([SourceRecord(id="storm", source="wire.jsonl", text=(
...         "A powerful storm closed the port of Valmora on Tuesday, stranding 40 ships. "
...         "Officials said winds reached 120 km/h and the port would reopen on Thursday."))])
...     matches = index.query("The port of Valmora was closed by a powerful storm on Tuesday, which left "
...                           "40 ships stranded. Winds hit 120 km/h, officials said; it reopens Thursday.")
>>> report.added, matches[0].doc_id, matches[0].verdict
(1, 'storm', 'derived')
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from unspun.config import CompareConfig
from unspun.embed import Embedder, default_embedder
from unspun.errors import InputError
from unspun.index import sidefiles
from unspun.index.backends.faiss_vectors import FaissVectors
from unspun.index.backends.rensa_lsh import RensaLsh
from unspun.index.build import PreparedBatch, prepare_batches, text_hash
from unspun.index.config import ANALYSIS_VERSION, INDEX_FORMAT, IndexConfig
from unspun.index.features import Features, batch_features, concatenate, load_features, save_features
from unspun.index.passages import minhash_signatures, shingles
from unspun.index.records import AddReport, IndexInfo, SourceMatch
from unspun.index.search import SearchParts, find_candidates
from unspun.index.store import DATABASE, SqliteStore, StoredDocument
from unspun.index.verify import verify_candidates
from unspun.model import Document
from unspun.stages.ingest.records import Skipped, SourceRecord
from unspun.stages.segment import make_document, mark_learned_boilerplate
from unspun.version import __version__

if TYPE_CHECKING:
    from unspun.scan import ScanConfig, ScanProgress, ScanResult

BATCH_SIZE = 256
"""Documents per committed batch: big enough to embed efficiently, small enough that a crash loses little."""
WORKERS = 1
"""Processes that segment and embed batches. One by default: spawning a worker costs ~2 s, which only pays off
for thousands of documents (``--workers 2`` on a 2-core machine for a large collection)."""
_MUST_MATCH = ("format", "embedder", "embedding_dim", "near_duplicates", "index_config")


class Index:
    """A folder holding an SQLite database and side files; see :meth:`open`. Safe to query from threads."""

    def __init__(self, directory: Path, store: SqliteStore, meta: dict[str, Any], embedder: Embedder) -> None:
        self.directory = directory
        self.config = IndexConfig(**meta["index_config"])
        self.compare_config = CompareConfig.from_dict(meta["compare_config"])
        self._store, self._meta, self._embedder = store, meta, embedder
        self._vectors = FaissVectors(embedder.dim)
        self._near_duplicates = _near_duplicate_backend(self.config)
        self._passage_doc = np.zeros(0, dtype=np.int64)
        self._loaded_batch = 0
        self._boilerplate: frozenset[str] | None = None
        self._lock = threading.RLock()

    @property
    def embedder(self) -> Embedder:
        """The embedder the index was built with."""
        return self._embedder

    @property
    def outdated(self) -> str | None:
        """Why the index's documents are not split as this unspun splits them (another
        :data:`~unspun.index.config.ANALYSIS_VERSION`), or ``None``. Such an index answers queries and scans with
        the sentences it stored; it takes no more documents."""
        built = self._meta.get("analysis", 1)
        if built == ANALYSIS_VERSION:
            return None
        return (f"was built with analysis version {built}, this unspun splits documents as version "
                f"{ANALYSIS_VERSION}, so its results differ from a fresh build's; {_rebuild_hint(self.directory)}")

    @classmethod
    def open(cls, path: str | Path, *, config: IndexConfig | None = None,
             compare_config: CompareConfig | None = None, embedder: Embedder | None = None,
             create: bool = True) -> Index:
        """Open the index at ``path``, creating it (with ``config``) when the folder is missing or empty.

        With ``create=False`` a missing index is an error (for queries). An index built by an incompatible
        version, model or config raises :class:`InputError` saying how to rebuild it.
        """
        directory = Path(path)
        _check_folder(directory)
        if not create and not (directory / DATABASE).is_file():
            raise InputError(str(directory), "no index here; build one with `unspun index add INDEX_DIR INPUTS...`")
        directory.mkdir(parents=True, exist_ok=True)
        embedder = embedder or default_embedder()
        store = SqliteStore(directory)
        try:
            wanted = _build_meta(config or IndexConfig(), compare_config or CompareConfig(), embedder)
            meta = store.get_meta() or _created(store, wanted)
            _check_compatible(directory, meta, wanted, config_given=config is not None)
            index = cls(directory, store, meta, embedder)
            index._sync()
        except BaseException:
            store.close()
            raise
        return index

    def close(self) -> None:
        """Close the database."""
        self._store.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- adding -----------------------------------------------------------------------------------------------

    def add(self, records: Iterable[SourceRecord | Skipped], *, batch_size: int = BATCH_SIZE, workers: int = WORKERS,
            on_skip: Callable[[Skipped], None] | None = None,
            on_progress: Callable[[int], None] | None = None) -> AddReport:
        """Index ``records`` (e.g. from :func:`unspun.stages.ingest.iter_records`) in atomic batches.

        A record whose id is indexed with the same text counts as ``already_present`` (re-running a command
        resumes it); with a different text it is a duplicate: reported through ``on_skip`` and left out. An
        :attr:`outdated` index takes nothing (:class:`InputError`).
        ``workers`` > 1 segments and embeds batches in that many processes. ``on_progress`` receives the number
        of records read, after each committed batch.
        """
        if self.outdated:
            raise InputError(str(self.directory), f"{self.outdated} (adding to it would mix two splittings)")
        started, counts, claimed = time.perf_counter(), Counter(), {}
        batches = self._fresh_batches(records, batch_size, counts, claimed, on_skip)
        for batch, seen in prepare_batches(batches, workers=workers, config=self.config,
                                           compare_config=self.compare_config, embedder=self._embedder):
            if batch.documents:
                self._commit(batch)
                counts["added"] += len(batch.documents)
                counts["batches"] += 1
            for new in batch.documents:
                claimed.pop(new.document.id, None)
            _notify(on_progress, seen)
        return AddReport(added=counts["added"], already_present=counts["already_present"],
                         duplicates=counts["duplicates"], skipped=counts["skipped"], batches=counts["batches"],
                         seconds=time.perf_counter() - started)

    def _fresh_batches(self, records: Iterable[SourceRecord | Skipped], batch_size: int, counts: Counter,
                       claimed: dict[str, tuple[str, str]],
                       on_skip: Callable[[Skipped], None] | None) -> Iterator[tuple[list[SourceRecord], int]]:
        """``(new records, records read so far)`` per batch; skipped records are counted and reported here."""
        pending: list[SourceRecord] = []
        seen = 0
        for seen, item in enumerate(records, start=1):  # noqa: B007 (seen is yielded after the loop too)
            if isinstance(item, Skipped):
                counts["skipped"] += 1
                _notify(on_skip, item)
                continue
            pending.append(item)
            if len(pending) >= batch_size:
                yield self._new_records(pending, counts, claimed, on_skip), seen
                pending = []
        if pending or seen:
            yield self._new_records(pending, counts, claimed, on_skip), seen

    def _new_records(self, records: Sequence[SourceRecord], counts: Counter, claimed: dict[str, tuple[str, str]],
                     on_skip: Callable[[Skipped], None] | None) -> list[SourceRecord]:
        """The records not yet indexed nor in flight; re-runs are counted, id clashes reported."""
        indexed = {**self._store.known_hashes([record.id for record in records]), **claimed}
        fresh: list[SourceRecord] = []
        for record in records:
            digest = text_hash(record.text)
            known_hash, known_source = indexed.get(record.id, (None, None))
            if known_hash == digest:
                counts["already_present"] += 1
            elif known_hash is not None:
                counts["duplicates"] += 1
                _notify(on_skip, Skipped(record.source, record.record, f"duplicate id {record.id!r}: already "
                                         f"indexed from {known_source} with a different text; left out"))
            else:
                indexed[record.id] = claimed[record.id] = (digest, record.source)
                fresh.append(record)
        return fresh

    def _commit(self, batch: PreparedBatch) -> None:
        """Write the batch's side files, then its rows, in one transaction; then load it for queries."""
        with self._lock, self._store.transaction():
            number, first_doc, first_passage = self._store.next_keys()
            sidefiles.remove_orphans(self.directory, number - 1)
            doc_keys = np.arange(first_doc, first_doc + len(batch.documents), dtype=np.int64)
            passages = sidefiles.PassageVectors(
                keys=np.arange(first_passage, first_passage + len(batch.passage_owner), dtype=np.int64),
                docs=doc_keys[batch.passage_owner], vectors=batch.passage_vectors)
            sidefiles.save_vectors(sidefiles.vectors_path(self.directory, number), passages)
            sidefiles.write_atomic(sidefiles.neardup_path(self.directory, number),
                                   self._near_duplicates.build(doc_keys.tolist(), batch.shingle_sets))
            sidefiles.save_signatures(sidefiles.signatures_path(self.directory, number), batch.signatures)
            save_features(sidefiles.features_path(self.directory, number), _shifted(batch.features, first_doc))
            self._store.insert_batch(number, first_doc, first_passage, len(batch.passage_owner), batch.documents)
        self._sync()

    def _sync(self) -> None:
        """Load the side files of batches committed since the last load (by this or another process)."""
        with self._lock:
            owners = [self._passage_doc]
            try:
                for number, _first_doc, _docs in self._store.batches_after(self._loaded_batch):
                    owners.append(self._load_batch(number))
                    self._loaded_batch = number
            finally:  # keep the passage→document map in step with the vectors loaded, even on error
                self._passage_doc = np.concatenate(owners)

    def _load_batch(self, number: int) -> np.ndarray:
        """Add batch ``number``'s vectors and LSH segment to the backends; return its passages' documents."""
        vectors_file = sidefiles.vectors_path(self.directory, number)
        neardup_file = sidefiles.neardup_path(self.directory, number)
        if not (vectors_file.is_file() and neardup_file.is_file()):
            raise InputError(str(self.directory), f"side files of batch {number} are missing; the index is "
                             "damaged: delete the folder and rebuild it with `unspun index add`")
        passages = sidefiles.load_vectors(vectors_file)
        self._near_duplicates.load(neardup_file.read_bytes())
        self._vectors.add(passages.keys, passages.vectors)
        return passages.docs

    # --- querying ---------------------------------------------------------------------------------------------

    def document(self, doc_id: str) -> StoredDocument | None:
        """The indexed document with this id (its text, sentences and metadata), or None when absent; sentences
        the collection taught to be boilerplate (:meth:`learned_boilerplate`) have that role."""
        stored = self._store.document_by_id(doc_id)
        return self._marked(stored) if stored is not None else None

    # --- the whole collection (scan) ---------------------------------------------------------------------------

    def stored_documents(self, keys: Iterable[int], *, marked: bool = True) -> dict[int, StoredDocument]:
        """The documents with these keys, learned boilerplate marked (``marked=False``: as stored, for a caller
        that reads only sentence texts, where marking costs a line hash per sentence for nothing)."""
        stored = self._store.documents(keys)
        return {key: self._marked(document) for key, document in stored.items()} if marked else stored

    def signatures(self) -> tuple[np.ndarray, np.ndarray]:
        """``(document keys, MinHash signature rows)`` of every document, in key order.

        Batches indexed before signatures were kept get theirs computed from the stored texts once, and saved.
        """
        keys, rows = [], []
        for number, first_doc, docs in self._store.batches_after(0):
            path = sidefiles.signatures_path(self.directory, number)
            if not path.is_file():
                sidefiles.save_signatures(path, self._batch_signatures(first_doc, docs))
            rows.append(sidefiles.load_signatures(path))
            keys.append(np.arange(first_doc, first_doc + docs, dtype=np.int64))
        if not rows:
            return np.zeros(0, dtype=np.int64), np.zeros((0, self.config.num_perm), dtype=np.uint32)
        return np.concatenate(keys), np.concatenate(rows)

    def _batch_signatures(self, first_doc: int, docs: int) -> np.ndarray:
        """Signatures of one committed batch's documents, from their stored texts."""
        texts = [row.text for row in self._store.corpus(after=first_doc - 1, limit=docs)]
        return minhash_signatures([shingles(text, self.config.shingle_words) for text in texts],
                                  num_perm=self.config.num_perm, seed=self.config.seed)

    def features(self) -> Features:
        """Scan features (:mod:`unspun.index.features`) of every document, in key order; batches indexed before
        features were kept get theirs computed from the stored documents once, and saved."""
        parts = []
        for number, first_doc, docs in self._store.batches_after(0):
            path = sidefiles.features_path(self.directory, number)
            if not path.is_file():
                stored = self._store.documents(range(first_doc, first_doc + docs))
                save_features(path, batch_features([stored[key].document for key in sorted(stored)], sorted(stored)))
            parts.append(load_features(path))
        return concatenate(parts)

    def metadata(self) -> list[tuple[int, str, str | None, str | None, str | None]]:
        """``(key, id, site, date, title)`` of every document, in key order."""
        return self._store.metadata()

    def passage_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """``(document key of each passage, passage unit vectors)`` of the whole collection, in key order."""
        docs, vectors = [np.zeros(0, dtype=np.int64)], [np.zeros((0, self._embedder.dim), dtype=np.float32)]
        for number, _first_doc, _docs in self._store.batches_after(0):
            passages = sidefiles.load_vectors(sidefiles.vectors_path(self.directory, number))
            docs.append(passages.docs)
            vectors.append(passages.vectors)
        return np.concatenate(docs), np.concatenate(vectors)

    def learned_boilerplate(self) -> frozenset[str]:
        """Line keys (:func:`unspun.stages.segment.line_key`) of the template text a scan learned."""
        with self._lock:
            if self._boilerplate is None:
                self._boilerplate = frozenset(row[0] for row in self._store.boilerplate())
            return self._boilerplate

    def set_learned_boilerplate(self, lines: Iterable[tuple[str, str, str, str | None, int, int]]) -> None:
        """Replace the learned boilerplate, ``(key, text, scope, site, documents, stories)`` rows, atomically."""
        with self._lock:
            self._store.replace_boilerplate(lines)
            self._boilerplate = None

    def _marked(self, stored: StoredDocument) -> StoredDocument:
        """``stored`` with its learned boilerplate sentences re-roled."""
        document = mark_learned_boilerplate(stored.document, self.learned_boilerplate())
        return stored if document is stored.document else replace(stored, document=document)

    def scan(self, out: str | Path, *, config: ScanConfig | None = None, jobs: int = 1,
             progress: ScanProgress | None = None) -> ScanResult:
        """Scan the whole collection for reuse: pairs, families with provenance trees, sites, boilerplate.

        Writes the result files to ``out`` (see :mod:`unspun.scan`), resuming a scan interrupted there.
        """
        from unspun.scan.run import scan_index

        return scan_index(self, Path(out), config=config, jobs=jobs, progress=progress)

    def query(self, text: str | Document, *, top: int = 10,
              config: CompareConfig | None = None) -> list[SourceMatch]:
        """The likely sources of ``text``, best first, each verified with the compare core.

        Verified: every near-verbatim copy the LSH finds, the best source of each suspect passage, and the most
        similar other documents up to ``top`` (so a larger ``top`` costs more time). Sources judged
        ``unrelated`` are left out, so fewer than ``top`` may come back.
        """
        suspect = mark_learned_boilerplate(text if isinstance(text, Document) else self._suspect(text),
                                           self.learned_boilerplate())
        with self._lock:
            self._sync()
            parts = SearchParts(self._vectors, self._near_duplicates, self._passage_doc.__getitem__,
                                self._embedder)
            candidates = find_candidates(suspect, parts, self.config, top)
            stored = self.stored_documents(candidate.key for candidate in candidates)
        matches = verify_candidates(suspect, candidates, stored, embedder=self._embedder,
                                    config=config or self.compare_config)
        return matches[:top]

    def _suspect(self, text: str) -> Document:
        """A suspect text validated and segmented like the indexed documents."""
        if not text.strip():
            raise InputError("suspect", "text is empty")
        return make_document(text, doc_id="suspect", max_sentence_chars=self.compare_config.max_sentence_chars,
                             max_title_chars=self.compare_config.max_title_chars)

    def info(self) -> IndexInfo:
        """Counts, size on disk and what built the index."""
        size = sum(path.stat().st_size for path in self.directory.iterdir() if path.is_file())
        counts = self._store.counts()
        return IndexInfo(path=str(self.directory), size_bytes=size, built_with=dict(self._meta), **counts)


def _shifted(features: Features, first_doc: int) -> Features:
    """Batch features keyed by position, moved to the document keys starting at ``first_doc``."""
    return replace(features, doc_keys=features.doc_keys + first_doc, line_docs=features.line_docs + first_doc)


def _notify(callback: Callable | None, value: object) -> None:
    """Call an optional callback."""
    if callback is not None:
        callback(value)


def _near_duplicate_backend(config: IndexConfig) -> RensaLsh:
    """The MinHash LSH backend for ``config``."""
    return RensaLsh(num_perm=config.num_perm, bands=config.lsh_bands, seed=config.seed)


def _check_folder(directory: Path) -> None:
    """Refuse a path that is a file, or a non-empty folder that is not an index."""
    if directory.exists() and not directory.is_dir():
        raise InputError(str(directory), "is a file, not an index folder")
    if directory.is_dir() and any(directory.iterdir()) and not (directory / DATABASE).is_file():
        raise InputError(str(directory), f"is a non-empty folder without {DATABASE}: not an unspun index; "
                                         "choose a new or empty folder")


def _build_meta(config: IndexConfig, compare_config: CompareConfig, embedder: Embedder) -> dict[str, Any]:
    """What an index built now with these settings records about itself."""
    return {"format": INDEX_FORMAT, "analysis": ANALYSIS_VERSION, "unspun_version": __version__,
            "embedder": embedder.name, "embedding_dim": int(embedder.dim),
            "near_duplicates": _near_duplicate_backend(config).name, "vectors": FaissVectors(embedder.dim).name,
            "index_config": config.to_dict(), "compare_config": compare_config.to_dict()}


def _created(store: SqliteStore, meta: dict[str, Any]) -> dict[str, Any]:
    """Record the build information of a new index."""
    meta = {**meta, "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    store.set_meta(meta)
    return meta


def _check_compatible(directory: Path, stored: dict[str, Any], wanted: dict[str, Any], *, config_given: bool) -> None:
    """Raise when this unspun cannot read or extend the index as it was built."""
    for key in _MUST_MATCH:
        if key == "index_config" and not config_given:
            continue
        if stored.get(key) != wanted[key]:
            raise InputError(str(directory), f"was built with {key} {stored.get(key)!r}, this unspun uses "
                             f"{wanted[key]!r}; {_rebuild_hint(directory)}")


def _rebuild_hint(directory: Path) -> str:
    """How to rebuild an index this unspun cannot use as it was built."""
    return f"rebuild it: move the folder away and run `unspun index add {directory} <inputs>` again"
