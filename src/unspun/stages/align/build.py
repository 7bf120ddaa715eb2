"""Turn a sentence group into an :class:`Alignment`: its kind, word-level diff and changed facts."""

from __future__ import annotations

from dataclasses import replace

from unspun.config import CompareConfig
from unspun.kernels.diff import token_diff, word_similarity
from unspun.kernels.facts import compare_facts, negation_change
from unspun.kernels.polarity import polarity_change
from unspun.model import Alignment, AlignmentKind, Document
from unspun.stages.align.match import Group
from unspun.stages.candidates import SentenceView


def _shape(group: Group) -> AlignmentKind:
    """``merge``/``split`` for 2-1/1-2 groups; a 1-1 group reads as ``paraphrase`` until its words are compared
    (:func:`_one_to_one_kind`)."""
    if len(group.a) > len(group.b):
        return "merge"
    if len(group.b) > len(group.a):
        return "split"
    return "paraphrase"


def _one_to_one_kind(a_words: list[str], b_words: list[str], similarity: float,
                     config: CompareConfig) -> AlignmentKind:
    """Verbatim, minor edit or paraphrase, by word similarity."""
    if a_words == b_words:
        return "verbatim"
    return "minor_edit" if similarity >= config.minor_edit_similarity else "paraphrase"


def document_fact_keys(views: dict[int, SentenceView]) -> frozenset:
    """The keys of every fact of a document, from its sentence views."""
    return frozenset(fact.key for view in views.values() for fact in view.facts)


def outline_alignment(doc_a: Document, doc_b: Document, group: Group) -> Alignment:
    """The group's sentences, spans and evidence, which is all coverage and the verdict read; its kind is its
    shape only ("merge", "split", else "paraphrase") and it has no diff and no facts. A comparison builds the
    full record (:func:`build_alignment`) only for a reuse verdict: the others report no alignments, and a scan
    verifies thousands of such pairs."""
    return Alignment(a_sentences=group.a, b_sentences=group.b,
                     a_spans=tuple(doc_a.sentences[i].span for i in group.a),
                     b_spans=tuple(doc_b.sentences[i].span for i in group.b), kind=_shape(group),
                     score=group.score, diff=())


def build_alignment(doc_a: Document, doc_b: Document, group: Group, *, views: tuple[dict[int, SentenceView],
                    dict[int, SentenceView]], fact_keys: tuple[frozenset, frozenset],
                    config: CompareConfig) -> Alignment:
    """The full record for one aligned group of sentences; ``views`` are the sentence views of A and of B,
    ``fact_keys`` the keys of each document's facts (:func:`document_fact_keys`)."""
    a_views, b_views = views
    a_tokens = tuple(t for i in group.a for t in a_views[i].tokens)
    b_tokens = tuple(t for i in group.b for t in b_views[i].tokens)
    a_facts = tuple(f for i in group.a for f in a_views[i].facts)
    b_facts = tuple(f for i in group.b for f in b_views[i].facts)
    changed, kept = compare_facts(a_facts, b_facts, a_tokens, b_tokens, documents=fact_keys)
    changed += [c for c in (negation_change(a_tokens, b_tokens), polarity_change(a_tokens, b_tokens)) if c]
    outline = outline_alignment(doc_a, doc_b, group)
    kind = outline.kind
    if len(group.a) == len(group.b):
        kind = _one_to_one_kind([t.norm for t in a_tokens], [t.norm for t in b_tokens],
                                word_similarity(a_tokens, b_tokens), config)
    return replace(outline, kind=kind, changed_facts=tuple(changed), kept_facts=tuple(kept),
                   diff=token_diff(a_tokens, b_tokens, a_start=doc_a.sentences[group.a[0]].span[0],
                                   b_start=doc_b.sentences[group.b[0]].span[0]))
