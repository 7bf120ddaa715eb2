"""Passages: from candidate sentence pairs to maximal reused passages (seed → extend → merge → filter).

1. seed: candidate sentence pairs re-scored with tf-isf weights of the two documents (:mod:`.seeds`), each
   kept only if near the best seed of both its sentences;
2. merge: cluster the seeds that lie close together on both sides (:mod:`.cluster`), each cluster spanning
   from its first to its last sentence on each side;
3. extend: settle each stretch's edges by containment in the other stretch (:mod:`.stretch`);
4. filter: keep a cluster when both stretches are long enough and their whole texts share enough words
   (a check on the passage, not the sentence: a stray seed inside unrelated text fails it);
5. copies: give a passage copied word for word character-exact edges (:mod:`.copies`);
6. resolve: where kept passages overlap in B, the longer one stays, so each stretch of B is reported once.

Summary mode (:mod:`.summary`) finds short stretches of B that condense much longer stretches of A;
:mod:`.arbitrate` chooses between the two readings.
"""

from __future__ import annotations

from collections.abc import Sequence

from unspun.config import PassageConfig
from unspun.kernels.diff import word_similarity
from unspun.kernels.similarity import dice
from unspun.kernels.tokens import Token, tokenize
from unspun.model import Document, Passage, PassageKind, Sentence, Span
from unspun.stages.candidates import Candidates
from unspun.stages.passages.cluster import Seed, cluster_seeds, gap_ranks
from unspun.stages.passages.copies import exact_edges
from unspun.stages.passages.seeds import near_best, score_seeds
from unspun.stages.passages.stretch import Stretch, settle_edges, text_sentences


def _stretches(sentences: tuple[tuple[Sentence, ...], tuple[Sentence, ...]], candidates: Candidates,
               cluster: Sequence[Seed]) -> tuple[Stretch, Stretch]:
    """The stretches of A and B (whose text sentences are ``sentences``) a cluster of seeds spans."""
    a_sentences, b_sentences = sentences
    return (Stretch(a_sentences, candidates.a_views, min(s.a for s in cluster), max(s.a for s in cluster)),
            Stretch(b_sentences, candidates.b_views, min(s.b for s in cluster), max(s.b for s in cluster)))


def _tokens(text: str, span: Span) -> tuple[Token, ...]:
    """Word tokens of ``text`` inside ``span``, with offsets into ``text``."""
    return tokenize(text[span[0]:span[1]], span[0])


def _kind(a_tokens: tuple[Token, ...], b_tokens: tuple[Token, ...], config: PassageConfig) -> PassageKind:
    """``verbatim`` when the two passages have nearly the same words in the same order, else ``rewrite``."""
    similar = word_similarity(a_tokens, b_tokens) >= config.verbatim_similarity
    return "verbatim" if similar else "rewrite"


def _passage(a_stretch: Stretch, b_stretch: Stretch, cluster: Sequence[Seed], texts: tuple[str, str],
             config: PassageConfig) -> Passage | None:
    """The passage a cluster makes (character-exact when it is a copy), or None when it is too short or its
    stretches share too few words."""
    if min(a_stretch.chars, b_stretch.chars) < config.min_chars:
        return None
    if len(cluster) == 1 and cluster[0].score < config.single_seed_score:
        return None
    overlap = dice(a_stretch.stems(), b_stretch.stems())
    if overlap < config.passage_dice:
        return None
    a_text, b_text = texts
    a_tokens, b_tokens = _tokens(a_text, a_stretch.span), _tokens(b_text, b_stretch.span)
    edges = exact_edges(a_tokens, b_tokens, a_text, b_text, min_run=config.copy_min_run,
                        copy_share=config.copy_share)
    if edges is None:
        return Passage(a_stretch.span, b_stretch.span, _kind(a_tokens, b_tokens, config), overlap)
    a_span, b_span = edges
    return Passage(a_span, b_span, _kind(_tokens(a_text, a_span), _tokens(b_text, b_span), config), overlap)


def resolve_overlaps(passages: Sequence[Passage]) -> tuple[Passage, ...]:
    """Keep the strongest of passages that overlap in B (longest B stretch first, then score), in B order."""
    kept: list[Passage] = []
    ranked = sorted(passages, key=lambda p: (-(p.b_span[1] - p.b_span[0]), -p.score, p.b_span, p.a_span))
    for passage in ranked:
        if all(passage.b_span[1] <= k.b_span[0] or k.b_span[1] <= passage.b_span[0] for k in kept):
            kept.append(passage)
    return tuple(sorted(kept, key=lambda p: (p.b_span, p.a_span)))


def rewrite_passages(a: Document, b: Document, candidates: Candidates, weights: dict[str, float],
                     config: PassageConfig) -> list[Passage]:
    """Passages found by clustering seeds (copies and rewrites), their edges settled by containment."""
    seeds = score_seeds(a, b, candidates, weights, min_score=config.seed_score,
                        min_words=config.seed_min_words)
    seeds = near_best(seeds, config.seed_margin)
    sentences = text_sentences(a), text_sentences(b)
    ranks = tuple(gap_ranks([len(views[s.index].stems) for s in side], config.seed_min_words)
                  for side, views in zip(sentences, (candidates.a_views, candidates.b_views), strict=True))
    passages = []
    for cluster in cluster_seeds(seeds, config.max_gap, ranks):
        a_stretch, b_stretch = _stretches(sentences, candidates, cluster)
        a_stretch, b_stretch = settle_edges(a_stretch, b_stretch, weights, config.edge_containment,
                                            config.grow_containment)
        passage = _passage(a_stretch, b_stretch, cluster, (a.text, b.text), config)
        if passage is not None:
            passages.append(passage)
    return passages
