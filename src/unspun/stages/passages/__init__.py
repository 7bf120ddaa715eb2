"""Passages: merge aligned sentences into maximal reused passages, so one reused passage is reported once."""

from __future__ import annotations

from unspun.model import Document, Passage
from unspun.stages.candidates import Candidates
from unspun.stages.passages.build import resolve_overlaps, rewrite_passages
from unspun.stages.passages.config import PassageConfig
from unspun.stages.passages.seeds import isf_weights
from unspun.stages.passages.summary import summary_passages

__all__ = ["PassageConfig", "find_passages"]


def find_passages(a: Document, b: Document, candidates: Candidates,
                  config: PassageConfig | None = None) -> tuple[Passage, ...]:
    """Every reused passage between ``a`` and ``b``, in B order, none overlapping another in B.

    A summary passage wins over the rewrite passages it overlaps in B: those are fragments of it (a summary's
    sentences echo single sentences of A), while a summary is only found where B's stretch echoes a stretch of A
    many times longer, which a copy or rewrite never does.
    """
    config = config or PassageConfig()
    weights = isf_weights([candidates.a_views, candidates.b_views])
    rewrites = resolve_overlaps(rewrite_passages(a, b, candidates, weights, config))
    summaries = resolve_overlaps(summary_passages(a, b, candidates, weights, config))
    if not summaries or any(not any(_explains(s, r) for s in summaries) for r in rewrites):
        return rewrites
    return summaries


def _explains(summary: Passage, rewrite: Passage) -> bool:
    """True when ``rewrite`` is a fragment of ``summary``: inside it in B, and under half its length."""
    inside = summary.b_span[0] <= rewrite.b_span[0] and rewrite.b_span[1] <= summary.b_span[1]
    return inside and 2 * (rewrite.b_span[1] - rewrite.b_span[0]) < summary.b_span[1] - summary.b_span[0]
