"""What one verified comparison says about a pair in a collection: the row of ``pairs`` and its edge kind.

Edge kinds, from the source to the derived text:

- ``copy``: near verbatim (the aligned text's evidence, weighted by characters, reaches ``copy_evidence``:
  copies with edited words, merged sentences or changed figures stay near 1, paraphrases stay under 0.85);
- ``update``: a copy that adds paragraphs of its own (a wire re-file): the source is carried almost whole, the
  derived text's own body much less so;
- ``rewrite``: the derived text is mostly the source, paraphrased;
- ``partial``: some passages reused, the derived text being mostly something else;
- ``summary``: the passage stage found the derived text condensing the source.
"""

from __future__ import annotations

from unspun.model import Comparison, EdgeKind
from unspun.scan.config import ScanConfig
from unspun.scan.records import DocumentMeta, ReusePair


def _sides(comparison: Comparison) -> tuple[float, float]:
    """``(source share, derived share)``: the share of each side's body aligned to the other."""
    cover = comparison.coverage
    return (cover.a_in_b, cover.b_in_a) if comparison.source == "a" else (cover.b_in_a, cover.a_in_b)


def _derived_chars(comparison: Comparison) -> list[tuple[int, str, float]]:
    """``(characters, kind, score)`` of each alignment, counted on the derived side."""
    on_b = comparison.source == "a"
    return [(al.b_chars if on_b else al.a_chars, al.kind, al.score) for al in comparison.alignments]


def evidence_of(comparison: Comparison) -> float:
    """Mean evidence of the aligned pairs, weighted by the characters they cover on the derived side."""
    pieces = _derived_chars(comparison)
    total = sum(chars for chars, _, _ in pieces)
    return sum(chars * score for chars, _, score in pieces) / total if total else 0.0


def edge_kind(comparison: Comparison, config: ScanConfig) -> EdgeKind | None:
    """The edge kind of a reuse comparison (None for ``same_story`` and ``unrelated``)."""
    if comparison.source is None:
        return None
    if any(passage.kind == "summary" for passage in comparison.passages):
        return "summary"
    source_share, derived_share = _sides(comparison)
    if comparison.verdict == "partially_derived" or derived_share < config.family_share:
        return "partial"
    if evidence_of(comparison) < config.copy_evidence:
        return "rewrite"
    if derived_share < config.update_share <= source_share:
        return "update"
    return "copy"


def reuse_pair(comparison: Comparison, a: DocumentMeta, b: DocumentMeta, config: ScanConfig) -> ReusePair:
    """The ``pairs`` row of a verified comparison of ``a`` (lower key) with ``b``."""
    derived_side = {"a": "b", "b": "a"}.get(comparison.source or "")
    derived_sentences = {i for al in comparison.alignments
                         for i in (al.b_sentences if derived_side == "b" else al.a_sentences)}
    return ReusePair(
        a=a.id, b=b.id, verdict=comparison.verdict,
        a_in_b=round(comparison.coverage.a_in_b, 4), b_in_a=round(comparison.coverage.b_in_a, 4),
        source=comparison.source, direction_method=comparison.direction.method,
        direction_confidence=round(comparison.direction.confidence, 4), kind=edge_kind(comparison, config),
        evidence=round(evidence_of(comparison), 4),
        derived_share=round(_sides(comparison)[1], 4) if comparison.source else 0.0,
        aligned_sentences=len(derived_sentences) if derived_side else 0,
        changed_facts=len(comparison.changed_facts), a_date=a.date, b_date=b.date, a_site=a.site, b_site=b.site,
        comparison=comparison.to_dict() if config.pairs_json else None)
