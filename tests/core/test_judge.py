"""Judge: verdict, direction (from the texts alone, or from dates), coverage, and dropped/added/boilerplate."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from unspun import ConfigError, compare, compare_files
from unspun.stages.judge import DirectionEvidence, decide_direction
from unspun.stages.judge.direction import NO_SIGN

FOOTER = "Comments are closed, but trackbacks and pingbacks are open."


@pytest.mark.parametrize("reverse", [False, True], ids=["original-first", "rewrite-first"])
def test_rewrites_and_copies_are_derived(corpus, story, derived_variant, reverse):
    assert corpus.compare(story, derived_variant, reverse=reverse).verdict == "derived"


@pytest.mark.parametrize("reverse", [False, True], ids=["original-first", "rewrite-first"])
def test_independent_articles_on_the_same_event_are_same_story(corpus, story, reverse):
    comparison = corpus.compare(story, "same_story", reverse=reverse)
    assert comparison.verdict == "same_story"
    _assert_no_reuse_reported(comparison)


def test_unrelated_articles_are_unrelated(corpus, story):
    comparison = corpus.compare(story, "unrelated")
    assert comparison.verdict == "unrelated"
    _assert_no_reuse_reported(comparison)


def _assert_no_reuse_reported(comparison):
    assert comparison.source is None
    assert (comparison.coverage.a_in_b, comparison.coverage.b_in_a) == (0.0, 0.0)
    assert comparison.alignments == comparison.dropped == comparison.added == comparison.changed_facts == ()


def test_a_column_quoting_one_paragraph_is_partially_derived(corpus):
    comparison = corpus.compare("port_strike", "partial_reuse")
    assert comparison.verdict == "partially_derived"
    quoted = [comparison.b.sentences[i].text for al in comparison.alignments for i in al.b_sentences]
    assert [text[:20] for text in quoted] == ["Around forty contain", "Freight companies wa", "Shares in Harwell Lo"]
    assert {al.kind for al in comparison.alignments} == {"verbatim"}


@pytest.mark.parametrize("variant", ["paraphrase", "trimmed_footer"])
@pytest.mark.parametrize("reverse", [False, True], ids=["original-first", "rewrite-first"])
def test_original_is_found_from_the_texts_alone(corpus, story, variant, reverse):
    comparison = corpus.compare(story, variant, reverse=reverse)
    assert comparison.source == ("b" if reverse else "a")
    assert comparison.direction.method == "text"
    assert 0.5 < comparison.direction.confidence <= 1.0
    assert comparison.direction.reasons


@pytest.mark.parametrize("dates, source", [(("2024-03-01", "2024-03-05"), "a"), (("2024-03-05", "2024-03-01"), "b"),
                                           (("2024-03-01T09:00:00Z", "2024-03-01T08:59:00+00:00"), "b")])
def test_dates_decide_direction_even_against_the_text(corpus, embedder, dates, source):
    original, rewrite = corpus.path("port_strike", "original"), corpus.path("port_strike", "paraphrase")
    comparison = compare_files(original, rewrite, date_a=dates[0], date_b=dates[1], embedder=embedder)
    assert (comparison.source, comparison.direction.method) == (source, "dates")
    assert comparison.verdict == "derived"


@pytest.mark.parametrize("dates", [("2024-03-01", "2024-03-01"), ("2024-03-01", None), (None, None)])
def test_equal_or_missing_dates_fall_back_to_the_text(corpus, embedder, dates):
    rewrite, original = corpus.path("port_strike", "paraphrase"), corpus.path("port_strike", "original")
    comparison = compare_files(rewrite, original, date_a=dates[0], date_b=dates[1], embedder=embedder)
    assert (comparison.source, comparison.direction.method) == ("b", "text")


@pytest.mark.parametrize("bad", ["yesterday", "07/02/2024", "2024-13-01", "2024-02-30"])
def test_a_bad_date_is_a_clear_error(corpus, embedder, bad):
    with pytest.raises(ConfigError, match="date of b") as error:
        compare_files(corpus.path("port_strike", "original"), corpus.path("port_strike", "paraphrase"),
                      date_a="2024-02-01", date_b=bad, embedder=embedder)
    assert repr(bad) in str(error.value) and "ISO 8601" in str(error.value)


def test_coverage_of_a_trimmed_copy_is_exact(corpus, story):
    comparison = corpus.compare(story, "trimmed_footer")
    original, copy = comparison.a, comparison.b
    kept = {s.text for s in copy.body}
    kept_chars = sum(s.length for s in original.body if s.text in kept)
    assert comparison.coverage.b_in_a == 1.0
    assert comparison.coverage.a_in_b == pytest.approx(kept_chars / original.body_chars)


def test_coverage_is_symmetric_under_swapping(corpus, story, derived_variant):
    forward = corpus.compare(story, derived_variant).coverage
    backward = corpus.compare(story, derived_variant, reverse=True).coverage
    assert (forward.a_in_b, forward.b_in_a) == pytest.approx((backward.b_in_a, backward.a_in_b))


def test_direction_is_the_same_whichever_text_is_a(corpus, story, derived_variant):
    """The same original and confidence both ways round; only an exact tie (no evidence either way, a near
    copy: confidence 0.5) names A both times."""
    forward = corpus.compare(story, derived_variant).direction
    backward = corpus.compare(story, derived_variant, reverse=True).direction
    assert forward.confidence == pytest.approx(backward.confidence, abs=1e-12)
    if forward.confidence > 0.5:
        assert {"a": "b", "b": "a"}[forward.source] == backward.source


@pytest.mark.parametrize("reverse", [False, True], ids=["original-first", "rewrite-first"])
def test_dropped_and_added_text_of_a_paraphrase(corpus, reverse):
    comparison = corpus.compare("port_strike", "paraphrase", reverse=reverse)
    source, derived = ("b", "a") if reverse else ("a", "b")
    assert {p.side for p in comparison.dropped} == {source} and {p.side for p in comparison.added} == {derived}
    dropped = " ".join(p.text for p in comparison.dropped)
    for gone in ("Around forty container ships", "Freight companies warned", "Shares in Harwell Logistics",
                 "Local MP Priya Castellano"):
        assert gone in dropped
    assert [p.text[:27] for p in comparison.added] == ["The dispute underscores mou"]


@pytest.mark.parametrize("reverse", [False, True], ids=["original-first", "rewrite-first"])
def test_footer_is_boilerplate_not_added_text(corpus, story, reverse):
    comparison = corpus.compare(story, "trimmed_footer", reverse=reverse)
    footer_side = "a" if reverse else "b"
    assert [(p.side, p.text) for p in comparison.boilerplate] == [(footer_side, FOOTER)]
    assert comparison.added == ()
    assert all(FOOTER not in p.text for p in comparison.dropped)


def test_nothing_dropped_or_added_between_near_copies(corpus, story):
    comparison = corpus.compare(story, "near_copy")
    assert comparison.dropped == comparison.added == ()
    assert (comparison.coverage.a_in_b, comparison.coverage.b_in_a) == (1.0, 1.0)


SIGNALS = [field.name for field in fields(DirectionEvidence)]


@pytest.mark.parametrize("signal", SIGNALS)
def test_each_direction_signal_points_the_right_way(signal):
    for sign, source in ((1.0, "a"), (-1.0, "b")):
        evidence = DirectionEvidence(**{name: (sign if name == signal else 0.0) for name in SIGNALS})
        direction = decide_direction(evidence, None, None)
        assert (direction.source, direction.method) == (source, "text")
        assert 0.5 < direction.confidence < 1.0


def test_two_copies_of_one_text_say_they_give_no_sign_of_the_original(corpus, story):
    """A is named (a scan links the copies), but the report must not read as if the texts had said so."""
    text = corpus.text(story, "original")
    direction = compare(text, text, embedder=corpus.embedder).direction
    assert (direction.source, direction.confidence, direction.reasons) == ("a", 0.5, (NO_SIGN,))


@pytest.mark.parametrize(("word", "style"), [("underscoring", True), ("Garnered", True), ("highlights", True),
                                             ("reported", False), ("reports", False), ("decision", False),
                                             ("demonstrators", False), ("initial", False), ("addition", False)])
def test_rewrite_style_words_are_whole_words_not_stems(word, style):
    """Everyday news words that share a stem with a rewrite-style word ("reportedly", "demonstrating") are not
    rewrite style; they made original reporting look rewritten."""
    from unspun.kernels.tokens import tokenize
    from unspun.stages.judge.direction import style_counts, style_rate

    assert (style_counts(word)[0] == 1) is style
    assert (style_rate(tokenize(word), word) > 0) is style


@pytest.mark.parametrize(("text", "count"), [
    ("The festival books Morrissey, Supergrass, and Idlewild.", 1),
    ("The festival books Morrissey, Supergrass and Idlewild.", 0),
    ("Rail, bus, or tram fares rise, as do parking, taxi, and ferry charges.", 2),
    ("Its brands have continued to perform strongly, however, and barely lost revenue.", 0),
    ("Overall, the company's debt is close to 12bn euros, and is falling only slowly.", 0),
    ("He called Leeds, Hull. And York was next.", 0),
])
def test_serial_commas_close_lists_of_three_not_clauses(text, count):
    """The serial comma LLM rewriters write and news house style leaves out: only list-closing commas count,
    not a comma before "and" that ends a clause or follows a connective."""
    from unspun.kernels.tokens import tokenize
    from unspun.stages.judge.direction import serial_commas

    assert serial_commas(tokenize(text), text) == count


def test_a_rewrite_that_adds_serial_commas_reads_as_the_rewrite():
    """Two texts that differ only in the list's comma: the one with the serial comma is the derived one."""
    from unspun import compare

    plain = ("The council will repair the bridge, the library and the pool this summer. Work starts in June and "
             "the budget is four million pounds, the mayor told reporters on Monday.")
    serial = plain.replace("the library and the pool", "the library, and the pool")
    assert compare(plain, serial).source == "a"
    assert compare(serial, plain).source == "b"


def _weak_pair(a_sentences: tuple[int, ...], b_sentence: int, score: float = 0.55):
    """A paraphrase-level alignment of 100-character sentences (a merge when ``a_sentences`` has two)."""
    from unspun.model import Alignment

    kind = "merge" if len(a_sentences) > 1 else "paraphrase"
    return Alignment(a_sentences=a_sentences, b_sentences=(b_sentence,),
                     a_spans=tuple((100 * i, 100 * i + 100) for i in a_sentences),
                     b_spans=((100 * b_sentence, 100 * b_sentence + 100),), kind=kind, score=score, diff=())


def test_a_merge_counts_as_one_sentence_of_evidence_for_derived():
    from unspun.config import CompareConfig
    from unspun.model import Coverage
    from unspun.stages.judge.verdict import decide_verdict

    cover, story, config = Coverage(a_in_b=0.6, b_in_a=0.6), (0.0, 0.0), CompareConfig()
    two_pairs_one_merge = (_weak_pair((0,), 0), _weak_pair((1, 2), 1))
    three_pairs = (*two_pairs_one_merge, _weak_pair((3,), 2))
    assert decide_verdict(cover, two_pairs_one_merge, story, config) != "derived"
    assert decide_verdict(cover, three_pairs, story, config) == "derived"


@pytest.mark.parametrize("share", [0.3, 0.5, 0.7])
@pytest.mark.parametrize("reverse", [False, True], ids=["article-first", "excerpt-first"])
def test_a_verbatim_excerpt_cut_mid_word_is_taken_from_its_article(share, reverse):
    """An aggregator's "read more" copy of an article's opening, cut mid-word. Style is counted over the
    aligned sentences (the excerpt and the opening share theirs) and the one cut word is no wording evidence;
    with whole-text style and any replacement counting, the excerpt was called the original."""
    article = (Path(__file__).parent.parent / "fixtures" / "retold" / "long_original.txt").read_text(encoding="utf-8")
    excerpt = article[:int(len(article) * share)]
    comparison = compare(excerpt, article) if reverse else compare(article, excerpt)
    assert comparison.verdict == "derived"
    assert comparison.source == ("b" if reverse else "a")
