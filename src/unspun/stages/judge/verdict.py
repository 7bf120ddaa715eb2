"""Coverage and the verdict: derived, partially derived, same story or unrelated.

Decision rules (thresholds live in :class:`~unspun.config.CompareConfig`; README, "How the verdict is decided",
gives the measurements behind each):

- ``derived``: at least ``derived_coverage`` of one text's body is aligned to the other, through at least
  ``derived_min_sentences`` sentences or through fewer strongly aligned ones (mean evidence ≥ ``strong_evidence``);
  or the texts are a retelling of each other (:mod:`unspun.stages.judge.retold`: most specific details kept in
  the same order, an order-keeping path of sentence pairs all along), which a full rewrite is; coverage through
  weak pairs only (mean evidence < ``weak_mean_evidence``) does not count when the retelling probability is
  below ``retold_support`` (the texts keep almost none of each other's details in order);
- ``partially_derived``: less than that, but ``partial_min_sentences`` aligned sentences with mean evidence
  ≥ ``partial_mean_evidence``, or one pair ≥ ``single_pair_evidence``;
- ``same_story``: no such reuse, but the texts share ≥ ``same_story_overlap`` of their names and figures and
  their whole-document embeddings are ≥ ``same_story_cosine`` alike (the same event, written independently);
- ``unrelated``: none of these.
"""

from __future__ import annotations

from unspun.config import CompareConfig
from unspun.kernels.facts import SPECIFIC_KINDS
from unspun.model import Alignment, Coverage, Document, Verdict
from unspun.stages.candidates import SentenceView
from unspun.stages.judge.retold import RetoldEvidence, is_retelling


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
    a_keys = {f.key for view in a_views.values() for f in view.facts if f.kind in SPECIFIC_KINDS}
    b_keys = {f.key for view in b_views.values() for f in view.facts if f.kind in SPECIFIC_KINDS}
    union = a_keys | b_keys
    return len(a_keys & b_keys) / len(union) if union else 0.0


def _mean_evidence(alignments: tuple[Alignment, ...]) -> float:
    """Evidence of the alignments averaged with their lengths (both sides) as weights."""
    weights = sum(a.a_chars + a.b_chars for a in alignments)
    return sum(a.score * (a.a_chars + a.b_chars) for a in alignments) / weights if weights else 0.0


def _is_derived(cover: Coverage, alignments: tuple[Alignment, ...], config: CompareConfig) -> bool:
    """Enough of one text aligned, through enough sentences or strongly enough. Sentences are counted on the
    side with fewer: a merge joins two sentences of one text to one of the other, which is one sentence of
    evidence, not two (two weak pairs, one a merge, made SemEval's two reports of one magazine cover derived)."""
    sentences = min(sum(len(a.a_sentences) for a in alignments), sum(len(a.b_sentences) for a in alignments))
    enough = sentences >= config.derived_min_sentences or _mean_evidence(alignments) >= config.strong_evidence
    return bool(alignments) and max(cover.a_in_b, cover.b_in_a) >= config.derived_coverage and enough


def _is_partial(alignments: tuple[Alignment, ...], config: CompareConfig) -> bool:
    """Several moderately or one strongly aligned sentence."""
    if any(a.score >= config.single_pair_evidence for a in alignments):
        return True
    return (len(alignments) >= config.partial_min_sentences
            and _mean_evidence(alignments) >= config.partial_mean_evidence)


def _contradicted(alignments: tuple[Alignment, ...], retold: RetoldEvidence | None, config: CompareConfig) -> bool:
    """Coverage through paraphrase-level pairs only, while the whole texts share almost none of their specific
    details in order: answers to one question, or reports of one topic, not a rewrite."""
    if retold is None or _mean_evidence(alignments) >= config.weak_mean_evidence:
        return False
    return retold.probability() < config.retold_support


def decide_verdict(cover: Coverage, body_alignments: tuple[Alignment, ...], story: tuple[float, float],
                   config: CompareConfig, *, retold: RetoldEvidence | None = None) -> Verdict:
    """The verdict from coverage, the aligned body sentences, ``story`` = (shared facts, document cosine) and
    the whole-text ``retold`` evidence (:mod:`unspun.stages.judge.retold`)."""
    by_coverage = _is_derived(cover, body_alignments, config) and not _contradicted(body_alignments, retold, config)
    retelling = retold is not None and is_retelling(retold, config)
    if by_coverage or (retelling and bool(body_alignments)):
        return "derived"
    if _is_partial(body_alignments, config):
        return "partially_derived"
    fact_overlap, document_cosine = story
    if fact_overlap >= config.same_story_overlap and document_cosine >= config.same_story_cosine:
        return "same_story"
    return "unrelated"
