"""Passages: merge aligned sentences into maximal reused passages, so one reused passage is reported once."""

from __future__ import annotations

from unspun.config import PassageConfig
from unspun.model import Document, Passage
from unspun.stages.candidates import Candidates
from unspun.stages.passages.arbitrate import choose
from unspun.stages.passages.build import resolve_overlaps, rewrite_passages
from unspun.stages.passages.seeds import isf_weights
from unspun.stages.passages.summary import summary_passages

__all__ = ["PassageConfig", "find_passages"]


def find_passages(a: Document, b: Document, candidates: Candidates,
                  config: PassageConfig | None = None) -> tuple[Passage, ...]:
    """Every reused passage between ``a`` and ``b``, in B order, none overlapping another in B.

    Rewrite passages (copies, rewrites) and summary passages are found independently; :func:`.arbitrate.choose`
    decides between them.
    """
    config = config or PassageConfig()
    weights = isf_weights([candidates.a_views, candidates.b_views])
    rewrites = resolve_overlaps(rewrite_passages(a, b, candidates, weights, config))
    summaries = resolve_overlaps(summary_passages(a, b, candidates, weights, config))
    return choose(a, b, candidates, weights, rewrites=rewrites, summaries=summaries, config=config)
