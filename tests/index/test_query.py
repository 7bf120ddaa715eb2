"""Querying the planted collection: paraphrase, near copy, two-source composite, unrelated text."""

from __future__ import annotations

import pytest

from unspun.errors import InputError
from unspun.index import Index, SourceMatch
from unspun.model import REUSE_VERDICTS


def test_heavy_paraphrase_finds_its_source_first(index, planted):
    matches = index.query(planted["paraphrase"])
    assert matches[0].doc_id == "port-storm"
    assert matches[0].verdict == "derived"
    assert matches[0].coverage.b_in_a > 0.8


def test_near_copy_is_found_by_the_lsh_and_verified(index, planted):
    matches = index.query(planted["near_copy"], top=3)
    assert [matches[0].doc_id, matches[0].verdict] == ["council-budget", "derived"]
    assert any(a.kind in ("verbatim", "minor_edit") for a in matches[0].comparison.alignments)


def test_composite_gives_each_source_its_share(index, planted):
    matches = index.query(planted["composite"])
    by_id = {match.doc_id: match for match in matches}
    flood, election = by_id["flood-norberg"], by_id["election-tarsk"]
    assert flood.verdict in REUSE_VERDICTS and election.verdict in REUSE_VERDICTS
    assert set(flood.suspect_sentences).isdisjoint(election.suspect_sentences)
    assert flood.sentence_ranges == ((0, 2),) and election.sentence_ranges == ((3, 4),)
    assert flood.share > 0.5 > election.share > 0.3
    assert sum(match.share for match in matches) <= 1.0 + 1e-9


def test_unrelated_text_has_no_derived_source(index, planted):
    assert all(match.verdict not in REUSE_VERDICTS for match in index.query(planted["unrelated"]))


def test_matches_carry_metadata_and_compare_schema(index, planted):
    match: SourceMatch = index.query(planted["paraphrase"], top=1)[0]
    assert (match.title, match.date, match.url, match.site) == (
        "Storm closes Valmora port", "2024-03-05", "https://www.example-news.com/port-storm", "example-news.com")
    data = match.to_dict()
    assert data["comparison"]["verdict"] == match.verdict and data["comparison"]["a"]["id"] == "port-storm"
    assert data["comparison"]["b"]["id"] == "suspect"


def test_query_spans_slice_back_to_the_texts(index, planted):
    for match in index.query(planted["composite"]):
        comparison = match.comparison
        for alignment in comparison.alignments:
            for (start, end), number in zip(alignment.a_spans, alignment.a_sentences, strict=True):
                assert comparison.a.text[start:end] == comparison.a.sentences[number].text
            for (start, end), number in zip(alignment.b_spans, alignment.b_sentences, strict=True):
                assert comparison.b.text[start:end] == comparison.b.sentences[number].text


def test_top_limits_the_number_of_sources(index, planted):
    assert len(index.query(planted["composite"], top=1)) == 1


def test_empty_suspect_is_refused(index):
    with pytest.raises(InputError, match="empty"):
        index.query("   \n")


def test_query_is_deterministic(index, planted):
    first = [m.to_dict() for m in index.query(planted["composite"])]
    assert first == [m.to_dict() for m in index.query(planted["composite"])]


def test_reopened_index_answers_the_same(built_index, planted):
    with Index.open(built_index) as one, Index.open(built_index) as two:
        assert [m.doc_id for m in one.query(planted["paraphrase"])] == [m.doc_id for m in two.query(
            planted["paraphrase"])]
