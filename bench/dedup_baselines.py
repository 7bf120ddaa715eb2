"""Near-duplicate clustering baselines for comparison with ``unspun scan``: text-dedup's MinHash and datasketch LSH.

Reads a JSONL with ``id`` and ``text`` fields and clusters it twice, timing each run (wall seconds, measured here):

- text-dedup 0.4.0's MinHash, run as a subprocess with the Python of a bench-only virtualenv (its defaults: word
  5-grams, 250 permutations, threshold 0.7, sha1, bands/rows chosen by ``optimal_param``, documents of fewer than 5
  tokens dropped, 2 worker processes on this machine). Its ``uf.pkl`` is read into clusters of ids. The time includes
  the interpreter's start-up and imports, HF datasets' JSON loading and the deduplicated dataset it saves.
- datasketch in this process: ``MinHash`` over lower-cased word 5-gram shingles, 128 permutations,
  ``MinHashLSH(threshold=0.5)``, every document inserted then queried, union-find over the hits (LSH candidates, no
  Jaccard check: text-dedup does none either).

Writes ``DIR/textdedup_clusters.json`` and ``DIR/datasketch_clusters.json``: sorted lists of sorted id lists, only
clusters with 2 members or more. ``--threshold`` sets both baselines' threshold (default: each one's own).

    python3.11 -m venv /tmp/dedup-venv && /tmp/dedup-venv/bin/pip install text-dedup==0.4.0
    python bench/dedup_baselines.py /tmp/crawl/crawl.jsonl --out /tmp/dedup-out

From another bench script: ``sys.path.insert(0, str(Path(__file__).parent))`` then
``from dedup_baselines import run_baselines``.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

DEFAULT_TEXTDEDUP_PYTHON = "/tmp/dedup-venv/bin/python"
DATASKETCH_THRESHOLD = 0.5
DATASKETCH_NUM_PERM = 128
SHINGLE_WORDS = 5
_WORD = re.compile(r"\w+")
_TOTAL = re.compile(r"Total\s*:\s*(?:\S+\.py:\d+\s+)?([0-9.]+)s")  # rich may wrap the line


class _UnionFind:
    """Union-find over hashable keys, with path halving; also stands in for text-dedup's class when unpickling."""

    def __init__(self) -> None:
        self.parent: dict = {}
        self.rank: Counter = Counter()

    def find(self, x):
        """The root of ``x`` (``x`` itself if never seen)."""
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x, y) -> None:
        """Merge the sets of ``x`` and ``y``."""
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[ry] = rx


class _UfUnpickler(pickle.Unpickler):
    """Loads text-dedup's pickled ``UnionFind`` without text-dedup installed; refuses any other class."""

    _ALLOWED = {("text_dedup.utils.union_find", "UnionFind"): _UnionFind, ("collections", "Counter"): Counter}

    def find_class(self, module: str, name: str):
        """Map the two classes a ``uf.pkl`` holds; anything else is an error."""
        try:
            return self._ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"unexpected class in uf.pkl: {module}.{name}") from None


def read_ids(jsonl_path: Path) -> list:
    """The ``id`` of each non-blank line, in file order (row index → id, as HF datasets numbers the rows)."""
    with jsonl_path.open(encoding="utf-8") as stream:
        return [json.loads(line)["id"] for line in stream if line.strip()]


def iter_texts(jsonl_path: Path) -> Iterator[str]:
    """The ``text`` of each non-blank line, in file order."""
    with jsonl_path.open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                yield json.loads(line)["text"] or ""


def _sort_key(value) -> tuple:
    """Sorts ids of mixed types (ints before strings) without a TypeError."""
    return (isinstance(value, str), value)


def normalise(clusters: Iterable[Iterable]) -> list[list]:
    """Sorted id lists, only those of 2 members or more, sorted."""
    groups = [sorted(set(group), key=_sort_key) for group in clusters]
    return sorted((g for g in groups if len(g) >= 2), key=lambda g: [_sort_key(x) for x in g])


def clusters_of(uf: _UnionFind, to_id=lambda key: key) -> list[list]:
    """The union-find's sets of 2 or more, each key mapped through ``to_id``."""
    groups: dict = {}
    for key in list(uf.parent):
        groups.setdefault(uf.find(key), []).append(to_id(key))
    return normalise(groups.values())


def textdedup_uf_clusters(uf_path: Path, ids: list) -> list[list]:
    """Clusters of ids from text-dedup's ``uf.pkl``.

    The pickle is a ``text_dedup.utils.union_find.UnionFind`` (attributes ``parent``: dict key → parent key, not
    fully path-compressed, and ``rank``: Counter). Only documents that share an LSH band with another one are keys.
    With ``--idx_column id`` (as run here) the keys are the ids themselves; without it they are row indices in JSONL
    line order, which is also accepted (then mapped through ``ids``).
    """
    with uf_path.open("rb") as stream:
        uf = _UfUnpickler(stream).load()
    known = set(ids)
    if all(key in known for key in uf.parent):
        return clusters_of(uf)
    if all(isinstance(key, int) and 0 <= key < len(ids) for key in uf.parent):
        return clusters_of(uf, lambda key: ids[key])
    raise ValueError(f"{uf_path}: keys are neither the JSONL's ids nor its row indices")


def textdedup_command(python: str, jsonl_path: Path, output: Path, cache: Path, threshold: float | None) -> list[str]:
    """The text-dedup MinHash command line (its defaults, plus ``--threshold`` if given)."""
    command = [python, "-m", "text_dedup.minhash", "--path", "json", "--data_files", str(jsonl_path.resolve()),
               "--split", "train", "--column", "text", "--idx_column", "id", "--output", str(output),
               "--cache_dir", str(cache), "--debug"]
    return command + (["--threshold", str(threshold)] if threshold is not None else [])


def run_textdedup(jsonl_path: Path, out_dir: Path, python: str, ids: list, threshold: float | None = None) -> dict:
    """Run text-dedup's MinHash as a subprocess: seconds, clusters, and its own "Total" (or an error and no clusters).

    Its deduplicated dataset goes to ``out_dir/textdedup``, its log to ``out_dir/textdedup.log``; the HF datasets
    cache is a temporary folder removed afterwards (so no run reuses another's prepared dataset).
    """
    output, log_path = out_dir / "textdedup", out_dir / "textdedup.log"
    shutil.rmtree(output, ignore_errors=True)
    env = {**os.environ, "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "COLUMNS": "200"}
    with tempfile.TemporaryDirectory(prefix="textdedup-cache-") as cache:
        command = textdedup_command(python, jsonl_path, output, Path(cache), threshold)
        start = time.perf_counter()
        try:
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        except OSError as error:
            return {"seconds": None, "clusters": None, "error": f"cannot start {python}: {error}"}
        seconds = time.perf_counter() - start
    log_path.write_text(done.stdout + done.stderr, encoding="utf-8")
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        return {"seconds": seconds, "clusters": None, "error": f"exit {done.returncode} (log: {log_path}):\n{tail}"}
    total = _TOTAL.search(done.stdout + done.stderr)
    return {"seconds": seconds, "clusters": textdedup_uf_clusters(output / "uf.pkl", ids),
            "internal_seconds": float(total.group(1)) if total else None}


def shingles(text: str) -> list[bytes]:
    """Distinct lower-cased word 5-grams (the whole text as one shingle if shorter; none if it has no word)."""
    words = _WORD.findall(text.lower())
    if len(words) <= SHINGLE_WORDS:
        return [" ".join(words).encode()] if words else []
    return list({" ".join(words[i:i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)})


def _shingle_sets(jsonl_path: Path, rows: list[int]) -> Iterator[list[bytes]]:
    """The shingles of each document that has a word, streamed; its row index is appended to ``rows``."""
    for row, text in enumerate(iter_texts(jsonl_path)):
        grams = shingles(text)
        if grams:
            rows.append(row)
            yield grams


def run_datasketch(jsonl_path: Path, ids: list, threshold: float | None = None) -> dict:
    """datasketch MinHash-LSH + union-find, in process: seconds (from reading the texts to the clusters), clusters.

    Documents without a word are left out (their empty MinHashes would all collide).
    """
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    start = time.perf_counter()
    rows: list[int] = []
    hashes = [LeanMinHash(m) for m in MinHash.generator(_shingle_sets(jsonl_path, rows), num_perm=DATASKETCH_NUM_PERM)]
    lsh = MinHashLSH(threshold=DATASKETCH_THRESHOLD if threshold is None else threshold, num_perm=DATASKETCH_NUM_PERM)
    with lsh.insertion_session() as session:
        for row, minhash in zip(rows, hashes, strict=True):
            session.insert(row, minhash, check_duplication=False)
    uf = _UnionFind()
    for row, minhash in zip(rows, hashes, strict=True):
        for other in lsh.query(minhash):
            if other != row:
                uf.union(row, other)
    clusters = clusters_of(uf, lambda key: ids[key])
    return {"seconds": time.perf_counter() - start, "clusters": clusters}


def summary(name: str, result: dict, documents: int) -> str:
    """One line: seconds, documents, clusters, documents in clusters (or the error)."""
    if result.get("clusters") is None:
        return f"{name}: FAILED: {result.get('error')}"
    clusters = result["clusters"]
    line = (f"{name}: {result['seconds']:.2f} s, {documents} documents, {len(clusters)} clusters, "
            f"{sum(len(c) for c in clusters)} documents in clusters")
    if result.get("internal_seconds") is not None:
        line += f" (text-dedup's own Total: {result['internal_seconds']:.2f} s)"
    return line


def run_baselines(jsonl_path, out_dir, textdedup_python: str = DEFAULT_TEXTDEDUP_PYTHON,
                  threshold: float | None = None) -> dict:
    """Run both baselines, write their cluster files, return ``{"textdedup": {...}, "datasketch": {...}}``.

    Each entry has ``seconds`` and ``clusters`` (sorted id lists of 2 or more); text-dedup's also has
    ``internal_seconds`` or, if it failed, ``clusters`` None and ``error`` (and no ``textdedup_clusters.json``).
    """
    jsonl_path, out_dir = Path(jsonl_path), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    ids = read_ids(jsonl_path)
    if len(set(ids)) != len(ids):
        print(f"warning: {jsonl_path} has {len(ids) - len(set(ids))} repeated ids", file=sys.stderr)
    results = {"textdedup": run_textdedup(jsonl_path, out_dir, textdedup_python, ids, threshold),
               "datasketch": run_datasketch(jsonl_path, ids, threshold)}
    for name, result in results.items():
        path = out_dir / f"{name}_clusters.json"
        path.unlink(missing_ok=True)
        if result["clusters"] is not None:
            path.write_text(json.dumps(result["clusters"]) + "\n", encoding="utf-8")
        result["documents"] = len(ids)
    return results


def main() -> None:
    """Run both baselines on the JSONL and print one line each."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("jsonl", type=Path, help="JSONL with 'id' and 'text' fields")
    parser.add_argument("--out", type=Path, required=True, help="folder for the cluster files and text-dedup's output")
    parser.add_argument("--textdedup-python", default=DEFAULT_TEXTDEDUP_PYTHON,
                        help="Python of the venv with text-dedup==0.4.0 (default: %(default)s)")
    parser.add_argument("--threshold", type=float, default=None,
                        help="MinHash threshold for both baselines (default: text-dedup 0.7, datasketch 0.5)")
    args = parser.parse_args()
    results = run_baselines(args.jsonl, args.out, args.textdedup_python, args.threshold)
    for name, result in results.items():
        print(summary(name, result, result["documents"]))


if __name__ == "__main__":
    main()
