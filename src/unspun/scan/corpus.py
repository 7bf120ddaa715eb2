"""One pass over the whole collection: every document's metadata, its recurring-line hashes, its rewrite-style
rate and any leaked chatbot phrase. Cheap per document (no tokens, no embeddings), so it can read every one."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from unspun.index.store import CorpusRow
from unspun.kernels.tokens import stem, word_norms
from unspun.scan.boilerplate import LineOccurrences, countable
from unspun.scan.config import ScanConfig
from unspun.scan.records import DocumentMeta
from unspun.stages.judge.direction import is_rewrite_style
from unspun.stages.segment import line_hash

# What chatbots leave in text pasted from them: refusals, self-descriptions and the offer that opens or closes
# a rewrite. Content farms were exposed by exactly these phrases (NewsGuard, 2023); each is specific enough
# that a news article does not write it in passing.
CHATBOT_PHRASES = re.compile("|".join([
    r"as an ai(?: language model| assistant| model)?\b",
    r"\bi(?:'m| am) (?:just )?an ai\b",
    r"\b(?:certainly|sure|absolutely)[!,.]? here(?:'s| is) (?:a |the |your )?(?:rewritten|revised|paraphrased|"
    r"reworded|rephrased|new)",
    r"\bhere(?:'s| is) (?:a |the |your )?(?:rewritten|revised|paraphrased|reworded|rephrased) (?:version|article|"
    r"text|news)",
    r"\bi hope this (?:rewritten|revised|paraphrased) (?:version|article|text)",
    r"\bi (?:cannot|can't|am unable to) (?:browse|access) the internet\b",
    r"\bmy (?:knowledge|training) (?:cutoff|cut-off|data)\b",
    r"\bregenerate response\b",
    r"\bi'm sorry, but i (?:cannot|can't) (?:fulfil|fulfill|complete|assist)",
]), re.IGNORECASE)


@dataclass(frozen=True)
class CorpusFacts:
    """What the pass found: documents in key order, line occurrences, style counts and leaked phrases."""

    documents: tuple[DocumentMeta, ...]
    occurrences: LineOccurrences
    style: dict[int, tuple[int, int]]
    """``{document key: (rewrite-style words, words)}``."""
    leaked: dict[int, str]
    """``{document key: the first leaked chatbot phrase}``."""


def leaked_phrase(text: str) -> str | None:
    """The first leaked chatbot phrase in ``text``, as written there, or None."""
    match = CHATBOT_PHRASES.search(text)
    return match.group(0) if match else None


def style_counts(text: str) -> tuple[int, int]:
    """``(rewrite-style words, words)`` of a text."""
    norms = word_norms(text)
    return sum(1 for norm in norms if is_rewrite_style(stem(norm))), len(norms)


def read_corpus(rows: Iterable[CorpusRow], config: ScanConfig) -> CorpusFacts:
    """Read every row once; ``rows`` come in key order (:meth:`unspun.index.Index.corpus`)."""
    documents, hashes, owners, style, leaked = [], [], [], {}, {}
    for row in rows:
        documents.append(DocumentMeta(row.key, row.id, row.site, row.date, row.title))
        for start, end, _role in row.sentences:
            text = row.text[start:end]
            if countable(text, config):
                hashes.append(line_hash(text))
                owners.append(row.key)
        style[row.key] = style_counts(row.text)
        phrase = leaked_phrase(row.text)
        if phrase is not None:
            leaked[row.key] = phrase
    occurrences = LineOccurrences(np.asarray(hashes, dtype=np.uint64), np.asarray(owners, dtype=np.int64))
    return CorpusFacts(tuple(documents), occurrences, style, leaked)
