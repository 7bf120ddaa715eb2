"""Candidates: which sentence pairs might be reuse, found by embeddings and scored with word evidence."""

from unspun.stages.candidates.pairs import Candidates, PairEvidence, SentenceView, find_candidates, view_sentences

__all__ = ["Candidates", "PairEvidence", "SentenceView", "find_candidates", "view_sentences"]
