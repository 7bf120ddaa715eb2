"""Copies: character-exact edges for passages that are mostly copied word for word.

Sentence stretches settle a passage's edges to sentence boundaries, but a copied passage rarely starts and ends
where a sentence splitter says it does: it may start mid-sentence, and the sentence just outside it often shares
enough topic words to be taken in. For a copy the exact extent is knowable. The two stretches' words are aligned
(rapidfuzz's Indel opcodes, as in :mod:`unspun.kernels.diff`); when runs of ``min_run`` or more identical words
cover ``copy_share`` of the shorter side, the passage is a copy: it is cut to its first and last such run, then
widened over the characters that are still identical on both sides (punctuation, a title line the sentence
splitter left outside). Reworded passages keep their sentence edges: their words no longer line up.
"""

from __future__ import annotations

from rapidfuzz.distance import Indel

from unspun.kernels.tokens import Token
from unspun.model import Span

_MAX_WIDEN = 10_000
"""Bound on characters a copy is widened by on each side (identical text beyond that is another passage)."""
_NOT_A_START = frozenset(".,;:!?)]}»”’-–—")
"""Characters that close what came before: a copy never starts with one."""


def _runs(a_tokens: tuple[Token, ...], b_tokens: tuple[Token, ...], min_run: int) -> list:
    """Runs of at least ``min_run`` identical words (Indel ``equal`` opcodes), in order."""
    opcodes = Indel.opcodes([t.norm for t in a_tokens], [t.norm for t in b_tokens])
    return [op for op in opcodes if op.tag == "equal" and op.src_end - op.src_start >= min_run]


def _same(a_char: str, b_char: str) -> bool:
    """True when two characters read the same in a copy (any whitespace equals any other)."""
    return a_char == b_char or (a_char.isspace() and b_char.isspace())


def widen(a_span: Span, b_span: Span, a_text: str, b_text: str) -> tuple[Span, Span]:
    """Both spans grown over the characters that read the same on both sides.

    The start then moves past whitespace and closing punctuation: text ending the sentence before a copy
    (". ") is identical in most documents and is not part of the copy.
    """
    (a_start, a_end), (b_start, b_end) = a_span, b_span
    for _ in range(_MAX_WIDEN):
        if not (a_start and b_start and _same(a_text[a_start - 1], b_text[b_start - 1])):
            break
        a_start, b_start = a_start - 1, b_start - 1
    for _ in range(_MAX_WIDEN):
        if not (a_end < len(a_text) and b_end < len(b_text) and _same(a_text[a_end], b_text[b_end])):
            break
        a_end, b_end = a_end + 1, b_end + 1
    while a_start < a_end and (a_text[a_start].isspace() or a_text[a_start] in _NOT_A_START):
        a_start, b_start = a_start + 1, b_start + 1
    while a_start < a_end and a_text[a_end - 1].isspace():
        a_end, b_end = a_end - 1, b_end - 1
    return (a_start, a_end), (b_start, b_end)


def exact_edges(a_tokens: tuple[Token, ...], b_tokens: tuple[Token, ...], a_text: str, b_text: str, *,
                min_run: int, copy_share: float) -> tuple[Span, Span] | None:
    """Character-exact (A, B) spans of a passage whose words are ``a_tokens`` and ``b_tokens`` when it is a copy
    (see the module docstring), else None."""
    runs = _runs(a_tokens, b_tokens, min_run)
    copied = sum(op.src_end - op.src_start for op in runs)
    if not runs or copied < copy_share * min(len(a_tokens), len(b_tokens)):
        return None
    first, last = runs[0], runs[-1]
    a_span = (a_tokens[first.src_start].start, a_tokens[last.src_end - 1].end)
    b_span = (b_tokens[first.dest_start].start, b_tokens[last.dest_end - 1].end)
    return widen(a_span, b_span, a_text, b_text)
