"""Verify candidates with the compare core, rank them, and share the suspect out among its sources.

Ranking: verdict first (derived, partially derived, same story), then the share of the suspect aligned to the
source, then candidate similarity. Attribution walks the ranked sources and gives each the suspect sentences
that its alignments cover and no better-ranked source already took, so "sentences 1–4 from X, 5–6 from Y".
"""

from __future__ import annotations

from collections.abc import Sequence

from unspun.config import CompareConfig
from unspun.embed.base import Embedder
from unspun.index.records import SourceMatch
from unspun.index.search import Candidate
from unspun.index.store import StoredDocument
from unspun.model import Comparison, Document
from unspun.pipeline import compare_documents

_VERDICT_RANK = {"derived": 0, "partially_derived": 1, "same_story": 2, "unrelated": 3}


def _claimed(comparison: Comparison) -> set[int]:
    """Suspect (``b``) sentences that an alignment ties to the source."""
    return {index for alignment in comparison.alignments for index in alignment.b_sentences}


def _attribute(suspect: Document, ranked: Sequence[tuple[StoredDocument, Comparison]]) -> list[SourceMatch]:
    """SourceMatch records in rank order, each with the suspect sentences no better-ranked source claimed."""
    countable = {s.index: s.length for s in suspect.sentences if s.role != "boilerplate"}
    total = sum(countable.values()) or 1
    taken: set[int] = set()
    matches = []
    for stored, comparison in ranked:
        mine = sorted((_claimed(comparison) & countable.keys()) - taken)
        taken.update(mine)
        doc = stored.document
        matches.append(SourceMatch(doc_id=doc.id, title=stored.title, url=doc.url, site=stored.site, date=doc.date,
                                   source=doc.source, verdict=comparison.verdict, coverage=comparison.coverage,
                                   share=sum(countable[i] for i in mine) / total, suspect_sentences=tuple(mine),
                                   comparison=comparison))
    return matches


def verify_candidates(suspect: Document, candidates: Sequence[Candidate], stored: dict[int, StoredDocument], *,
                      embedder: Embedder, config: CompareConfig) -> list[SourceMatch]:
    """Compare each candidate (as ``a``) with the suspect (as ``b``); keep the related ones, ranked."""
    results = []
    for candidate in candidates:
        source = stored[candidate.key]
        comparison = compare_documents(source.document, suspect, embedder=embedder, config=config)
        if comparison.verdict != "unrelated":
            results.append((candidate, source, comparison))
    results.sort(key=lambda item: (_VERDICT_RANK[item[2].verdict], -round(item[2].coverage.b_in_a, 4),
                                   -item[0].score, item[1].document.id))
    return _attribute(suspect, [(source, comparison) for _, source, comparison in results])
