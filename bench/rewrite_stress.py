"""Recall of ``derived`` when a farm trims, reorders and pads an LLM rewrite, and the false accusations the same
edits cause on hard negatives.

    python bench/rewrite_stress.py ../shared/corpora
    python bench/rewrite_stress.py ../shared/corpora --seed 1 --show-misses

MixSet dev gives one rewrite per original and operation; a content farm then edits it the way the seed pair
shows: drops sentences, moves a block, adds a sentence and a site footer. Those edits keep the label (the text
still derives from its source), so applying them to the 150 dev rewrites gives a larger, harder set than the
rewrites alone, on which thresholds tuned to the dev rewrites' quirks would show. The same edits are applied to
the rewrites compared with their hard negatives (same-topic BBC articles that are not the source), which must
stay below ``derived``.

Edits (deterministic per ``--seed``; sentences come from unspun's own segmenter):
- ``as is``: the rewrite unchanged;
- ``trimmed``: 30% of its sentences dropped at random (at least 3 kept);
- ``reordered``: its second half moved before its first half;
- ``padded``: two sentences of an unrelated BBC article and an invented site footer appended;
- ``farm``: trimmed, then reordered, then padded.
Each is compared with the rewrite's own original and with the full BBC article the original opens, in random
A/B order; ``direction`` is the share of those comparisons that name the source as the original.
Nothing here is tuned at run time; the script only measures.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from compare_quality import article_text, bbc_articles, count_comparison, read_jsonl  # bench/ is on the path

from unspun import compare
from unspun.embed import default_embedder
from unspun.model import VERDICTS
from unspun.stages.segment import make_document

FOOTER = ("Share this: Facebook, X, WhatsApp. Posted in World News. Leave a comment. "
          "Copyright 2026 Daily Trend Wire. All rights reserved.")
"""An invented site footer of the kind farms append (WordPress share links, category, copyright)."""

TRIM_SHARE = 0.3
MIN_KEPT = 3


def sentences(text: str) -> list[str]:
    """The body sentences of ``text`` as unspun segments them."""
    return [s.text for s in make_document(text, doc_id="stress").body]


def trimmed(parts: list[str], rng: random.Random, _: list[str]) -> list[str]:
    """``parts`` with :data:`TRIM_SHARE` of them dropped at random, keeping at least :data:`MIN_KEPT`."""
    drop = min(round(len(parts) * TRIM_SHARE), max(0, len(parts) - MIN_KEPT))
    dropped = set(rng.sample(range(len(parts)), drop))
    return [p for i, p in enumerate(parts) if i not in dropped]


def reordered(parts: list[str], _rng: random.Random, _: list[str]) -> list[str]:
    """``parts`` with the second half moved before the first."""
    half = len(parts) // 2
    return parts[half:] + parts[:half]


def padded(parts: list[str], rng: random.Random, foreign: list[str]) -> list[str]:
    """``parts`` plus two consecutive sentences of an unrelated article and the site footer."""
    start = rng.randrange(max(1, len(foreign) - 1))
    return parts + foreign[start:start + 2] + [FOOTER]


def farm(parts: list[str], rng: random.Random, foreign: list[str]) -> list[str]:
    """Trimmed, reordered, then padded."""
    return padded(reordered(trimmed(parts, rng, foreign), rng, foreign), rng, foreign)


EDITS: dict[str, Callable[[list[str], random.Random, list[str]], list[str]]] = {
    "as is": lambda parts, _rng, _foreign: parts, "trimmed": trimmed, "reordered": reordered, "padded": padded,
    "farm": farm}


def _foreign(bbc: dict[str, dict], avoid: set[str], rng: random.Random) -> list[str]:
    """The sentences of a random BBC article outside ``avoid`` (another topic than the pair's)."""
    pool = sorted(key for key in bbc if key.split("/")[0] not in avoid)
    return sentences(bbc[rng.choice(pool)]["text"])


def _edits(rewrite: str, topic: str, bbc: dict[str, dict], rng: random.Random) -> dict[str, str]:
    """``rewrite`` after each edit of :data:`EDITS`, by name, the padding taken from an article outside ``topic``
    (one ``rng`` through all of them, so the texts depend only on its seed)."""
    parts = sentences(rewrite)
    foreign = _foreign(bbc, {topic}, rng)
    return {edit: " ".join(apply(list(parts), rng, foreign)) for edit, apply in EDITS.items()}


def edited(pair: dict, bbc: dict[str, dict], seed: int) -> dict[str, str]:
    """The MixSet ``pair``'s rewrite after each edit of :data:`EDITS`, by name (the same texts for the same
    ``seed``; ``bench/haystack.py --edit`` queries them too)."""
    rng = random.Random(f"{seed}/{pair['mixset_id']}/{pair['operation']}")
    return _edits(pair["rewrite"], pair["bbc_id"].split("/")[0], bbc, rng)


def stress_sources(root: Path, seed: int, show_misses: bool) -> dict[tuple[str, str], Counter]:
    """``derived`` and the right original per (edit, source kind) over the dev rewrites (random A/B order), per
    operation family."""
    bbc = bbc_articles(root)
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for pair in read_jsonl(root / "mixset-news-dev" / "pairs.jsonl"):
        sources = {"original": pair["original"], "article": article_text(root, pair["bbc_id"])}
        for edit, text in edited(pair, bbc, seed).items():
            for kind, source in sources.items():
                swap = random.Random(f"{seed}/{pair['mixset_id']}/{pair['operation']}/{edit}/{kind}").random() < 0.5
                result = compare(text, source) if swap else compare(source, text)
                _tally(counts[(edit, kind)], result, "b" if swap else "a", pair["operation"])
                if show_misses and result.verdict != "derived":
                    print(f"miss: {edit} vs {kind}: mixset {pair['mixset_id']} {pair['operation']} -> {result.verdict}")
    return counts


def _tally(row: Counter, result, truth: str, operation: str) -> None:
    """Add one comparison to a row: pairs, ``derived`` (overall and per operation family), any reuse verdict,
    the right original (``truth`` is the source's side)."""
    family = "rewrite" if operation.endswith("_rewrite") else "polish"
    count_comparison(row, result, truth)
    row[f"{family} n"] += 1
    row[f"{family} derived"] += result.verdict == "derived"


def stress_negatives(root: Path, seed: int) -> dict[str, Counter]:
    """Verdicts per edit for the rewrites against their hard negatives."""
    bbc = bbc_articles(root)
    counts: dict[str, Counter] = defaultdict(Counter)
    for negative in read_jsonl(root / "mixset-news-dev" / "hard_negatives.jsonl"):
        rng = random.Random(f"{seed}/{negative['mixset_id']}/{negative['operation']}/{negative['negative_id']}")
        texts = _edits(negative["rewrite"], negative["negative_id"].split("/")[0], bbc, rng)
        for edit, text in texts.items():
            verdict = compare(negative["negative_text"], text).verdict
            counts[edit][verdict] += 1
            if verdict == "derived":
                counts[edit][f"derived {negative['negative_id']}"] += 1
    return counts


def _share(count: int, total: int) -> str:
    """``count/total`` as a percentage."""
    return f"{count / total:6.1%}" if total else "     -"


def print_sources(counts: dict[tuple[str, str], Counter]) -> None:
    """One row per edit and source kind."""
    print(f"{'edit':10s} {'source':9s} {'n':>4s} {'derived':>8s} {'rewrite':>8s} {'polish':>8s} {'reuse':>7s} "
          f"{'direction':>10s}")
    for (edit, kind), row in counts.items():
        print(f"{edit:10s} {kind:9s} {row['n']:4d} {_share(row['derived'], row['n']):>8s} "
              f"{_share(row['rewrite derived'], row['rewrite n']):>8s} "
              f"{_share(row['polish derived'], row['polish n']):>8s} {_share(row['reuse'], row['n']):>7s} "
              f"{_share(row['direction_ok'], row['n']):>10s}")


def print_negatives(counts: dict[str, Counter]) -> None:
    """One row per edit: how the hard negatives were judged, and which negatives were called derived."""
    print(f"\n{'edit':10s} {'n':>4s} {'derived':>8s} {'partial':>8s}  derived negatives")
    for edit, row in counts.items():
        n = sum(row[v] for v in VERDICTS)
        which = sorted({key.split(" ", 1)[1] for key in row if key.startswith("derived ")})
        print(f"{edit:10s} {n:4d} {_share(row['derived'], n):>8s} {_share(row['partially_derived'], n):>8s}  "
              + ", ".join(which))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path, help="the shared corpora folder (../shared/corpora)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show-misses", action="store_true", help="print every edited rewrite not called derived")
    args = parser.parse_args()
    default_embedder()
    started = time.perf_counter()
    print_sources(stress_sources(args.corpora, args.seed, args.show_misses))
    print_negatives(stress_negatives(args.corpora, args.seed))
    print(f"\n(total {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
