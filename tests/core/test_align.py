"""Align: which sentences of the original became which sentences of the rewrite, and how (the kind)."""

from __future__ import annotations

import pytest

from unspun.kernels.tokens import tokenize

# Which original sentence(s) each body sentence of the paraphrase was written from, by sentence openings, as the
# rewrites were made by hand; None marks a sentence the rewrite added.
PARAPHRASE_SOURCES = {
    "port_strike": {
        "The Kelmsby Port Authority has warned": ["The Kelmsby Port Authority said"],
        "Chief executive Daniel Voss described": ["Its chief executive, Daniel Voss"],
        "The dispute underscores": None,
        "Over 1,200 workers": ["More than 1,200 dockworkers"],
        "Organised by the Coastal": ["The strike, called by"],
        "According to union organiser": ["Union organiser Marta"],
        "Speaking outside the main gate": ["\"We have been patient"],
        "The union has said the strike": ["The union said the strike"],
        "Conciliation officers are set": ["Conciliation officers are expected"],
    },
    "tram_line": {
        "Varnholt's Chamber of Commerce": ["Business groups broadly", "The Varnholt Chamber of Commerce"],
        "On Tuesday night, the city council": ["Varnholt city council voted"],
        "The decision came after": ["The vote followed"],
        "Mayor Ines Calder, who made": ["Mayor Ines Calder, who campaigned"],
        "Work is scheduled to start": ["Construction will begin"],
        "With 14 stations": ["The 14-station line"],
        "The approval marks": None,
    },
    "lake_bloom": {
        "Scientists at Tessaly University": ["Researchers from Tessaly University"],
        "Team leader Dr Yusuf Haldane": ["Dr Yusuf Haldane, who leads"],
        "On Friday, Halden County officials": ["Officials in Halden County"],
        "Roughly 38%": ["The bloom now covers"],
        "Local tourism businesses": ["Tourism operators fear"],
        "According to the Lake Orrin": ["The Lake Orrin Business Association"],
        "Colette Marsh, the association's": ["Its chairwoman, Colette Marsh"],
        "The closures highlight": None,
        "Beaches will remain closed": ["The county will reopen"],
    },
    "food_results": {
        "Brightwater Foods has upgraded": ["Shares in Brightwater Foods rose"],
        "Quarterly revenue reached": ["The company said revenue"],
        "The frozen food group's": ["Sales of its Harvest Table"],
        "Speaking to analysts": ["Chief executive Helen Marchetti"],
        "She confirmed that": ["She said the company will open"],
        "The strong performance": None,
        "Analysts at Corran Securities described": ["Analysts at Corran Securities said"],
        "Notably, the stock": ["The shares have gained"],
    },
}
_MISSED = "quality: a loose paraphrase with synonyms scores below align_threshold 0.5 ({})"
PARAPHRASE_CASES = [
    "port_strike", "tram_line",
    pytest.param("lake_bloom", marks=pytest.mark.xfail(strict=True, reason=_MISSED.format(
        "'Local tourism businesses are bracing...' vs 'Tourism operators fear...': evidence 0.35; recall 7/8"))),
    # food_results' loose pair ('Notably, the stock has climbed nearly 40%...' vs 'The shares have gained almost
    # 40%...', evidence 0.46) aligns since issue 13: it lies between two strong neighbours on the order-keeping path.
    "food_results",
]


def _expected_sources(corpus, comparison, story):
    """{B sentence index: set of A sentence indices (empty when added)} from the hand-made map."""
    expected = {}
    for b_prefix, a_prefixes in PARAPHRASE_SOURCES[story].items():
        b_index = corpus.sentence_index(comparison.b, b_prefix)
        expected[b_index] = {corpus.sentence_index(comparison.a, p) for p in a_prefixes or ()}
    assert set(expected) == {s.index for s in comparison.b.body}, "the map must name every body sentence"
    return expected


def _alignment_of(comparison, a_prefix=None, b_prefix=None):
    """The one alignment using the sentence of A (or B) that starts with the prefix."""
    found = [al for al in comparison.alignments
             if (a_prefix and any(comparison.a.sentences[i].text.startswith(a_prefix) for i in al.a_sentences))
             or (b_prefix and any(comparison.b.sentences[i].text.startswith(b_prefix) for i in al.b_sentences))]
    assert len(found) == 1, f"{len(found)} alignments for {a_prefix or b_prefix!r}"
    return found[0]


def test_paraphrase_alignments_are_never_wrong(corpus, story):
    comparison = corpus.compare(story, "paraphrase")
    expected = _expected_sources(corpus, comparison, story)
    for alignment in comparison.alignments:
        if comparison.b.sentences[alignment.b_sentences[0]].role == "title":
            assert alignment.a_sentences == (0,)
            continue
        for b_index in alignment.b_sentences:
            assert set(alignment.a_sentences) <= expected[b_index], comparison.b.sentences[b_index].text


@pytest.mark.parametrize("paraphrase_story", PARAPHRASE_CASES)
def test_paraphrase_recall_reaches_ninety_percent(corpus, paraphrase_story):
    comparison = corpus.compare(paraphrase_story, "paraphrase")
    expected = _expected_sources(corpus, comparison, paraphrase_story)
    derived = {b for b, sources in expected.items() if sources}
    found = {b for al in comparison.alignments for b in al.b_sentences
             if b in derived and set(al.a_sentences) & expected[b]}
    assert len(found) / len(derived) >= 0.9, sorted(derived - found)


def test_added_sentence_is_not_aligned(corpus, story):
    comparison = corpus.compare(story, "paraphrase")
    added = [b for b, sources in _expected_sources(corpus, comparison, story).items() if not sources]
    assert not {b for al in comparison.alignments for b in al.b_sentences} & set(added)


def test_verbatim_copies_are_verbatim(corpus, story):
    comparison = corpus.compare(story, "trimmed_footer")
    body = [al for al in comparison.alignments if comparison.a.sentences[al.a_sentences[0]].role == "body"]
    assert len(body) == len(comparison.b.body)
    assert {al.kind for al in comparison.alignments} == {"verbatim"}
    assert all(al.score == pytest.approx(1.0) and {e.op for e in al.diff} == {"equal"} for al in body)


@pytest.mark.parametrize("story_name, variant, b_prefix, kind", [
    ("port_strike", "near_copy", "More than 1,200 dockworkers", "minor_edit"),
    ("lake_bloom", "near_copy", "The bloom now covers", "minor_edit"),
    ("tram_line", "near_copy", "Opponents argued", "minor_edit"),
    ("port_strike", "near_copy", "The strike, called by", "verbatim"),
    ("port_strike", "paraphrase", "Over 1,200 workers", "paraphrase"),
    ("lake_bloom", "paraphrase", "On Friday, Halden County officials", "paraphrase"),
])
def test_one_to_one_kinds(corpus, story_name, variant, b_prefix, kind):
    alignment = _alignment_of(corpus.compare(story_name, variant), b_prefix=b_prefix)
    assert (len(alignment.a_sentences), len(alignment.b_sentences), alignment.kind) == (1, 1, kind)


@pytest.mark.parametrize("story_name, variant, a_prefixes, b_prefix", [
    ("port_strike", "near_copy", ("Around forty container ships", "Freight companies warned"),
     "Around forty container ships"),
    ("tram_line", "paraphrase", ("Business groups broadly", "The Varnholt Chamber of Commerce"),
     "Varnholt's Chamber of Commerce"),
])
def test_two_sentences_joined_into_one_are_a_merge(corpus, story_name, variant, a_prefixes, b_prefix):
    comparison = corpus.compare(story_name, variant)
    alignment = _alignment_of(comparison, b_prefix=b_prefix)
    assert alignment.kind == "merge"
    assert alignment.a_sentences == tuple(corpus.sentence_index(comparison.a, p) for p in a_prefixes)
    assert len(alignment.b_sentences) == 1 and len(alignment.a_spans) == 2


def test_one_sentence_cut_in_two_is_a_split(corpus):
    comparison = corpus.compare("food_results", "near_copy")
    alignment = _alignment_of(comparison, a_prefix="Sales of its Harvest Table")
    assert alignment.kind == "split"
    assert alignment.b_sentences == (corpus.sentence_index(comparison.b, "Sales of its Harvest Table"),
                                     corpus.sentence_index(comparison.b, "The growth was helped"))


def test_merge_seen_from_the_other_side_is_a_split(corpus):
    comparison = corpus.compare("port_strike", "near_copy", reverse=True)
    alignment = _alignment_of(comparison, a_prefix="Around forty container ships")
    assert alignment.kind == "split" and len(alignment.b_sentences) == 2


def test_alignment_structure(corpus, story, derived_variant):
    comparison = corpus.compare(story, derived_variant)
    used_a = [i for al in comparison.alignments for i in al.a_sentences]
    used_b = [i for al in comparison.alignments for i in al.b_sentences]
    assert len(used_a) == len(set(used_a)) and len(used_b) == len(set(used_b))
    assert [al.b_sentences[0] for al in comparison.alignments] == sorted(al.b_sentences[0]
                                                                         for al in comparison.alignments)
    for al in comparison.alignments:
        assert 0.0 <= al.score <= 1.0 + 1e-6  # float32 cosines; the exact bound is tested below
        assert al.kind == {(2, 1): "merge", (1, 2): "split"}.get((len(al.a_sentences), len(al.b_sentences)),
                                                                 al.kind)
        assert len(al.a_sentences) + len(al.b_sentences) <= 3
        assert al.a_sentences == tuple(sorted(al.a_sentences)) and al.b_sentences == tuple(sorted(al.b_sentences))
        roles = {comparison.a.sentences[i].role for i in al.a_sentences} | \
            {comparison.b.sentences[i].role for i in al.b_sentences}
        assert "boilerplate" not in roles and len(roles) == 1
        a_words = [t.norm for i in al.a_sentences for t in tokenize(comparison.a.sentences[i].text)]
        b_words = [t.norm for i in al.b_sentences for t in tokenize(comparison.b.sentences[i].text)]
        assert (al.kind == "verbatim") == (a_words == b_words)


def test_scores_never_exceed_one(corpus):
    comparison = corpus.compare("food_results", "trimmed_footer")
    assert max(al.score for al in comparison.alignments) <= 1.0


def test_rose_versus_fell_is_never_a_silent_match(corpus):
    comparison = corpus.compare("port_strike", "facts_changed")
    alignment = _alignment_of(comparison, b_prefix="Shares in Harwell Logistics")
    assert alignment.kind != "verbatim"
    replaced = [(comparison.a.text[slice(*e.a_span)], comparison.b.text[slice(*e.b_span)])
                for e in alignment.diff if e.op == "replace"]
    assert replaced == [("fell", "rose")]
    assert [(f.kind, f.a_text, f.b_text) for f in alignment.changed_facts] == [("polarity", "fell", "rose")]
