"""Benchmark: unspun's passage detection on a PAN text-alignment corpus, as JSON (for quality gates and notes).

    python bench/pan.py ../shared/corpora/pan13-train --jobs 2 > pan.json
    python bench/pan.py ../shared/corpora/pan13-train --score DETECTIONS_DIR   # score detections already written

The corpus path is an argument: no corpus text is ever copied into the repository. ``--score`` reads PAN XML
detection files laid out as ``unspun eval pan --out`` writes them (``DIR/<subset>/<pair>.xml``).
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict
from pathlib import Path

from unspun.eval.pan import DETECTION_FEATURE, read_annotations
from unspun.eval.pan_eval import PairOutcome, evaluate_pan, list_pairs, summarise
from unspun.stages.passages import PassageConfig
from unspun.version import __version__


def score_written(corpus: Path, detections: Path, subset: str | None) -> list[dict]:
    """Per-subset and overall scores of detection files already on disk."""
    pairs, _ = list_pairs(corpus, subset)
    outcomes = []
    for pair in pairs:
        written = detections / pair.subset / f"{pair.stem}.xml"
        found = read_annotations(written, DETECTION_FEATURE) if written.is_file() else []
        outcomes.append(PairOutcome(pair, tuple(read_annotations(pair.truth_path)), tuple(found)))
    names = sorted({p.subset for p in pairs})
    rows = [summarise(name, [o for o in outcomes if o.pair.subset == name]) for name in names]
    return [asdict(row) for row in (*rows, summarise("all", outcomes))]


def main() -> None:
    """Parse arguments, run or score, print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--subset")
    parser.add_argument("--out", type=Path, help="also write the PAN XML detections here")
    parser.add_argument("--score", type=Path, help="score detections already written in this folder")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.score:
        rows = score_written(args.corpus, args.score, args.subset)
        skipped: dict[str, int] = {}
    else:
        report = evaluate_pan(args.corpus, out=args.out, subset=args.subset, jobs=args.jobs)
        rows = [asdict(row) for row in (*report.subsets, report.overall)]
        skipped = report.skip_reasons
    print(json.dumps({"version": __version__, "passage_config": PassageConfig().to_dict(), "jobs": args.jobs,
                      "seconds": round(time.perf_counter() - started, 1), "skipped": skipped, "subsets": rows},
                     indent=2))


if __name__ == "__main__":
    main()
