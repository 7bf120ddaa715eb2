"""The whole pipeline: every span of every record slices back, changed and kept facts, determinism."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unspun import InputError, compare_files
from unspun.config import CompareConfig
from unspun.model import REUSE_VERDICTS, VERDICTS
from unspun.pipeline import compare_documents
from unspun.stages.report import to_json
from unspun.stages.segment import make_document

FIXTURES = Path(__file__).parent.parent / "fixtures"

ALL_VARIANTS = ("paraphrase", "near_copy", "facts_changed", "trimmed_footer", "same_story", "unrelated")

# The facts each facts_changed copy changed, as written by hand: (kind, original, copy).
CHANGED_BY_HAND = {
    "port_strike": [("number", "1,200", "1,800"), ("number", "2009", "1998"),
                    ("entity", "Marta Oyelaran", "Helen Strand"), ("percentage", "4.5%", "6.5%"),
                    ("quote", "\"We have been patient for eighteen months, and patience does not pay the rent,\"",
                     "\"We have been patient for eighteen months, and patience does not pay the bills,\""),
                    ("amount", "£30 million", "£45 million"), ("polarity", "fell", "rose"),
                    ("date", "1 February", "8 February"), ("negation", None, "not")],
    "tram_line": [("number", "9", "8"), ("number", "4", "5"), ("amount", "$2bn", "$3bn"),
                  ("entity", "Ines Calder", "Tomas Lindqvist"), ("number", "2031", "2034"),
                  ("date", "1 February", "1 March"), ("polarity", "risen", "fallen"), ("negation", None, "not"),
                  ("quote", "\"Nobody in this chamber can promise you the budget will hold,\"",
                   "\"Nobody in this chamber can promise you the schedule will hold,\"")],
    "lake_bloom": [("percentage", "38%", "58%"), ("entity", "Tessaly University", "Marlow College"),
                   ("quote", "\"The lake is telling us something, and we have not been listening,\"",
                    "\"The lake is telling us something, and we have not been paying attention,\""),
                   ("negation", None, "not"), ("amount", "$18 million", "$28 million"),
                   ("date", "14 July", "21 July")],
    "food_results": [("polarity", "rose", "fell"), ("percentage", "18%", "11%"),
                     ("quote", "\"comfortably outpaced even our own optimistic plans\"",
                      "\"comfortably outpaced our most cautious plans\""),
                     ("negation", None, "not"), ("entity", "Oakfield Group", "Kestrel Holdings"),
                     ("date", "31 January", "31 March")],
}


@pytest.mark.parametrize("variant", ALL_VARIANTS)
@pytest.mark.parametrize("reverse", [False, True], ids=["original-first", "variant-first"])
def test_every_span_slices_back_on_every_fixture(corpus, check_offsets, story, variant, reverse):
    check_offsets(corpus.compare(story, variant, reverse=reverse))


def test_every_span_slices_back_on_partial_reuse(corpus, check_offsets):
    check_offsets(corpus.compare("port_strike", "partial_reuse"))


def _inside(doc, pieces, side):
    """Indices of the sentences of ``doc`` lying inside one of the ``pieces`` of ``side``."""
    spans = [p.span for p in pieces if p.side == side]
    return {s.index for s in doc.sentences if any(start <= s.span[0] and s.span[1] <= end for start, end in spans)}


def assert_accounting(comparison):
    """Every body sentence is aligned or listed (dropped in the source, added in the derived text), never both;
    boilerplate pieces are exactly the boilerplate sentences; coverage is the aligned share of body characters."""
    docs = {"a": comparison.a, "b": comparison.b}
    aligned = {"a": {i for al in comparison.alignments for i in al.a_sentences},
               "b": {i for al in comparison.alignments for i in al.b_sentences}}
    for side, doc in docs.items():
        body = {s.index for s in doc.body}
        assert _inside(doc, comparison.boilerplate, side) == {s.index for s in doc.sentences
                                                                if s.role == "boilerplate"}
        share = sum(s.length for s in doc.body if s.index in aligned[side]) / doc.body_chars
        assert getattr(comparison.coverage, f"{side}_in_{'b' if side == 'a' else 'a'}") == pytest.approx(share)
        if comparison.source is None:
            continue
        listed = comparison.dropped if side == comparison.source else comparison.added
        unlisted = comparison.added if side == comparison.source else comparison.dropped
        assert _inside(doc, listed, side) == body - aligned[side]
        assert not [p for p in unlisted if p.side == side]
    if comparison.source is None:
        assert comparison.dropped == comparison.added == ()


@pytest.mark.parametrize("variant", ALL_VARIANTS)
def test_every_sentence_is_accounted_for(corpus, story, variant):
    assert_accounting(corpus.compare(story, variant))
    assert_accounting(corpus.compare(story, variant, reverse=True))


def test_every_changed_fact_is_reported_and_nothing_else(corpus, story):
    comparison = corpus.compare(story, "facts_changed")
    reported = Counter((f.kind, f.a_text, f.b_text) for f in comparison.changed_facts)
    assert reported == Counter(CHANGED_BY_HAND[story])


def test_a_paraphrase_that_keeps_every_figure_reports_none_changed(corpus, story):
    """The paraphrases move figures between sentences (the port story's headline count, told in the original's
    first sentence): moved is not dropped."""
    for reverse in (False, True):
        comparison = corpus.compare(story, "paraphrase", reverse=reverse)
        assert [f for f in comparison.changed_facts if f.kind in ("number", "amount", "percentage", "date")] == []


def test_changed_facts_seen_from_the_other_side_swap(corpus):
    forward = corpus.compare("port_strike", "facts_changed")
    backward = corpus.compare("port_strike", "facts_changed", reverse=True)
    assert Counter((f.kind, f.b_text, f.a_text) for f in backward.changed_facts) == \
        Counter((f.kind, f.a_text, f.b_text) for f in forward.changed_facts)


_MIRRORED = {"insert": "delete", "delete": "insert", "merge": "split", "split": "merge"}


def _told_from(comparison, first: str) -> tuple:
    """What a comparison says, told with its text ``first`` ("a" or "b") first: the comparison of the same two
    texts given the other way round, told from "b", must say exactly the same."""
    def pair(a_side, b_side):
        return (a_side, b_side) if first == "a" else (b_side, a_side)

    def name(word: str) -> str:
        return word if first == "a" else _MIRRORED.get(word, word)

    alignments = sorted((*pair(al.a_sentences, al.b_sentences), name(al.kind), round(al.score, 12),
                         tuple((name(e.op), *pair(e.a_span, e.b_span)) for e in al.diff),
                         tuple(sorted((f.kind, *pair(str(f.a_text), str(f.b_text))) for f in al.changed_facts)))
                        for al in comparison.alignments)
    cover = comparison.coverage
    return (comparison.verdict, round(comparison.direction.confidence, 12),
            pair(round(cover.a_in_b, 12), round(cover.b_in_a, 12)), alignments,
            sorted((*pair(p.a_span, p.b_span), p.kind) for p in comparison.passages),
            comparison.retold.probability, comparison.retold.sentences_in_order)


@pytest.mark.parametrize("variant", ALL_VARIANTS)
def test_compare_is_the_same_whichever_text_is_a(corpus, story, variant):
    """Verdict, confidence, coverage, alignments with their diffs and facts, passages and the retelling, all
    mirrored: no tie anywhere in the pipeline is broken by which text came first."""
    forward = corpus.compare(story, variant)
    backward = corpus.compare(story, variant, reverse=True)
    assert _told_from(forward, "a") == _told_from(backward, "b")
    if forward.direction.confidence > 0.5:
        assert {"a": "b", "b": "a"}[forward.source] == backward.source


def test_near_copies_change_no_fact(corpus, story):
    assert corpus.compare(story, "near_copy").changed_facts == ()


def test_facts_written_differently_are_kept(corpus):
    kept = {(f.kind, f.a_text, f.b_text) for f in corpus.compare("tram_line", "near_copy").kept_facts}
    assert {("amount", "$2bn", "$2 billion"), ("date", "1 February", "February 1st"),
            ("percentage", "25%", "25 percent"), ("percentage", "40%", "40 per cent"),
            ("number", "3,500", "3,500")} <= kept


def test_paraphrase_keeps_its_figures(corpus):
    kept = {(f.kind, f.a_text) for f in corpus.compare("port_strike", "paraphrase").kept_facts}
    assert {("number", "1,200"), ("amount", "£30 million"), ("percentage", "4.5%"), ("number", "2009"),
            ("date", "1 February")} <= kept


def test_figures_spelled_out_are_not_changed_facts(corpus):
    comparison = corpus.compare("tram_line", "paraphrase")
    vote = corpus.sentence_index(comparison.b, "On Tuesday night, the city council")
    (alignment,) = [al for al in comparison.alignments if vote in al.b_sentences]
    assert alignment.changed_facts == ()


@pytest.mark.parametrize("variant", ["paraphrase", "facts_changed", "same_story"])
def test_same_input_gives_identical_json_bytes(corpus, embedder, variant):
    paths = (corpus.path("lake_bloom", "original"), corpus.path("lake_bloom", variant))
    first = to_json(compare_files(*paths, embedder=embedder)).encode()
    second = to_json(compare_files(*paths, embedder=embedder)).encode()
    assert first == second
    assert first == to_json(corpus.compare("lake_bloom", variant)).encode()


_VOCABULARY = ["the", "council", "said", "on", "Tuesday", "Mayor", "Ines", "Calder", "rose", "fell", "3%", "$2bn",
               "not", "will", "1,200", "workers", "1 February", "port", "Kelmsby's", "union", "“a fair deal”",
               "\"we will not wait\"", "U.S.", "Dr", "budget", "strike", "shares", "2031", "naïve", "costs"]


@st.composite
def articles(draw):
    """A headline and 3-8 sentences of news-like words, in 1-3 paragraphs."""
    sentences = []
    for _ in range(draw(st.integers(3, 8))):
        words = draw(st.lists(st.sampled_from(_VOCABULARY), min_size=4, max_size=18))
        sentences.append(" ".join(words).capitalize() + draw(st.sampled_from([".", ".", "?", "!"])))
    cut = draw(st.integers(1, len(sentences)))
    return "Headline about the port\n\n" + " ".join(sentences[:cut]) + "\n\n" + " ".join(sentences[cut:])


@st.composite
def rewrites(draw, text):
    """A copy of ``text`` with sentences swapped, words replaced or dropped, and maybe a footer."""
    words = text.split(" ")
    for _ in range(draw(st.integers(0, 6))):
        position = draw(st.integers(0, len(words) - 1))
        words[position] = draw(st.sampled_from(_VOCABULARY + [""]))
    rewritten = " ".join(word for word in words if word)
    paragraphs = rewritten.split("\n\n")
    if draw(st.booleans()) and len(paragraphs) > 2:
        paragraphs[1], paragraphs[2] = paragraphs[2], paragraphs[1]
    footer = draw(st.sampled_from(["", "\n\nComments are closed, but trackbacks and pingbacks are open."]))
    return "\n\n".join(paragraphs) + footer


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_span_slices_back_on_generated_texts(compare_texts, check_offsets, data):
    original = data.draw(articles())
    rewrite = data.draw(rewrites(original))
    comparison = compare_texts(original, rewrite)
    check_offsets(comparison)
    assert_accounting(comparison)
    assert comparison.verdict in VERDICTS
    assert 0.0 <= comparison.coverage.a_in_b <= 1.0 and 0.0 <= comparison.coverage.b_in_a <= 1.0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=400), st.text(min_size=1, max_size=400))
def test_arbitrary_unicode_gives_a_result_or_an_input_error(compare_texts, check_offsets, text_a, text_b):
    try:
        comparison = compare_texts(text_a + "\nShares rose 3% on Monday.", text_b)
    except InputError as error:
        assert not text_b.strip() and error.source == "b"
        return
    check_offsets(comparison)


def test_windows_line_endings_keep_offsets_and_change_nothing(corpus, compare_texts, check_offsets):
    text = corpus.text("port_strike", "original")
    comparison = compare_texts(text, text.replace("\n", "\r\n"))
    check_offsets(comparison)
    assert comparison.verdict == "derived" and comparison.changed_facts == ()
    assert {al.kind for al in comparison.alignments} == {"verbatim"}
    assert (comparison.coverage.a_in_b, comparison.coverage.b_in_a) == (1.0, 1.0)


@pytest.mark.parametrize(("first", "second"), [(("retold", "independent_a"), ("retold", "independent_b")),
                                               (("lake_bloom", "original"), ("lake_bloom", "paraphrase"))])
def test_reuse_passages_only_changes_nothing_but_the_passages_of_other_pairs(embedder, first, second):
    """A scan skips the passage stage for pairs it keeps no passages of; nothing else may change."""
    docs = [make_document(FIXTURES.joinpath(*name).with_suffix(".txt").read_text(encoding="utf-8"), doc_id=name[1])
            for name in (first, second)]
    full = compare_documents(*docs, embedder=embedder, config=CompareConfig())
    scan = compare_documents(*docs, embedder=embedder, config=CompareConfig(), reuse_passages_only=True)
    assert full.passages, "the pair must have passages for the test to mean anything"
    expected = full.passages if full.verdict in REUSE_VERDICTS else ()
    assert scan.passages == expected
    assert replace(scan, passages=()) == replace(full, passages=())
