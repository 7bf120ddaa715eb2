"""``unspun eval pan``: run unspun's passage detection over a PAN text-alignment corpus and score it.

Each pair goes through :func:`unspun.pipeline.compare_documents` (source as A, suspicious document as B), the
very function ``unspun compare`` uses, and its ``passages`` become the PAN detections: compare and eval cannot
disagree. A pair whose documents or truth file cannot be read is skipped with a one-line reason; the run goes on.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from unspun.api import text_document
from unspun.config import CompareConfig
from unspun.embed import default_embedder
from unspun.errors import InputError
from unspun.eval.pan import (
    PanPair,
    passage_detections,
    read_annotations,
    read_pairs,
    read_pan_text,
    subset_dirs,
    write_detections,
)
from unspun.eval.plagdet import Annotation, PlagdetScore, score_plagdet
from unspun.eval.runner import run_tasks
from unspun.model import Document
from unspun.pipeline import compare_documents


@dataclass(frozen=True)
class PairOutcome:
    """What happened to one pair: its true cases and our detections, or why it was skipped."""

    pair: PanPair
    cases: tuple[Annotation, ...] = ()
    detections: tuple[Annotation, ...] = ()
    error: str | None = None
    reason: str | None = None
    seconds: float = 0.0


@dataclass(frozen=True)
class SubsetResult:
    """Scores of one subset (or ``all``): plagdet and its parts, pair counts and time spent."""

    subset: str
    score: PlagdetScore
    pairs: int
    skipped: int
    false_alarm_pairs: int
    negative_pairs: int
    seconds: float


@dataclass(frozen=True)
class PanReport:
    """Per-subset results, the overall row, malformed ``pairs`` lines, skipped pairs (one line each) and the
    number of skipped pairs or lines per reason."""

    subsets: tuple[SubsetResult, ...]
    overall: SubsetResult
    malformed: tuple[str, ...]
    errors: tuple[str, ...]
    skip_reasons: dict[str, int]
    wall_seconds: float


def read_pair(pair: PanPair, config: CompareConfig) -> tuple[tuple[Annotation, ...], Document, Document]:
    """The pair's true cases, its source document (A) and its suspicious document (B), segmented.

    Raises :class:`~unspun.errors.InputError` when a document or the truth file cannot be read.
    """
    cases = tuple(read_annotations(pair.truth_path))
    source = text_document(read_pan_text(pair.source_path), doc_id=pair.source, config=config)
    suspicious = text_document(read_pan_text(pair.suspicious_path), doc_id=pair.suspicious, config=config)
    return cases, source, suspicious


def detect_pair(task: tuple[PanPair, Path | None, CompareConfig]) -> PairOutcome:
    """Detect the passages of one pair, write them as PAN XML under ``out/<subset>/`` (if given), return both."""
    pair, out, config = task
    started = time.perf_counter()
    try:
        cases, source, suspicious = read_pair(pair, config)
    except InputError as error:
        return PairOutcome(pair, error=str(error), reason=error.problem.split(" (")[0])
    comparison = compare_documents(source, suspicious, embedder=default_embedder(), config=config)
    detections = tuple(passage_detections(comparison.passages, pair.suspicious, pair.source))
    if out is not None:
        write_detections(out / pair.subset / f"{pair.stem}.xml", pair.suspicious, list(detections))
    return PairOutcome(pair, cases, detections, seconds=time.perf_counter() - started)


def list_pairs(corpus: Path, subset: str | None = None) -> tuple[list[PanPair], list[str]]:
    """Every pair of the corpus (or of one subset), and one line per malformed ``pairs`` line."""
    pairs, skipped = [], []
    for folder in subset_dirs(corpus, subset):
        found, bad = read_pairs(corpus, folder)
        pairs += found
        skipped += [line.reason for line in bad]
    return pairs, skipped


def summarise(name: str, outcomes: Sequence[PairOutcome]) -> SubsetResult:
    """Pooled plagdet and counts over ``outcomes``."""
    done = [o for o in outcomes if o.error is None]
    score = score_plagdet([c for o in done for c in o.cases], [d for o in done for d in o.detections])
    negatives = [o for o in done if not o.cases]
    return SubsetResult(name, score, len(done), len(outcomes) - len(done),
                        sum(1 for o in negatives if o.detections), len(negatives), sum(o.seconds for o in outcomes))


def evaluate_pan(corpus: Path, *, out: Path | None = None, subset: str | None = None, jobs: int = 1,
                 config: CompareConfig | None = None,
                 on_start: Callable[[int], None] | None = None,
                 on_done: Callable[[PairOutcome], None] | None = None) -> PanReport:
    """Run and score every pair of a PAN corpus; ``on_start(total)`` and ``on_done(outcome)`` report progress."""
    started = time.perf_counter()
    pairs, bad_lines = list_pairs(corpus, subset)
    if on_start is not None:
        on_start(len(pairs))
    config = config or CompareConfig()
    outcomes = run_tasks(detect_pair, [(pair, out, config) for pair in pairs], jobs=jobs, on_done=on_done)
    names = sorted({p.subset for p in pairs})
    rows = tuple(summarise(name, [o for o in outcomes if o.pair.subset == name]) for name in names)
    errors = [o.error for o in outcomes if o.error]
    reasons = Counter(o.reason for o in outcomes if o.reason) + Counter("malformed line in pairs" for _ in bad_lines)
    return PanReport(rows, summarise("all", outcomes), tuple(bad_lines), tuple(errors), dict(reasons),
                     time.perf_counter() - started)
