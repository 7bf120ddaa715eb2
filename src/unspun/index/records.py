"""Records the index hands back: what an ``add`` did, what a query found, what an index holds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from unspun.model import Comparison, Coverage, Verdict


@dataclass(frozen=True)
class AddReport:
    """Counts of one ``Index.add`` run."""

    added: int
    """Documents newly indexed."""
    already_present: int
    """Records whose id and text were already indexed (a re-run or resumed run): nothing to do."""
    duplicates: int
    """Records whose id was already taken by a different text: reported and left out, never overwritten."""
    skipped: int
    """Bad records (undecodable, empty, malformed, truncated) reported by ingest."""
    batches: int
    """Batches committed (each one atomically)."""
    seconds: float


@dataclass(frozen=True)
class SourceMatch:
    """One likely source of a suspect text, verified with the compare core.

    ``comparison`` compares the source (``a``) with the suspect (``b``); ``share`` is the part of the suspect's
    body attributed to this source when several sources each supplied part of it, ``suspect_sentences`` the
    suspect's sentences it was given.
    """

    doc_id: str
    title: str | None
    url: str | None
    site: str | None
    date: str | None
    source: str
    verdict: Verdict
    coverage: Coverage
    share: float
    suspect_sentences: tuple[int, ...]
    comparison: Comparison

    @property
    def sentence_ranges(self) -> tuple[tuple[int, int], ...]:
        """Runs of consecutive suspect sentences given to this source, as inclusive ``(first, last)`` indexes."""
        runs: list[tuple[int, int]] = []
        for index in self.suspect_sentences:
            if runs and index == runs[-1][1] + 1:
                runs[-1] = (runs[-1][0], index)
            else:
                runs.append((index, index))
        return tuple(runs)

    def to_dict(self) -> dict[str, Any]:
        """JSON form: the source's metadata and share, plus the comparison in compare's own schema."""
        return {"doc_id": self.doc_id, "title": self.title, "url": self.url, "site": self.site, "date": self.date,
                "source": self.source, "verdict": self.verdict,
                "coverage": {"source_in_suspect": round(self.coverage.a_in_b, 4),
                             "suspect_in_source": round(self.coverage.b_in_a, 4)},
                "share": round(self.share, 4), "suspect_sentences": list(self.suspect_sentences),
                "comparison": self.comparison.to_dict()}


@dataclass(frozen=True)
class IndexInfo:
    """What an index holds and what built it."""

    path: str
    documents: int
    sentences: int
    passages: int
    batches: int
    size_bytes: int
    built_with: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"path": self.path, "documents": self.documents, "sentences": self.sentences,
                "passages": self.passages, "batches": self.batches, "size_bytes": self.size_bytes,
                "built_with": self.built_with}
