"""Find candidate sentence pairs between two documents and score each with word-level evidence.

Embeddings give recall (every sentence's nearest neighbours on the other side, in both directions, so a
paraphrase is found however it was reordered); the score adds the words two sentences share, so topic
similarity alone does not make a pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

import numpy as np

from unspun.config import CompareConfig
from unspun.embed.base import Embedder
from unspun.kernels.facts import Fact, clause_openers, extract_facts
from unspun.kernels.retold import text_details
from unspun.kernels.similarity import dice, evidence
from unspun.kernels.tokens import Token, content_stems, tokenize
from unspun.model import Document

NEIGHBOURS = 6
"""Nearest neighbours kept per sentence and direction: reuse of a sentence is among its 6 closest on the other
side in all MixSet dev pairs; more only costs time."""
_BLOCK = 512


@dataclass(frozen=True)
class SentenceView:
    """What the later stages need to know about one sentence: its words, content stems and facts."""

    tokens: tuple[Token, ...]
    stems: frozenset[str]
    facts: tuple[Fact, ...]


class PairEvidence(NamedTuple):
    """Evidence that sentence ``a`` (of A) and sentence ``b`` (of B) are one written from the other.

    A named tuple, not a frozen dataclass: a comparison scores about 150 pairs and a scan compares thousands of
    documents, and a tuple is built several times faster.
    """

    a: int
    b: int
    cosine: float
    dice: float
    score: float


@dataclass(frozen=True)
class PreparedDocument:
    """A segmented document with what every comparison reads from it: its sentence views and vectors.

    Preparing costs most of a comparison (tokens, facts, embeddings); a scan compares one document with many
    others, so it prepares each document once and passes the prepared form to every comparison.
    """

    document: Document
    views: dict[int, SentenceView]
    body_vectors: np.ndarray
    """One unit vector per body sentence, in ``document.body`` order."""
    title_vector: np.ndarray | None
    details: dict[tuple, int]
    """The body's specific details in order of first mention, with the sentence that first tells each
    (:func:`unspun.kernels.retold.text_details`)."""

    _joined: dict[tuple[int, ...], np.ndarray] = field(default_factory=dict, init=False, repr=False, compare=False)

    def joined_vector(self, indices: tuple[int, ...], embedder: Embedder) -> np.ndarray:
        """The vector of the sentences ``indices`` read as one text (a candidate merge or split), by the embedder
        the document was prepared with.

        Kept with the prepared document because the same joins come back: a scan compares a document with many
        others, and half of its joined texts recur (3,901 distinct of 7,826 at 10,000 documents).
        """
        if indices not in self._joined:
            self._joined[indices] = embedder.embed([" ".join(self.document.sentences[i].text for i in indices)])[0]
        return self._joined[indices]

    @cached_property
    def sentence_vectors(self) -> dict[int, np.ndarray]:
        """The body sentence vectors by sentence index (built once per document, not once per comparison)."""
        return {sentence.index: vector for sentence, vector in zip(self.document.body, self.body_vectors,
                                                                    strict=True)}


@dataclass(frozen=True)
class Candidates:
    """Candidate pairs between two documents, best first, with the sentence views they were scored from."""

    pairs: tuple[PairEvidence, ...]
    a_views: dict[int, SentenceView]
    b_views: dict[int, SentenceView]
    title_pair: PairEvidence | None
    document_cosine: float
    """Cosine of the two bodies' mean sentence vectors (topic closeness, used to tell the same story)."""
    a_vectors: dict[int, np.ndarray]
    """The vector of each body sentence of A, by sentence index (alignment re-scores merges against them)."""
    b_vectors: dict[int, np.ndarray]


def _proper_words(sentence_tokens: list[tuple[Token, ...]], openers: list[frozenset[int]]) -> frozenset[str]:
    """Words the document capitalises inside sentences (not opening one or a quotation in it: ``openers``, each
    sentence's :func:`~unspun.kernels.facts.clause_openers`) and never writes in lower case (likely names)."""
    capitalised, lowercase = set(), set()
    for tokens, opening in zip(sentence_tokens, openers, strict=True):
        for position, token in enumerate(tokens):
            if token.text[:1].islower():
                lowercase.add(token.norm)
            elif position not in opening and token.is_capitalised:
                capitalised.add(token.norm)
    return frozenset(capitalised - lowercase)


def view_sentences(doc: Document) -> dict[int, SentenceView]:
    """A view of every title and body sentence of ``doc``, by sentence index."""
    sentences = [s for s in doc.sentences if s.role != "boilerplate"]
    tokens = [tokenize(s.text, s.span[0]) for s in sentences]
    openers = [clause_openers(s.text, s.span[0], words) for s, words in zip(sentences, tokens, strict=True)]
    proper = _proper_words(tokens, openers)
    return {sentence.index: SentenceView(words, content_stems(words),
                                         extract_facts(sentence.text, sentence.span[0], words, proper, opening))
            for sentence, words, opening in zip(sentences, tokens, openers, strict=True)}


def _nearest(queries: np.ndarray, targets: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(query rows, target rows, cosines) of each query's ``k`` nearest targets, in blocks of :data:`_BLOCK`
    queries (two long texts' full similarity matrix would not fit in memory)."""
    rows, cols, sims = [], [], []
    for block in range(0, len(queries), _BLOCK):
        block_sims = queries[block:block + _BLOCK] @ targets.T
        best = np.argpartition(-block_sims, k - 1, axis=1)[:, :k]
        rows.append(np.repeat(np.arange(block, block + len(best)), k))
        cols.append(best.ravel())
        sims.append(np.take_along_axis(block_sims, best, axis=1).ravel())
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(sims)


def _neighbour_pairs(a_vectors: np.ndarray, b_vectors: np.ndarray) -> dict[tuple[int, int], float]:
    """Row/column positions of each sentence's nearest neighbours on the other side, with their cosine (from
    A's side when a pair is among both sides' nearest: A's rows times B's give the pair its cosine)."""
    b_rows, a_cols, b_sims = _nearest(b_vectors, a_vectors, min(NEIGHBOURS, len(a_vectors)))
    a_rows, b_cols, a_sims = _nearest(a_vectors, b_vectors, min(NEIGHBOURS, len(b_vectors)))
    pairs = dict(zip(zip(a_cols.tolist(), b_rows.tolist(), strict=True), b_sims.tolist(), strict=True))
    pairs.update(zip(zip(a_rows.tolist(), b_cols.tolist(), strict=True), a_sims.tolist(), strict=True))
    return pairs


def _score(a: int, b: int, cosine: float, a_views: dict[int, SentenceView],
           b_views: dict[int, SentenceView]) -> PairEvidence:
    """Evidence for one pair of sentence indices."""
    overlap = dice(a_views[a].stems, b_views[b].stems)
    return PairEvidence(a, b, cosine, overlap, evidence(cosine, overlap))


def _title(doc: Document):
    """The document's title sentence, or None."""
    return next((s for s in doc.sentences if s.role == "title"), None)


def _title_pair(a: PreparedDocument, b: PreparedDocument) -> PairEvidence | None:
    """Evidence between the two titles, when both documents have one."""
    if a.title_vector is None or b.title_vector is None:
        return None
    cosine = float(a.title_vector @ b.title_vector)
    return _score(_title(a.document).index, _title(b.document).index, cosine, a.views, b.views)


def _embedded_texts(doc: Document) -> list[str]:
    """The texts of a document that comparisons embed: its body sentences, then its title when it has one."""
    title = _title(doc)
    return [s.text for s in doc.body] + ([title.text] if title is not None else [])


def prepare_document(doc: Document, embedder: Embedder) -> PreparedDocument:
    """Views of every sentence and vectors of the body sentences and the title, in one embedding call."""
    return prepare_documents([doc], embedder)[0]


def prepare_documents(docs: Sequence[Document], embedder: Embedder) -> list[PreparedDocument]:
    """:func:`prepare_document` of many documents with a single embedding call (the embedder's per-call cost
    dominates for one article; each text's vector does not depend on the batch it is embedded in)."""
    texts = [_embedded_texts(doc) for doc in docs]
    vectors = embedder.embed([text for doc_texts in texts for text in doc_texts])
    prepared, start = [], 0
    for doc, doc_texts in zip(docs, texts, strict=True):
        own, start = vectors[start:start + len(doc_texts)], start + len(doc_texts)
        titled, views = _title(doc) is not None, view_sentences(doc)
        details = text_details((s.index, views[s.index].tokens, views[s.index].facts) for s in doc.body)
        prepared.append(PreparedDocument(doc, views, own[:len(doc.body)], own[-1] if titled else None, details))
    return prepared


def find_candidates(a: PreparedDocument, b: PreparedDocument, config: CompareConfig) -> Candidates:
    """Candidate body-sentence pairs of ``a`` and ``b`` whose evidence reaches ``config.candidate_floor``."""
    a_body, b_body = a.document.body, b.document.body
    pairs: list[PairEvidence] = []
    document_cosine = 0.0
    if a_body and b_body:
        for (row, col), cosine in _neighbour_pairs(a.body_vectors, b.body_vectors).items():
            a_index, b_index = a_body[row].index, b_body[col].index
            overlap = dice(a.views[a_index].stems, b.views[b_index].stems)
            score = evidence(cosine, overlap)
            if score >= config.candidate_floor:  # most pairs are not: build records only for those that are
                pairs.append(PairEvidence(a_index, b_index, cosine, overlap, score))
        document_cosine = _mean_cosine(a.body_vectors, b.body_vectors)
    pairs.sort(key=lambda p: (-p.score, p.b, p.a))
    return Candidates(tuple(pairs), a.views, b.views, _title_pair(a, b), document_cosine, a.sentence_vectors,
                      b.sentence_vectors)


def _mean_cosine(a_vectors: np.ndarray, b_vectors: np.ndarray) -> float:
    """Cosine between the mean vectors of two sets of sentence vectors."""
    a_mean, b_mean = a_vectors.mean(axis=0), b_vectors.mean(axis=0)
    norms = float(np.linalg.norm(a_mean) * np.linalg.norm(b_mean))
    return float(a_mean @ b_mean) / norms if norms else 0.0
