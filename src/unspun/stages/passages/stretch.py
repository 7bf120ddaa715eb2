"""Stretches of sentences, and how their edges are settled: grow while the next sentence is explained by
the other side's stretch, shrink while an edge sentence is not.

Sentence-to-sentence matches find where a reused passage is; they are poor at saying where it ends, because
obfuscation moves words across sentence boundaries (a shuffled sentence matches no single sentence, yet all its
words are in the passage). So an edge sentence belongs to a passage when most of its weight of content words
(tf-isf weighted, :mod:`.seeds`) appears in the other side's stretch: its ``containment``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from unspun.model import Document, Sentence, Span
from unspun.stages.candidates import SentenceView

_MAX_MOVES = 200
"""Bound on edge moves per passage (a passage never legitimately grows by more sentences than this)."""


def text_sentences(doc: Document) -> tuple[Sentence, ...]:
    """The sentences a passage can hold: title and body, not boilerplate.

    A title is reused text like any other (PAN sources open with one, rewrites keep or paraphrase theirs);
    boilerplate (share buttons, footers) is furniture whose sharing says nothing about reuse.
    """
    return tuple(s for s in doc.sentences if s.role != "boilerplate")


@dataclass(frozen=True)
class Stretch:
    """A run of the text sentences of one document (:func:`text_sentences`), by position, both ends included."""

    sentences: tuple[Sentence, ...]
    views: dict[int, SentenceView]
    first: int
    last: int

    @property
    def span(self) -> Span:
        """Character span from the first sentence's start to the last one's end."""
        return (self.sentences[self.first].span[0], self.sentences[self.last].span[1])

    @property
    def chars(self) -> int:
        """Length of the span in characters."""
        start, end = self.span
        return end - start

    def sentence_stems(self, position: int) -> frozenset[str]:
        """Content stems of the sentence at ``position``."""
        return self.views[self.sentences[position].index].stems

    def stems(self) -> frozenset[str]:
        """Content stems of every sentence of the stretch."""
        return frozenset().union(*(self.sentence_stems(p) for p in range(self.first, self.last + 1)))


def containment(stems: frozenset[str], other: frozenset[str], weights: dict[str, float]) -> float:
    """Weighted share of ``stems`` found in ``other`` (0 for a sentence without content words)."""
    total = sum(weights[w] for w in stems)
    return sum(weights[w] for w in stems & other) / total if total else 0.0


def _grown(stretch: Stretch, other: frozenset[str], weights: dict[str, float], threshold: float) -> Stretch:
    """``stretch`` with the sentence just before or after it added, when that sentence is contained in
    ``other``; else ``stretch`` itself."""
    if stretch.first > 0 and containment(stretch.sentence_stems(stretch.first - 1), other, weights) >= threshold:
        return replace(stretch, first=stretch.first - 1)
    after = stretch.last + 1
    if after < len(stretch.sentences) and containment(stretch.sentence_stems(after), other, weights) >= threshold:
        return replace(stretch, last=after)
    return stretch


def _shrunk(stretch: Stretch, other: frozenset[str], weights: dict[str, float], threshold: float) -> Stretch:
    """``stretch`` without its first or last sentence when that sentence is not contained in ``other``."""
    if stretch.first < stretch.last:
        if containment(stretch.sentence_stems(stretch.first), other, weights) < threshold:
            return replace(stretch, first=stretch.first + 1)
        if containment(stretch.sentence_stems(stretch.last), other, weights) < threshold:
            return replace(stretch, last=stretch.last - 1)
    return stretch


def settle_edges(a: Stretch, b: Stretch, weights: dict[str, float], keep: float,
                 grow: float) -> tuple[Stretch, Stretch]:
    """Shrink (edge sentences contained under ``keep``), then grow (next sentences contained from ``grow``)
    both stretches one sentence at a time until no edge moves."""
    for _ in range(_MAX_MOVES):
        moved = _shrunk(a, b.stems(), weights, keep), _shrunk(b, a.stems(), weights, keep)
        if moved == (a, b):
            moved = _grown(a, b.stems(), weights, grow), _grown(b, a.stems(), weights, grow)
        if moved == (a, b):
            break
        a, b = moved
    return a, b
