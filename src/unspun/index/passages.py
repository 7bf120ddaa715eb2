"""Pure kernels of the index: cut a document into passages, its text into word shingles, shingles into MinHash
signatures."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from unspun.model import Document

_WORD = re.compile(r"[^\W_]+")


def passage_spans(doc: Document, min_words: int) -> list[tuple[int, int]]:
    """Character spans of runs of consecutive body sentences of at least ``min_words`` words each.

    The last run may be shorter; a run never crosses a title or boilerplate line.
    """
    spans: list[tuple[int, int]] = []
    start = end = words = None
    for sentence in doc.sentences:
        if sentence.role != "body":
            if start is not None:
                spans.append((start, end))
            start = None
            continue
        if start is None:
            start, words = sentence.span[0], 0
        end, words = sentence.span[1], words + len(sentence.text.split())
        if words >= min_words:
            spans.append((start, end))
            start = None
    if start is not None:
        spans.append((start, end))
    return _merge_short_tail(doc, spans, min_words)


def _merge_short_tail(doc: Document, spans: list[tuple[int, int]], min_words: int) -> list[tuple[int, int]]:
    """Join a short last passage to the one before it when they are adjacent, so no passage is a stub."""
    if len(spans) < 2:
        return spans
    (first, gap_start), (gap_end, last) = spans[-2], spans[-1]
    adjacent = not doc.text[gap_start:gap_end].strip()
    if adjacent and len(doc.text[gap_end:last].split()) < min_words // 2:
        return [*spans[:-2], (first, last)]
    return spans


def shingles(text: str, size: int) -> list[str]:
    """Distinct lower-cased word ``size``-grams of ``text`` (the whole text when it has fewer words)."""
    words = [word.lower() for word in _WORD.findall(text)]
    if len(words) <= size:
        return [" ".join(words)] if words else []
    return sorted({" ".join(words[i:i + size]) for i in range(len(words) - size + 1)})


def minhash_signatures(shingle_sets: Sequence[Sequence[str]], *, num_perm: int, seed: int) -> np.ndarray:
    """One row of ``num_perm`` uint32 MinHash values per shingle set (rensa's, the same as the LSH segments')."""
    if not shingle_sets:
        return np.zeros((0, num_perm), dtype=np.uint32)
    from rensa import RMinHash

    matrix = RMinHash.digest_matrix_from_token_sets([list(s) for s in shingle_sets], num_perm, seed)
    return np.asarray(matrix.to_rows(), dtype=np.uint32).reshape(len(shingle_sets), num_perm)
