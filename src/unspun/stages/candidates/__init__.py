"""Candidates: which sentence pairs might be reuse, found by embeddings and scored with word evidence."""

from unspun.stages.candidates.pairs import (
    Candidates,
    PairEvidence,
    PreparedDocument,
    SentenceView,
    find_candidates,
    prepare_document,
    prepare_documents,
    view_sentences,
)

__all__ = ["Candidates", "PairEvidence", "PreparedDocument", "SentenceView", "find_candidates", "prepare_document",
           "prepare_documents", "view_sentences"]
