"""The scan's working state in ``OUT/scan-state.sqlite``: what it was asked, the candidate pairs, every pair
verified so far. Each chunk of verified pairs commits in one transaction, so a ``kill -9`` loses at most the
chunks in flight, and running the same command again verifies only the pairs not yet committed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from unspun.errors import InputError
from unspun.scan.candidates import CandidatePair
from unspun.scan.records import ReusePair
from unspun.scan.verify import Verified

STATE = "scan-state.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS candidates (a INTEGER NOT NULL, b INTEGER NOT NULL, lsh REAL NOT NULL,
    vectors REAL NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS verified (a INTEGER NOT NULL, b INTEGER NOT NULL, pair TEXT, error TEXT,
    PRIMARY KEY (a, b)) WITHOUT ROWID;
"""


class ScanState:
    """Typed access to the state database of one output folder."""

    def __init__(self, out: Path, identity: dict[str, Any]) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(out / STATE, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self._check_identity(out, identity)

    def _check_identity(self, out: Path, identity: dict[str, Any]) -> None:
        """Record what this scan is; refuse to resume a scan of another index, with other options or by other
        code."""
        wanted = json.dumps(identity, sort_keys=True)
        row = self._db.execute("SELECT value FROM meta WHERE key = 'identity'").fetchone()
        if row is None:
            self._db.execute("INSERT INTO meta VALUES ('identity', ?)", (wanted,))
        elif row[0] != wanted:
            self.close()
            raise InputError(str(out), "holds a scan of another index state, with other options or by another "
                                       f"version of unspun; choose a new --out folder, or delete {STATE} there to "
                                       "start again")

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def candidates(self) -> list[CandidatePair] | None:
        """The stored candidate pairs, or None when the candidate phase has not finished."""
        if self._db.execute("SELECT 1 FROM meta WHERE key = 'candidates_done'").fetchone() is None:
            return None
        return [CandidatePair(*row) for row in self._db.execute("SELECT a, b, lsh, vectors FROM candidates "
                                                                "ORDER BY a, b")]

    def save_candidates(self, pairs: Sequence[CandidatePair]) -> None:
        """Store the candidate pairs and mark the phase done, in one transaction."""
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("DELETE FROM candidates")
            self._db.executemany("INSERT INTO candidates VALUES (?, ?, ?, ?)",
                                 [(p.a, p.b, p.lsh_jaccard, p.passage_cosine) for p in pairs])
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('candidates_done', '1')")

    def done(self) -> set[tuple[int, int]]:
        """Key pairs already verified."""
        return set(self._db.execute("SELECT a, b FROM verified"))

    def save_verified(self, results: Iterable[Verified]) -> None:
        """Store one chunk of verified pairs in one transaction."""
        rows = [(r.a, r.b, json.dumps(r.pair.to_dict(), sort_keys=True) if r.pair else None, r.error)
                for r in results]
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("INSERT OR REPLACE INTO verified VALUES (?, ?, ?, ?)", rows)

    def pairs(self) -> list[ReusePair]:
        """Every related pair verified, by key pair."""
        return [_pair(json.loads(text)) for (text,) in
                self._db.execute("SELECT pair FROM verified WHERE pair IS NOT NULL ORDER BY a, b")]

    def errors(self) -> list[tuple[int, int, str]]:
        """Pairs whose comparison failed: ``(a, b, message)``."""
        return list(self._db.execute("SELECT a, b, error FROM verified WHERE error IS NOT NULL ORDER BY a, b"))


def _pair(row: dict[str, Any]) -> ReusePair:
    """A :class:`ReusePair` back from its stored row."""
    return ReusePair(**{"comparison": None, **row})
