"""Score ``unspun scan`` on a planted crawl (``bench/make_crawl.py``): family recall, purity, provenance
accuracy, farm sites ranked above the original site, BBC's exact duplicates found.

    python bench/make_crawl.py ../shared/corpora /tmp/crawl
    python bench/scan_quality.py /tmp/crawl [--index /tmp/crawl-idx] [--out /tmp/crawl-scan] [--jobs 2]

Builds the index from ``crawl.jsonl`` when ``--index`` does not exist yet, scans it, and prints the figures
with the planted documents each one misses. A chosen parent that is the same text as the planted one (a BBC
exact duplicate, or one differing only in punctuation) counts as right; ``provenance_strict`` does not.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from pathlib import Path

from unspun.index import Index
from unspun.scan import ScanConfig, ScanResult
from unspun.scan.state import STATE
from unspun.stages.ingest import iter_records


def build_index(crawl: Path, index_dir: Path) -> None:
    """Index the crawl (its site, date and url fields come along)."""
    with Index.open(index_dir) as index:
        report = index.add(iter_records([crawl / "crawl.jsonl"]))
    print(f"indexed {report.added} documents in {report.seconds:.1f} s")


def family_of(result: ScanResult) -> tuple[dict[str, str], dict[str, str]]:
    """``({document: family id}, {document: parent})`` from the scan result."""
    family = {doc: f.id for f in result.families for doc in f.members}
    parent = {edge.derived: edge.source for f in result.families for edge in f.edges}
    return family, parent


def punctuation_twins(crawl: Path, site: str) -> list[list[str]]:
    """``[doc, first doc]`` for the ``site`` articles whose text differs from an earlier id's only in punctuation
    and case (BBC's dataset marks exact duplicates only; ``tech/380`` and ``tech/022`` differ in one
    apostrophe). Choosing either as a parent is choosing the same text."""
    first: dict[str, str] = {}
    twins = []
    with (crawl / "crawl.jsonl").open(encoding="utf-8") as handle:
        docs = sorted((json.loads(line) for line in handle), key=lambda doc: doc["id"])
    for doc in docs:
        if doc.get("site") != site:
            continue
        key = " ".join(re.sub(r"[^\w\s]|_", "", doc["text"].lower()).split())
        if key in first:
            twins.append([doc["id"], first[key]])
        first.setdefault(key, doc["id"])
    return twins


def score(result: ScanResult, truth: dict, twins_of: list[list[str]] = ()) -> dict:
    """The benchmark's figures, with the misses behind each (``twins_of``: more [doc, same text] pairs)."""
    family, parent = family_of(result)
    planted = truth["planted"]
    recall_miss = [p for p in planted if family.get(p["id"]) is None or family.get(p["id"]) != family.get(p["story"])]
    twins = _duplicate_groups([*truth["bbc_exact_duplicates"], *twins_of])
    strict_miss = [p for p in planted if parent.get(p["id"]) != p["parent"]]
    parent_miss = [p for p in strict_miss if twins.get(parent.get(p["id"])) != twins.get(p["parent"], p["parent"])]
    story_of = {p["id"]: p["story"] for p in planted} | {story: story for story in truth["stories"]}
    impure = []
    for f in result.families:
        stories = {story_of[doc] for doc in f.members if doc in story_of}
        if len(stories) > 1:
            impure.append((f.id, sorted(stories)))
    related = {(p.a, p.b) for p in result.pairs} | {(p.b, p.a) for p in result.pairs}
    dups = truth["bbc_exact_duplicates"]
    dups_found = sum(1 for a, b in dups if (a, b) in related)
    ranking = [s.site for s in result.sites]
    original_rank = ranking.index(truth["original_site"]) if truth["original_site"] in ranking else None
    farms_above = sum(1 for site in truth["farm_sites"] if site in ranking and original_rank is not None
                      and ranking.index(site) < original_rank)
    return {"planted": len(planted), "family_recall": 1 - len(recall_miss) / len(planted),
            "purity": 1 - len(impure) / max(1, len(result.families)), "impure_families": impure,
            "provenance_accuracy": 1 - len(parent_miss) / len(planted),
            "provenance_strict": 1 - len(strict_miss) / len(planted),
            "farm_sites_above_original": f"{farms_above}/{len(truth['farm_sites'])}",
            "bbc_exact_duplicates_found": f"{dups_found}/{len(dups)}",
            "recall_misses": Counter(p["kind"] for p in recall_miss),
            "parent_misses": Counter(p["kind"] for p in parent_miss),
            "_recall_miss_ids": [p["id"] for p in recall_miss], "_parent_miss": parent_miss}


def _duplicate_groups(duplicates: list[list[str]]) -> dict[str, str]:
    """Each BBC exact duplicate mapped to the first of its group: a parent that is an exact duplicate of the
    planted parent is the same text published twice, and choosing the earlier one is right."""
    group: dict[str, str] = {}
    for doc, original in duplicates:
        root = group.get(original, original)
        group[original] = group[doc] = root
    return group


def main() -> None:
    """Parse arguments, build or open the index, scan, score, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("crawl", type=Path)
    parser.add_argument("--index", type=Path, default=Path("/tmp/crawl-idx"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/crawl-scan"))
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--options", default="{}", help="ScanConfig options as JSON")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    if not args.index.exists():
        build_index(args.crawl, args.index)
    truth = json.loads((args.crawl / "truth.json").read_text())
    started = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):  # scan afresh: a resumed scan would time and score an earlier run's pairs
        (args.out / f"{STATE}{suffix}").unlink(missing_ok=True)
    with Index.open(args.index, create=False) as index:
        result = index.scan(args.out, config=ScanConfig(**json.loads(args.options)), jobs=args.jobs)
    print(f"scan: {time.perf_counter() - started:.1f} s; {json.dumps(result.summary.to_dict())}")
    figures = score(result, truth, punctuation_twins(args.crawl, truth["original_site"]))
    for key, value in figures.items():
        if not key.startswith("_") or args.verbose:
            print(f"{key:<28}{value}")


if __name__ == "__main__":
    main()
