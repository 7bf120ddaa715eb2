"""Haystack benchmark: find each rewrite's true source among a news collection, against a MinHash-LSH baseline.

Indexes the BBC corpus (plus the original seed) with ``unspun.index``, queries every MixSet rewrite (its
``bbc_id`` is the true source) and the rewritten seed, and prints top-1 accuracy, the share of queries whose
true source is among the sources returned (``--top N``), the share whose top-1 is the true source with verdict
``derived``, query p50/p95 and build speed. Side by side, a
MinHash-LSH-only baseline (datasketch at its default threshold, same word 3-shingles) on the same queries.

    python bench/haystack.py ../shared/corpora/bbc-news/bbc_fulltext_2004_2005.jsonl \
        ../shared/corpora/mixset-news-dev/pairs.jsonl ../shared/corpora/seeds

Scale: ``--extra hay.jsonl`` adds a synthetic collection (``bench/make_haystack.py``) to the haystack, and
``--extra-limit N`` takes its first N articles; the run then also prints index size on disk and peak memory.
``--edit farm`` (or ``trimmed``, ``reordered``, ``padded``) queries the rewrites after that farm edit of
``bench/rewrite_stress.py``: the padding copies two sentences of another BBC article verbatim, so that article
is a true source of the query too, though not the one counted.
BBC holds exact duplicates (``exact_dup_of``); a top-1 that is an exact copy of the true source counts as found.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rewrite_stress import EDITS, edited  # bench/ is on the path when this script runs

from unspun.index import Index
from unspun.index.passages import shingles
from unspun.stages.ingest import SourceRecord, iter_records


@dataclass(frozen=True)
class Query:
    """A suspect text and the ids that count as its true source."""

    name: str
    text: str
    truth: frozenset[str]


def load_queries(bbc: Path, pairs: Path, seeds: Path, edit: str | None = None) -> tuple[list[Query], SourceRecord]:
    """The MixSet rewrites (after a farm ``edit`` of ``bench/rewrite_stress.py`` when given) and the rewritten
    seed, with their true sources; and the original seed's record."""
    rows = [json.loads(line) for line in bbc.open(encoding="utf-8")]
    copies: dict[str, set[str]] = {}
    for row in rows:
        root = row.get("exact_dup_of") or row["id"]
        copies.setdefault(root, set()).add(row["id"])
    family = {member: frozenset(group) for group in copies.values() for member in group}
    by_id = {row["id"]: row for row in rows}
    queries = [Query(f"mixset {p['mixset_id']} {p['operation']}", edited(p, by_id, 0)[edit] if edit else p["rewrite"],
                     family.get(p["bbc_id"], frozenset({p["bbc_id"]})))
               for p in map(json.loads, pairs.open(encoding="utf-8"))]
    original, rewritten = sorted(seeds.glob("00[01]_*.txt"))
    seed_record = SourceRecord(id=original.name, text=original.read_text(encoding="utf-8"), source=str(original))
    queries.append(Query("seed 001", rewritten.read_text(encoding="utf-8"), frozenset({original.name})))
    return queries, seed_record


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the add's worker processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def build(index_dir: Path, bbc: Path, seed: SourceRecord, *, extra: list[Path] = (),
          extra_limit: int | None = None, workers: int = 1) -> tuple[Index, float, int, float]:
    """Index the collection (streamed); return the index, docs/s, the number of documents and CPU ms per doc.

    CPU time per document does not depend on what else runs on the machine, wall-clock docs/s does.
    """
    started, cpu = time.perf_counter(), _cpu_seconds()
    index = Index.open(index_dir)
    synthetic = itertools.islice(iter_records(extra), extra_limit)
    report = index.add(itertools.chain(iter_records([bbc]), [seed], synthetic), workers=workers)
    seconds = time.perf_counter() - started
    return index, report.added / seconds, report.added, 1000 * (_cpu_seconds() - cpu) / report.added


def run_unspun(index: Index, queries: list[Query], top: int) -> dict[str, float]:
    """Top-1 accuracy, the true source anywhere among the ``top`` returned, derived share and latency of
    unspun's query."""
    hits = derived = returned = 0
    latencies = []
    for query in queries:
        started = time.perf_counter()
        matches = index.query(query.text, top=top)
        latencies.append(time.perf_counter() - started)
        first = matches[0] if matches else None
        found = first is not None and first.doc_id in query.truth
        hits += found
        returned += any(match.doc_id in query.truth for match in matches)
        derived += found and first.verdict == "derived"
        if not found:
            print(f"  miss: {query.name}: top-1 {first.doc_id if first else None} "
                  f"({first.verdict if first else '-'})")
    return {"top1": hits / len(queries), "returned": returned / len(queries), "derived": derived / len(queries),
            "p50_ms": 1000 * float(np.percentile(latencies, 50)), "p95_ms": 1000 * float(np.percentile(latencies, 95))}


def run_baseline(bbc: Path, seed: SourceRecord, queries: list[Query]) -> dict[str, float]:
    """datasketch MinHash LSH at its default threshold (0.9), candidates ranked by estimated Jaccard."""
    from datasketch import MinHash, MinHashLSH

    def signature(text: str) -> MinHash:
        minhash = MinHash(num_perm=128)
        minhash.update_batch([s.encode("utf-8") for s in shingles(text, 3)])
        return minhash

    lsh, signatures = MinHashLSH(num_perm=128), {}
    started = time.perf_counter()
    for record in [*iter_records([bbc]), seed]:
        signatures[record.id] = signature(record.text)
        lsh.insert(record.id, signatures[record.id])
    build_rate = len(signatures) / (time.perf_counter() - started)
    hits, latencies = 0, []
    for query in queries:
        started = time.perf_counter()
        probe = signature(query.text)
        found = sorted(lsh.query(probe), key=lambda key: -probe.jaccard(signatures[key]))
        latencies.append(time.perf_counter() - started)
        hits += bool(found) and found[0] in query.truth
    return {"top1": hits / len(queries), "returned": hits / len(queries), "derived": float("nan"),
            "build_docs_s": build_rate,
            "p50_ms": 1000 * float(np.percentile(latencies, 50)), "p95_ms": 1000 * float(np.percentile(latencies, 95))}


def _size(folder: Path) -> int:
    """Bytes of the files in ``folder``."""
    return sum(path.stat().st_size for path in folder.iterdir() if path.is_file())


def main() -> None:
    """Parse arguments, run both systems, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bbc", type=Path, help="bbc_fulltext_2004_2005.jsonl")
    parser.add_argument("pairs", type=Path, help="mixset-news-dev/pairs.jsonl")
    parser.add_argument("seeds", type=Path, help="folder with the 000_/001_ seed texts")
    parser.add_argument("--top", default="1,10", help="comma-separated sources returned per query (default 1,10)")
    parser.add_argument("--extra", type=Path, action="append", default=[], help="more collection files to index")
    parser.add_argument("--extra-limit", type=int, help="index only the first N records of the --extra files")
    parser.add_argument("--workers", type=int, default=1, help="processes that segment and embed (default 1)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the MinHash-LSH baseline")
    parser.add_argument("--edit", choices=[edit for edit in EDITS if edit != "as is"],
                        help="query the rewrites after this farm edit (bench/rewrite_stress.py)")
    args = parser.parse_args()
    queries, seed = load_queries(args.bbc, args.pairs, args.seeds, args.edit)
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "haystack.idx"
        index, rate, docs, cpu_ms = build(folder, args.bbc, seed, extra=args.extra, extra_limit=args.extra_limit,
                                          workers=args.workers)
        index.close()
        del index  # free the built index's vectors before reopening, so peak memory counts one copy
        opened = time.perf_counter()
        index = Index.open(folder, create=False)
        print(f"indexed {docs} documents at {rate:.0f} docs/s ({cpu_ms:.2f} CPU ms/doc), {_size(folder) / 1e6:.0f} MB "
              f"on disk, reopened in "
              f"{time.perf_counter() - opened:.1f} s; {len(queries)} queries")
        for top in map(int, args.top.split(",")):
            rows.append((f"unspun query --top {top}", {**run_unspun(index, queries, top), "build_docs_s": rate}))
        index.close()
    if not args.no_baseline:
        rows.append(("MinHash-LSH only (0.9)", run_baseline(args.bbc, seed, queries)))
    print(f"{'system':<28}{'top-1':>8}{'returned':>9}{'derived':>9}{'p50 ms':>9}{'p95 ms':>9}{'build docs/s':>14}")
    for name, row in rows:
        print(f"{name:<28}{row['top1']:>8.3f}{row['returned']:>9.3f}{row['derived']:>9.3f}{row['p50_ms']:>9.1f}"
              f"{row['p95_ms']:>9.1f}"
              f"{row['build_docs_s']:>14.0f}")
    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6:.2f} GB")


if __name__ == "__main__":
    main()
