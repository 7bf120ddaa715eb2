"""The scan's view of the whole collection: every document's metadata, the occurrences of short lines, the
rewrite-style counts and leaked chatbot phrases, read from the features the index keeps for every batch
(:mod:`unspun.index.features`), so a scan never re-reads the texts for them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from unspun.index.features import Features
from unspun.scan.boilerplate import LineOccurrences
from unspun.scan.config import ScanConfig
from unspun.scan.records import DocumentMeta

if TYPE_CHECKING:
    from unspun.index import Index

_MIN_WORDS = 2


@dataclass(frozen=True)
class CorpusFacts:
    """Documents in key order, line occurrences, style counts and leaked phrases."""

    documents: tuple[DocumentMeta, ...]
    occurrences: LineOccurrences
    style: dict[int, tuple[int, int]]
    """``{document key: (rewrite-style words, words)}``."""
    leaked: dict[int, str]
    """``{document key: the first leaked chatbot phrase}``."""


def line_occurrences(features: Features, config: ScanConfig) -> LineOccurrences:
    """The sentences that can be template text at all: short lines of at least two words."""
    keep = (features.line_chars <= config.boilerplate_max_chars) & (features.line_words >= _MIN_WORDS)
    return LineOccurrences(features.line_hashes[keep], features.line_docs[keep])


def corpus_facts(index: Index, config: ScanConfig) -> CorpusFacts:
    """Everything the scan's later phases need to know of every document, from the index."""
    features = index.features()
    documents = tuple(DocumentMeta(key, doc_id, site, date, title)
                      for key, doc_id, site, date, title in index.metadata())
    keys = features.doc_keys.tolist()
    style = dict(zip(keys, zip(features.style_words.tolist(), features.words.tolist(), strict=True), strict=True))
    leaked = {key: phrase for key, phrase in zip(keys, features.leaked.tolist(), strict=True) if phrase}
    return CorpusFacts(documents, line_occurrences(features, config), style, leaked)
