"""Word-level diff inside an aligned pair: which words were kept, replaced, inserted or deleted.

rapidfuzz computes the Levenshtein edit script on the lists of normalised words (0.1 ms for two 800-word
articles); this module only maps word indices back to character spans of the original texts.
"""

from __future__ import annotations

from rapidfuzz.distance import Indel, Levenshtein

from unspun.kernels.tokens import Token
from unspun.model import Span, TokenEdit


def _span(tokens: tuple[Token, ...], first: int, last: int, anchor: int) -> Span:
    """Character span of ``tokens[first:last]``; an empty range becomes an empty span at ``anchor``."""
    if first >= last:
        return (anchor, anchor)
    return (tokens[first].start, tokens[last - 1].end)


def _anchor(tokens: tuple[Token, ...], index: int, fallback: int) -> int:
    """Where an insertion before ``tokens[index]`` sits: the end of the previous word, or ``fallback``."""
    return tokens[index - 1].end if index > 0 else (tokens[0].start if tokens else fallback)


def token_diff(a_tokens: tuple[Token, ...], b_tokens: tuple[Token, ...], *, a_start: int = 0,
               b_start: int = 0) -> tuple[TokenEdit, ...]:
    """Edit script turning the words of A into the words of B, as spans into each original text.

    ``a_start``/``b_start`` position empty spans when one side has no words at all.
    """
    a_words = [token.norm for token in a_tokens]
    b_words = [token.norm for token in b_tokens]
    edits = []
    for tag, a_first, a_last, b_first, b_last in _opcodes(a_words, b_words):
        a_anchor = _anchor(a_tokens, a_first, a_start)
        b_anchor = _anchor(b_tokens, b_first, b_start)
        edits.append(TokenEdit(tag, _span(a_tokens, a_first, a_last, a_anchor),
                               _span(b_tokens, b_first, b_last, b_anchor)))
    return tuple(edits)


_MIRRORED = {"insert": "delete", "delete": "insert", "replace": "replace", "equal": "equal"}


def _opcodes(a_words: list[str], b_words: list[str]) -> list[tuple[str, int, int, int, int]]:
    """``(tag, a_first, a_last, b_first, b_last)`` of a minimal edit script from ``a_words`` to ``b_words``, the
    same script (mirrored) whichever list comes first.

    A minimal script is not unique, and Levenshtein breaks ties by argument order: "a b" → "c" may replace "a"
    and delete "b", while "c" → "a b" replaces "c" with "b". The script is always computed from the smaller
    list to the larger (Python's list order) and mirrored when needed, so the replaced words, and the direction
    evidence read from them, do not depend on which text is A.
    """
    if b_words < a_words:
        return [(_MIRRORED[op.tag], op.dest_start, op.dest_end, op.src_start, op.src_end)
                for op in Levenshtein.opcodes(b_words, a_words)]
    return [(op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end)
            for op in Levenshtein.opcodes(a_words, b_words)]


def word_similarity(a_tokens: tuple[Token, ...], b_tokens: tuple[Token, ...]) -> float:
    """Normalised Indel similarity of the two word sequences (1.0 = same words in the same order)."""
    return Indel.normalized_similarity([t.norm for t in a_tokens], [t.norm for t in b_tokens])
