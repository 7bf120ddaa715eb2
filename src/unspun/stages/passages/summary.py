"""Summary mode: a short stretch of B that condenses a much longer stretch of A.

A summary's sentences each echo a different, distant part of the original, so the rewrite clustering (close on
both sides) cuts it to pieces. Here seeds are grouped by their B position only; a group is a summary when its
sentences draw on an A stretch ``summary_ratio`` times longer, enough of them have a seed, and A contains most
of the group's content words. When the echoed stretch covers most of A, the whole of A is what was summarised.
"""

from __future__ import annotations

from unspun.model import Document, Passage
from unspun.stages.candidates import Candidates
from unspun.stages.passages.cluster import Seed, split_by_gap
from unspun.stages.passages.config import PassageConfig
from unspun.stages.passages.seeds import isf_weights, score_seeds
from unspun.stages.passages.stretch import Stretch


def _containment(part: frozenset[str], whole: frozenset[str]) -> float:
    """Share of ``part`` found in ``whole`` (0 when ``part`` is empty)."""
    return len(part & whole) / len(part) if part else 0.0


def _whole_or_stretch(a: Document, a_stretch: Stretch, config: PassageConfig) -> tuple[int, int]:
    """The span of all of A when the stretch covers most of its body, else the stretch's span."""
    if a_stretch.chars >= config.summary_document_share * (a.body[-1].span[1] - a.body[0].span[0]):
        return (a.sentences[0].span[0], a.sentences[-1].span[1])
    return a_stretch.span


def _summary(a: Document, b: Document, candidates: Candidates, group: list[Seed],
             config: PassageConfig) -> Passage | None:
    """The summary passage a group of seeds (close together in B) makes, or None."""
    if len({s.b for s in group}) < config.summary_min_sentences:
        return None
    a_stretch = Stretch(a, candidates.a_views, min(s.a for s in group), max(s.a for s in group))
    b_stretch = Stretch(b, candidates.b_views, min(s.b for s in group), max(s.b for s in group))
    if b_stretch.chars < config.min_chars or a_stretch.chars < config.summary_ratio * b_stretch.chars:
        return None
    contained = _containment(b_stretch.stems(), a_stretch.stems())
    if contained < config.summary_containment:
        return None
    return Passage(_whole_or_stretch(a, a_stretch, config), b_stretch.span, "summary", contained)


def summary_passages(a: Document, b: Document, candidates: Candidates,
                     config: PassageConfig) -> list[Passage]:
    """Stretches of B that summarise much longer stretches of A."""
    weights = isf_weights([candidates.a_views, candidates.b_views])
    seeds = score_seeds(a, b, candidates, weights, config.summary_seed_score)
    found = (_summary(a, b, candidates, group, config) for group in split_by_gap(seeds, "b", config.max_gap))
    return [passage for passage in found if passage is not None]
