"""Scale of ``unspun scan``: scan indexes of growing size built from one crawl, and print time per phase,
documents per second, time(2N)/time(N) and peak memory.

    python bench/make_haystack.py ../shared/corpora/bbc-news/bbc_fulltext_2004_2005.jsonl 100000 /tmp/hay.jsonl
    python bench/make_crawl.py ../shared/corpora /tmp/crawl-big --extra /tmp/hay.jsonl --extra-limit 97593
    python bench/scan_scale.py /tmp/crawl-big/crawl.jsonl --sizes 25000 50000 100000 --work /tmp/scale --jobs 2

Indexes are built once (``WORK/index-N``, each the first N documents of the crawl) and reused; each scan runs
in a fresh process so that its peak memory is its own, and writes to a fresh output folder.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

SCAN = """
import json, sys, time, resource
from unspun.index import Index
started = time.perf_counter()
with Index.open(sys.argv[1], create=False) as index:
    result = index.scan(sys.argv[2], jobs=int(sys.argv[3]))
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "worker_peak_mb": children,
                  "summary": result.summary.to_dict()}))
"""


def build_index(crawl: Path, size: int, index_dir: Path, jobs: int) -> None:
    """Index the first ``size`` documents of the crawl (once)."""
    if (index_dir / "index.sqlite").is_file():
        return
    from unspun.index import Index
    from unspun.stages.ingest import iter_records

    started = time.perf_counter()
    with Index.open(index_dir) as index:
        report = index.add(itertools.islice(iter_records([crawl]), size), workers=jobs)
    print(f"index-{size}: {report.added} documents in {time.perf_counter() - started:.0f} s", flush=True)


def scan(index_dir: Path, out: Path, jobs: int) -> dict:
    """One scan in a fresh process; its figures."""
    shutil.rmtree(out, ignore_errors=True)
    done = subprocess.run([sys.executable, "-c", SCAN, str(index_dir), str(out), str(jobs)], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(size: int, figures: dict, previous: tuple[int, float] | None) -> None:
    """Print one size's line."""
    summary = figures["summary"]
    phases = ", ".join(f"{name} {value:.1f}" for name, value in summary["seconds"].items())
    growth = ""
    if previous is not None and size == 2 * previous[0]:
        growth = f"; time(2N)/time(N) {figures['seconds'] / previous[1]:.2f}"
    print(f"{size:>7} docs: {figures['seconds']:.1f} s, {size / figures['seconds']:.0f} docs/s, peak "
          f"{figures['peak_mb']:.0f} MB (workers {figures['worker_peak_mb']:.0f} MB); candidates "
          f"{summary['candidate_pairs']['total']}, verdicts {summary['verdicts']}; phases (s): {phases}{growth}",
          flush=True)


def main() -> None:
    """Parse arguments, build the indexes, scan each, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("crawl", type=Path)
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 50_000, 100_000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/scale"))
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    previous = None
    for size in args.sizes:
        index_dir = args.work / f"index-{size}"
        build_index(args.crawl, size, index_dir, args.jobs)
        figures = scan(index_dir, args.work / f"scan-{size}", args.jobs)
        report(size, figures, previous)
        previous = (size, figures["seconds"])
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"(this process, which built the indexes: peak {own:.0f} MB)")


if __name__ == "__main__":
    main()
