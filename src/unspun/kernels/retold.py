"""Whole-text evidence of a retelling: how many of one text's specific details another keeps, and in what order.

A full rewrite rewords every sentence, merges and reorders some, so no sentence pair need look alike; yet it
keeps the source's names, figures and dates and tells them in the source's order, which is what a reader
notices. Independent reports of one event share the main names too, but not the sequence and density of the
details: each reporter picks other details and tells them in another order.

A text's **details** are its names (each capitalised name word, so "President Ilham Aliyev" and "Aliyev"
share one), figures, amounts, percentages, dates and clock times, and its rare long words (content words of at least
:data:`LONG_WORD` letters used once or twice, like "extricate" or "capital-raising"), each counted once at its
first mention. A name word one text writes another way ("Lib Dems", "Liberal Democrats") is one detail. For
two texts, the details they share are put in the first text's order; the longest run of
them that the second text also tells in that order (a longest increasing subsequence) is the **ordered**
count. Random order keeps about 2·√k of k shared details in order; a retelling keeps nearly all.

When the order-keeping sentence path shows a moved block (:func:`unspun.kernels.order.moved_block`: a farm
moved a paragraph), the details may follow that move, and only that one: the ordered count is then the larger of
the plain count and the details told in order inside each of the two runs' stretches, counted apart. A move
the details find on their own is not allowed, since independent reports of one briefing often tell its details
in two blocks of their own (allowing it made two more SemEval same-event pairs ``derived``, 9/57 instead of 7/57).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from unspun.kernels.facts import SHORT_NAME_WORD, SPECIFIC_KINDS, Fact, name_word_variants
from unspun.kernels.order import BlockMove
from unspun.kernels.tokens import Token

LONG_WORD = 9
"""Letters from which a content word, used at most twice in its text, is a detail: news prose of 9+ letters
is mostly specific vocabulary ("bankruptcy", "spokeswoman", "parliamentary"); shorter words are common ones."""


@dataclass(frozen=True)
class Retelling:
    """How one text retells another: ``shared`` details of ``details_a`` and ``details_b``, ``ordered`` of them
    told in the same order by both."""

    details_a: int
    details_b: int
    shared: int
    ordered: int


def _fact_details(fact: Fact) -> list[tuple]:
    """The detail keys of one fact: one per name word, else the fact's own normalised key."""
    if fact.kind == "entity":
        return [("name", word) for word in fact.key[1:]]
    return [] if fact.weak else [fact.key]


Details = Mapping[tuple, int]
"""A text's distinct details in order of first mention, each with the index of the sentence it is first told in."""


def text_details(sentences: Iterable[tuple[int, tuple[Token, ...], tuple[Fact, ...]]]) -> dict[tuple, int]:
    """A text's distinct details in order of first mention, each with the index of the sentence that first tells
    it; ``sentences`` are (sentence index, tokens, facts) in reading order."""
    sentences = list(sentences)
    counts = Counter(t.stem for _, tokens, _ in sentences for t in tokens if t.is_content and not t.is_number)
    seen: dict[tuple, int] = {}
    for index, tokens, facts in sentences:
        found = [(f.span[0], key) for f in facts if f.kind in SPECIFIC_KINDS for key in _fact_details(f)]
        found += [(t.start, ("word", t.stem)) for t in tokens
                  if len(t.norm) >= LONG_WORD and t.is_content and not t.is_number and not t.is_capitalised
                  and counts[t.stem] <= 2]
        for _, key in sorted(found):
            seen.setdefault(key, index)
    return seen


def same_names(details_a: Details, details_b: Details) -> Details:
    """``details_b`` with each name word that A writes another way (:func:`unspun.kernels.facts.name_word_variants`:
    "Tories" for "Tory", "Lib Dems" for "Liberal Democrats") keyed as A writes it.

    A rewrite spells out or shortens names ("the Liberal Democrats" for "the Lib Dems"), which the changed
    facts already accept as the same name; its details must too, or the report's "keeps 9 of 19 details" counts
    names it kept as lost. Only words neither text shares exactly are paired, and only one-to-one (each the
    other's single variant), so the pairing is the same whichever text is A.
    """
    a_free = [key for key in details_a if key[0] == "name" and key not in details_b]
    b_free = [key for key in details_b if key[0] == "name" and key not in details_a]
    if not a_free or not b_free:
        return details_b
    # Variants share their first letters (a plural, a longer form, a cut of 3+ letters), so only words that
    # do are tested: two texts on different stories have few such pairs, and a scan compares many of them.
    b_by_start: dict[str, list[tuple]] = {}
    for b in b_free:
        b_by_start.setdefault(b[1][:SHORT_NAME_WORD], []).append(b)
    a_variants = {a: [b for b in b_by_start.get(a[1][:SHORT_NAME_WORD], ()) if name_word_variants(a[1], b[1])]
                  for a in a_free}
    b_variants: dict[tuple, list[tuple]] = {b: [] for b in b_free}
    for a, found in a_variants.items():
        for b in found:
            b_variants[b].append(a)
    renamed = {b: found[0] for b, found in b_variants.items() if len(found) == 1 and a_variants[found[0]] == [b]}
    return {renamed.get(key, key): sentence for key, sentence in details_b.items()} if renamed else details_b


def longest_increasing(values: list[int]) -> int:
    """Length of the longest strictly increasing subsequence of ``values`` (patience sorting, n log n)."""
    tails: list[int] = []
    for value in values:
        at = bisect_left(tails, value)
        tails[at:at + 1] = [value]
    return len(tails)


def retelling(details_a: Details, details_b: Details, move: BlockMove | None = None) -> Retelling:
    """The details A and B share and how many of them both tell in the same order, following the sentence
    path's ``move`` when there is one (see the module docstring). A name word one text writes another way
    is one detail (:func:`same_names`)."""
    details_b = same_names(details_a, details_b)
    b_rank = {key: rank for rank, key in enumerate(details_b)}
    in_a_order = [b_rank[key] for key in details_a if key in b_rank]
    ordered = longest_increasing(in_a_order)
    if move is not None:
        ordered = max(ordered, _ordered_within_runs(details_a, details_b, b_rank, move))
    return Retelling(len(details_a), len(details_b), len(in_a_order), ordered)


def _ordered_within_runs(details_a: Details, details_b: Details, b_rank: dict[tuple, int], move: BlockMove) -> int:
    """Shared details told in the same order inside the stretch of each run of ``move``, summed over the two
    runs (a detail told in one run's stretch in A and in the other's in B is not in order)."""
    runs: dict[int, list[int]] = {1: [], 2: []}
    for key, a_sentence in details_a.items():
        if key in b_rank and (run := move.run_of(a_sentence, details_b[key])) is not None:
            runs[run].append(b_rank[key])
    return longest_increasing(runs[1]) + longest_increasing(runs[2])
