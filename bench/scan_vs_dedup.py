"""``unspun scan`` beside the near-duplicate clustering dataset builders use, on the same documents in the same run:
which planted rewrites each finds with their source, and what each costs.

    python3.11 -m venv /tmp/dedup-venv && /tmp/dedup-venv/bin/pip install text-dedup==0.4.0
    python bench/scan_vs_dedup.py /tmp/crawl-big --documents 10000 --work /tmp/vs-dedup --jobs 2 --repeat 3

Takes the first N documents of ``CRAWL/crawl.jsonl`` (the planted crawl comes first, then synthetic articles),
runs text-dedup's MinHash and datasketch LSH + union-find (``bench/dedup_baselines.py``), then unspun from the
raw text (index build + scan, so that all three start from the same JSONL). A planted document counts as found
when it lands in one cluster (family) with its planted parent.

With ``--repeat N`` the three run N times, in turn, and each time is the median of its N runs (the range is
printed beside it): on this shared 2-core VM one run of any of them moves by ±20% (text-dedup took 9.4 to 16.3 s
on the same 10k documents on different days), so a single run cannot tell 2.8× from 3.1×. Clusters are
deterministic; the first run's are scored.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from dedup_baselines import DEFAULT_TEXTDEDUP_PYTHON, run_baselines  # noqa: E402


def subset(crawl: Path, documents: int, out: Path) -> Path:
    """The first ``documents`` lines of the crawl."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with (crawl / "crawl.jsonl").open(encoding="utf-8") as source, out.open("w", encoding="utf-8") as target:
        target.writelines(itertools.islice(source, documents))
    return out


def run_unspun(jsonl: Path, work: Path, jobs: int) -> dict:
    """Index and scan with unspun; families as clusters."""
    from unspun.index import Index
    from unspun.stages.ingest import iter_records

    shutil.rmtree(work / "unspun", ignore_errors=True)
    started = time.perf_counter()
    with Index.open(work / "unspun" / "index") as index:
        index.add(iter_records([jsonl]), workers=jobs)
        built = time.perf_counter() - started
        result = index.scan(work / "unspun" / "scan", jobs=jobs)
    return {"seconds": time.perf_counter() - started, "index_seconds": built,
            "clusters": [list(family.members) for family in result.families]}


def found(clusters: list[list[str]], planted: list[dict]) -> Counter:
    """Planted documents in one cluster with their parent, by kind."""
    cluster_of = {doc: number for number, members in enumerate(clusters) for doc in members}
    hits = Counter()
    for item in planted:
        together = item["id"] in cluster_of and cluster_of.get(item["id"]) == cluster_of.get(item["parent"])
        hits[item["kind"]] += together
    return hits


def _one_round(jsonl: Path, args: argparse.Namespace) -> dict:
    """text-dedup, datasketch, then unspun, once each."""
    results = run_baselines(jsonl, args.work / "baselines", args.textdedup_python)
    return ({name: results[name] for name in ("textdedup", "datasketch")}
            | {"unspun": run_unspun(jsonl, args.work, args.jobs)})


def main() -> None:
    """Parse arguments, run the three, print one line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("crawl", type=Path)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/vs-dedup"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--textdedup-python", default=DEFAULT_TEXTDEDUP_PYTHON)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each tool; times are medians")
    args = parser.parse_args()
    jsonl = subset(args.crawl, args.documents, args.work / "subset.jsonl")
    ids = {json.loads(line)["id"] for line in jsonl.open(encoding="utf-8")}
    planted = [p for p in json.loads((args.crawl / "truth.json").read_text())["planted"]
               if p["id"] in ids and p["parent"] in ids]
    totals = Counter(p["kind"] for p in planted)
    runs = [_one_round(jsonl, args) for _ in range(args.repeat)]
    results = {name: runs[0][name] | {"runs": [run[name]["seconds"] for run in runs]} for name in runs[0]}
    for result in results.values():
        result["seconds"] = statistics.median(result["runs"])
    slowest_baseline = max(results[name]["seconds"] for name in ("textdedup", "datasketch"))
    print(f"{len(ids)} documents, planted pairs by kind: {dict(totals)}")
    for name, result in results.items():
        if result.get("clusters") is None:
            print(f"{name:<11} failed: {result.get('error')}")
            continue
        hits = found(result["clusters"], planted)
        by_kind = ", ".join(f"{kind} {hits[kind]}/{totals[kind]}" for kind in sorted(totals))
        extra = f" (index {result['index_seconds']:.1f} s)" if "index_seconds" in result else ""
        if len(result["runs"]) > 1:
            extra += f" [median of {min(result['runs']):.1f}-{max(result['runs']):.1f} s]"
        print(f"{name:<11} {result['seconds']:7.1f} s{extra}; found {sum(hits.values())}/{len(planted)}: {by_kind}")
    print(f"unspun / slowest baseline time: {results['unspun']['seconds'] / slowest_baseline:.2f}")


if __name__ == "__main__":
    main()
