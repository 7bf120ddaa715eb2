"""Passages and shingles: the pure kernels the index is cut with."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from unspun.index.passages import passage_spans, shingles
from unspun.stages.segment import make_document

WORDS = st.sampled_from("port storm ferry council budget rain Kesta officials said Tuesday 40 ships".split())
SENTENCES = st.lists(WORDS, min_size=1, max_size=25).map(lambda words: " ".join(words).capitalize() + ".")
TEXTS = st.lists(st.lists(SENTENCES, min_size=1, max_size=6).map(" ".join), min_size=1, max_size=6).map("\n".join)


@settings(max_examples=60, deadline=None)
@given(TEXTS, st.integers(min_value=5, max_value=80))
def test_passages_tile_the_body_sentences_in_order(text, min_words):
    doc = make_document(text, doc_id="t")
    spans = passage_spans(doc, min_words)
    body = [s for s in doc.sentences if s.role == "body"]
    starts, ends = {s.span[0] for s in body}, {s.span[1] for s in body}
    assert all(start in starts and end in ends and start < end for start, end in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    covered = [s for s in body if any(start <= s.span[0] and s.span[1] <= end for start, end in spans)]
    assert covered == body


def test_passages_reach_the_word_minimum_except_the_last():
    text = " ".join(f"Sentence number {n} has exactly seven words." for n in range(10))
    doc = make_document(text, doc_id="t")
    spans = passage_spans(doc, 20)
    assert [len(text[start:end].split()) for start, end in spans] == [21, 21, 28]


def test_shingles_are_distinct_lowercase_word_ngrams():
    assert shingles("The port, the PORT reopened.", 2) == ["port reopened", "port the", "the port"]
    assert shingles("Two words", 3) == ["two words"] and shingles("  ", 3) == []
