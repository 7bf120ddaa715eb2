"""The index's SQLite database: documents with metadata, their sentences with offsets, batches and build info.

SQLite is the source of truth. Each batch is committed in one transaction together with the row that names its
side files (vectors, near-duplicate segment), which were written completely before it; so after any crash the
database lists exactly the batches that are whole, and side files of a batch that never committed are orphans.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unspun.model import Document

DATABASE = "index.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT NOT NULL, record TEXT NOT NULL,
    title TEXT, url TEXT, site TEXT, date TEXT, text TEXT NOT NULL, text_hash TEXT NOT NULL,
    batch INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sentences (
    doc INTEGER NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    paragraph INTEGER NOT NULL, role TEXT NOT NULL, PRIMARY KEY (doc, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS boilerplate (
    key TEXT PRIMARY KEY, text TEXT NOT NULL, scope TEXT NOT NULL, site TEXT, documents INTEGER NOT NULL,
    stories INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS batches (
    number INTEGER PRIMARY KEY, first_doc INTEGER NOT NULL, docs INTEGER NOT NULL,
    first_passage INTEGER NOT NULL, passages INTEGER NOT NULL);
"""


@dataclass(frozen=True)
class StoredDocument:
    """A document as the index keeps it: its key, its record metadata and its segmented text."""

    key: int
    document: Document
    title: str | None
    site: str | None
    record: str


@dataclass(frozen=True)
class NewDocument:
    """A document ready to be written: its record metadata, its segmented text and the hash of that text."""

    document: Document
    title: str | None
    url: str | None
    site: str | None
    record: str
    text_hash: str


@dataclass(frozen=True)
class CorpusRow:
    """One document as a pass over the collection reads it: key, metadata, text, ``(start, end, role)`` spans."""

    key: int
    id: str
    site: str | None
    date: str | None
    title: str | None
    text: str
    sentences: tuple[tuple[int, int, str], ...]


class SqliteStore:
    """Thin typed access to the index database; one connection, WAL mode so readers never block on a writer."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / DATABASE
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def get_meta(self) -> dict[str, Any]:
        """Build information stored at creation (empty for a new index)."""
        return {key: json.loads(value) for key, value in self._db.execute("SELECT key, value FROM meta")}

    def set_meta(self, values: dict[str, Any]) -> None:
        """Store build information (once, when the index is created)."""
        with self.transaction():
            self._db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                                 [(key, json.dumps(value, sort_keys=True)) for key, value in values.items()])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: taken at once (``BEGIN IMMEDIATE``), committed whole or rolled back."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def known_hashes(self, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """``{id: (text_hash, source)}`` for the ids already indexed."""
        found: dict[str, tuple[str, str]] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start:start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT id, text_hash, source FROM documents WHERE id IN ({marks})", chunk)
            found.update((doc_id, (text_hash, source)) for doc_id, text_hash, source in rows)
        return found

    def next_keys(self) -> tuple[int, int, int]:
        """``(batch number, first document key, first passage key)`` for the next batch."""
        number, docs, passages = self._db.execute(
            "SELECT COALESCE(MAX(number), 0) + 1, COALESCE(MAX(first_doc + docs), 0),"
            " COALESCE(MAX(first_passage + passages), 0) FROM batches").fetchone()
        return number, docs, passages

    def insert_batch(self, number: int, first_doc: int, first_passage: int, passages: int,
                     documents: Sequence[NewDocument]) -> None:
        """Write a batch's documents, sentences and batch row (inside :meth:`transaction`)."""
        self._db.executemany(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(first_doc + i, d.document.id, d.document.source, d.record, d.title, d.document.url, d.site,
              d.document.date, d.document.text, d.text_hash, number) for i, d in enumerate(documents)])
        self._db.executemany(
            "INSERT INTO sentences VALUES (?, ?, ?, ?, ?, ?)",
            [(first_doc + i, *row) for i, d in enumerate(documents) for row in d.document.sentence_rows()])
        self._db.execute("INSERT INTO batches VALUES (?, ?, ?, ?, ?)",
                         (number, first_doc, len(documents), first_passage, passages))

    def batches_after(self, number: int) -> list[tuple[int, int, int]]:
        """``(number, first_doc, docs)`` of the committed batches numbered above ``number``, in order."""
        return list(self._db.execute("SELECT number, first_doc, docs FROM batches WHERE number > ? "
                                     "ORDER BY number", (number,)))

    def documents(self, keys: Iterable[int]) -> dict[int, StoredDocument]:
        """The stored documents with these keys, rebuilt with their sentences."""
        keys = list(keys)
        if not keys:
            return {}
        marks = ",".join("?" * len(keys))
        sentences: dict[int, list[tuple]] = {}
        for row in self._db.execute(f"SELECT doc, idx, start, end, paragraph, role FROM sentences "
                                    f"WHERE doc IN ({marks}) ORDER BY doc, idx", keys):
            sentences.setdefault(row[0], []).append(row[1:])
        rows = self._db.execute(f"SELECT key, id, source, record, title, url, site, date, text FROM documents "
                                f"WHERE key IN ({marks})", keys)
        return {row[0]: _stored(row, sentences.get(row[0], [])) for row in rows}

    def document_by_id(self, doc_id: str) -> StoredDocument | None:
        """The stored document whose record id is ``doc_id``, or None."""
        row = self._db.execute("SELECT key FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return self.documents([row[0]]).get(row[0]) if row else None

    def corpus(self, *, after: int = -1, limit: int = 2000) -> list[CorpusRow]:
        """Up to ``limit`` documents with keys above ``after``, in key order, with their sentence spans: the
        rows a pass over the whole collection reads (a page at a time, so memory stays bounded)."""
        rows = self._db.execute("SELECT key, id, site, date, title, text FROM documents WHERE key > ? "
                                "ORDER BY key LIMIT ?", (after, limit)).fetchall()
        if not rows:
            return []
        spans: dict[int, list[tuple[int, int, str]]] = {}
        for doc, start, end, role in self._db.execute(
                "SELECT doc, start, end, role FROM sentences WHERE doc BETWEEN ? AND ? ORDER BY doc, idx",
                (rows[0][0], rows[-1][0])):
            spans.setdefault(doc, []).append((start, end, role))
        return [CorpusRow(key, doc_id, site, date, title, text, tuple(spans.get(key, ())))
                for key, doc_id, site, date, title, text in rows]

    def metadata(self) -> list[tuple[int, str, str | None, str | None, str | None]]:
        """``(key, id, site, date, title)`` of every document, in key order."""
        return list(self._db.execute("SELECT key, id, site, date, title FROM documents ORDER BY key"))

    def boilerplate(self) -> list[tuple[str, str, str, str | None, int, int]]:
        """The learned boilerplate lines: ``(key, text, scope, site, documents, stories)``, by key."""
        return list(self._db.execute("SELECT key, text, scope, site, documents, stories FROM boilerplate "
                                     "ORDER BY key"))

    def replace_boilerplate(self, lines: Iterable[tuple[str, str, str, str | None, int, int]]) -> None:
        """Replace the learned boilerplate lines in one transaction (a reader sees the old set or the new)."""
        with self.transaction():
            self._db.execute("DELETE FROM boilerplate")
            self._db.executemany("INSERT INTO boilerplate VALUES (?, ?, ?, ?, ?, ?)", lines)

    def counts(self) -> dict[str, int]:
        """Documents, sentences, passages and batches held."""
        docs, passages, batches = self._db.execute(
            "SELECT COALESCE(SUM(docs), 0), COALESCE(SUM(passages), 0), COUNT(*) FROM batches").fetchone()
        sentences = self._db.execute("SELECT COUNT(*) FROM sentences").fetchone()[0]
        return {"documents": docs, "sentences": sentences, "passages": passages, "batches": batches}


def _stored(row: tuple, sentence_rows: list[tuple]) -> StoredDocument:
    """A database row and its sentence rows turned back into a :class:`StoredDocument`."""
    key, doc_id, source, record, title, url, site, date, text = row
    document = Document.from_rows(doc_id, text, sentence_rows, source=source, date=date, url=url)
    return StoredDocument(key=key, document=document, title=title, site=site, record=record)
