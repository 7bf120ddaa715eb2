"""Dropped, added and boilerplate text as runs of consecutive sentences of one paragraph."""

from __future__ import annotations

from collections.abc import Iterable

from unspun.model import Document, Sentence, Side, TextPiece


def _runs(sentences: Iterable[Sentence]) -> list[list[Sentence]]:
    """Group sentences into runs of consecutive indices within one paragraph."""
    runs: list[list[Sentence]] = []
    for sentence in sentences:
        previous = runs[-1][-1] if runs else None
        if previous and previous.index + 1 == sentence.index and previous.paragraph == sentence.paragraph:
            runs[-1].append(sentence)
        else:
            runs.append([sentence])
    return runs


def _pieces(doc: Document, side: Side, sentences: Iterable[Sentence]) -> tuple[TextPiece, ...]:
    """One piece per run of ``sentences``, spanning from its first to its last sentence."""
    pieces = []
    for run in _runs(sentences):
        span = (run[0].span[0], run[-1].span[1])
        pieces.append(TextPiece(side, span, doc.text[span[0]:span[1]]))
    return tuple(pieces)


def unaligned_pieces(doc: Document, side: Side, aligned: set[int]) -> tuple[TextPiece, ...]:
    """Body text of ``doc`` that no alignment uses."""
    return _pieces(doc, side, (s for s in doc.body if s.index not in aligned))


def boilerplate_pieces(doc: Document, side: Side) -> tuple[TextPiece, ...]:
    """Publishing furniture found in ``doc``."""
    return _pieces(doc, side, (s for s in doc.sentences if s.role == "boilerplate"))
