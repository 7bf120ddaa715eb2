"""Speed of ``unspun compare``: warm time for two ~800-word articles, and the CLI's cold start.

    python bench/compare_speed.py ../shared/corpora

Warm: the model is loaded once, then each ~800-word BBC article is compared with a rewrite-like variant of
itself (sentences reordered, a third dropped) and with another ~800-word article; median and p95 over the
set, on one core (OMP/numpy threads pinned to 1). Cold: wall time of a fresh ``unspun compare --json`` process
on the seed pair, median of 5 runs (includes Python start-up, imports and model load).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _articles(corpora: Path, count: int) -> list[str]:
    """BBC articles of 700-900 words."""
    chosen = []
    with (corpora / "bbc-news" / "bbc_fulltext_2004_2005.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line)["text"]
            if 700 <= len(text.split()) <= 900:
                chosen.append(text)
            if len(chosen) == count:
                break
    return chosen


def _variant(text: str) -> str:
    """A rewrite-like variant: paragraphs reversed, every third one dropped."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    return "\n\n".join(p for i, p in enumerate(reversed(paragraphs)) if i % 3 != 2)


def warm(corpora: Path, count: int) -> list[float]:
    """Milliseconds per comparison, model already loaded."""
    from unspun import compare
    from unspun.embed import default_embedder

    default_embedder()
    articles = _articles(corpora, count)
    timings = []
    for index, article in enumerate(articles):
        for other in (_variant(article), articles[(index + 1) % len(articles)]):
            started = time.perf_counter()
            compare(article, other)
            timings.append(1000 * (time.perf_counter() - started))
    return timings


def cold(corpora: Path, runs: int = 5) -> list[float]:
    """Seconds for a fresh CLI process comparing the seed pair."""
    seeds = corpora / "seeds"
    command = [sys.executable, "-c", "from unspun.cli.main import run; run()", "compare",
               str(seeds / "000_8f352e26d93bee8b.txt"), str(seeds / "001_7598ea162cfcceb7.txt"), "--json"]
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        timings.append(time.perf_counter() - started)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path)
    parser.add_argument("--articles", type=int, default=40)
    args = parser.parse_args()
    timings = sorted(warm(args.corpora, args.articles))
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"warm compare, ~800-word articles: n={len(timings)} median {statistics.median(timings):.1f} ms, "
          f"p95 {p95:.1f} ms (target ≤ 50 ms)")
    starts = cold(args.corpora)
    print(f"cold start, unspun compare --json on the seeds: median {statistics.median(starts):.2f} s, "
          f"max {max(starts):.2f} s (target ≤ 2 s)")


if __name__ == "__main__":
    main()
