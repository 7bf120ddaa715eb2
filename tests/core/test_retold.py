"""Whole-text retelling evidence: details kept in order, the order-keeping path, and what the verdict makes of
them, on the hand-written ``tests/fixtures/retold`` articles (an invented dam failure): a heavy rewrite of the
original (every sentence reworded, two merged, paragraphs reordered, one detail dropped) and two reports of the
same event written independently of each other."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unspun import CompareConfig, compare, compare_files
from unspun.embed import default_embedder
from unspun.kernels.facts import extract_facts
from unspun.kernels.order import block_path, monotone_path, moved_block
from unspun.kernels.retold import Retelling, longest_increasing, retelling, text_details
from unspun.kernels.tokens import tokenize
from unspun.stages.align.match import Group, fill_between_strong
from unspun.stages.candidates import find_candidates, prepare_document
from unspun.stages.judge.retold import RetoldEvidence, _related_body, details_in_order, is_retelling, retold_evidence
from unspun.stages.segment import make_document

RETOLD = Path(__file__).parent.parent / "fixtures" / "retold"
UNRELATED = Path(__file__).parent.parent / "fixtures" / "unrelated"


def _details(*sentences: str) -> dict[tuple, int]:
    views = []
    for index, text in enumerate(sentences):
        tokens = tokenize(text)
        views.append((index, tokens, extract_facts(text, 0, tokens)))
    return text_details(views)


def test_details_are_names_figures_dates_and_rare_words_in_order_of_first_mention():
    details = _details("On 3 March the council of Brenning spent £4 million on resurfacing.",
                       "Brenning will spend 12% more next year.")
    assert list(details.items()) == [(("date", "mar", 3, None), 0), (("name", "brenning"), 0),
                                     (("amount", "£", 4e6), 0), (("word", "resurfac"), 0),
                                     (("percentage", "", 12.0), 1)]


def test_retelling_counts_shared_details_and_those_in_the_same_order():
    first = (("name", "a"), ("name", "b"), ("name", "c"), ("name", "d"))
    second = (("name", "b"), ("name", "a"), ("name", "c"), ("name", "e"), ("name", "d"))
    told = retelling(first, second)
    assert (told.details_a, told.details_b, told.shared, told.ordered) == (4, 5, 4, 3)


def test_a_name_written_another_way_is_one_detail():
    """"Lib Dems" spelled out, "Tories" in the singular: kept names, as the changed facts already read them."""
    first = _details("The Lib Dems and the Tories met in Harwick.", "Talks ended on 3 March.")
    second = _details("The Liberal Democrats met a Tory delegation in Harwick.", "Talks ended on 3 March.")
    assert (retelling(first, second).shared, retelling(first, second).ordered) == (5, 5)
    assert retelling(second, first).shared == 5


def test_a_name_word_with_two_possible_long_forms_stays_unpaired():
    first = _told("lib", "harwick")
    assert retelling(first, _told("liberal", "harwick")).shared == 2
    assert retelling(first, _told("liberal", "libya", "harwick")).shared == 1
    assert retelling(_told("al", "harwick"), _told("alan", "harwick")).shared == 1


@given(st.lists(st.sampled_from(["lib", "libs", "liberal", "liberals", "libya", "dems", "democrats", "tory",
                                 "tories", "cosmo", "cosmopolitan", "al", "alan"]), unique=True, max_size=6),
       st.lists(st.sampled_from(["lib", "libs", "liberal", "liberals", "libya", "dems", "democrats", "tory",
                                 "tories", "cosmo", "cosmopolitan", "al", "alan"]), unique=True, max_size=6))
def test_name_variants_pair_the_same_whichever_text_is_a(first_words, second_words):
    first, second = _told(*first_words), _told(*second_words)
    forward, backward = retelling(first, second), retelling(second, first)
    assert (forward.shared, forward.ordered) == (backward.shared, backward.ordered)
    assert forward.shared >= len(set(first_words) & set(second_words))


def _told(*keys: str) -> dict[tuple, int]:
    """Details named ``keys``, each told in its own sentence, in that order."""
    return {("name", key): sentence for sentence, key in enumerate(keys)}


def test_details_follow_the_block_the_sentence_path_moved():
    """B tells A's second half (details e-h, sentences 4-7) first: in order, only one half counts; once the
    path shows that move, both halves do, each in its own order. Details in the gap between the runs (d and h,
    off the path) could belong to either run and count in neither."""
    first, second = _told(*"abcdefgh"), _told(*"efghabcd")
    path = [(0, 4, 0.6), (2, 6, 0.6), (4, 0, 0.6), (6, 2, 0.6)]
    move = moved_block(path)
    assert move is not None
    assert retelling(first, second).ordered == 4
    assert retelling(first, second, move).ordered == 6
    assert retelling(second, first, moved_block(sorted((b, a, score) for a, b, score in path))).ordered == 6
    assert retelling(first, second, moved_block([(0, 4, 0.6), (3, 7, 0.6), (4, 0, 0.6), (7, 3, 0.6)])).ordered == 8


def test_details_do_not_follow_a_move_of_their_own():
    """Details moved where the sentence path shows no move (or another one) stay out of order: independent
    reports tell a briefing's details in blocks of their own."""
    first, second = _told(*"abcdefgh"), _told(*"efghabcd")
    assert moved_block([(0, 0, 0.6), (2, 2, 0.6), (4, 4, 0.6)]) is None
    elsewhere = moved_block([(0, 6, 0.6), (1, 7, 0.6), (2, 0, 0.6), (3, 1, 0.6)])
    assert retelling(first, second, elsewhere).ordered == 4


def test_a_path_whose_runs_interleave_moved_no_block():
    assert moved_block([(0, 2, 0.6), (1, 6, 0.6), (2, 0, 0.6), (3, 4, 0.6)]) is None


@given(st.permutations(range(8)), st.permutations(range(8)),
       st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7), st.floats(0.45, 1)), max_size=12))
def test_details_in_order_are_the_same_whichever_text_is_a(order_a, order_b, pairs):
    first, second = _told(*(str(k) for k in order_a)), _told(*(str(k) for k in order_b))
    path = block_path(pairs, 0.4)
    move = moved_block(path)
    swapped = moved_block(sorted((b, a, score) for a, b, score in path))
    assert (move is None) == (swapped is None)
    assert retelling(first, second, move).ordered == retelling(second, first, swapped).ordered
    assert retelling(first, second, move).ordered >= retelling(first, second).ordered


@given(st.lists(st.integers(0, 30), max_size=40))
def test_longest_increasing_is_a_strictly_increasing_subsequence_length(values):
    length = longest_increasing(values)
    assert length <= len(set(values))
    assert length == (0 if not values else length) and (length >= 1) == bool(values)


@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20), st.floats(0, 1)), max_size=60))
def test_monotone_path_keeps_order_and_uses_each_sentence_once(pairs):
    path = monotone_path(pairs, 0.4)
    assert all(score > 0.4 for _, _, score in path)
    assert all(a1 < a2 and b1 < b2 for (a1, b1, _), (a2, b2, _) in zip(path, path[1:], strict=False))
    assert set(path) <= set(pairs)


def test_monotone_path_prefers_order_over_one_strong_crossing_pair():
    pairs = [(0, 0, 0.6), (1, 1, 0.6), (2, 2, 0.6), (3, 3, 0.6), (1, 3, 0.9), (3, 1, 0.9)]
    assert [(a, b) for a, b, _ in monotone_path(pairs, 0.4)] == [(0, 0), (1, 1), (2, 2), (3, 3)]


def test_block_path_takes_a_moved_block_with_its_own_order():
    pairs = [(0, 3, 0.8), (1, 4, 0.8), (2, 5, 0.8), (3, 0, 0.8), (4, 1, 0.8), (5, 2, 0.8)]
    assert block_path(pairs, 0.4) == pairs
    assert len(monotone_path(pairs, 0.4)) == 3


def test_block_path_needs_two_pairs_a_side_or_one_strong_pair_to_call_something_a_moved_block():
    """A lead moved to the end is one sentence of a block: it counts when its pair is strong (``lone``)."""
    pairs = [(0, 1, 0.8), (1, 2, 0.8), (2, 0, 0.8)]
    assert block_path(pairs, 0.4) == monotone_path(pairs, 0.4) == [(0, 1, 0.8), (1, 2, 0.8)]
    assert block_path(pairs, 0.4, lone=0.5) == pairs
    assert block_path([(0, 1, 0.8), (1, 2, 0.8), (2, 0, 0.45)], 0.4, lone=0.5) == [(0, 1, 0.8), (1, 2, 0.8)]


def _breaks(path: list[tuple[int, int, float]], side: int) -> int:
    """Places where ``side`` (0: A, 1: B) goes back along ``path`` read in the other side's order."""
    ordered = sorted(path, key=lambda pair: pair[1 - side])
    return sum(later[side] < earlier[side] for earlier, later in zip(ordered, ordered[1:], strict=False))


@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20), st.floats(0, 1)), max_size=60),
       st.sampled_from([math.inf, 0.5]))
def test_block_path_is_two_ordered_runs_using_each_sentence_once_and_never_worse(pairs, lone):
    path = block_path(pairs, 0.4, lone=lone)
    assert set(path) <= set(pairs) and all(score > 0.4 for _, _, score in path)
    assert len({a for a, _, _ in path}) == len({b for _, b, _ in path}) == len(path)
    assert path == sorted(path) and min(_breaks(path, 0), _breaks(path, 1)) <= 1
    total = sum(score - 0.4 for _, _, score in path)
    assert total >= sum(score - 0.4 for _, _, score in monotone_path(pairs, 0.4)) - 1e-9


@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20), st.floats(0, 1)), max_size=60),
       st.sampled_from([math.inf, 0.5]))
def test_block_path_is_as_good_whichever_text_is_a(pairs, lone):
    swapped = [(b, a, score) for a, b, score in pairs]
    total = sum(score - 0.4 for _, _, score in block_path(pairs, 0.4, lone=lone))
    assert total == pytest.approx(sum(score - 0.4 for _, _, score in block_path(swapped, 0.4, lone=lone)), abs=1e-9)


def test_block_path_keeps_the_weaker_of_the_splits_along_a_and_along_b():
    """Split along B, (2, 0) (4, 1) then (0, 5) (1, 6) (3, 7) is two ordered runs of 5 pairs, but their A
    sentences interleave; split along A, the best is 4 pairs. The 4 are kept, whichever text is A: a move
    counts only as far as both texts show it."""
    pairs = [(0, 5, 0.9), (1, 6, 0.9), (2, 0, 0.9), (3, 7, 0.9), (4, 1, 0.9)]
    path = block_path(pairs, 0.4)
    assert len(path) == 4
    assert sorted((a, b, s) for b, a, s in block_path([(b, a, s) for a, b, s in pairs], 0.4)) == path


def test_of_equally_good_paths_the_same_one_is_kept_whichever_text_is_a():
    """Verbatim repeats score alike: (0, 4) and (2, 1) are equally good one-pair paths; the earlier one in both
    texts, (2, 1), is kept both ways round."""
    pairs = [(0, 4, 1.0), (2, 1, 1.0), (4, 1, 1.0)]
    assert block_path(pairs, 0.4) == [(2, 1, 1.0)]
    assert block_path([(b, a, s) for a, b, s in pairs], 0.4) == [(1, 2, 1.0)]


def test_a_rewrite_whose_second_half_was_moved_first_is_still_a_retelling():
    """A farm moves paragraphs (the seed pair does): the heavy rewrite with its second half before its first
    keeps its sentences in order inside each half; a single order-keeping run keeps only one half of them
    (3 sentences in order: ``partially_derived``)."""
    title, *paragraphs = (RETOLD / "heavy_rewrite.txt").read_text(encoding="utf-8").split("\n\n")
    half = len(paragraphs) // 2
    moved = "\n\n".join([title, *paragraphs[half:], *paragraphs[:half]])
    comparison = compare((RETOLD / "original.txt").read_text(encoding="utf-8"), moved)
    assert comparison.verdict == "derived"
    assert comparison.retold.sentences_in_order >= 6 and comparison.retold.moved_block
    assert "one block moved" in comparison.retold.summary("A", "B")


def test_a_short_rewrite_whose_lead_was_moved_to_the_end_is_still_a_retelling():
    """Two sentences of the heavy rewrite, then the lead, lightly reworded, moved last (as farms do): the lead
    pair is strong enough to stand alone for the moved block, so all three sentences keep the original's
    order around one move (a single order-keeping run keeps one of them: ``partially_derived``)."""
    rewrite = [s.text for s in make_document((RETOLD / "heavy_rewrite.txt").read_text(encoding="utf-8"),
                                             doc_id="rewrite").body]
    lead = ("Some 340 people in Pellinge village were moved out on Tuesday night when part of the spillway at "
            "Carrow Dam failed in heavy rain.")
    comparison = compare((RETOLD / "original.txt").read_text(encoding="utf-8"), " ".join([*rewrite[1:5:3], lead]))
    assert comparison.verdict == "derived"
    assert comparison.retold.sentences_in_order == 3 and comparison.retold.moved_block


@pytest.mark.parametrize("reverse", [False, True])
def test_the_details_of_a_moved_half_count_in_order_once_it_is_put_back(reverse):
    """The original with its second half moved first: the path shows the move, and the details follow it
    (21 of 42 in order when they could not)."""
    title, *paragraphs = (RETOLD / "original.txt").read_text(encoding="utf-8").split("\n\n")
    half = len(paragraphs) // 2
    moved = "\n\n".join([title, *paragraphs[half:], *paragraphs[:half]])
    original = (RETOLD / "original.txt").read_text(encoding="utf-8")
    retold = compare(*((moved, original) if reverse else (original, moved))).retold
    assert retold.moved_block and retold.kept == retold.details
    assert retold.in_order >= 0.9 * retold.kept


def test_a_weak_pair_aligns_only_between_two_strong_neighbours():
    strong = [Group((1,), (1,), 0.8), Group((3,), (3,), 0.7)]
    path = ((1, 1, 0.8), (2, 2, 0.45), (3, 3, 0.7), (4, 5, 0.45))
    added = fill_between_strong(strong, path)[len(strong):]
    assert added == [Group((2,), (2,), 0.45)]


@pytest.mark.parametrize("reverse", [False, True])
def test_heavy_rewrite_is_derived_from_its_original(reverse):
    a, b = RETOLD / "original.txt", RETOLD / "heavy_rewrite.txt"
    comparison = compare_files(*((b, a) if reverse else (a, b)))
    assert comparison.verdict == "derived"
    assert comparison.source == ("b" if reverse else "a")
    retold = comparison.retold
    assert retold.kept >= 0.6 * retold.details and retold.in_order >= 0.8 * retold.kept
    assert "specific details" in retold.summary("A", "B")


def test_retelling_carries_a_rewrite_whose_sentences_are_all_weak():
    """With sentence pairs needing 0.8 evidence almost nothing aligns on its own; the order-keeping path and
    the details kept in order still show the retelling, and its pairs become the alignment."""
    strict = CompareConfig().with_options(align_threshold=0.8)
    comparison = compare_files(RETOLD / "original.txt", RETOLD / "heavy_rewrite.txt", config=strict)
    assert comparison.verdict == "derived"
    assert comparison.retold.probability >= 0.5
    assert all(alignment.score > strict.retold_floor for alignment in comparison.alignments)


def test_independent_reports_of_one_event_are_the_same_story():
    comparison = compare_files(RETOLD / "independent_a.txt", RETOLD / "independent_b.txt")
    assert comparison.verdict == "same_story"
    assert comparison.retold.probability < 0.5
    assert comparison.to_dict()["retold"]["kept"] == comparison.retold.kept


@pytest.mark.parametrize("reverse", [False, True])
def test_a_rewrite_of_a_long_articles_opening_is_derived_from_it(reverse):
    """A farm rewrites only the first paragraphs of a long article: its path through the article is measured on
    the stretch it retells, not diluted by the paragraphs it never touched."""
    a, b = RETOLD / "long_original.txt", RETOLD / "excerpt_rewrite.txt"
    comparison = compare_files(*((b, a) if reverse else (a, b)))
    assert comparison.verdict == "derived"
    assert comparison.source == ("b" if reverse else "a")
    assert comparison.retold.probability >= 0.5 and comparison.retold.sentences_in_order == 3
    assert not comparison.retold.moved_block


@pytest.mark.parametrize("reverse", [False, True])
def test_padding_after_a_rewrite_does_not_dilute_its_retelling(reverse):
    """A farm appends an unrelated paragraph (here three sentences about a library) to its rewrite of an
    article's opening: the rewrite is counted over the span that relates to the article, so the padding does
    not hide the retelling (probability 0.37 when the padding counted, 0.76 for the rewrite alone)."""
    library = (UNRELATED / "library_reopens.txt").read_text(encoding="utf-8").split("\n\n")
    padded = (RETOLD / "excerpt_rewrite.txt").read_text(encoding="utf-8") + "\n\n" + library[3]
    article = (RETOLD / "long_original.txt").read_text(encoding="utf-8")
    comparison = compare(*((padded, article) if reverse else (article, padded)))
    assert comparison.verdict == "derived" and comparison.source == ("b" if reverse else "a")
    assert comparison.retold.probability >= 0.5 and comparison.retold.sentences_in_order == 3


def test_a_related_span_counts_only_when_it_keeps_three_sentences_and_half_the_text():
    doc = make_document(" ".join(f"Sentence number {n} is here." for n in range(8)), doc_id="d")
    indices = [s.index for s in doc.body]
    assert _related_body(doc, set(indices[1:5])) == 4
    assert _related_body(doc, {indices[2], indices[3]}) == 8
    assert _related_body(doc, {indices[0], indices[2]}) == 8
    assert _related_body(doc, set()) == 8


@pytest.mark.parametrize("first, second", list(itertools.combinations(
    ["original", "heavy_rewrite", "independent_a", "independent_b", "long_original", "excerpt_rewrite"], 2)))
def test_retelling_evidence_is_the_same_whichever_text_is_a(first, second):
    """The path, its share and the verdict do not depend on the order the texts are given in (with the block
    split along A only, independent_a against independent_b was 0.37 one way round and 0.29 the other)."""
    text_a, text_b = ((RETOLD / f"{name}.txt").read_text(encoding="utf-8") for name in (first, second))
    forward, backward = compare(text_a, text_b), compare(text_b, text_a)
    assert forward.verdict == backward.verdict
    assert forward.retold.probability == pytest.approx(backward.retold.probability, abs=1e-12)
    assert forward.retold.sentences_in_order == backward.retold.sentences_in_order


def test_a_long_article_does_not_make_an_independent_report_of_its_event_a_retelling():
    comparison = compare_files(RETOLD / "long_original.txt", RETOLD / "independent_a.txt")
    assert comparison.verdict != "derived"
    assert comparison.retold.probability < 0.5


def _evidence(shared: int, ordered: int, told_whole: bool = False):
    """Retelling evidence with a dense order-keeping path and ``ordered`` of ``shared`` details in order."""
    told = Retelling(details_a=24, details_b=24, shared=shared, ordered=ordered)
    return RetoldEvidence(retelling=told, path=((0, 0, 0.6), (1, 1, 0.6), (2, 2, 0.6)), move=None,
                          details=ordered / 24, path_share=0.9, path_mean=0.6, told_whole=told_whole)


@pytest.mark.parametrize(("shared", "ordered", "told_whole", "expected"), [
    (4, 4, False, False), (4, 4, True, True), (4, 2, True, False), (0, 0, True, False), (6, 5, False, True)])
def test_a_text_told_whole_along_the_path_needs_no_minimum_of_details(shared, ordered, told_whole, expected):
    """Five details in order are asked of a retelling, because a few names fall in order by chance; a short
    text whose every sentence lies on the order-keeping path shows the order in its sentences, and needs only
    most of the details it shares to be in order (and at least one)."""
    evidence = _evidence(shared=shared, ordered=ordered, told_whole=told_whole)
    assert details_in_order(evidence, CompareConfig()) is expected


@pytest.mark.parametrize(("first", "second", "expected"), [
    ("long_original", "excerpt_rewrite", True), ("independent_a", "independent_b", False),
    ("original", "heavy_rewrite", False)])
def test_a_text_is_told_whole_when_every_sentence_of_its_related_span_lies_on_the_path(first, second, expected):
    """The three-sentence excerpt rewrite lies wholly on its path through the long article; the heavy rewrite
    merges sentences (fewer path pairs than sentences), and independent reports meet here and there."""
    embedder = default_embedder()
    a, b = (prepare_document(make_document((RETOLD / f"{name}.txt").read_text(encoding="utf-8"), doc_id=name),
                             embedder) for name in (first, second))
    evidence = retold_evidence(a, b, find_candidates(a, b, CompareConfig()), CompareConfig())
    assert evidence.told_whole is expected


@pytest.mark.parametrize(("ordered", "expected"), [(9, False), (10, True), (16, True)])
def test_a_retelling_tells_most_of_the_shared_details_in_the_same_order(ordered, expected):
    """Two reports of one briefing share many of its names but tell them in their own order: 9 of 19 in order
    (what a random order gives) is not a retelling however dense the sentence path, 10 of 19 is."""
    evidence = _evidence(shared=19, ordered=ordered)
    assert evidence.score() >= 0.0
    assert is_retelling(evidence, CompareConfig()) is expected
