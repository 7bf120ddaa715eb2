"""Benchmark: score passage-stage variants on a whole PAN corpus in seconds, from cached candidates.

    python bench/pan_sweep.py ../shared/corpora/pan13-train --cache /tmp/pan-cache --jobs 2 \\
        '{}' '{"edge_containment": 0.2}' '{"min_chars": 100, "single_seed_score": 0.5}'

Each argument is a JSON object of :class:`~unspun.stages.passages.PassageConfig` options (``{}`` = the shipped
defaults); each gets one line per subset and an overall line (plagdet, precision, recall, granularity, and
how many negative pairs got a detection). Segmentation and candidate search do not depend on the passage
options, so they run once per pair (about 4 minutes with ``--jobs 2`` on pan13-train) and are pickled under
``--cache``; every variant after that replays only the passage stage (about 15 s for 5,185 pairs). The cache
holds this project's own objects, written by this script; do not point ``--cache`` at files from elsewhere.
Delete it after changing segmentation or candidates.
"""

from __future__ import annotations

import argparse
import json
import pickle
import time
from pathlib import Path

from unspun.config import CompareConfig
from unspun.embed import default_embedder
from unspun.errors import InputError
from unspun.eval.pan import PanPair, passage_detections
from unspun.eval.pan_eval import PairOutcome, SubsetResult, list_pairs, read_pair, summarise
from unspun.eval.runner import run_tasks
from unspun.stages.candidates import find_candidates, prepare_document
from unspun.stages.passages import PassageConfig, find_passages


def _prepare(pair: PanPair) -> tuple | None:
    """(pair, source, suspicious, candidates, cases) for one pair, or None when it cannot be read."""
    config = CompareConfig()
    try:
        cases, source, suspicious = read_pair(pair, config)
    except InputError:
        return None
    prepared = (prepare_document(side, default_embedder()) for side in (source, suspicious))
    return pair, source, suspicious, find_candidates(*prepared, config), cases


def load_or_build(corpus: Path, cache: Path, jobs: int) -> list[tuple]:
    """Every readable pair's documents, candidates and true cases, from ``cache`` or computed and cached."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"{corpus.resolve().name}.pkl"
    if path.is_file():
        with path.open("rb") as handle:
            return pickle.load(handle)
    pairs, _ = list_pairs(corpus)
    prepared = [item for item in run_tasks(_prepare, pairs, jobs=jobs) if item is not None]
    partial = path.with_suffix(".tmp")
    with partial.open("wb") as handle:
        pickle.dump(prepared, handle, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)
    return prepared


def score_variant(prepared: list[tuple], config: PassageConfig) -> list[SubsetResult]:
    """Per-subset and overall results of the passage stage under ``config``."""
    outcomes = []
    for pair, source, suspicious, candidates, cases in prepared:
        passages = find_passages(source, suspicious, candidates, config)
        outcomes.append(PairOutcome(pair, cases, tuple(passage_detections(passages, pair.suspicious, pair.source))))
    names = sorted({o.pair.subset for o in outcomes})
    return [summarise(name, [o for o in outcomes if o.pair.subset == name]) for name in names] + [
        summarise("all", outcomes)]


def _line(row: SubsetResult) -> str:
    """One result row as text."""
    score = row.score
    return (f"  {row.subset:28s} plagdet {score.plagdet:.3f}  P {score.precision:.3f}  R {score.recall:.3f}  "
            f"G {score.granularity:.3f}  negatives flagged {row.false_alarm_pairs}/{row.negative_pairs}")


def main() -> None:
    """Parse arguments, load or build the cache, print one block per variant."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("variants", nargs="*", default=["{}"], help="JSON objects of PassageConfig options")
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_intermixed_args()
    prepared = load_or_build(args.corpus, args.cache, args.jobs)
    for variant in args.variants:
        started = time.perf_counter()
        rows = score_variant(prepared, PassageConfig(**json.loads(variant)))
        print(f"{variant}  ({time.perf_counter() - started:.0f} s)")
        print("\n".join(_line(row) for row in rows), flush=True)


if __name__ == "__main__":
    main()
