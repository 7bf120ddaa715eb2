"""Seeds: the sentence pairs a passage can grow from, re-scored with weights from the two documents at hand.

The candidates' evidence (embedding cosine + Dice of content stems) is tuned for news sentences against any
text. Passages are sought between two documents that often share a topic (a source on trombones, a suspicious
text on trombones): there "trombone" appears in half the sentences of both and says nothing about reuse. So
seeds are scored by the cosine of binary stem vectors weighted by inverse sentence frequency over both
documents (tf-isf, Sanchez-Perez et al., PAN 2014): shared rare words count, shared topic words barely do.
"""

from __future__ import annotations

import math
from collections import Counter

from unspun.model import Document
from unspun.stages.candidates import Candidates, SentenceView
from unspun.stages.passages.cluster import Seed
from unspun.stages.passages.stretch import text_sentences


def isf_weights(views: list[dict[int, SentenceView]]) -> dict[str, float]:
    """Squared inverse sentence frequency of every content stem over all sentences of the documents."""
    counts: Counter[str] = Counter()
    total = 0
    for doc_views in views:
        for view in doc_views.values():
            counts.update(view.stems)
            total += 1
    return {word: math.log((1 + total) / count) ** 2 for word, count in counts.items()}


def weighted_cosine(a: frozenset[str], b: frozenset[str], weights: dict[str, float]) -> float:
    """Cosine of two binary stem vectors under squared weights ``weights`` (0 when one is empty)."""
    norm = math.sqrt(sum(weights[w] for w in a) * sum(weights[w] for w in b))
    return sum(weights[w] for w in a & b) / norm if norm else 0.0


def text_positions(doc: Document) -> dict[int, int]:
    """Sentence index → position among the document's text sentences (:func:`.stretch.text_sentences`)."""
    return {sentence.index: position for position, sentence in enumerate(text_sentences(doc))}


def near_best(seeds: list[Seed], margin: float) -> list[Seed]:
    """Seeds within ``margin`` of the best seed of both their sentences.

    A sentence is reused from one place: its copy outscores the stray look-alikes a long document always holds,
    and those strays, left in, would stretch a passage over text that was not taken.
    """
    best_a: dict[int, float] = {}
    best_b: dict[int, float] = {}
    for seed in seeds:
        best_a[seed.a] = max(best_a.get(seed.a, 0.0), seed.score)
        best_b[seed.b] = max(best_b.get(seed.b, 0.0), seed.score)
    return [s for s in seeds if s.score >= best_a[s.a] - margin and s.score >= best_b[s.b] - margin]


def score_seeds(a: Document, b: Document, candidates: Candidates, weights: dict[str, float], *,
                min_score: float, min_words: int = 0) -> list[Seed]:
    """Candidate pairs whose tf-isf cosine (under ``weights``, see :func:`isf_weights`) reaches ``min_score``,
    both sentences having at least ``min_words`` content stems."""
    a_positions, b_positions = text_positions(a), text_positions(b)
    seeds = []
    title_pair = (candidates.title_pair,) if candidates.title_pair is not None else ()
    for pair in candidates.pairs + title_pair:
        a_stems, b_stems = candidates.a_views[pair.a].stems, candidates.b_views[pair.b].stems
        if pair.a in a_positions and pair.b in b_positions and min(len(a_stems), len(b_stems)) >= min_words:
            score = weighted_cosine(a_stems, b_stems, weights)
            if score >= min_score:
                seeds.append(Seed(a_positions[pair.a], b_positions[pair.b], score))
    return seeds
