"""Choose between rewrite passages and summary passages found for the same pair of documents.

The two detectors answer different questions and both fire on a summary: the summary detector sees a short
stretch of B echoing all of A, the rewrite detector sees its sentences echoing single sentences of A. A pair is
read as a summary only when every rewrite passage is better read as a fragment of a summary passage; one
rewrite passage that is not (a copy, a rewrite of one stretch) means the summary detector merely saw the topic
the two documents share.
"""

from __future__ import annotations

from unspun.config import PassageConfig
from unspun.model import Document, Passage, Sentence, Span
from unspun.stages.candidates import Candidates, SentenceView
from unspun.stages.passages.stretch import containment, text_sentences


def choose(a: Document, b: Document, candidates: Candidates, weights: dict[str, float], *,
           rewrites: tuple[Passage, ...], summaries: tuple[Passage, ...],
           config: PassageConfig) -> tuple[Passage, ...]:
    """The summary passages when they explain every rewrite passage, else the rewrite passages."""
    sides = (text_sentences(a), candidates.a_views), (text_sentences(b), candidates.b_views)
    if summaries and all(any(summary_explains(s, r, sides, weights, config) for s in summaries) for r in rewrites):
        return summaries
    return rewrites


def _stems_within(sentences: tuple[Sentence, ...], views: dict[int, SentenceView], span: Span) -> frozenset[str]:
    """Content stems of the ``sentences`` (a document's text sentences) that overlap ``span``."""
    inside = (views[s.index].stems for s in sentences if span[0] < s.span[1] and s.span[0] < span[1])
    return frozenset().union(*inside)


def summary_explains(summary: Passage, rewrite: Passage, sides: tuple, weights: dict[str, float],
                      config: PassageConfig) -> bool:
    """True when ``rewrite`` is better read as a fragment of ``summary``; ``sides`` holds each document's text
    sentences and views.

    It must overlap the summary in B and not be a near copy (passage Dice under ``copy_dice``);
    then any of three signs makes it a fragment: it covers under ``fragment_cover`` of the summary's B
    stretch; its own A stretch is ``fragment_condensing`` times its B stretch (it condenses too); or its B
    words are contained ``summary_gain`` better in the summarised text than in its own A stretch (they come
    from all over the original, not from the one stretch a rewrite takes).
    """
    if rewrite.b_span[1] <= summary.b_span[0] or summary.b_span[1] <= rewrite.b_span[0]:
        return False
    b_chars = rewrite.b_span[1] - rewrite.b_span[0]
    if rewrite.kind != "verbatim" and rewrite.score < config.copy_dice and (
            b_chars < config.fragment_cover * (summary.b_span[1] - summary.b_span[0])
            or rewrite.a_span[1] - rewrite.a_span[0] >= config.fragment_condensing * b_chars):
        return True
    (a_sentences, a_views), (b_sentences, b_views) = sides
    b_stems = _stems_within(b_sentences, b_views, rewrite.b_span)
    own = containment(b_stems, _stems_within(a_sentences, a_views, rewrite.a_span), weights)
    summarised = containment(b_stems, _stems_within(a_sentences, a_views, summary.a_span), weights)
    return summarised >= own + config.summary_gain
