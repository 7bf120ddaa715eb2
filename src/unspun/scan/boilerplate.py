"""Learn a collection's template text: lines that recur across *different* stories (site footers, bylines,
newsletter plugs, cookie notices), so that they never count as reuse evidence.

Written by hand because the distinction is ours to draw: a line is template text when it recurs in at least
``boilerplate_min_documents`` documents that tell at least ``boilerplate_min_stories`` different stories. A
line recurring because fifty sites copied one story recurs in fifty copies of *one* story, so it is reuse and
stays evidence. Stories are told apart by document vectors (the mean of a document's passage vectors, with the
collection's mean removed): two documents whose vectors are at least ``story_cosine`` alike tell one story.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from unspun.scan.config import ScanConfig
from unspun.scan.families import UNDATED
from unspun.scan.records import BoilerplateLine

MAX_STORIES = 20
"""Stories are counted up to this bound: enough to rank lines, and it caps the cost of a line on every page."""


@dataclass(frozen=True)
class LineOccurrences:
    """Where recurring lines occur: parallel arrays of line hash and document key, one entry per (line, doc)."""

    hashes: np.ndarray
    docs: np.ndarray


def recurring(occurrences: LineOccurrences, min_documents: int) -> dict[int, np.ndarray]:
    """``{line hash: sorted document keys}`` of the lines found in at least ``min_documents`` documents."""
    pairs = np.unique(np.stack([occurrences.hashes, occurrences.docs.astype(np.uint64)]), axis=1)
    hashes, docs = pairs[0], pairs[1].astype(np.int64)
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    ends = np.r_[starts[1:], len(hashes)]
    return {int(hashes[s]): docs[s:e] for s, e in zip(starts, ends, strict=True) if e - s >= min_documents}


def count_stories(vectors: np.ndarray, story_cosine: float) -> int:
    """Different stories among documents with these vectors, taken in the given order (greedy leaders, up to
    :data:`MAX_STORIES`): a document leads a new story when no earlier leader is ``story_cosine`` alike.

    Each new leader is compared once with every document after it (one matrix-vector product), so a line on
    thousands of copies of one story costs a product, not a loop over its documents.
    """
    best = np.full(len(vectors), -np.inf, dtype=np.float32)
    leaders, start = 0, 0
    while leaders < MAX_STORIES:
        open_ = np.flatnonzero(best[start:] < story_cosine)
        if not len(open_):
            break
        leader = start + int(open_[0])
        leaders += 1
        best[leader + 1:] = np.maximum(best[leader + 1:], vectors[leader + 1:] @ vectors[leader])
        start = leader + 1
    return leaders


def publication_order(docs: Sequence[int] | np.ndarray, dates: dict[int, str | None]) -> list[int]:
    """Document keys earliest first (undated last, then by key): the order stories are counted in, so that
    a story's first telling, which the later copies resemble, leads it."""
    return sorted((int(key) for key in docs), key=lambda key: (dates.get(key) or UNDATED, key))


def learn_boilerplate(occurrences: LineOccurrences, *, doc_vectors: np.ndarray, doc_keys: np.ndarray,
                      sites: dict[int, str | None], dates: dict[int, str | None],
                      texts_of: Callable[[list[tuple[int, int]]], dict[int, str]],
                      config: ScanConfig) -> list[BoilerplateLine]:
    """The template lines of a collection, by key. ``texts_of([(line hash, document key), ...])`` reads each
    line's text in the first document (by key) carrying it, all at once; ``sites`` and ``dates`` give each
    document's site and date."""
    row_of = {int(key): row for row, key in enumerate(doc_keys)}
    found = []
    for line_hash, docs in sorted(recurring(occurrences, config.boilerplate_min_documents).items()):
        ordered = doc_vectors[[row_of[key] for key in publication_order(docs, dates)]]
        stories = count_stories(ordered, config.story_cosine)
        if stories >= config.boilerplate_min_stories:
            found.append((line_hash, docs, stories))
    texts = texts_of([(line_hash, int(docs[0])) for line_hash, docs, _ in found])
    lines = [boilerplate_line(line_hash, texts[line_hash], docs, stories, sites) for line_hash, docs, stories in found]
    return sorted(lines, key=lambda line: line.key)


def boilerplate_line(line_hash: int, text: str, docs: np.ndarray, stories: int,
                     sites: dict[int, str | None]) -> BoilerplateLine:
    """A :class:`BoilerplateLine` with its site counts and scope."""
    per_site = Counter(sites.get(int(key)) or "" for key in docs)
    top = dict(sorted(per_site.items(), key=lambda kv: (-kv[1], kv[0]))[:20])
    single = next(iter(per_site)) if len(per_site) == 1 else None
    return BoilerplateLine(key=f"{line_hash:016x}", text=text, scope="site" if single is not None else "corpus",
                           site=single or None, documents=int(len(docs)), stories=stories, sites=top)


def document_vectors(passage_docs: np.ndarray, passage_vectors: np.ndarray, doc_keys: Sequence[int] | np.ndarray,
                     mean: np.ndarray | None = None) -> np.ndarray:
    """One unit vector per document of ``doc_keys``: the mean of its passage vectors, the collection's mean
    passage (``mean``, by default that of ``passage_vectors``) removed: static embeddings share a large common
    component. Zero for a document without passages.

    A document's passages are added in their order, as one running float64 sum (so one document alone, as the
    Spark engine sums it, gets the same bits); the sum advances all documents at once, passage rank by rank.
    """
    keys = np.asarray(doc_keys, dtype=np.int64)
    mean = centre(passage_vectors) if mean is None else mean
    rows = np.searchsorted(keys, passage_docs)
    order = np.argsort(rows, kind="stable")
    grouped = rows[order]
    firsts = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]]) if len(grouped) else grouped
    rank = np.arange(len(grouped)) - np.repeat(firsts, np.diff(np.r_[firsts, len(grouped)]))
    sums = np.zeros((len(keys), passage_vectors.shape[1]), dtype=np.float64)
    for step in range(int(rank.max()) + 1 if len(rank) else 0):
        taken = order[rank == step]
        sums[rows[taken]] += passage_vectors[taken].astype(np.float64) - mean
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return (sums / np.where(norms == 0, 1.0, norms)).astype(np.float32)


QUANTUM = 2.0 ** 32
"""Vector components are summed as integer multiples of ``1 / QUANTUM``: integer sums are exact in any order,
so the collection's mean is the same whichever engine sums it and however its rows are split."""

_SUM_ROWS = 16_384
"""Rows converted at a time by :func:`quantised_sum`: blocks that stay in cache, not a float64 copy of the
whole collection (6x faster at 190,000 passages, and a few MB instead of 400)."""


def quantised_sum(vectors: np.ndarray) -> np.ndarray:
    """The column sums of ``vectors`` in units of ``1 / QUANTUM``, exactly (int64 per column for one part;
    parts combine by adding, in any order, as Python or numpy integers)."""
    total = np.zeros(vectors.shape[1], dtype=np.int64)
    for start in range(0, len(vectors), _SUM_ROWS):
        block = vectors[start:start + _SUM_ROWS].astype(np.float64)
        block *= QUANTUM
        total += np.rint(block, out=block).astype(np.int64).sum(axis=0, dtype=np.int64)
    return total


def mean_of(total: np.ndarray, count: int) -> np.ndarray:
    """The mean row from a :func:`quantised_sum` of ``count`` rows."""
    return np.asarray([int(value) for value in total], dtype=np.float64) / QUANTUM / max(count, 1)


def centre(vectors: np.ndarray) -> np.ndarray:
    """The mean row, from an exact quantised sum (the same on every run and engine, in any row order)."""
    return mean_of(quantised_sum(vectors), len(vectors)) if len(vectors) else np.zeros(vectors.shape[1])
