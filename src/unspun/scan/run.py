"""A scan, phase by phase: corpus pass → boilerplate → candidates → verification → families and sites → files.

Each phase reads what the one before left; the candidate list and every verified chunk are kept in the scan
state (:mod:`.state`), so an interrupted scan resumes where it stopped and ends with the same files.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from unspun.scan.boilerplate import centre, document_vectors, learn_boilerplate
from unspun.scan.candidates import CandidatePair, candidate_pairs, lsh_pairs, vector_pairs, with_lexical_support
from unspun.scan.config import ScanConfig
from unspun.scan.corpus import CorpusFacts, corpus_facts, id_order
from unspun.scan.families import build_families
from unspun.scan.order import IdOrder
from unspun.scan.output import write_results
from unspun.scan.records import BoilerplateLine, Family, ReusePair, ScanResult, ScanSummary
from unspun.scan.reports import write_report
from unspun.scan.sites import site_profiles
from unspun.scan.state import ScanState
from unspun.scan.verify import verify_pairs
from unspun.stages.segment import line_hash
from unspun.version import __version__, code_fingerprint

if TYPE_CHECKING:
    from unspun.index import Index

_PAGE = 500
"""Documents read per query when looking up learned lines' texts."""

PHASES = ("corpus", "boilerplate", "candidates", "verification", "families")


class ScanProgress(Protocol):
    """Receives progress: a phase starts (with its size when known), then advances."""

    def start(self, phase: str, total: int | None) -> None:
        """``phase`` (one of :data:`PHASES`) begins; ``total`` units of work, or None when unknown."""
        ...

    def advance(self, phase: str, amount: int) -> None:
        """``amount`` more units of ``phase`` are done."""
        ...


class _Silent:
    """Progress that goes nowhere (the Python API's default)."""

    def start(self, phase: str, total: int | None) -> None:
        """Ignore."""

    def advance(self, phase: str, amount: int) -> None:
        """Ignore."""


class _Clock:
    """Seconds spent per phase."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._phase, self._started = "", 0.0

    def start(self, phase: str) -> None:
        """Close the running phase and start ``phase``."""
        self.stop()
        self._phase, self._started = phase, time.perf_counter()

    def stop(self) -> None:
        """Close the running phase."""
        if self._phase:
            self.seconds[self._phase] = round(time.perf_counter() - self._started, 3)
            self._phase = ""


def _identity(index: Index, config: ScanConfig) -> dict:
    """What a resumed scan must share with the interrupted one: the index's state, the analysis options and the
    code (:func:`unspun.version.code_fingerprint`)."""
    counts = index.info()
    return {"index": str(index.directory.resolve()), "documents": counts.documents, "batches": counts.batches,
            "scan_config": config.analysis_dict(), "compare_config": index.compare_config.to_dict(),
            "unspun": __version__, "code": code_fingerprint(), "keys": "id rank"}


@dataclass(frozen=True)
class _Passages:
    """Every passage vector of the collection by scan key, with the collection's mean passage (read and summed
    once: the boilerplate's document vectors and the vector join both centre on it)."""

    docs: np.ndarray
    vectors: np.ndarray
    mean: np.ndarray


def _passages(index: Index, order: IdOrder) -> _Passages:
    """The index's passage vectors in scan-key order and their exact mean."""
    docs, vectors = order.rows(*index.passage_vectors())
    return _Passages(docs, vectors, centre(vectors))


def _line_texts(index: Index, order: IdOrder, wanted: list[tuple[int, int]]) -> dict[int, str]:
    """``{line hash: text}`` of each wanted (line hash, scan key): the documents read in pages."""
    texts = {}
    for start in range(0, len(wanted), _PAGE):
        page = wanted[start:start + _PAGE]
        stored = index.stored_documents({int(order.index_keys[key]) for _, key in page}, marked=False)
        for wanted_hash, key in page:
            document = stored[int(order.index_keys[key])].document
            texts[wanted_hash] = next(s.text for s in document.sentences if line_hash(s.text) == wanted_hash)
    return texts


def _learn_boilerplate(index: Index, facts: CorpusFacts, order: IdOrder, passages: _Passages,
                       config: ScanConfig) -> list[BoilerplateLine]:
    """Learn the collection's template lines and store them in the index (one transaction)."""
    doc_keys = np.asarray([doc.key for doc in facts.documents], dtype=np.int64)
    vectors = document_vectors(passages.docs, passages.vectors, doc_keys, passages.mean)
    lines = learn_boilerplate(facts.occurrences, doc_vectors=vectors, doc_keys=doc_keys,
                              sites={doc.key: doc.site for doc in facts.documents},
                              dates={doc.key: doc.date for doc in facts.documents},
                              texts_of=lambda wanted: _line_texts(index, order, wanted), config=config)
    index.set_learned_boilerplate((line.key, line.text, line.scope, line.site, line.documents, line.stories)
                                  for line in lines)
    return lines


def _candidates(index: Index, state: ScanState, order: IdOrder, passages: _Passages, *, config: ScanConfig,
                jobs: int) -> list[CandidatePair]:
    """The candidate pairs (by scan key): from the state when a previous run found them, else from both joins."""
    stored = state.candidates()
    if stored is not None:
        return stored
    keys, signatures = order.rows(*index.signatures())
    close = with_lexical_support(vector_pairs(passages.docs, passages.vectors, config, threads=jobs,
                                              mean=passages.mean), keys, signatures, config)
    pairs = candidate_pairs(lsh_pairs(keys, signatures, config), close)
    state.save_candidates(pairs)
    return pairs


def _verify(index: Index, state: ScanState, candidates: list[CandidatePair], *, order: IdOrder,
            config: ScanConfig, jobs: int, progress: ScanProgress) -> None:
    """Verify the candidates not verified yet, committing each chunk to the state."""
    done = state.done()
    todo = [(p.a, p.b) for p in candidates if (p.a, p.b) not in done]
    progress.start("verification", len(candidates))
    progress.advance("verification", len(candidates) - len(todo))

    def record(results: list) -> None:
        state.save_verified(results)
        progress.advance("verification", len(results))

    verify_pairs(todo, index_dir=index.directory, order=order, boilerplate=index.learned_boilerplate(), config=config,
                 compare_config=index.compare_config, embedder=index.embedder, jobs=jobs, on_chunk=record)


def _summary(facts: CorpusFacts, *, candidates: list[CandidatePair], pairs: list[ReusePair],
             families: tuple[Family, ...], sites: int, boilerplate: int, seconds: dict[str, float],
             errors: int) -> ScanSummary:
    """Counts of the scan."""
    found = Counter(p.found_by for p in candidates)
    sizes = Counter(family.size for family in families)
    return ScanSummary(documents=len(facts.documents),
                       candidate_pairs={"lsh": found["lsh"], "vectors": found["vectors"], "both": found["both"],
                                        "total": len(candidates)},
                       verdicts=dict(sorted(Counter(p.verdict for p in pairs).items())),
                       families_by_size={str(size): sizes[size] for size in sorted(sizes)}, sites=sites,
                       boilerplate_lines=boilerplate, seconds=seconds, errors=errors)


def scan_index(index: Index, out: Path, *, config: ScanConfig | None = None, jobs: int = 1,
               progress: ScanProgress | None = None) -> ScanResult:
    """Scan ``index`` into ``out`` (see :meth:`unspun.index.Index.scan`)."""
    config, progress, clock = config or ScanConfig(), progress or _Silent(), _Clock()
    state = ScanState(out, _identity(index, config))
    try:
        clock.start("corpus")
        progress.start("corpus", index.info().documents)
        order = id_order(index)
        facts = corpus_facts(index, config, order)
        progress.advance("corpus", len(facts.documents))
        clock.start("boilerplate")
        passages = _passages(index, order)
        boilerplate = _learn_boilerplate(index, facts, order, passages, config)
        clock.start("candidates")
        progress.start("candidates", None)
        candidates = _candidates(index, state, order, passages, config=config, jobs=jobs)
        del passages
        clock.start("verification")
        _verify(index, state, candidates, order=order, config=config, jobs=jobs, progress=progress)
        clock.start("families")
        pairs, errors = state.pairs(), state.errors()
        meta = {doc.id: doc for doc in facts.documents}
        families = build_families(pairs, meta, config)
        sites = site_profiles(families, facts)
        ids = {doc.key: doc.id for doc in facts.documents}
        error_rows = [{"a": ids[a], "b": ids[b], "error": message} for a, b, message in errors]
        clock.stop()
        summary = _summary(facts, candidates=candidates, pairs=pairs, families=families, sites=len(sites),
                           boilerplate=len(boilerplate), seconds=clock.seconds, errors=len(errors))
        write_results(out, pairs=pairs, families=families, sites=sites, boilerplate=boilerplate, summary=summary,
                      errors=error_rows)
        result = ScanResult(summary=summary, pairs=tuple(pairs), families=families, sites=sites,
                            boilerplate=tuple(boilerplate), out=str(out))
        write_report(index, out, result, config.pair_reports)
    finally:
        state.close()
    return result

