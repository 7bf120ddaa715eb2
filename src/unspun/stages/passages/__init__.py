"""Passages: merge aligned sentences into maximal reused passages, so one reused passage is reported once."""

from __future__ import annotations

from unspun.model import Document, Passage
from unspun.stages.candidates import Candidates
from unspun.stages.passages.build import resolve_overlaps, rewrite_passages
from unspun.stages.passages.config import PassageConfig
from unspun.stages.passages.summary import summary_passages

__all__ = ["PassageConfig", "find_passages"]


def find_passages(a: Document, b: Document, candidates: Candidates,
                  config: PassageConfig | None = None) -> tuple[Passage, ...]:
    """Every reused passage between ``a`` and ``b``, in B order, none overlapping another in B.

    Rewrite passages win over summary passages on the same stretch of B: they say more precisely what was taken.
    """
    config = config or PassageConfig()
    rewrites = resolve_overlaps(rewrite_passages(a, b, candidates, config))
    summaries = [s for s in summary_passages(a, b, candidates, config)
                 if all(s.b_span[1] <= r.b_span[0] or r.b_span[1] <= s.b_span[0] for r in rewrites)]
    return resolve_overlaps(list(rewrites) + summaries)
