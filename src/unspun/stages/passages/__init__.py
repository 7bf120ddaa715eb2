"""Passages: merge aligned sentences into maximal reused passages, so one reused passage is reported once."""

from __future__ import annotations

from unspun.model import Document, Passage, Span
from unspun.stages.candidates import Candidates, SentenceView
from unspun.stages.passages.build import resolve_overlaps, rewrite_passages
from unspun.stages.passages.config import PassageConfig
from unspun.stages.passages.seeds import isf_weights
from unspun.stages.passages.stretch import containment
from unspun.stages.passages.summary import summary_passages

__all__ = ["PassageConfig", "find_passages"]



def find_passages(a: Document, b: Document, candidates: Candidates,
                  config: PassageConfig | None = None) -> tuple[Passage, ...]:
    """Every reused passage between ``a`` and ``b``, in B order, none overlapping another in B.

    Rewrite passages (copies, rewrites) and summary passages are found independently; where they compete for the
    same stretch of B, see :func:`_summary_explains`.
    """
    config = config or PassageConfig()
    weights = isf_weights([candidates.a_views, candidates.b_views])
    rewrites = resolve_overlaps(rewrite_passages(a, b, candidates, weights, config))
    summaries = resolve_overlaps(summary_passages(a, b, candidates, weights, config))
    sides = (a, candidates.a_views), (b, candidates.b_views)
    if not summaries or any(not any(_summary_explains(s, r, sides, weights, config) for s in summaries)
                            for r in rewrites):
        return rewrites
    return summaries


def _stems_within(doc: Document, views: dict[int, SentenceView], span: Span) -> frozenset[str]:
    """Content stems of the body sentences of ``doc`` inside ``span``."""
    inside = (views[s.index].stems for s in doc.body if span[0] <= s.span[0] and s.span[1] <= span[1])
    return frozenset().union(*inside)


def _summary_explains(summary: Passage, rewrite: Passage, sides: tuple, weights: dict[str, float],
                      config: PassageConfig) -> bool:
    """True when ``rewrite`` is better read as a fragment of ``summary``.

    It must overlap the summary in B and not be a near copy (passage Dice under ``verbatim_similarity``);
    then any of three signs makes it a fragment: it covers under ``fragment_cover`` of the summary's B
    stretch; its own A stretch is ``fragment_condensing`` times its B stretch (it condenses too); or its B
    words are contained ``summary_gain`` better in the summarised text than in its own A stretch (they come
    from all over the original, not from the one stretch a rewrite takes).
    """
    if rewrite.b_span[1] <= summary.b_span[0] or summary.b_span[1] <= rewrite.b_span[0]:
        return False
    b_chars = rewrite.b_span[1] - rewrite.b_span[0]
    if rewrite.score < config.verbatim_similarity and (
            b_chars < config.fragment_cover * (summary.b_span[1] - summary.b_span[0])
            or rewrite.a_span[1] - rewrite.a_span[0] >= config.fragment_condensing * b_chars):
        return True
    (a, a_views), (b, b_views) = sides
    b_stems = _stems_within(b, b_views, rewrite.b_span)
    own = containment(b_stems, _stems_within(a, a_views, rewrite.a_span), weights)
    summarised = containment(b_stems, _stems_within(a, a_views, summary.a_span), weights)
    return summarised >= own + config.summary_gain
