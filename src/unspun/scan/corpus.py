"""One pass over the whole collection: every document's metadata, its recurring-line hashes, its rewrite-style
rate and any leaked chatbot phrase. Cheap per document (no tokens, no embeddings), so it can read every one."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

import numpy as np

from unspun.index.store import CorpusRow, SqliteStore
from unspun.scan.boilerplate import LineOccurrences, countable
from unspun.scan.config import ScanConfig
from unspun.scan.records import DocumentMeta
from unspun.stages.judge.direction import is_rewrite_style_word
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


_CLUES = ("ai ", "ai,", "rewrit", "revised", "paraphras", "reworded", "rephrased", "browse", "access the internet",
          "cutoff", "cut-off", "training data", "regenerate", "i'm sorry")
"""Words one of :data:`CHATBOT_PHRASES` needs: texts without any (nearly all) skip the slower regex."""
_WORDS = re.compile(r"[^\W\d_]+")


def leaked_phrase(text: str) -> str | None:
    """The first leaked chatbot phrase in ``text``, as written there, or None."""
    lowered = text.lower()
    if not any(clue in lowered for clue in _CLUES):
        return None
    match = CHATBOT_PHRASES.search(text)
    return match.group(0) if match else None


def style_counts(text: str) -> tuple[int, int]:
    """``(rewrite-style words, words)`` of a text, counting each distinct word once and weighting it."""
    words = Counter(_WORDS.findall(text.lower()))
    return sum(count for word, count in words.items() if is_rewrite_style_word(word)), sum(words.values())


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


def merge_facts(parts: Sequence[CorpusFacts]) -> CorpusFacts:
    """The facts of consecutive pages as the facts of one pass (pages in key order)."""
    occurrences = LineOccurrences(np.concatenate([np.zeros(0, np.uint64)] + [p.occurrences.hashes for p in parts]),
                                  np.concatenate([np.zeros(0, np.int64)] + [p.occurrences.docs for p in parts]))
    return CorpusFacts(tuple(doc for part in parts for doc in part.documents), occurrences,
                       {k: v for part in parts for k, v in part.style.items()},
                       {k: v for part in parts for k, v in part.leaked.items()})


def read_page(index_dir: Path, page: tuple[int, int], config: ScanConfig) -> CorpusFacts:
    """:func:`read_corpus` over one page ``(after key, documents)``, through a connection of its own."""
    store = SqliteStore(index_dir)
    try:
        return read_corpus(store.corpus(after=page[0], limit=page[1]), config)
    finally:
        store.close()


def read_pages(index_dir: Path, pages: Sequence[tuple[int, int]], *, config: ScanConfig, jobs: int,
               on_page: Callable[[int], None]) -> CorpusFacts:
    """The corpus pass over ``pages``, in ``jobs`` processes when more than one; ``on_page`` gets each page's
    document count as it finishes. The result does not depend on ``jobs``."""
    if jobs <= 1 or len(pages) <= 1:
        parts = []
        for page in pages:
            parts.append(read_page(index_dir, page, config))
            on_page(page[1])
        return merge_facts(parts)
    with ProcessPoolExecutor(jobs, mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(read_page, index_dir, page, config) for page in pages]
        parts = []
        for page, future in zip(pages, futures, strict=True):
            parts.append(future.result())
            on_page(page[1])
    return merge_facts(parts)
