"""Coverage and the verdict: derived, partially derived, same story or unrelated.

Decision rules (thresholds live in :class:`~unspun.config.CompareConfig`, chosen on the dev corpora):

- ``derived``: at least ``derived_coverage`` of one text's body is aligned to the other (one text is mostly a
  rewrite or copy of the other, whether it trimmed, reordered or padded it);
- ``partially_derived``: less than that, but aligned passages of at least ``partial_min_chars`` characters;
- ``same_story``: nothing substantial aligned, yet the texts share at least ``same_story_overlap`` of their
  names and figures (the same event, written independently);
- ``unrelated``: none of these.
"""

from __future__ import annotations

from unspun.config import CompareConfig
from unspun.model import Alignment, Coverage, Document, Verdict
from unspun.stages.candidates import SentenceView

_SPECIFIC = frozenset({"entity", "number", "amount", "percentage", "date"})


def _aligned_body_chars(doc: Document, indices: set[int]) -> int:
    """Characters of body sentences of ``doc`` among ``indices``."""
    return sum(s.length for s in doc.body if s.index in indices)


def coverage(doc_a: Document, doc_b: Document, alignments: tuple[Alignment, ...]) -> Coverage:
    """Share of each text's body characters aligned to the other text."""
    a_used = {i for alignment in alignments for i in alignment.a_sentences}
    b_used = {i for alignment in alignments for i in alignment.b_sentences}
    a_total, b_total = doc_a.body_chars, doc_b.body_chars
    return Coverage(a_in_b=_aligned_body_chars(doc_a, a_used) / a_total if a_total else 0.0,
                    b_in_a=_aligned_body_chars(doc_b, b_used) / b_total if b_total else 0.0)


def shared_facts(a_views: dict[int, SentenceView], b_views: dict[int, SentenceView]) -> float:
    """Jaccard overlap of the names and figures the two documents mention."""
    a_keys = {f.key for view in a_views.values() for f in view.facts if f.kind in _SPECIFIC}
    b_keys = {f.key for view in b_views.values() for f in view.facts if f.kind in _SPECIFIC}
    union = a_keys | b_keys
    return len(a_keys & b_keys) / len(union) if union else 0.0


def _aligned_chars(alignments: tuple[Alignment, ...]) -> int:
    """Aligned characters on the side with fewer of them (a merge of two long sentences into a short one
    counts as the short one)."""
    return min(sum(a.a_chars for a in alignments), sum(a.b_chars for a in alignments))


def decide_verdict(cover: Coverage, body_alignments: tuple[Alignment, ...], fact_overlap: float,
                   config: CompareConfig) -> Verdict:
    """The verdict from coverage, the amount of aligned text and the names and figures in common."""
    aligned = _aligned_chars(body_alignments)
    if aligned >= config.partial_min_chars and max(cover.a_in_b, cover.b_in_a) >= config.derived_coverage:
        return "derived"
    if aligned >= config.partial_min_chars:
        return "partially_derived"
    if fact_overlap >= config.same_story_overlap:
        return "same_story"
    return "unrelated"
