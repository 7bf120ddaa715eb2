"""The same collection through both scan engines: wall time, Spark's overhead, per-phase and per-stage times,
shuffle sizes, and whether the result files agree.

    python bench/spark_scan.py /tmp/crawl/crawl.jsonl --documents 20000 --work /tmp/spark-bench --master local[2]
    python bench/spark_scan.py /tmp/crawl/crawl.jsonl --single-bucket 2000     # k-means buckets on a small crawl

The first N documents of the JSONL file are written to ``WORK/input.jsonl``. The local engine indexes them
(``index add``) and scans the index; the Spark engine scans the JSONL file directly. Stage times and shuffle
bytes come from the Spark UI's REST API (``/api/v1/applications/<id>/stages``), read before the session stops.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import time
import urllib.request
from pathlib import Path

import pandas as pd


def first_documents(crawl: Path, count: int, path: Path) -> int:
    """Write the first ``count`` lines of ``crawl`` to ``path``; return how many there were."""
    with crawl.open("rb") as source, path.open("wb") as target:
        lines = list(itertools.islice(source, count))
        target.writelines(lines)
    return len(lines)


def run_local(path: Path, work: Path) -> dict:
    """Index and scan with the local engine; seconds of each part and per phase."""
    from unspun.index import Index
    from unspun.stages.ingest import iter_records

    started = time.perf_counter()
    with Index.open(work / "index") as index:
        index.add(iter_records([path]))
        indexed = time.perf_counter()
        result = index.scan(work / "local")
    done = time.perf_counter()
    return {"index_seconds": round(indexed - started, 1), "scan_seconds": round(done - indexed, 1),
            "total_seconds": round(done - started, 1), "phases": result.summary.seconds}


def _stages(spark) -> list[dict]:
    """Every completed stage's name, run time and shuffle bytes, from the UI's REST API."""
    url = spark.sparkContext.uiWebUrl
    app = spark.sparkContext.applicationId
    with urllib.request.urlopen(f"{url}/api/v1/applications/{app}/stages?status=complete") as answer:
        stages = json.load(answer)
    return [{"stage": s["stageId"], "name": s["name"].split(" at ")[0],
             "seconds": round(s["executorRunTime"] / 1000, 2),
             "shuffle_read_mb": round(s["shuffleReadBytes"] / 1e6, 2),
             "shuffle_write_mb": round(s["shuffleWriteBytes"] / 1e6, 2)} for s in stages]


def run_spark(path: Path, work: Path, master: str, partitions: int) -> dict:
    """Scan with the Spark engine; wall time, per-phase seconds, and stage figures."""
    from unspun.spark import SparkScan, scan_collection, spark_session

    started = time.perf_counter()
    spark = spark_session(master, shuffle_partitions=partitions)
    spark.sparkContext.setLogLevel("ERROR")
    session = time.perf_counter()
    result = scan_collection(spark, [str(path)], str(work / "spark"), SparkScan(partitions=partitions))
    done = time.perf_counter()
    stages = _stages(spark)
    spark.stop()
    return {"session_seconds": round(session - started, 1), "scan_seconds": round(done - session, 1),
            "phases": result.summary.seconds, "stages": stages,
            "shuffle_read_mb": round(sum(s["shuffle_read_mb"] for s in stages), 1),
            "shuffle_write_mb": round(sum(s["shuffle_write_mb"] for s in stages), 1),
            "executor_seconds": round(sum(s["seconds"] for s in stages), 1)}


def agree(work: Path) -> dict[str, bool]:
    """Whether both engines wrote the same pairs, families, sites and boilerplate."""
    pairs = [pd.read_parquet(work / engine / "pairs.parquet").sort_values(["a", "b"]).reset_index(drop=True)
             for engine in ("local", "spark")]
    same = {"pairs": pairs[0].equals(pairs[1])}
    for name in ("families", "sites", "boilerplate"):
        same[name] = (work / "local" / f"{name}.jsonl").read_bytes() == (work / "spark" / f"{name}.jsonl").read_bytes()
    return same


def main() -> None:
    """Run both engines on the first N documents and print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("crawl", type=Path)
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/spark-bench"))
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--single-bucket", type=int, default=None,
                        help="Passages up to which the vector join uses one bucket (lower it to exercise the "
                             "k-means buckets on a small collection; the driver decides, for both engines).")
    args = parser.parse_args()
    if args.single_bucket is not None:
        from unspun.scan import vectors

        vectors.SINGLE_BUCKET = args.single_bucket
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    count = first_documents(args.crawl, args.documents, args.work / "input.jsonl")
    local = run_local(args.work / "input.jsonl", args.work)
    spark = run_spark(args.work / "input.jsonl", args.work, args.master, args.partitions)
    print(json.dumps({"documents": count, "master": args.master, "local": local, "spark": spark,
                      "spark_overhead_seconds": round(spark["session_seconds"] + spark["scan_seconds"]
                                                      - local["total_seconds"], 1),
                      "identical": agree(args.work)}, indent=2))


if __name__ == "__main__":
    main()
