"""Candidates: embedding neighbours scored with word evidence, so that every true pair is found."""

from __future__ import annotations

from unspun import CompareConfig, load_document, text_document
from unspun.stages.candidates import find_candidates, prepare_document, view_sentences

CONFIG = CompareConfig()


def _candidates(corpus, embedder, story, variant):
    a = load_document(corpus.path(story, "original"))
    b = load_document(corpus.path(story, variant))
    return a, b, find_candidates(prepare_document(a, embedder), prepare_document(b, embedder), CONFIG)


def test_views_cover_title_and_body_but_not_boilerplate(corpus, story):
    doc = load_document(corpus.path(story, "trimmed_footer"))
    views = view_sentences(doc)
    assert sorted(views) == [s.index for s in doc.sentences if s.role != "boilerplate"]
    for index, view in views.items():
        assert all(doc.text[t.start:t.end] == t.text for t in view.tokens)
        assert all(doc.sentences[index].span[0] <= f.span[0] < f.span[1] <= doc.sentences[index].span[1]
                   and doc.text[slice(*f.span)] == f.text for f in view.facts)


def test_pairs_are_body_pairs_above_the_floor_best_first(corpus, embedder, story):
    a, b, candidates = _candidates(corpus, embedder, story, "paraphrase")
    a_body, b_body = {s.index for s in a.body}, {s.index for s in b.body}
    scores = [p.score for p in candidates.pairs]
    assert scores == sorted(scores, reverse=True)
    assert all(p.a in a_body and p.b in b_body and p.score >= CONFIG.candidate_floor for p in candidates.pairs)
    assert all(0.0 <= p.dice <= 1.0 and -1.0 <= p.cosine <= 1.0 + 1e-6 for p in candidates.pairs)


def test_every_kept_sentence_finds_its_twin(corpus, embedder, story):
    a, b, candidates = _candidates(corpus, embedder, story, "trimmed_footer")
    pairs = {(p.a, p.b) for p in candidates.pairs}
    twins = [(s.index, t.index) for s in a.body for t in b.body if s.text == t.text]
    assert twins and all(twin in pairs for twin in twins)


def test_titles_are_scored_as_a_pair(corpus, embedder):
    _, _, candidates = _candidates(corpus, embedder, "port_strike", "paraphrase")
    assert candidates.title_pair is not None and (candidates.title_pair.a, candidates.title_pair.b) == (0, 0)


def test_no_body_means_no_pairs(embedder):
    a = text_document("Just a headline\n\nComments are closed, but trackbacks and pingbacks are open.", doc_id="a")
    b = text_document("Another headline\n\nLeave a Reply", doc_id="b")
    assert find_candidates(prepare_document(a, embedder), prepare_document(b, embedder), CONFIG).pairs == ()

