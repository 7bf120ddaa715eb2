"""The scan's view of the whole collection: every document's metadata, the occurrences of short lines, the
rewrite-style counts and leaked chatbot phrases, read from the features the index keeps for every batch
(:mod:`unspun.index.features`), so a scan never re-reads the texts for them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from unspun.index.features import Features
from unspun.scan.boilerplate import LineOccurrences
from unspun.scan.config import ScanConfig
from unspun.scan.order import IdOrder
from unspun.scan.records import DocumentMeta

if TYPE_CHECKING:
    from unspun.index import Index

MIN_WORDS = 2


@dataclass(frozen=True)
class CorpusFacts:
    """Documents in scan-key order (:mod:`.order`), line occurrences, style counts and leaked phrases, all
    under scan keys."""

    documents: tuple[DocumentMeta, ...]
    occurrences: LineOccurrences
    style: dict[int, tuple[int, int]]
    """``{document key: (rewrite-style words, words)}``."""
    leaked: dict[int, str]
    """``{document key: the first leaked chatbot phrase}``."""


def rekeyed(features: Features, order: IdOrder) -> Features:
    """Features under scan keys (the per-document arrays in scan-key order; line rows keep theirs)."""
    doc_keys = order.scan_keys(features.doc_keys)
    rows = np.argsort(doc_keys, kind="stable")
    return replace(features, doc_keys=doc_keys[rows], line_docs=order.scan_keys(features.line_docs),
                   style_words=features.style_words[rows], words=features.words[rows], leaked=features.leaked[rows])


def line_occurrences(features: Features, config: ScanConfig) -> LineOccurrences:
    """The sentences that can be template text at all: short lines of at least two words."""
    keep = (features.line_chars <= config.boilerplate_max_chars) & (features.line_words >= MIN_WORDS)
    return LineOccurrences(features.line_hashes[keep], features.line_docs[keep])


def id_order(index: Index) -> IdOrder:
    """The scan keys of the index's documents (their id ranks)."""
    rows = index.metadata()
    return IdOrder.of([row[0] for row in rows], [row[1] for row in rows])


def corpus_facts(index: Index, config: ScanConfig, order: IdOrder) -> CorpusFacts:
    """Everything the scan's later phases need to know of every document, from the index, by scan key."""
    features = rekeyed(index.features(), order)
    by_key = {key: (doc_id, site, date, title) for key, doc_id, site, date, title in index.metadata()}
    documents = tuple(DocumentMeta(scan_key, *by_key[int(key)]) for scan_key, key in enumerate(order.index_keys))
    keys = features.doc_keys.tolist()
    style = dict(zip(keys, zip(features.style_words.tolist(), features.words.tolist(), strict=True), strict=True))
    leaked = {key: phrase for key, phrase in zip(keys, features.leaked.tolist(), strict=True) if phrase}
    return CorpusFacts(documents, line_occurrences(features, config), style, leaked)
